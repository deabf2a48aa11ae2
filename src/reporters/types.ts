import type { LintResult, RuleMeta } from '../engine/types.js';

export interface ReporterContext {
  rules: readonly RuleMeta[];
  color: boolean;
  toolVersion: string;
  /** `https://github.com/ORG/REPO/blob/SHA/{file}#L{line}`: turns locations into links. */
  linkTemplate?: string;
  /** Each rule's documentation (Markdown) by id, for reports that carry it (SARIF `help`). */
  ruleHelp?: ReadonlyMap<string, string>;
}

/** A reporter is pure: the same result always renders to the same text, and nothing is printed. */
export type Reporter = (result: LintResult, context: ReporterContext) => string;
