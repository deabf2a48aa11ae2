import { compareStrings } from '../util/strings.js';
import { alignColumns, alignRows } from '../facts/align.js';
import type { Fact, FactColumn, FactRow, FactTable } from '../model/facts.js';
import type { PageModel, Span, Value } from '../model/types.js';
import { valueKey, versionOf } from '../model/values.js';
import { compareVersions, lowestVersion } from '../model/version.js';
import type { Rename } from '../load/git.js';
import type { Snapshot, SnapshotPage } from './snapshot.js';

export type ChangeClass =
  | 'support-removed'
  | 'version-raised'
  | 'support-added'
  | 'version-lowered'
  | 'status-changed'
  | 'value-changed'
  | 'row-added'
  | 'row-removed'
  | 'column-added'
  | 'column-removed'
  | 'table-added'
  | 'table-removed';

/**
 * Changes that take support away from someone: a CI job can fail on these alone. A removed row
 * or table is breaking too when it stated support or a version (see `rowCarriesSupport`).
 */
export const BREAKING: ReadonlySet<ChangeClass> = new Set(['support-removed', 'version-raised']);

export interface Location {
  file: string;
  line: number;
  column: number;
}

export interface Change {
  class: ChangeClass;
  breaking: boolean;
  /** The page as it is in the head revision (or in the base one, when it is gone). */
  page: string;
  table: { kind: string; title: string };
  row?: string;
  column?: string;
  before?: string;
  after?: string;
  base?: Location;
  head?: Location;
}

export interface DiffProblem {
  file: string;
  revision: string;
  message: string;
}

export interface DiffResult {
  base: string;
  head: string;
  /** Pages compared (present in either revision). */
  pages: number;
  changes: Change[];
  problems: DiffProblem[];
}

const loc = (file: string, span: Span): Location => ({ file, line: span.line, column: span.column });

/** Compare two snapshots page by page. `renames` maps base keys to head keys (from git). */
export function diffSnapshots(base: Snapshot, head: Snapshot, renames: Rename[] = []): DiffResult {
  const headByKey = new Map(head.pages.map((p) => [p.key, p]));
  const renamed = new Map(renames.map((r) => [r.from, r.to]));
  const changes: Change[] = [];
  const problems: DiffProblem[] = [];
  const seenHead = new Set<SnapshotPage>();
  let pages = 0;
  const note = (p: SnapshotPage, revision: string) => {
    const broken = p.page.problems.find((x) => x.ruleId === 'parse-error');
    if (broken) problems.push({ file: p.page.file, revision, message: problemText(broken.messageId) });
    return broken !== undefined;
  };
  for (const b of base.pages) {
    const h = headByKey.get(b.key) ?? headByKey.get(renamed.get(b.key) ?? '\0');
    pages++;
    const brokenBase = note(b, base.label);
    if (h) {
      seenHead.add(h);
      const brokenHead = note(h, head.label);
      if (!brokenBase && !brokenHead) changes.push(...diffPage(b, h));
    } else if (!brokenBase) {
      for (const t of b.tables) changes.push(tableChange('table-removed', b.page, t, 'base'));
    }
  }
  for (const h of head.pages) {
    if (seenHead.has(h)) continue;
    pages++;
    if (!note(h, head.label)) for (const t of h.tables) changes.push(tableChange('table-added', h.page, t, 'head'));
  }
  return { base: base.label, head: head.label, pages, changes: sortChanges(changes), problems };
}

function problemText(messageId: string): string {
  switch (messageId) {
    case 'binary':
      return 'binary content, not a text page';
    case 'encoding':
      return 'not valid UTF-8';
    case 'utf16':
      return 'UTF-16 encoded, not UTF-8';
    case 'tooLarge':
      return 'too large to parse (limits.maxFileBytes)';
    default:
      return 'cannot be read';
  }
}

export function diffPage(b: SnapshotPage, h: SnapshotPage): Change[] {
  const changes: Change[] = [];
  const pairs = pairTables(b.tables, h.tables);
  const pairedB = new Set(pairs.map(([x]) => x));
  const pairedH = new Set(pairs.map(([, y]) => y));
  for (const t of b.tables) if (!pairedB.has(t)) changes.push(tableChange('table-removed', b.page, t, 'base', h.page.file));
  for (const t of h.tables) if (!pairedH.has(t)) changes.push(tableChange('table-added', h.page, t, 'head'));
  for (const [bt, ht] of pairs) changes.push(...diffTable(bt, ht, h.page));
  return changes;
}

/**
 * Tables pair across revisions by kind, then by what they share: row keys, column ids and
 * section. Where a table is written (the page or a partial) does not matter, nor its position.
 */
function pairTables(base: FactTable[], head: FactTable[]): Array<[FactTable, FactTable]> {
  const candidates: Array<{ b: FactTable; h: FactTable; score: number }> = [];
  base.forEach((b, i) => {
    head.forEach((h, j) => {
      if (b.kind !== h.kind) return;
      const rows = jaccard(b.rows.map((r) => r.keyId), h.rows.map((r) => r.keyId));
      const columns = jaccard(b.columns.map((c) => c.id), h.columns.map((c) => c.id));
      const section = b.section !== null && b.section === h.section ? 0.2 : 0;
      const score = rows + 0.5 * columns + section + 0.01 / (1 + Math.abs(i - j));
      // Generic tables need some resemblance; a recognized kind already says they are the same sort of table.
      if (b.kind === '' && rows + columns === 0) return;
      candidates.push({ b, h, score });
    });
  });
  candidates.sort((x, y) => y.score - x.score);
  const usedB = new Set<FactTable>();
  const usedH = new Set<FactTable>();
  const out: Array<[FactTable, FactTable]> = [];
  for (const { b, h } of candidates) {
    if (usedB.has(b) || usedH.has(h)) continue;
    usedB.add(b);
    usedH.add(h);
    out.push([b, h]);
  }
  return out;
}

function jaccard(a: string[], b: string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  if (sa.size === 0 && sb.size === 0) return 0;
  let shared = 0;
  for (const x of sa) if (sb.has(x)) shared++;
  return shared / (sa.size + sb.size - shared);
}

function tableTitle(t: FactTable, page: PageModel): string {
  const section = page.tables[t.table]?.section;
  const heading = t.file === page.file && section && section.length > 0 ? section[section.length - 1] : undefined;
  return heading ?? (t.file === page.file ? `table at line ${t.span.line}` : `table in ${t.file}`);
}

function tableChange(kind: 'table-added' | 'table-removed', page: PageModel, t: FactTable, side: 'base' | 'head', reportedOn = page.file): Change {
  const where = loc(t.file, t.span);
  return {
    class: kind,
    // A table that goes takes away whatever support or versions its rows stated.
    breaking: kind === 'table-removed' && t.rows.some(rowCarriesSupport),
    page: reportedOn,
    table: { kind: t.kind, title: tableTitle(t, page) },
    ...(side === 'base' ? { base: where } : { head: where }),
    before: side === 'base' ? `${t.rows.length} ${t.rows.length === 1 ? 'row' : 'rows'}` : undefined,
    after: side === 'head' ? `${t.rows.length} ${t.rows.length === 1 ? 'row' : 'rows'}` : undefined,
  } as Change;
}

/** Whether a row states support or a version somewhere: removing it takes that away, as emptying its cells would. */
function rowCarriesSupport(row: FactRow): boolean {
  return row.facts.some((f) => isSupport(f.value));
}

function diffTable(bt: FactTable, ht: FactTable, page: PageModel): Change[] {
  const changes: Change[] = [];
  const table = { kind: ht.kind, title: tableTitle(ht, page) };
  const { pairs, missing, extra } = alignRows(bt, ht, { translated: false });
  for (const r of missing) changes.push({ class: 'row-removed', breaking: rowCarriesSupport(r), page: page.file, table, row: r.keyText, base: loc(bt.file, r.keySpan) });
  for (const r of extra) changes.push({ class: 'row-added', breaking: false, page: page.file, table, row: r.keyText, head: loc(ht.file, r.keySpan) });
  const columns = alignColumns(bt, ht);
  const pairedHead = new Set(columns.values());
  bt.columns.forEach((c, i) => {
    if (!columns.has(i)) changes.push({ class: 'column-removed', breaking: false, page: page.file, table, column: c.header, base: loc(bt.file, bt.span) });
  });
  ht.columns.forEach((c, j) => {
    if (!pairedHead.has(j)) changes.push({ class: 'column-added', breaking: false, page: page.file, table, column: c.header, head: loc(ht.file, ht.span) });
  });
  for (const [br, hr] of pairs) {
    for (const [i, j] of columns) {
      const bf = factIn(br, i);
      const hf = factIn(hr, j);
      const change = classify(bf?.value, hf?.value);
      if (!change) continue;
      changes.push({
        class: change,
        breaking: BREAKING.has(change),
        page: page.file,
        table,
        row: hr.keyText,
        column: (ht.columns[j] as FactColumn).header,
        before: bf ? show(bf) : '(empty)',
        after: hf ? show(hf) : '(empty)',
        ...(bf ? { base: loc(bt.file, bf.span) } : {}),
        ...(hf ? { head: loc(ht.file, hf.span) } : {}),
      });
    }
  }
  return changes;
}

function factIn(row: FactRow, column: number): Fact | undefined {
  return row.facts.find((f) => f.column === column);
}

function show(f: Fact): string {
  return f.text === '' ? '(empty)' : f.text;
}

const isSupport = (v: Value) => v.kind === 'supported' || v.kind === 'preview' || v.kind === 'version';

/**
 * What a cell's change means for a reader. Equal canonical values are no change at all, which
 * is what makes alignment, backticks and trailing spaces cosmetic.
 */
export function classify(before: Value | undefined, after: Value | undefined): ChangeClass | null {
  // No fact (an empty text cell) and an empty status cell say the same: nothing.
  const empty = (v: Value | undefined) => v === undefined || (v.kind === 'unsupported' && v.empty === true);
  if (empty(before) && empty(after)) return null;
  if (before && after && valueKey(before) === valueKey(after)) return null;
  if (!before || !after) return 'value-changed';
  if (isSupport(before) && after.kind === 'unsupported') return 'support-removed';
  if (before.kind === 'unsupported' && isSupport(after)) return 'support-added';
  const vb = versionOf(before);
  const va = versionOf(after);
  const lowB = vb ? lowestVersion(vb) : null;
  const lowA = va ? lowestVersion(va) : null;
  const sameStatus = (before.kind === 'preview') === (after.kind === 'preview');
  if (sameStatus && isSupport(before) && isSupport(after)) {
    // A minimum appearing where any version was fine raises it; one disappearing lowers it.
    if (lowB === null && lowA !== null && before.kind !== 'version') return 'version-raised';
    if (lowB !== null && lowA === null && after.kind !== 'version') return 'version-lowered';
    if (lowB !== null && lowA !== null) {
      const c = compareVersions(lowA, lowB);
      if (c > 0) return 'version-raised';
      if (c < 0) return 'version-lowered';
    }
    return 'value-changed';
  }
  if (isSupport(before) && isSupport(after)) return 'status-changed';
  return 'value-changed';
}

const order: ChangeClass[] = [
  'support-removed',
  'version-raised',
  'status-changed',
  'support-added',
  'version-lowered',
  'value-changed',
  'row-removed',
  'row-added',
  'column-removed',
  'column-added',
  'table-removed',
  'table-added',
];

function sortChanges(changes: Change[]): Change[] {
  const line = (c: Change) => (c.head ?? c.base)?.line ?? 0;
  return changes.sort(
    (a, b) =>
      (a.page < b.page ? -1 : a.page > b.page ? 1 : 0) ||
      line(a) - line(b) ||
      order.indexOf(a.class) - order.indexOf(b.class) ||
      compareStrings(a.row ?? '', b.row ?? '') ||
      compareStrings(a.column ?? '', b.column ?? ''),
  );
}
