/**
 * What an audit report shows, as plain data. `collectAudit` gathers it from a lint run; the
 * HTML and Markdown renderers only turn it into text, so both show the same numbers.
 */
import type { Diagnostic, Severity } from '../engine/types.js';
import type { TranslationReport } from '../lint/translations.js';
import type { ValueKind } from '../model/types.js';

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

export interface AuditData {
  tool: { name: string; version: string };
  /** Pages checked. */
  files: number;
  summary: Counts;
  byRule: RuleTotals[];
  byLocale: LocaleTotals[];
  /** Pages with at least one finding: most errors first, then most warnings, then by file. */
  byPage: PageTotals[];
  /** Every finding, in the engine's order (file, line, column, rule, message). */
  findings: Finding[];
  /** `consistency` and `translation-drift` findings: facts that disagree. */
  drift: Finding[];
  /** Every page of the run with its recognized tables, in the lister's order: the per-page view. */
  pages: AuditPage[];
  /** Every cell of those tables, numbered in page, table, row and cell order; matrices and findings refer to them by index. */
  facts: AuditFact[];
  /** One compatibility matrix per table kind and the page dimensions its facts carry (product), from source-locale pages. */
  matrices: Matrix[];
  /** Disagreements the matrices show, each once however many cells or matrices it touches. */
  disagreements: number;
  /** The dimension spread across a matrix's columns (`lang`). */
  columnDimension: string;
  /** Every translation against its base (or its source now), by locale: how the drift section groups translation-drift. */
  translations: TranslationReport;
}

export interface Finding extends Diagnostic {
  /** Locale of the page the finding is on (null outside the content folder or without a site). */
  locale: string | null;
  /** The facts the finding names (`Diagnostic.facts`), as indexes into `AuditData.facts`. */
  factIds: number[];
}

export interface RuleTotals extends Counts {
  ruleId: string;
  description: string;
}

export interface LocaleTotals extends Counts {
  locale: string | null;
  pages: number;
  /** Pages of this locale with at least one finding. */
  pagesWithFindings: number;
}

export interface PageTotals extends Counts {
  file: string;
  locale: string | null;
}

export interface AuditPage extends Counts {
  file: string;
  locale: string | null;
  /** The front matter `title`, when the page has one. */
  title: string | null;
  tables: AuditTable[];
}

/** A recognized table as the page writes it: its headers, its row keys, and the facts of its cells. */
export interface AuditTable {
  kind: string;
  /** Where the table is written: the page, or a partial it includes. */
  file: string;
  line: number;
  /** Headings the table is under, outermost first (empty for a partial's table). */
  section: string[];
  keyHeader: string;
  /** Column headers, in the order of the table's facts' `column`. */
  columns: string[];
  rows: Array<{ key: string; line: number; cells: Array<{ column: number; fact: number }> }>;
}

export interface AuditFact {
  file: string;
  line: number;
  column: number;
  chip: Chip;
}

export interface Matrix {
  /** Unique in the report, safe as an HTML id. */
  id: string;
  kind: string;
  description: string;
  /** The kind's key dimension (`deployment`), which names the row groups. */
  keyDimension: string;
  /** The kind's column dimensions (`capability`), which name the rows of a group. */
  columnDimensions: string[];
  /**
   * Page dimensions the kind's facts carry (`product`), with their values and a label to read:
   * the vocabulary's name for the value, else the section names of the folder it names.
   */
  group: Array<{ dimension: string; value: string; label: string }>;
  /** Column ids (`java`, `nodejs`...) and labels; `''` collects facts without the column dimension. */
  columns: Array<{ id: string; label: string }>;
  rowGroups: MatrixRowGroup[];
  /** Distinct disagreements among its cells: findings involving them, and cells whose values differ with no finding. */
  disagreements: number;
  /** Facts shown. */
  facts: number;
}

/** Rows that share a row key (a deployment type, a capability): one per column dimension value. */
export interface MatrixRowGroup {
  label: string;
  rows: MatrixRow[];
  highlighted: boolean;
}

export interface MatrixRow {
  /** Canonical dimensions of the row, without the column dimension: `capability=sca; deployment=aws-lambda`. */
  key: string;
  /** What the row adds to its group's label (the column header's term), or '' when nothing. */
  label: string;
  /** How the pages write the row's headers, for a tooltip. */
  written: string[];
  /** One per matrix column, null where no page states the fact. */
  cells: Array<MatrixCell | null>;
}

export interface MatrixCell {
  /** The fact's comparison key (every dimension, the column's included). */
  factKey: string;
  /** Distinct values stated for the cell, in source order. */
  values: Chip[];
  /** Every statement of the fact (indexes into `AuditData.facts`), in source order. */
  facts: number[];
  highlighted: boolean;
  /** Why: the stated values disagree, and/or a drift finding involves one of the cell's facts. */
  reasons: Array<'values' | 'finding'>;
  /** Rules of the drift findings that involve the cell. */
  rules: string[];
  /** The drift findings that involve the cell (indexes into `AuditData.findings`): their other locations are theirs to list. */
  findings: number[];
}

export interface Chip {
  kind: ValueKind;
  /** What the chip says: `yes`, `no`, `preview 2.21.0`, `>=1.5`, the cell's text. */
  label: string;
  /** The cell as written, when it says more than the label. */
  written: string;
}

export const severityOrder: readonly Severity[] = ['error', 'warning', 'info'];

/** Rules whose findings are drift: facts that should agree and do not. */
export const driftRules: readonly string[] = ['consistency', 'capability-not-ticked', 'translation-drift'];
