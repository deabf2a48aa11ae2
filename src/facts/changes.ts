import { compareStrings } from '../util/strings.js';
import type { Fact, FactColumn, FactRow, FactTable } from '../model/facts.js';
import type { Heading, Span, Value } from '../model/types.js';
import { valueKey, versionOf } from '../model/values.js';
import { compareVersions, lowestVersion } from '../model/version.js';
import { alignColumns, alignRows } from './align.js';

/**
 * What changed in a page's facts between two versions of it, classified for a reader: the one
 * engine behind `compatlint diff` (two revisions) and translation-drift's stale facts (the
 * source page at a translation's base against the source now).
 */

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

/** How every output names a change class: `version raised`. */
export const changeWords: Readonly<Record<ChangeClass, string>> = {
  'support-removed': 'support removed',
  'version-raised': 'version raised',
  'support-added': 'support added',
  'version-lowered': 'version lowered',
  'status-changed': 'status changed',
  'value-changed': 'value changed',
  'row-added': 'row added',
  'row-removed': 'row removed',
  'column-added': 'column added',
  'column-removed': 'column removed',
  'table-added': 'table added',
  'table-removed': 'table removed',
};

export interface ChangeLocation {
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
  base?: ChangeLocation;
  head?: ChangeLocation;
}

/** One version of a page, as the engine compares it: its file, its headings (for table titles) and its facts. */
export interface FactsVersion {
  file: string;
  headings: readonly Heading[];
  tables: readonly FactTable[];
}

const loc = (file: string, span: Span): ChangeLocation => ({ file, line: span.line, column: span.column });

/** The tables, rows and columns of two versions that are the same ones. */
interface TablePair {
  b: FactTable;
  h: FactTable;
  rows: Array<[FactRow, FactRow]>;
  removedRows: FactRow[];
  addedRows: FactRow[];
  /** Column index in `b` → column index in `h`. */
  columns: Map<number, number>;
}

interface Pairing {
  tables: TablePair[];
  removedTables: FactTable[];
  addedTables: FactTable[];
}

/** A change with the tables, rows and columns it is about, on each side. */
interface Traced {
  change: Change;
  base?: Ref;
  head?: Ref;
}

interface Ref {
  table: FactTable;
  row?: FactRow;
  column?: number;
}

/** What changed from `b` to `h` (see `sortChanges` for a whole diff's order); a removed table is reported on `h`'s page. */
export function diffFacts(b: FactsVersion, h: FactsVersion): Change[] {
  return traceChanges(b, h, pairVersions(b.tables, h.tables)).map((t) => t.change);
}

function pairVersions(base: readonly FactTable[], head: readonly FactTable[]): Pairing {
  const pairs = pairTables(base, head);
  const pairedB = new Set(pairs.map(([x]) => x));
  const pairedH = new Set(pairs.map(([, y]) => y));
  return {
    tables: pairs.map(([b, h]) => {
      const { pairs: rows, missing, extra } = alignRows(b, h, { translated: false });
      return { b, h, rows, removedRows: missing, addedRows: extra, columns: alignColumns(b, h) };
    }),
    removedTables: base.filter((t) => !pairedB.has(t)),
    addedTables: head.filter((t) => !pairedH.has(t)),
  };
}

function traceChanges(bv: FactsVersion, hv: FactsVersion, pairing: Pairing): Traced[] {
  const out: Traced[] = [];
  for (const t of pairing.removedTables) out.push({ change: tableChange('table-removed', bv, t, 'base', hv.file), base: { table: t } });
  for (const t of pairing.addedTables) out.push({ change: tableChange('table-added', hv, t, 'head'), head: { table: t } });
  for (const pair of pairing.tables) out.push(...traceTable(pair, hv));
  return out;
}

/**
 * Tables pair across revisions by kind, then by what they share: row keys, column ids and
 * section. Where a table is written (the page or a partial) does not matter, nor its position.
 */
function pairTables(base: readonly FactTable[], head: readonly FactTable[]): Array<[FactTable, FactTable]> {
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

/** The nearest heading above a table of the page, or where the table is. */
function tableTitle(t: FactTable, version: FactsVersion): string {
  if (t.file !== version.file) return `table in ${t.file}`;
  let heading: string | undefined;
  for (const h of version.headings) {
    if (h.span.offset > t.span.offset) break;
    heading = h.text;
  }
  return heading ?? `table at line ${t.span.line}`;
}

function tableChange(kind: 'table-added' | 'table-removed', version: FactsVersion, t: FactTable, side: 'base' | 'head', reportedOn = version.file): Change {
  const where = loc(t.file, t.span);
  const rows = `${t.rows.length} ${t.rows.length === 1 ? 'row' : 'rows'}`;
  return {
    class: kind,
    // A table that goes takes away whatever support or versions its rows stated.
    breaking: kind === 'table-removed' && t.rows.some(rowCarriesSupport),
    page: reportedOn,
    table: { kind: t.kind, title: tableTitle(t, version) },
    ...(side === 'base' ? { base: where, before: rows } : { head: where, after: rows }),
  };
}

/** Whether a row states support or a version somewhere: removing it takes that away, as emptying its cells would. */
function rowCarriesSupport(row: FactRow): boolean {
  return row.facts.some((f) => isSupport(f.value));
}

function traceTable(pair: TablePair, hv: FactsVersion): Traced[] {
  const { b: bt, h: ht, columns } = pair;
  const out: Traced[] = [];
  const page = hv.file;
  const table = { kind: ht.kind, title: tableTitle(ht, hv) };
  for (const r of pair.removedRows) {
    out.push({ change: { class: 'row-removed', breaking: rowCarriesSupport(r), page, table, row: r.keyText, base: loc(bt.file, r.keySpan) }, base: { table: bt, row: r } });
  }
  for (const r of pair.addedRows) {
    out.push({ change: { class: 'row-added', breaking: false, page, table, row: r.keyText, head: loc(ht.file, r.keySpan) }, head: { table: ht, row: r } });
  }
  const pairedHead = new Set(columns.values());
  bt.columns.forEach((c, i) => {
    if (columns.has(i)) return;
    out.push({ change: { class: 'column-removed', breaking: false, page, table, column: c.header, base: loc(bt.file, bt.span) }, base: { table: bt, column: i } });
  });
  ht.columns.forEach((c, j) => {
    if (pairedHead.has(j)) return;
    out.push({ change: { class: 'column-added', breaking: false, page, table, column: c.header, head: loc(ht.file, ht.span) }, head: { table: ht, column: j } });
  });
  for (const [br, hr] of pair.rows) {
    for (const [i, j] of columns) {
      const bf = factIn(br, i);
      const hf = factIn(hr, j);
      const change = classify(bf?.value, hf?.value);
      if (!change) continue;
      out.push({
        change: {
          class: change,
          breaking: BREAKING.has(change),
          page,
          table,
          row: hr.keyText,
          column: (ht.columns[j] as FactColumn).header,
          before: bf ? show(bf) : '(empty)',
          after: hf ? show(hf) : '(empty)',
          ...(bf ? { base: loc(bt.file, bf.span) } : {}),
          ...(hf ? { head: loc(ht.file, hf.span) } : {}),
        },
        base: { table: bt, row: br, column: i },
        head: { table: ht, row: hr, column: j },
      });
    }
  }
  return out;
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

/** A diff's stable order: page, line, class (the ones that take support away first), row, column. */
export function sortChanges(changes: Change[]): Change[] {
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

/** A change of `changesSince`, with what made it: the `at` of the version where it first appears. */
export interface AttributedChange<At> {
  change: Change;
  at: At;
}

/**
 * The changes from the first version to the last, each with the version that made it: a fact
 * is followed back from the last version through the ones before (the same pairing of tables,
 * rows and columns as between any two versions) to the last step where its value changed, or
 * where its row, column or table appeared; a removed row, column or table is followed forward
 * to the step where it went. `versions[i].at` is what made version `i` (a commit), so the
 * first version's `at` is never given.
 */
export function changesSince<At>(versions: ReadonlyArray<{ facts: FactsVersion; at: At }>): Array<AttributedChange<At>> {
  const first = versions[0];
  const last = versions[versions.length - 1];
  if (!first || !last || versions.length < 2) return [];
  const steps = versions.slice(1).map((v, i) => pairVersions((versions[i] as { facts: FactsVersion }).facts.tables, v.facts.tables));
  const direct = versions.length === 2 ? (steps[0] as Pairing) : pairVersions(first.facts.tables, last.facts.tables);
  const atStep = (i: number): At => (versions[i + 1] as { at: At }).at;
  return traceChanges(first.facts, last.facts, direct).map((t) => ({ change: t.change, at: atStep(stepOf(t, steps)) }));
}

const REMOVALS: ReadonlySet<ChangeClass> = new Set(['row-removed', 'column-removed', 'table-removed']);
const ADDITIONS: ReadonlySet<ChangeClass> = new Set(['row-added', 'column-added', 'table-added']);

/**
 * The index of the step (version i to i + 1) that made a traced change. The last step when the
 * versions between disagree with the direct pairing (a row renamed back and forth).
 */
function stepOf(t: Traced, steps: readonly Pairing[]): number {
  const lastStep = steps.length - 1;
  if (REMOVALS.has(t.change.class)) {
    // Forward from the first version: the step after which the row, column or table is gone.
    let ref = t.base as Ref;
    for (let i = 0; i <= lastStep; i++) {
      const next = counterpartAfter(ref, steps[i] as Pairing);
      if (next === null) return i;
      ref = next;
    }
    return lastStep;
  }
  // Back from the last version: the step before which the row, column or table was not there,
  // or (a value) held another value.
  const value = !ADDITIONS.has(t.change.class);
  let ref = t.head as Ref;
  for (let i = lastStep; i >= 0; i--) {
    const back = counterpartBefore(ref, steps[i] as Pairing);
    if (back === null) return i;
    if (value && classify(cellValue(back), cellValue(ref)) !== null) return i;
    ref = back;
  }
  return lastStep;
}

function cellValue(ref: Ref): Value | undefined {
  return ref.row && ref.column !== undefined ? factIn(ref.row, ref.column)?.value : undefined;
}

/** The same table (and row, and column, when `ref` names them) one version earlier, or null when it is not there. */
function counterpartBefore(ref: Ref, step: Pairing): Ref | null {
  const pair = step.tables.find((p) => p.h === ref.table);
  if (!pair) return null;
  let row: FactRow | undefined;
  if (ref.row) {
    row = pair.rows.find(([, h]) => h === ref.row)?.[0];
    if (!row) return null;
  }
  let column: number | undefined;
  if (ref.column !== undefined) {
    column = [...pair.columns].find(([, j]) => j === ref.column)?.[0];
    if (column === undefined) return null;
  }
  return { table: pair.b, ...(row ? { row } : {}), ...(column !== undefined ? { column } : {}) };
}

/** The same table (and row, and column) one version later, or null when it is gone. */
function counterpartAfter(ref: Ref, step: Pairing): Ref | null {
  const pair = step.tables.find((p) => p.b === ref.table);
  if (!pair) return null;
  let row: FactRow | undefined;
  if (ref.row) {
    row = pair.rows.find(([b]) => b === ref.row)?.[1];
    if (!row) return null;
  }
  let column: number | undefined;
  if (ref.column !== undefined) {
    column = pair.columns.get(ref.column);
    if (column === undefined) return null;
  }
  return { table: pair.h, ...(row ? { row } : {}), ...(column !== undefined ? { column } : {}) };
}
