import type { Diagnostic, LintResult, RuleMeta } from '../engine/types.js';
import { own } from '../util/own.js';
import type { TranslationBases } from '../facts/bases.js';
import { translationReport } from '../lint/translations.js';
import { compareValues } from '../facts/compare.js';
import type { FactsSetup, TableKind } from '../facts/config.js';
import { compareLocated, factRef, factsOf, sourcePages, type LocatedFact } from '../facts/corpus.js';
import { factKey } from '../model/facts.js';
import type { CorpusPage, FactRef } from '../model/types.js';
import { valueKey } from '../model/values.js';
import {
  driftRules,
  type AuditData,
  type CellSource,
  type Chip,
  type Counts,
  type Finding,
  type LocaleTotals,
  type Matrix,
  type MatrixCell,
  type MatrixRow,
  type MatrixRowGroup,
  type PageTotals,
  type RuleTotals,
} from './types.js';

export interface CollectOptions {
  result: LintResult;
  pages: readonly CorpusPage[];
  setup: FactsSetup;
  rules: readonly RuleMeta[];
  toolVersion: string;
  /** Dimension spread across matrix columns (default `lang`). */
  columnDimension?: string;
  /** Each translation's base, as the run found it (see `LintOutput.translationBases`). */
  translationBases?: TranslationBases;
}

/** Gather everything an audit report shows from one lint run. Pure: same input, same data. */
export function collectAudit(options: CollectOptions): AuditData {
  const { result, pages, setup } = options;
  const columnDimension = options.columnDimension ?? 'lang';
  const localeOf = new Map(pages.map((p) => [p.file, p.facts?.locale ?? null]));
  const findings: Finding[] = result.diagnostics.map((d) => ({ ...d, locale: localeOf.get(d.file) ?? null }));
  const drift = findings.filter((f) => driftRules.includes(f.ruleId));
  return {
    tool: { name: 'compatlint', version: options.toolVersion },
    files: result.files,
    summary: { ...result.summary },
    byRule: ruleTotals(findings, options.rules),
    byLocale: localeTotals(findings, pages, setup),
    byPage: pageTotals(findings),
    findings,
    drift,
    matrices: collectMatrices(pages, setup, drift, columnDimension, localeOf),
    columnDimension,
    translations: translationReport({ pages, diagnostics: result.diagnostics, bases: options.translationBases, setup }),
  };
}

function emptyCounts(): Counts {
  return { errors: 0, warnings: 0, infos: 0 };
}

function count(target: Counts, d: Diagnostic): void {
  if (d.severity === 'error') target.errors++;
  else if (d.severity === 'warning') target.warnings++;
  else target.infos++;
}

/** Most errors first, then most warnings, then most infos. */
function byWeight(a: Counts, b: Counts): number {
  return b.errors - a.errors || b.warnings - a.warnings || b.infos - a.infos;
}

function ruleTotals(findings: readonly Finding[], rules: readonly RuleMeta[]): RuleTotals[] {
  const descriptions = new Map(rules.map((r) => [r.id, r.description]));
  const totals = new Map<string, RuleTotals>();
  for (const f of findings) {
    let t = totals.get(f.ruleId);
    if (!t) {
      t = { ruleId: f.ruleId, description: descriptions.get(f.ruleId) ?? '', ...emptyCounts() };
      totals.set(f.ruleId, t);
    }
    count(t, f);
  }
  return [...totals.values()].sort((a, b) => byWeight(a, b) || compareText(a.ruleId, b.ruleId));
}

function localeTotals(findings: readonly Finding[], pages: readonly CorpusPage[], setup: FactsSetup): LocaleTotals[] {
  const totals = new Map<string | null, LocaleTotals>();
  const entry = (locale: string | null): LocaleTotals => {
    let t = totals.get(locale);
    if (!t) {
      t = { locale, pages: 0, pagesWithFindings: 0, ...emptyCounts() };
      totals.set(locale, t);
    }
    return t;
  };
  for (const p of pages) entry(p.facts?.locale ?? null).pages++;
  const withFindings = new Set<string>();
  for (const f of findings) {
    const t = entry(f.locale);
    count(t, f);
    if (!withFindings.has(f.file)) {
      withFindings.add(f.file);
      t.pagesWithFindings++;
    }
  }
  // The source locale first, then the configured locales in order, then anything else.
  const order = [setup.site.defaultLocale, ...setup.site.locales];
  const rank = (l: string | null): number => (l === null ? Number.MAX_SAFE_INTEGER : order.includes(l) ? order.indexOf(l) : order.length);
  return [...totals.values()].sort((a, b) => rank(a.locale) - rank(b.locale) || compareText(a.locale ?? '', b.locale ?? ''));
}

function pageTotals(findings: readonly Finding[]): PageTotals[] {
  const totals = new Map<string, PageTotals>();
  for (const f of findings) {
    let t = totals.get(f.file);
    if (!t) {
      t = { file: f.file, locale: f.locale, ...emptyCounts() };
      totals.set(f.file, t);
    }
    count(t, f);
  }
  return [...totals.values()].sort((a, b) => byWeight(a, b) || compareText(a.file, b.file));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A fact's identity as findings name it (`Diagnostic.facts`): file, key and cell. */
function refKey(ref: FactRef): string {
  return `${ref.file}\u0000${ref.key}\u0000${ref.line}\u0000${ref.column}`;
}

function factId(f: LocatedFact): string {
  return refKey(factRef(f));
}

function samePlace(a: { file: string; line: number; column: number }, b: { file: string; line: number; column: number }): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column;
}

/** The chip a fact shows: short for statuses, the cell's own words for versions and text. */
export function chipOf(f: LocatedFact): Chip {
  const v = f.fact.value;
  const written = f.fact.text;
  switch (v.kind) {
    case 'supported':
      return { kind: v.kind, label: 'yes', written };
    case 'unsupported':
      return { kind: v.kind, label: v.empty ? 'empty' : 'no', written };
    case 'preview':
      return { kind: v.kind, label: v.version ? `preview ${v.version.canonical}` : 'preview', written };
    case 'version':
    case 'text':
      return { kind: v.kind, label: written, written };
  }
}

interface RowBuilder {
  key: string;
  dims: Record<string, string>;
  /** Every header the row's facts are written under. */
  headers: Set<string>;
  /** Those that do not name the column (`Minimum Java tracer version` names Java): candidate labels. */
  names: Map<string, number>;
  cells: Map<string, LocatedFact[]>;
}

interface GroupBuilder {
  dims: Record<string, string>;
  keyTexts: Map<string, number>;
  rows: Map<string, RowBuilder>;
}

interface MatrixBuilder {
  kindId: string;
  kind: TableKind | undefined;
  order: number;
  group: Array<{ dimension: string; value: string }>;
  columns: Set<string>;
  groups: Map<string, GroupBuilder>;
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** The most frequent entry; on a tie, the first one seen (maps keep insertion order). */
function mostFrequent(map: Map<string, number>): string {
  let best = '';
  let bestCount = 0;
  for (const [k, n] of map) {
    if (n > bestCount) {
      best = k;
      bestCount = n;
    }
  }
  return best;
}

/**
 * One matrix per table kind and page group: rows are the kind's key (a deployment type, a
 * capability) with one sub-row per column term (a capability, an attribute), columns are the
 * values of the column dimension (languages). Only source-locale pages fill the matrix: their
 * translations are compared with them by `translation-drift`, whose findings mark the cells.
 */
function collectMatrices(
  pages: readonly CorpusPage[],
  setup: FactsSetup,
  drift: readonly Finding[],
  columnDimension: string,
  localeOf: ReadonlyMap<string, string | null>,
): Matrix[] {
  const factAt = new Map<string, LocatedFact>();
  for (const page of pages) for (const f of factsOf(page)) factAt.set(factId(f), f);
  // Findings reach their cells through the facts they name, not through where they are reported.
  const findingsAt = new Map<string, Finding[]>();
  for (const d of drift) {
    for (const ref of d.facts) {
      const key = refKey(ref);
      const list = findingsAt.get(key) ?? [];
      if (!list.includes(d)) list.push(d);
      findingsAt.set(key, list);
    }
  }

  const kinds = new Map(setup.kinds.map((k, i) => [k.id, { kind: k, order: i }]));
  const groupDimensions = setup.pageDimensions.map((d) => d.name).filter((n) => n !== columnDimension);
  const located = sourcePages(pages, setup)
    .flatMap((p) => [...factsOf(p)])
    .sort(compareLocated);

  const builders = new Map<string, MatrixBuilder>();
  for (const f of located) {
    const pageDims = f.page.facts?.dimensions ?? {};
    const group = groupDimensions.filter((d) => pageDims[d] !== undefined).map((d) => ({ dimension: d, value: pageDims[d] as string }));
    const matrixKey = `${f.table.kind}\u0000${group.map((g) => `${g.dimension}=${g.value}`).join('\u0000')}`;
    let m = builders.get(matrixKey);
    if (!m) {
      const known = kinds.get(f.table.kind);
      m = { kindId: f.table.kind, kind: known?.kind, order: known?.order ?? kinds.size, group, columns: new Set(), groups: new Map() };
      builders.set(matrixKey, m);
    }
    const dims = f.fact.dimensions;
    const rowDims: Record<string, string> = {};
    for (const [k, v] of Object.entries(dims)) if (k !== columnDimension) rowDims[k] = v;
    const groupDims: Record<string, string> = {};
    for (const d of [m.kind?.section, m.kind?.key]) {
      const value = d ? own(dims, d) : undefined;
      if (d && value !== undefined) groupDims[d] = value;
    }
    const groupKey = factKey(groupDims);
    let g = m.groups.get(groupKey);
    if (!g) {
      g = { dims: groupDims, keyTexts: new Map(), rows: new Map() };
      m.groups.set(groupKey, g);
    }
    bump(g.keyTexts, f.row.keyText);
    const rowKey = factKey(rowDims);
    let row = g.rows.get(rowKey);
    if (!row) {
      row = { key: rowKey, dims: rowDims, headers: new Set(), names: new Map(), cells: new Map() };
      g.rows.set(rowKey, row);
    }
    const column = own(dims, columnDimension) ?? '';
    row.headers.add(f.column.header);
    const columnLabel = setup.vocabularies.label(columnDimension, column).toLowerCase();
    if (column === '' || !f.column.header.toLowerCase().includes(columnLabel)) bump(row.names, f.column.header);
    m.columns.add(column);
    const cell = row.cells.get(column) ?? [];
    cell.push(f);
    row.cells.set(column, cell);
  }

  const ordered = [...builders.values()].sort(
    (a, b) => a.order - b.order || compareText(a.kindId, b.kindId) || compareText(groupText(a.group), groupText(b.group)),
  );
  const where: Locations = { factAt, findingsAt, localeOf };
  return ordered.map((m, i) => buildMatrix(m, i, setup, columnDimension, where));
}

function groupText(group: Array<{ dimension: string; value: string }>): string {
  return group.map((g) => `${g.dimension}=${g.value}`).join('; ');
}

function columnOrder(ids: Iterable<string>, setup: FactsSetup, dimension: string): string[] {
  const known = setup.vocabularies.get(dimension)?.ids() ?? [];
  const rank = (id: string): number => (id === '' ? Number.MAX_SAFE_INTEGER : known.includes(id) ? known.indexOf(id) : known.length);
  return [...ids].sort((a, b) => rank(a) - rank(b) || compareText(a, b));
}

function buildMatrix(
  m: MatrixBuilder,
  index: number,
  setup: FactsSetup,
  columnDimension: string,
  where: Locations,
): Matrix {
  const columns = columnOrder(m.columns, setup, columnDimension);
  const kind = m.kind;
  const label = (dimension: string, id: string): string => setup.vocabularies.label(dimension, id);
  // Dimensions every row has with one value say nothing about the row: the kind's constants, the group.
  const hidden = new Set([columnDimension, ...m.group.map((g) => g.dimension), kind?.section ?? '', kind?.key ?? '']);
  const constants = kind?.constants ?? {};
  const dimensionOrder = kind?.columns ?? [];
  let disagreements = 0;
  let facts = 0;

  const rowGroups: MatrixRowGroup[] = [...m.groups.values()].map((g) => {
    const keyDimension = kind?.key;
    const keyId = keyDimension ? own(g.dims, keyDimension) : undefined;
    const keyLabel = keyDimension && keyId !== undefined && label(keyDimension, keyId) !== keyId ? label(keyDimension, keyId) : mostFrequent(g.keyTexts);
    const sectionDimension = kind?.section;
    const section = sectionDimension ? own(g.dims, sectionDimension) : undefined;
    const groupLabel = section !== undefined && sectionDimension ? `${label(sectionDimension, section)} · ${keyLabel}` : keyLabel;

    const rows: MatrixRow[] = [...g.rows.values()].map((row) => {
      const shown = Object.keys(row.dims)
        .filter((d) => !hidden.has(d) && constants[d] !== row.dims[d])
        .sort((a, b) => rankIn(dimensionOrder, a) - rankIn(dimensionOrder, b) || compareText(a, b));
      const cells = columns.map((c) => {
        const list = row.cells.get(c);
        if (!list) return null;
        facts += list.length;
        const cell = buildCell(list, where);
        if (cell.highlighted) disagreements++;
        return cell;
      });
      // A term the vocabulary names reads best; else the header most pages use, when it is one term.
      const named = (d: string): string => {
        const id = row.dims[d] as string;
        if (label(d, id) !== id) return label(d, id);
        return shown.length === 1 && row.names.size > 0 ? mostFrequent(row.names) : id;
      };
      return {
        key: row.key,
        label: shown.map(named).join(' · '),
        written: [...row.headers],
        cells,
      };
    });
    return { label: groupLabel, rows, highlighted: rows.some((r) => r.cells.some((c) => c?.highlighted)) };
  });

  const slug = `${m.kindId}-${m.group.map((g) => g.value).join('-')}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return {
    id: `matrix-${index + 1}-${slug}`,
    kind: m.kindId,
    keyDimension: kind?.key ?? '',
    columnDimensions: kind?.columns ?? [],
    description: kind?.description ?? '',
    group: m.group,
    columns: columns.map((id) => ({ id, label: id === '' ? '—' : label(columnDimension, id) })),
    rowGroups,
    disagreements,
    facts,
  };
}

function rankIn(list: readonly string[], item: string): number {
  const i = list.indexOf(item);
  return i === -1 ? list.length : i;
}

/** Lookups by `file:line:column`, to list every location a cell's findings involve. */
interface Locations {
  factAt: ReadonlyMap<string, LocatedFact>;
  findingsAt: ReadonlyMap<string, Finding[]>;
  localeOf: ReadonlyMap<string, string | null>;
}

function buildCell(list: readonly LocatedFact[], where: Locations): MatrixCell {
  const values: Chip[] = [];
  const seenValues = new Set<string>();
  for (const f of list) {
    const key = valueKey(f.fact.value);
    if (seenValues.has(key)) continue;
    seenValues.add(key);
    values.push(chipOf(f));
  }
  let valuesDisagree = false;
  for (let i = 0; i < list.length && !valuesDisagree; i++) {
    for (let j = i + 1; j < list.length; j++) {
      if (compareValues((list[i] as LocatedFact).fact.value, (list[j] as LocatedFact).fact.value) === 'disagree') {
        valuesDisagree = true;
        break;
      }
    }
  }
  const findings: Finding[] = [];
  for (const f of list) for (const d of where.findingsAt.get(factId(f)) ?? []) if (!findings.includes(d)) findings.push(d);

  const sources = new Map<string, CellSource>();
  for (const f of list) {
    sources.set(factId(f), {
      file: f.table.file,
      line: f.fact.span.line,
      column: f.fact.span.column,
      locale: f.page.facts?.locale ?? null,
      value: chipOf(f),
      note: null,
      inCell: true,
    });
  }
  for (const d of findings) {
    // The facts the finding names, as chips; its other locations (a source-of-truth line) as notes.
    for (const ref of d.facts) {
      const key = refKey(ref);
      const fact = where.factAt.get(key);
      if (sources.has(key) || !fact) continue;
      sources.set(key, {
        file: ref.file,
        line: ref.line,
        column: ref.column,
        locale: where.localeOf.get(ref.file) ?? null,
        value: chipOf(fact),
        note: null,
        inCell: false,
      });
    }
    for (const loc of [d, ...d.related]) {
      if (d.facts.some((ref) => samePlace(ref, loc))) continue;
      const key = `note\u0000${loc.file}\u0000${loc.line}\u0000${loc.column}`;
      if (sources.has(key)) continue;
      sources.set(key, {
        file: loc.file,
        line: loc.line,
        column: loc.column,
        locale: where.localeOf.get(loc.file) ?? null,
        value: null,
        note: loc.message,
        inCell: false,
      });
    }
  }
  const reasons: MatrixCell['reasons'] = [];
  if (valuesDisagree) reasons.push('values');
  if (findings.length > 0) reasons.push('finding');
  const sorted = [...sources.values()].sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column);
  return {
    factKey: (list[0] as LocatedFact).fact.key,
    values,
    highlighted: reasons.length > 0,
    reasons,
    rules: [...new Set(findings.map((d) => d.ruleId))].sort(),
    sources: sorted,
  };
}
