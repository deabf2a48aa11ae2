import type { Diagnostic, LintResult, RuleMeta } from '../engine/types.js';
import { own } from '../util/own.js';
import type { TranslationBases } from '../facts/bases.js';
import { translationReport } from '../lint/translations.js';
import { compareValues } from '../facts/compare.js';
import type { FactsSetup, TableKind } from '../facts/config.js';
import { compareLocated, factRef, factsOf, sourcePages, type LocatedFact } from '../facts/corpus.js';
import { factKey } from '../model/facts.js';
import type { CorpusPage, Fact, FactRef } from '../model/types.js';
import { valueKey } from '../model/values.js';
import {
  driftRules,
  type AuditData,
  type AuditFact,
  type AuditPage,
  type AuditTable,
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
  const numbered = numberFacts(pages);
  const findings: Finding[] = result.diagnostics.map((d) => ({ ...d, locale: localeOf.get(d.file) ?? null, factIds: factIdsOf(d, numbered) }));
  const drift = findings.filter((f) => driftRules.includes(f.ruleId));
  const { matrices, disagreements } = collectMatrices(pages, setup, findings, columnDimension, numbered);
  return {
    tool: { name: 'compatlint', version: options.toolVersion },
    files: result.files,
    summary: { ...result.summary },
    byRule: ruleTotals(findings, options.rules),
    byLocale: localeTotals(findings, pages, setup),
    byPage: pageTotals(findings),
    findings,
    drift,
    pages: auditPages(pages, findings, numbered),
    facts: numbered.facts,
    matrices,
    disagreements,
    columnDimension,
    translations: translationReport({ pages, diagnostics: result.diagnostics, bases: options.translationBases, setup }),
  };
}

/** Every fact of every page, numbered once: matrices, tables and findings then share them by index. */
interface NumberedFacts {
  facts: AuditFact[];
  idOf: Map<Fact, number>;
  /** By the identity findings name facts with (`refKey`); a partial's cell can be one fact on several pages. */
  byRef: Map<string, number[]>;
}

function numberFacts(pages: readonly CorpusPage[]): NumberedFacts {
  const out: NumberedFacts = { facts: [], idOf: new Map(), byRef: new Map() };
  for (const page of pages) {
    for (const f of factsOf(page)) {
      const id = out.facts.push({ file: f.table.file, line: f.fact.span.line, column: f.fact.span.column, chip: chipOf(f) }) - 1;
      out.idOf.set(f.fact, id);
      const key = refKey(factRef(f));
      const list = out.byRef.get(key);
      if (list) list.push(id);
      else out.byRef.set(key, [id]);
    }
  }
  return out;
}

function factIdsOf(d: Diagnostic, numbered: NumberedFacts): number[] {
  const ids = new Set<number>();
  for (const ref of d.facts) for (const id of numbered.byRef.get(refKey(ref)) ?? []) ids.add(id);
  return [...ids];
}

function auditPages(pages: readonly CorpusPage[], findings: readonly Finding[], numbered: NumberedFacts): AuditPage[] {
  const counts = new Map<string, Counts>();
  for (const f of findings) {
    let c = counts.get(f.file);
    if (!c) {
      c = emptyCounts();
      counts.set(f.file, c);
    }
    count(c, f);
  }
  return pages.map((page) => {
    const title = page.frontMatter?.data ? own(page.frontMatter.data, 'title') : undefined;
    return {
      file: page.file,
      locale: page.facts?.locale ?? null,
      title: typeof title === 'string' && title.trim() !== '' ? title.trim() : null,
      ...(counts.get(page.file) ?? emptyCounts()),
      tables: (page.facts?.tables ?? []).map(
        (t): AuditTable => ({
          kind: t.kind,
          file: t.file,
          line: t.span.line,
          section: t.file === page.file ? headingsAbove(page, t.span.line) : [],
          keyHeader: t.keyHeader,
          columns: t.columns.map((c) => c.header),
          rows: t.rows.map((r) => ({
            key: r.keyText,
            line: r.span.line,
            cells: r.facts.map((fact) => ({ column: fact.column, fact: numbered.idOf.get(fact) as number })),
          })),
        }),
      ),
    };
  });
}

/** The headings a line is under, outermost first: what a reader of the page sees as the table's section. */
function headingsAbove(page: CorpusPage, line: number): string[] {
  const stack: Array<{ depth: number; text: string }> = [];
  for (const h of page.headings) {
    if (h.span.line >= line) break;
    while (stack.length > 0 && (stack[stack.length - 1] as { depth: number }).depth >= h.depth) stack.pop();
    stack.push({ depth: h.depth, text: h.text });
  }
  return stack.map((h) => h.text);
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

/** What building the matrices needs besides the facts: who names which fact, and how to label a group. */
interface MatrixContext {
  setup: FactsSetup;
  columnDimension: string;
  numbered: NumberedFacts;
  /** Drift findings naming each fact, as indexes into the findings. */
  findingsOf: ReadonlyMap<number, number[]>;
  findings: readonly Finding[];
  groupLabel: (dimension: string, value: string) => string;
}

/**
 * One matrix per table kind and the page dimensions its facts carry: rows are the kind's key (a
 * deployment type, a capability) with one sub-row per column term (a capability, an attribute),
 * columns are the values of the column dimension (languages). A kind whose facts do not carry
 * the product is one matrix for every product, as `consistency` compares it: a cell is one fact,
 * stated on every page that states it, so one disagreement is one cell. Only source-locale pages
 * fill the matrix: their translations are compared with them by `translation-drift`, whose
 * findings mark the cells.
 */
function collectMatrices(
  pages: readonly CorpusPage[],
  setup: FactsSetup,
  findings: readonly Finding[],
  columnDimension: string,
  numbered: NumberedFacts,
): { matrices: Matrix[]; disagreements: number } {
  const findingsOf = new Map<number, number[]>();
  findings.forEach((d, i) => {
    if (!driftRules.includes(d.ruleId)) return;
    for (const id of d.factIds) {
      const list = findingsOf.get(id);
      if (list) list.push(i);
      else findingsOf.set(id, [i]);
    }
  });

  const kinds = new Map(setup.kinds.map((k, i) => [k.id, { kind: k, order: i }]));
  const sources = sourcePages(pages, setup);
  const located = sources.flatMap((p) => [...factsOf(p)]).sort(compareLocated);

  const builders = new Map<string, MatrixBuilder>();
  for (const f of located) {
    const known = kinds.get(f.table.kind);
    const dims = f.fact.dimensions;
    const group = (known?.kind.pageDimensions ?? [])
      .filter((d) => d !== columnDimension && own(dims, d) !== undefined)
      .map((d) => ({ dimension: d, value: own(dims, d) as string }));
    const matrixKey = `${f.table.kind}\u0000${group.map((g) => `${g.dimension}=${g.value}`).join('\u0000')}`;
    let m = builders.get(matrixKey);
    if (!m) {
      m = { kindId: f.table.kind, kind: known?.kind, order: known?.order ?? kinds.size, group, columns: new Set(), groups: new Map() };
      builders.set(matrixKey, m);
    }
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
  const context: MatrixContext = { setup, columnDimension, numbered, findingsOf, findings, groupLabel: groupLabeller(sources, setup) };
  const shownFindings = new Set<number>();
  let valueOnly = 0;
  const matrices = ordered.map((m, i) => {
    const built = buildMatrix(m, i, context);
    for (const f of built.findings) shownFindings.add(f);
    valueOnly += built.valueOnly;
    return built.matrix;
  });
  return { matrices, disagreements: shownFindings.size + valueOnly };
}

function groupText(group: Array<{ dimension: string; value: string }>): string {
  return group.map((g) => `${g.dimension}=${g.value}`).join('; ');
}

/**
 * A group value as a reader names it: the vocabulary's label when the config gives the
 * dimension one; for a value read from the path that names a folder (`security/code_security/iast`),
 * the names of its sections as the site shows them: the title of each folder's `_index.md`
 * (Hugo's section page), or the folder's name in words as Hugo titles a section without one
 * (`Security › Code Security › Iast`); anything else as it is.
 */
function groupLabeller(sources: readonly CorpusPage[], setup: FactsSetup): (dimension: string, value: string) => string {
  const titles = new Map<string, string>();
  const folders = new Set<string>();
  for (const page of sources) {
    const local = page.facts?.localPath;
    if (local === undefined) continue;
    const parts = local.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
    const title = page.frontMatter?.data ? own(page.frontMatter.data, 'title') : undefined;
    if (parts[parts.length - 1] === '_index.md' && typeof title === 'string' && title.trim() !== '') titles.set(parts.slice(0, -1).join('/'), title.trim());
  }
  const fromPath = new Set(setup.pageDimensions.filter((d) => d.path !== null).map((d) => d.name));
  return (dimension, value) => {
    const named = setup.vocabularies.label(dimension, value);
    if (named !== value) return named;
    if (!fromPath.has(dimension) || !folders.has(value)) return value;
    const parts = value.split('/');
    return parts.map((part, i) => titles.get(parts.slice(0, i + 1).join('/')) ?? sectionWords(part)).join(' › ');
  };
}

/** `code_security` → `Code Security`: a folder name as Hugo titles a section that has no `_index.md`. */
function sectionWords(folder: string): string {
  return folder
    .split(/[-_\s]+/)
    .filter((w) => w !== '')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

function columnOrder(ids: Iterable<string>, setup: FactsSetup, dimension: string): string[] {
  const known = setup.vocabularies.get(dimension)?.ids() ?? [];
  const rank = (id: string): number => (id === '' ? Number.MAX_SAFE_INTEGER : known.includes(id) ? known.indexOf(id) : known.length);
  return [...ids].sort((a, b) => rank(a) - rank(b) || compareText(a, b));
}

function buildMatrix(m: MatrixBuilder, index: number, context: MatrixContext): { matrix: Matrix; findings: Set<number>; valueOnly: number } {
  const { setup, columnDimension } = context;
  const columns = columnOrder(m.columns, setup, columnDimension);
  const kind = m.kind;
  const label = (dimension: string, id: string): string => setup.vocabularies.label(dimension, id);
  // Dimensions every row has with one value say nothing about the row: the kind's constants, the group.
  const hidden = new Set([columnDimension, ...m.group.map((g) => g.dimension), kind?.section ?? '', kind?.key ?? '']);
  const constants = kind?.constants ?? {};
  const dimensionOrder = kind?.columns ?? [];
  const findings = new Set<number>();
  let valueOnly = 0;
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
        .filter((d) => !hidden.has(d) && own(constants, d) !== row.dims[d])
        .sort((a, b) => rankIn(dimensionOrder, a) - rankIn(dimensionOrder, b) || compareText(a, b));
      const cells = columns.map((c) => {
        const list = row.cells.get(c);
        if (!list) return null;
        facts += list.length;
        const cell = buildCell(list, context);
        for (const f of cell.findings) findings.add(f);
        if (cell.reasons.length === 1 && cell.reasons[0] === 'values') valueOnly++;
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
  const matrix: Matrix = {
    id: `matrix-${index + 1}-${slug}`,
    kind: m.kindId,
    keyDimension: kind?.key ?? '',
    columnDimensions: kind?.columns ?? [],
    description: kind?.description ?? '',
    group: m.group.map((g) => ({ ...g, label: context.groupLabel(g.dimension, g.value) })),
    columns: columns.map((id) => ({ id, label: id === '' ? '—' : label(columnDimension, id) })),
    rowGroups,
    disagreements: findings.size + valueOnly,
    facts,
  };
  return { matrix, findings, valueOnly };
}

function rankIn(list: readonly string[], item: string): number {
  const i = list.indexOf(item);
  return i === -1 ? list.length : i;
}

function buildCell(list: readonly LocatedFact[], context: MatrixContext): MatrixCell {
  const values: Chip[] = [];
  // Distinct values are enough to compare: the same value stated on a hundred pages agrees with itself.
  const distinct: LocatedFact[] = [];
  const seenValues = new Set<string>();
  for (const f of list) {
    const key = valueKey(f.fact.value);
    if (seenValues.has(key)) continue;
    seenValues.add(key);
    values.push(chipOf(f));
    distinct.push(f);
  }
  let valuesDisagree = false;
  for (let i = 0; i < distinct.length && !valuesDisagree; i++) {
    for (let j = i + 1; j < distinct.length; j++) {
      if (compareValues((distinct[i] as LocatedFact).fact.value, (distinct[j] as LocatedFact).fact.value) === 'disagree') {
        valuesDisagree = true;
        break;
      }
    }
  }
  const ids = list.map((f) => context.numbered.idOf.get(f.fact) as number);
  const findings = [...new Set(ids.flatMap((id) => context.findingsOf.get(id) ?? []))].sort((a, b) => a - b);
  const reasons: MatrixCell['reasons'] = [];
  if (valuesDisagree) reasons.push('values');
  if (findings.length > 0) reasons.push('finding');
  return {
    factKey: (list[0] as LocatedFact).fact.key,
    values,
    facts: ids,
    highlighted: reasons.length > 0,
    reasons,
    rules: [...new Set(findings.map((i) => (context.findings[i] as Finding).ruleId))].sort(),
    findings,
  };
}
