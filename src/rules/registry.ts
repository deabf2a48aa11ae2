import type { Rule } from '../engine/types.js';
import { capabilityNotTicked } from './capability-not-ticked/index.js';
import { consistency } from './consistency/index.js';
import { controlComment } from './control-comment/index.js';
import { frontmatterInvalid } from './frontmatter-invalid/index.js';
import { frontmatterSchema } from './frontmatter-schema/index.js';
import { imageMissing } from './image-missing/index.js';
import { linkAnchorMissing } from './link-anchor-missing/index.js';
import { linkExternal } from './link-external/index.js';
import { linkPageMissing } from './link-page-missing/index.js';
import { parseError } from './parse-error/index.js';
import { partialMissing } from './partial-missing/index.js';
import { referenceDuplicate } from './reference-duplicate/index.js';
import { referenceRedundant } from './reference-redundant/index.js';
import { referenceMalformed } from './reference-malformed/index.js';
import { referenceUndefined } from './reference-undefined/index.js';
import { referenceUnused } from './reference-unused/index.js';
import { tableAlignment } from './table-alignment/index.js';
import { tableCheckMark } from './table-check-mark/index.js';
import { tableColumnCount } from './table-column-count/index.js';
import { tableDuplicateKey } from './table-duplicate-key/index.js';
import { tableMalformed } from './table-malformed/index.js';
import { tableKindUnused } from './table-kind-unused/index.js';
import { tableUnrecognized } from './table-unrecognized/index.js';
import { tableMissing } from './table-missing/index.js';
import { tableSchema } from './table-schema/index.js';
import { translationDrift } from './translation-drift/index.js';
import { truthDrift } from './truth-drift/index.js';

/** Every rule, in the order `compatlint rules` lists them. Explicit on purpose: no discovery by glob. */
export const builtinRules: readonly Rule[] = [
  parseError,
  frontmatterInvalid,
  frontmatterSchema,
  tableColumnCount,
  tableMalformed,
  tableDuplicateKey,
  tableAlignment,
  tableCheckMark,
  referenceUndefined,
  referenceUnused,
  referenceDuplicate,
  referenceRedundant,
  referenceMalformed,
  controlComment,
  linkPageMissing,
  linkAnchorMissing,
  partialMissing,
  imageMissing,
  linkExternal,
  tableSchema,
  tableMissing,
  tableKindUnused,
  tableUnrecognized,
  consistency,
  capabilityNotTicked,
  translationDrift,
  truthDrift,
];
