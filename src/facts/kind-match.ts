import type { Table } from '../model/types.js';
import { matcherFor } from '../util/glob.js';
import { type FactsSetup, type HeaderPattern, type TableKind, testHeader } from './config.js';
import { tableAsRead } from './orientation.js';
import { normalizeTerm } from './patterns.js';

/**
 * One condition of a kind's `match`, tried on one table, with what was found: the data behind
 * `explain`'s "why" and `table-unrecognized`'s "nearest kind ...".
 */
export type KindCondition = { held: boolean } & (
  | { test: 'files'; files: string[] }
  | { test: 'key-column'; column: number }
  | { test: 'heading'; patterns: string[]; heading: string | null; pattern: string | null }
  | { test: 'key-header'; patterns: string[]; header: string; pattern: string | null }
  | { test: 'column'; pattern: string; header: string | null }
  | { test: 'known-columns'; dimensions: string[]; known: string[]; needed: number }
  | { test: 'known-keys'; dimension: string; known: number; keys: number; needed: number }
);

/** A kind tried on a table: its conditions in the order they are tried, up to the first that failed. */
export interface KindTrial {
  kind: TableKind;
  conditions: KindCondition[];
  /** The condition that failed (the last of `conditions`), or null when the kind recognizes the table. */
  failed: KindCondition | null;
  /** Stages that held before the failure, counting stages the kind leaves open: how close the kind came. */
  passed: number;
  /** Column headers that are terms of the kind's column dimensions: the tie-break between kinds that came as close. */
  knownColumns: number;
}

/** Why a kind does not recognize a table: its trial, and the failed condition worded for a message. */
export interface KindMismatch extends KindTrial {
  failed: KindCondition;
  /** What failed, worded for a message: `its key header must match /^type$/, found \`Language\``. */
  reason: string;
}

/**
 * Try a kind's conditions on a table in order (files, key column, heading, key header, column
 * patterns, known columns, known keys), stopping at the first that fails. A condition the
 * kind does not set is no entry, but counts as a stage passed.
 */
export function tryKind(kind: TableKind, written: Table, rootPath: string, setup: FactsSetup): KindTrial {
  const table = tableAsRead(written, kind);
  const v = setup.vocabularies;
  const others = table.header.filter((_, i) => i !== kind.keyColumn);
  const knownHeaders = others.filter((c) => kind.columns.some((dim) => v.get(dim)?.lookup(c.text) != null)).map((c) => c.text);
  const conditions: KindCondition[] = [];
  let passed = 0;
  const trial = (failed: KindCondition | null): KindTrial => ({ kind, conditions, failed, passed, knownColumns: knownHeaders.length });
  /** Record a condition; true when it failed, so the caller stops there. */
  const failedAt = (c: KindCondition): boolean => {
    conditions.push(c);
    return !c.held;
  };
  const sources = (patterns: readonly HeaderPattern[]) => patterns.map((p) => p.source);
  const matching = (patterns: readonly HeaderPattern[], text: string) => patterns.find((p) => testHeader(p, text, normalizeTerm(text), v)) ?? null;

  if (kind.files) {
    const c: KindCondition = { test: 'files', held: matcherFor(kind.files)(rootPath), files: kind.files };
    if (failedAt(c)) return trial(c);
  }
  passed++;
  const keyCell = table.header[kind.keyColumn];
  if (!keyCell) {
    const c: KindCondition = { test: 'key-column', held: false, column: kind.keyColumn + 1 };
    failedAt(c);
    return trial(c);
  }
  passed++;
  if (kind.heading.length > 0) {
    let hit: { heading: string; pattern: HeaderPattern } | null = null;
    for (const heading of table.section) {
      const pattern = matching(kind.heading, heading);
      if (pattern) hit = { heading, pattern };
    }
    const c: KindCondition = { test: 'heading', held: hit !== null, patterns: sources(kind.heading), heading: hit?.heading ?? null, pattern: hit?.pattern.source ?? null };
    if (failedAt(c)) return trial(c);
  }
  passed++;
  if (kind.keyHeader.length > 0) {
    const pattern = matching(kind.keyHeader, keyCell.text);
    const c: KindCondition = { test: 'key-header', held: pattern !== null, patterns: sources(kind.keyHeader), header: keyCell.text, pattern: pattern?.source ?? null };
    if (failedAt(c)) return trial(c);
  }
  passed++;
  for (const p of kind.columnPatterns) {
    const header = others.find((cell) => testHeader(p, cell.text, normalizeTerm(cell.text), v))?.text ?? null;
    const c: KindCondition = { test: 'column', held: header !== null, pattern: p.source, header };
    if (failedAt(c)) return trial(c);
  }
  passed++;
  if (kind.minColumns > 0) {
    const c: KindCondition = { test: 'known-columns', held: knownHeaders.length >= kind.minColumns, dimensions: kind.columns, known: knownHeaders, needed: kind.minColumns };
    if (failedAt(c)) return trial(c);
  }
  passed++;
  if (kind.minKnownKeys > 0) {
    const keys = table.rows.map((r) => r.cells[kind.keyColumn]?.text ?? '').filter((t) => t !== '');
    const known = keys.filter((k) => v.get(kind.key)?.lookup(k) != null).length;
    const held = keys.length > 0 && known / keys.length >= kind.minKnownKeys;
    const c: KindCondition = { test: 'known-keys', held, dimension: kind.key, known, keys: keys.length, needed: kind.minKnownKeys };
    if (failedAt(c)) return trial(c);
  }
  return trial(null);
}

/** Every kind tried on a table in declared order, up to the first that recognizes it (the one that wins). */
export function tryKinds(table: Table, rootPath: string, setup: FactsSetup): KindTrial[] {
  const trials: KindTrial[] = [];
  for (const kind of setup.kinds) {
    const trial = tryKind(kind, table, rootPath, setup);
    trials.push(trial);
    if (trial.failed === null) break;
  }
  return trials;
}

/** The kind that recognizes a table: the first declared whose conditions all hold. */
export function matchingKind(table: Table, rootPath: string, setup: FactsSetup): TableKind | null {
  const last = tryKinds(table, rootPath, setup).at(-1);
  return last && last.failed === null ? last.kind : null;
}

/** The kind that came closest to recognizing a table no kind recognizes (ties: the first declared), or null when one does or there are no kinds. */
export function nearestKind(table: Table, rootPath: string, setup: FactsSetup): KindMismatch | null {
  return closest(tryKinds(table, rootPath, setup));
}

/** The closest of a table's trials when none recognized it, else null. */
export function closest(trials: readonly KindTrial[]): KindMismatch | null {
  let best: KindTrial | null = null;
  for (const trial of trials) {
    if (trial.failed === null) return null;
    if (best === null || trial.passed > best.passed || (trial.passed === best.passed && trial.knownColumns > best.knownColumns)) best = trial;
  }
  if (best === null || best.failed === null) return null;
  return { ...best, failed: best.failed, reason: conditionText(best.failed) };
}

/** How much of a kind's pattern lists a condition's wording shows; messages show them whole. */
export interface ConditionWording {
  /** Patterns listed before `and N more`. */
  maxPatterns?: number;
  /** Characters of a pattern shown before `…`. */
  maxPatternLength?: number;
}

/** A condition worded for a reader, held or failed: the one place its wording lives. */
export function conditionText(c: KindCondition, wording: ConditionWording = {}): string {
  const { maxPatterns = Infinity, maxPatternLength = Infinity } = wording;
  const cut = (p: string) => (p.length > maxPatternLength ? `${p.slice(0, maxPatternLength)}…` : p);
  const list = (items: readonly string[], show = cut) =>
    items.length > maxPatterns ? `${items.slice(0, maxPatterns).map(show).join(', ')} and ${items.length - maxPatterns} more` : items.map(show).join(', ');
  switch (c.test) {
    case 'files':
      return `the page is ${c.held ? '' : 'not '}in its \`files\` (${list(c.files)})`;
    case 'key-column':
      return `the table has no column ${c.column} for its key`;
    case 'heading':
      return c.held
        ? `the heading \`${c.heading}\` above it matches ${cut(c.pattern ?? '')} (\`match.heading\`)`
        : `no heading above the table matches its \`match.heading\` (${list(c.patterns)})`;
    case 'key-header':
      return c.held
        ? `its key header \`${c.header}\` matches ${cut(c.pattern ?? '')} (\`match.keyHeader\`)`
        : `its key header must match \`match.keyHeader\` (${list(c.patterns)}), found ${c.header === '' ? 'an empty header' : `\`${c.header}\``}`;
    case 'column':
      return c.held ? `the column header \`${c.header}\` matches ${cut(c.pattern)} (\`match.columns\`)` : `no column header matches its \`match.columns\` pattern ${c.pattern}`;
    case 'known-columns':
      return `${c.known.length} of its column headers are known \`${c.dimensions.join('`/`')}\` terms${c.known.length > 0 ? ` (${list(c.known, (h) => `\`${cut(h)}\``)})` : ''}, it needs ${c.needed}`;
    case 'known-keys':
      return `${c.known} of its ${c.keys} row keys are known \`${c.dimension}\` terms, it needs ${Math.round(c.needed * 100)}%`;
  }
}
