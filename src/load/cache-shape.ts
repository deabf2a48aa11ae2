import type { LintResult } from '../engine/types.js';
import type { PageModel } from '../model/types.js';

/**
 * Whether what a cache file holds has the shape the code that reads it expects. Its header
 * (format, version, key) says which entry it claims to be, not that the rest is whole: a file
 * written by another build of the same version, or by hand, can claim anything, and a model
 * missing its `headings` would crash a rule far from here. Written by hand because the page
 * model has no JSON Schema to validate against; it checks every field rules iterate or compare,
 * down to spans, cells and facts, which is what costs a crash when wrong, not every string.
 */
export function isCachedPage(entry: unknown): entry is { page: PageModel; deps: Array<{ abs: string; hash: string | null }> } {
  if (!isObject(entry) || !Array.isArray(entry.deps) || !entry.deps.every(isDependency)) return false;
  return isPageModel(entry.page);
}

/** Whether a stored whole result can be reported as it is. */
export function isLintResult(value: unknown): value is LintResult {
  if (!isObject(value) || typeof value.files !== 'number' || !isStringArray(value.checked) || !isObject(value.summary)) return false;
  const { summary } = value;
  if (!['errors', 'warnings', 'infos'].every((k) => typeof summary[k] === 'number')) return false;
  if (!Array.isArray(value.notices) || !value.notices.every((n) => isObject(n) && typeof n.id === 'string')) return false;
  return Array.isArray(value.diagnostics) && value.diagnostics.every(isDiagnostic);
}

type Loose = Record<string, unknown>;

function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((s) => typeof s === 'string');
}

function arrayOf(value: unknown, item: (x: Loose) => boolean): boolean {
  return Array.isArray(value) && value.every((x) => isObject(x) && item(x));
}

const SPAN_FIELDS = ['line', 'column', 'endLine', 'endColumn', 'offset', 'endOffset'];

function isSpan(value: unknown): boolean {
  return isObject(value) && SPAN_FIELDS.every((k) => typeof value[k] === 'number');
}

const spanned = (x: Loose) => isSpan(x.span);

function isDependency(value: unknown): boolean {
  return isObject(value) && typeof value.abs === 'string' && (value.hash === null || typeof value.hash === 'string');
}

function isPageModel(page: unknown): boolean {
  if (!isObject(page)) return false;
  if (typeof page.file !== 'string' || typeof page.hash !== 'string' || typeof page.bom !== 'boolean') return false;
  if (typeof page.lineEnding !== 'string' || typeof page.lineCount !== 'number') return false;
  if (page.frontMatter !== null && !isFrontMatter(page.frontMatter)) return false;
  const lists = ['headings', 'definitions', 'references', 'referenceCandidates', 'links', 'images', 'html', 'problems'];
  if (!lists.every((k) => arrayOf(page[k], spanned))) return false;
  if (!arrayOf(page.shortcodes, (s) => spanned(s) && typeof s.name === 'string' && isStringArray(s.positional) && isObject(s.named))) return false;
  if (!arrayOf(page.comments, (c) => spanned(c) && isStringArray(c.rules))) return false;
  if (!isObject(page.footnotes) || !arrayOf(page.footnotes.definitions, spanned) || !isStringArray(page.footnotes.references)) return false;
  if (!arrayOf(page.tables, isTable)) return false;
  return page.facts === null || isPageFacts(page.facts);
}

function isFrontMatter(value: unknown): boolean {
  return isObject(value) && typeof value.format === 'string' && isSpan(value.span) && (value.data === null || isObject(value.data)) && isObject(value.keys);
}

function isCell(cell: Loose): boolean {
  return spanned(cell) && typeof cell.raw === 'string' && typeof cell.text === 'string' && isObject(cell.value) && typeof cell.value.kind === 'string';
}

function isTable(table: Loose): boolean {
  return spanned(table) && arrayOf(table.header, isCell) && arrayOf(table.rows, (row) => spanned(row) && arrayOf(row.cells, isCell));
}

function isPageFacts(facts: unknown): boolean {
  if (!isObject(facts) || !isObject(facts.dimensions) || typeof facts.localPath !== 'string') return false;
  return arrayOf(facts.tables, isFactTable) && (facts.untyped === undefined || arrayOf(facts.untyped, isFactTable));
}

function isFactTable(table: Loose): boolean {
  if (!spanned(table) || typeof table.kind !== 'string' || typeof table.file !== 'string') return false;
  if (!arrayOf(table.columns, (c) => typeof c.index === 'number' && typeof c.id === 'string' && typeof c.dimension === 'string')) return false;
  return arrayOf(table.rows, (row) => spanned(row) && isSpan(row.keySpan) && typeof row.keyId === 'string' && arrayOf(row.facts, isFact));
}

function isFact(fact: Loose): boolean {
  return spanned(fact) && typeof fact.column === 'number' && typeof fact.key === 'string' && isObject(fact.dimensions) && isObject(fact.value) && typeof fact.value.kind === 'string';
}

function isDiagnostic(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (!['file', 'ruleId', 'severity', 'message', 'messageId'].every((k) => typeof value[k] === 'string')) return false;
  if (!['line', 'column', 'endLine', 'endColumn'].every((k) => typeof value[k] === 'number')) return false;
  return isObject(value.data) && Array.isArray(value.related) && value.related.every(isObject) && Array.isArray(value.facts);
}
