import type { LintResult, RuleMeta } from '../engine/types.js';

export interface ReporterContext {
  rules: readonly RuleMeta[];
  color: boolean;
  toolVersion: string;
  /** `https://github.com/ORG/REPO/blob/SHA/{file}#L{line}`: turns locations into links. */
  linkTemplate?: string;
  /** The longest report, in UTF-8 bytes, for formats with a cap (`markdown`: 1,000,000 by default, a job summary). */
  maxBytes?: number;
  /** Each rule's documentation (Markdown) by id, for reports that carry it (SARIF `help`). */
  ruleHelp?: ReadonlyMap<string, string>;
}

/** A reporter is pure: the same result always renders to the same text, and nothing is printed. */
export type Reporter = (result: LintResult, context: ReporterContext) => string;
