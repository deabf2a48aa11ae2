/**
 * The page model: everything a rule may know about one page, as plain JSON.
 *
 * No AST survives extraction. That keeps models cheap to cache, to send between
 * worker threads, and to diff between revisions.
 *
 * Positions are 1-based lines and columns. A column counts UTF-16 code units from the
 * start of the line (a tab is one column), as editors and SARIF do. `endLine`/`endColumn`
 * point just past the last character (exclusive end). Offsets are 0-based indexes into
 * the decoded text, after a UTF-8 byte order mark has been removed.
 */

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  offset: number;
  endOffset: number;
}

export type LineEnding = 'lf' | 'crlf' | 'cr' | 'mixed' | 'none';

export interface PageModel {
  /** Path relative to the working directory, with forward slashes. */
  file: string;
  /** sha256 of the file's bytes. */
  hash: string;
  bom: boolean;
  lineEnding: LineEnding;
  lineCount: number;
  frontMatter: FrontMatter | null;
  headings: Heading[];
  tables: Table[];
  /** Paragraphs with lines written like table rows, which GFM rendered as text (see `PipeParagraph`). */
  pipeParagraphs: PipeParagraph[];
  definitions: Definition[];
  references: Reference[];
  /** GFM footnotes: `[^1]: text` definitions and the `[^1]` references to them. */
  footnotes: Footnotes;
  /** Text that looks like a reference but did not become one (no definition, or malformed). */
  referenceCandidates: ReferenceCandidate[];
  links: Link[];
  images: Image[];
  shortcodes: Shortcode[];
  html: HtmlFragment[];
  comments: ControlComment[];
  /** Problems found while reading or parsing: the file itself is the finding. */
  problems: PageProblem[];
  /** The page's tables as facts, when the config describes table kinds or a site. */
  facts: PageFacts | null;
}

/**
 * What is kept of a page once its page rules have run: what corpus rules, suppressions, fixes
 * and reports read. Tables go (only page rules read them; their facts stay), and so do
 * reference candidates and pipe paragraphs: a tree's models then fit in a third less memory.
 */
export type CorpusPage = Omit<PageModel, 'tables' | 'pipeParagraphs' | 'referenceCandidates'>;

export interface FrontMatter {
  format: 'yaml' | 'toml';
  span: Span;
  /** Parsed data; null when it could not be parsed. */
  data: Record<string, unknown> | null;
  /** Position of each top-level key, for diagnostics about a key. */
  keys: Record<string, Span>;
}

export interface Heading {
  depth: number;
  text: string;
  /**
   * The anchor the site's generator makes of it (Hugo's unless `site` names another generator),
   * or its explicit `{#id}`; '' where the generator renders the line as no heading.
   */
  anchor: string;
  explicitId: boolean;
  span: Span;
}

export interface Table {
  /** Index of the table on its page, from 0. */
  index: number;
  span: Span;
  /** Texts of the enclosing headings, outermost first. */
  section: string[];
  /** Text of the paragraph just before the table, if any; it often names the table. */
  caption: string | null;
  align: Array<'left' | 'right' | 'center' | null>;
  header: Cell[];
  rows: Row[];
  /**
   * The source of each line of a Markdown table (header, delimiter row, body rows), without the
   * container's prefix (`> `, list indentation) and trailing whitespace: what a fix that
   * re-aligns the table rewrites. Empty when a line's layout is not plain enough to rewrite.
   */
  lines: TableLine[];
  /** Where the table came from: Markdown on the page, or an HTML table (a partial). */
  source: 'markdown' | 'html';
  /** Set when the table lives in another file (an included partial). */
  file?: string;
}

/**
 * A paragraph with a line written like a table row (it starts with `|` or a fullwidth `｜`) or
 * shaped like a delimiter row (`|---|---|`). GFM rendered it as text, so it is not among the
 * page's tables: it is what is left of a table that was meant and does not render.
 */
export interface PipeParagraph {
  span: Span;
  /** Each line without its container prefix (`> `, list indentation) and trailing whitespace. */
  lines: TableLine[];
  /** Index in `tables` of the table just before the paragraph, when only a blank line (or more) separates them. */
  afterTable: number | null;
}

export interface TableLine {
  text: string;
  span: Span;
}

export interface Row {
  span: Span;
  cells: Cell[];
}

export interface Cell {
  /** Source text between the pipes, trimmed. */
  raw: string;
  /** Plain text (Markdown markup removed, shortcodes and inline HTML kept). */
  text: string;
  value: Value;
  span: Span;
}

/** A parsed version expression, comparable across its spellings. */
export interface VersionExpr {
  /** Canonical text: equal for equal meaning (`1.8` and `` `1.8` ``, `>= 2.0` and `>=2.0`). */
  canonical: string;
  alternatives: VersionInterval[];
}

/**
 * The grammar a version cell is read with: `loose` (docs spellings, then every grammar below),
 * `npm` (semver ranges), `pep440` (Python specifiers) or `maven` (Maven ranges).
 */
export type VersionSyntax = 'loose' | 'npm' | 'pep440' | 'maven';

export interface VersionBound {
  version: string;
  inclusive: boolean;
}

export interface VersionInterval {
  min?: VersionBound;
  max?: VersionBound;
  /** A bare version such as `1.5.0`: its meaning (a minimum, or one release) depends on the column. */
  bare?: boolean;
  /** A qualifier such as `Node.js 16+` in `4.18.0 for Node.js 16+`. */
  condition?: string;
}

export type Value =
  | { kind: 'supported' }
  | { kind: 'unsupported'; empty?: boolean }
  | { kind: 'preview'; version?: VersionExpr }
  | { kind: 'version'; version: VersionExpr }
  /** `term`: the text was canonicalized to a vocabulary id, so it compares across languages. */
  | { kind: 'text'; text: string; term?: boolean };

export type ValueKind = Value['kind'];

export interface Definition {
  label: string;
  /** Normalized label, as CommonMark matches labels. */
  identifier: string;
  url: string;
  title: string | null;
  span: Span;
}

export interface Footnotes {
  definitions: Array<{ label: string; identifier: string; span: Span }>;
  /** The identifiers (normalized labels) that `[^label]` references use. */
  references: string[];
}

export interface Reference {
  kind: 'link' | 'image';
  referenceType: 'full' | 'collapsed' | 'shortcut';
  label: string;
  identifier: string;
  /** Source text of the label part (between its brackets), untrimmed. */
  rawLabel: string;
  span: Span;
  /** Span of the label part including its brackets. */
  labelSpan: Span;
}

export interface ReferenceCandidate {
  /** What it looks like: `[text][label]`, `[label][]`, or `[text] [label]` (a space between). */
  shape: 'full' | 'collapsed' | 'spaced';
  label: string;
  identifier: string;
  span: Span;
}

export interface Link {
  url: string;
  title: string | null;
  text: string;
  span: Span;
  /** Set for links written as references: the definition's label. */
  reference?: string;
}

export interface Image {
  url: string;
  alt: string;
  title: string | null;
  span: Span;
  reference?: string;
}

export interface Shortcode {
  name: string;
  /** `<` for `{{< >}}`, `%` for `{{% %}}`. */
  delimiter: '<' | '%';
  closing: boolean;
  positional: string[];
  named: Record<string, string>;
  raw: string;
  span: Span;
  /** True when the shortcode sits inside a table cell. */
  inTable: boolean;
}

export interface HtmlFragment {
  block: boolean;
  value: string;
  span: Span;
}

export type ControlDirective = 'disable' | 'enable' | 'disable-next-line' | 'disable-line' | 'disable-file';

export interface ControlComment {
  directive: ControlDirective;
  /** Rule ids named by the comment; empty means every rule. */
  rules: string[];
  span: Span;
}

export interface PageProblem {
  ruleId: 'parse-error' | 'frontmatter-invalid';
  messageId: string;
  data: Record<string, string | number>;
  span: Span;
}

/** How a column's cells are read: tick marks and statuses, version expressions, or text. */
export type ColumnType = 'status' | 'version' | 'text';

/** What a page's tables state, as facts: `dimensions → value`. Plain JSON, cached with the page. */
export interface PageFacts {
  /** Locale from the path (`content/<locale>/...`), or null outside the content folder. */
  locale: string | null;
  /** Path inside the locale folder: the same for a page and its translations. */
  localPath: string;
  /** Path relative to the config file's folder, which `files` globs in config are written against. */
  configPath: string;
  /** Dimensions read from the page (front matter, path). */
  dimensions: Record<string, string>;
  tables: FactTable[];
  /**
   * On a translated page, the tables no kind recognizes, read generically (kind `""`): a
   * translated key header can hide a table that the source page's kind recognizes, and
   * translation-drift pairs them by shape and rows. Only that rule reads them.
   */
  untyped?: FactTable[];
}

export interface FactColumn {
  /** Index of the cell in the row. */
  index: number;
  header: string;
  /** Canonical id of the header in `dimension`'s vocabulary (or its normalized text). */
  id: string;
  dimension: string;
  known: boolean;
  type: ColumnType;
  /** For version columns: the grammar their cells are read with. */
  versionSyntax?: VersionSyntax;
}

export interface FactTable {
  kind: string;
  /** Index in the page's `tables`. */
  table: number;
  /** Where the table is written (the page, or a partial it includes). */
  file: string;
  span: Span;
  section: string | null;
  keyHeader: string;
  columns: FactColumn[];
  rows: FactRow[];
}

export interface FactRow {
  /** Index in the table's rows. */
  index: number;
  span: Span;
  keyText: string;
  keyId: string;
  keyKnown: boolean;
  keySpan: Span;
  /** Language-neutral part of the key (link labels, code, ASCII words), to pair translated rows. */
  keySignature: string;
  /** For version-range keys: the range, compared by overlap. */
  keyRange?: VersionExpr;
  facts: Fact[];
}

export interface Fact {
  /** Index in the table's `columns`. */
  column: number;
  dimensions: Record<string, string>;
  /** Stable comparison key: the dimensions, sorted. */
  key: string;
  value: Value;
  raw: string;
  text: string;
  span: Span;
}

/**
 * A fact a finding is about: the file that states it (a page or a partial), its key (its
 * dimensions, as `Fact.key`) and where its cell is. How reports and tools reach facts.
 */
export interface FactRef {
  file: string;
  key: string;
  line: number;
  column: number;
}
