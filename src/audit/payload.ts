import type { Severity } from '../engine/types.js';
import type { ValueKind } from '../model/types.js';
import { fileLink } from '../util/links.js';
import { severityOrder, type AuditData, type Chip, type MatrixCell } from './types.js';

/**
 * The data the report's script reads, as compact JSON: every text that repeats (headers, row
 * keys, chips, file names, related messages) is stored once and named by its index, facts are
 * flat runs of numbers, and nothing is stored twice (a matrix cell names its facts and findings,
 * never copies them). So the report grows with the tree's pages, facts and findings, not with
 * how often they refer to each other. The types below are the format; `assets.ts` reads it.
 */
export interface AuditPayload {
  /** Interned texts, named by index everywhere a text repeats. */
  strings: string[];
  files: string[];
  /** Per file, its locale (an index into `locales`; `''` for none). */
  fileLocales: number[];
  /** Per file, its source link with `{line}` and `{column}` left to fill; null without a link template. */
  fileLinks: Array<string | null> | null;
  rules: string[];
  severities: Severity[];
  locales: string[];
  kinds: string[];
  valueKinds: ValueKind[];
  /** Findings (and pages) the script lists at once. */
  pageSize: number;
  /** Other facts a matrix cell lists per finding (`MAX_RELATED`), as the markup does. */
  maxRelated: number;
  findings: PayloadFinding[];
  /** `[value kind, label, written]` (strings; written -1 when it is the label). */
  chips: Array<[number, number, number]>;
  pages: PayloadPage[];
  /** The body of each matrix, in the order of the report's `details.matrix[data-m]`. */
  matrices: PayloadMatrix[];
}

/** `[file, line, column, message]` of a related location; file an index into `files`, message into `strings`. */
export type PayloadLocation = [number, number, number, number];

/**
 * `[file, rule, severity, line, column, message, related, facts, more]`, in the engine's order:
 * `facts` are the fact ids the finding names, `more` how many related locations past
 * `MAX_RELATED` are left out of `related`.
 */
export type PayloadFinding = [number, number, number, number, number, string, PayloadLocation[], number[], number];

/**
 * `[file, title, errors, warnings, infos, tables]`; title a string index or -1. A table is
 * `[kind, file, line, section, keyHeader, columns, rows]` (texts as string indexes) and a row
 * `[key, line, cells]` where `cells` is a flat run of `column, line - row line, column number,
 * chip` per cell. Fact ids are the cells' positions in that order, over every page.
 */
export type PayloadPage = [number, number, number, number, number, PayloadTable[]];
export type PayloadTable = [number, number, number, number[], number, number[], PayloadRow[]];
export type PayloadRow = [number, number, number[]];

/** `[columns, key header, sub-row header, row groups]`, texts as string indexes (sub-row header -1 when none). */
export type PayloadMatrix = [number[], number, number, PayloadRowGroup[]];
/** `[label, highlighted, rows]`; a row is `[label, written, cells]`, a cell 0 where no page states it. */
export type PayloadRowGroup = [number, 0 | 1, Array<[number, number, Array<PayloadCell | 0>]>];
/** `[chips, facts, values differ, findings]`. */
export type PayloadCell = [number[], number[], 0 | 1, number[]];

/** Related locations the report keeps per finding: a disagreement stated on 400 pages is read from its first 50. */
export const MAX_RELATED = 50;

/** Findings the script shows at once; more pages are a click away. */
export const FINDINGS_PAGE_SIZE = 100;

const valueKinds: ValueKind[] = ['supported', 'unsupported', 'preview', 'version', 'text'];

/** Numbers for texts: the same text, the same number. */
class Interner {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();

  of(text: string): number {
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.list.push(text) - 1;
      this.index.set(text, i);
    }
    return i;
  }
}

export function auditPayload(data: AuditData, linkTemplate: string | undefined): AuditPayload {
  const strings = new Interner();
  const files = new Interner();
  const rules = new Interner();
  const locales = new Interner();
  const kinds = new Interner();
  const chipIndex = new Map<string, number>();
  const chips: AuditPayload['chips'] = [];
  const chip = (c: Chip): number => {
    const written = c.written === c.label ? -1 : strings.of(c.written);
    const key = `${c.kind}\u0000${c.label}\u0000${written}`;
    let i = chipIndex.get(key);
    if (i === undefined) {
      i = chips.push([valueKinds.indexOf(c.kind), strings.of(c.label), written]) - 1;
      chipIndex.set(key, i);
    }
    return i;
  };
  const localeOf = new Map(data.pages.map((p) => [p.file, p.locale]));
  for (const f of data.findings) localeOf.set(f.file, f.locale);

  const findings = data.findings.map(
    (f): PayloadFinding => [
      files.of(f.file),
      rules.of(f.ruleId),
      severityOrder.indexOf(f.severity),
      f.line,
      f.column,
      f.message,
      f.related.slice(0, MAX_RELATED).map((r): PayloadLocation => [files.of(r.file), r.line, r.column, strings.of(r.message)]),
      f.factIds,
      Math.max(0, f.related.length - MAX_RELATED),
    ],
  );

  let nextFact = 0;
  const pages = data.pages.map((p): PayloadPage => {
    const tables = p.tables.map((t): PayloadTable => {
      const rows = t.rows.map((r): PayloadRow => {
        const cells: number[] = [];
        for (const cell of r.cells) {
          // Ids are positions: a cell out of order would name another fact.
          if (cell.fact !== nextFact) throw new Error(`audit payload: fact ${cell.fact} out of order (expected ${nextFact})`);
          nextFact++;
          const fact = data.facts[cell.fact];
          if (!fact) throw new Error(`audit payload: no fact ${cell.fact}`);
          cells.push(cell.column, fact.line - r.line, fact.column, chip(fact.chip));
        }
        return [strings.of(r.key), r.line, cells];
      });
      return [kinds.of(t.kind), files.of(t.file), t.line, t.section.map((s) => strings.of(s)), strings.of(t.keyHeader), t.columns.map((c) => strings.of(c)), rows];
    });
    return [files.of(p.file), p.title === null ? -1 : strings.of(p.title), p.errors, p.warnings, p.infos, tables];
  });

  const cell = (c: MatrixCell | null): PayloadCell | 0 =>
    c === null ? 0 : [c.values.map(chip), c.facts, c.reasons.includes('values') ? 1 : 0, c.findings];
  const matrices = data.matrices.map((m): PayloadMatrix => {
    const sub = m.rowGroups.some((g) => g.rows.some((r) => r.label !== ''));
    return [
      m.columns.map((c) => strings.of(c.label)),
      strings.of(m.keyDimension || m.kind),
      sub ? strings.of(m.columnDimensions.join(' / ')) : -1,
      m.rowGroups.map((g): PayloadRowGroup => [
        strings.of(g.label),
        g.highlighted ? 1 : 0,
        g.rows.map((r) => [strings.of(r.label), strings.of(r.written.join(' · ')), r.cells.map(cell)]),
      ]),
    ];
  });

  // Every file the facts name is listed, so a fact's location needs no lookup beyond its table.
  for (const f of data.facts) files.of(f.file);
  return {
    strings: strings.list,
    files: files.list,
    fileLocales: files.list.map((f) => locales.of(localeOf.get(f) ?? '')),
    fileLinks: linkTemplate ? files.list.map((f) => fileLink(linkTemplate, f)) : null,
    rules: rules.list,
    severities: [...severityOrder],
    locales: locales.list,
    kinds: kinds.list,
    valueKinds,
    pageSize: FINDINGS_PAGE_SIZE,
    maxRelated: MAX_RELATED,
    findings,
    chips,
    pages,
    matrices,
  };
}
