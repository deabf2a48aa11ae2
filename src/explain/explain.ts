import { allTableFacts, type FactsContext, splitStatusSuffix } from '../facts/extract.js';
import { closest, type KindTrial, tryKinds } from '../facts/kind-match.js';
import { normalizeTerm } from '../facts/patterns.js';
import type { TableKind } from '../facts/config.js';
import { own } from '../util/own.js';
import type { FactTable } from '../model/facts.js';
import type { PageModel, Span, Table } from '../model/types.js';
import { describeValue } from '../model/values.js';
import { includedTables } from '../site/partials.js';
import { compareStrings } from '../util/strings.js';

/** `compatlint explain`: why each table is or is not of a kind, and what the vocabularies miss. */
export interface Explanation {
  /** The declared table kinds, in the order they are tried. */
  kinds: string[];
  pages: PageExplanation[];
  /** Texts of recognized tables that no vocabulary knows, by the place in config that would know them. */
  unknown: UnknownTerms[];
}

export interface PageExplanation {
  file: string;
  /** False when the page could not be read or parsed: it has no tables to explain (`check` reports why). */
  parsed: boolean;
  tables: TableExplanation[];
}

export interface TableExplanation {
  /** Where the table is written: the page, or a partial the page includes. */
  file: string;
  span: Span;
  headers: string[];
  /** Enclosing headings, outermost first. */
  section: string[];
  /** The kind that recognizes the table, or null. */
  kind: string | null;
  /** Each kind tried in declared order, up to the one that recognizes the table (all of them when none does). */
  trials: KindTrial[];
  /** When no kind recognizes the table: the kind that came closest, as `table-unrecognized` names it. */
  nearest: string | null;
}

export type TermPlace = 'column header' | 'row key' | 'value';

export interface TermLocation {
  file: string;
  line: number;
  column: number;
}

export interface UnknownTerm {
  /** The text as first found. */
  text: string;
  /** Cells that hold it (a partial's cell counts once, however many pages include it). */
  count: number;
  places: TermPlace[];
  first: TermLocation;
}

export interface UnknownTerms {
  /** Where in config the terms would go: `vocabulary.<name>`, or `values` for status words. */
  config: string;
  terms: UnknownTerm[];
}

/** Explain every table of the pages (their own, then those of included partials) and gather the unknown terms. */
export function explainPages(pages: readonly PageModel[], context: FactsContext): Explanation {
  const unknown = new UnknownCollector();
  const explained: PageExplanation[] = [];
  for (const page of pages) {
    const facts = page.facts;
    if (!facts) {
      explained.push({ file: page.file, parsed: false, tables: [] });
      continue;
    }
    const recognized = new Map(facts.tables.map((t) => [tableId(t.file, t.table), t]));
    const tables = [...page.tables, ...(context.partials ? includedTables(page, context.partials) : [])];
    explained.push({
      file: page.file,
      parsed: true,
      tables: tables.map((table) => {
        const file = table.file ?? page.file;
        const trials = tryKinds(table, facts.configPath, context.setup);
        const last = trials.at(-1);
        const kind = last && last.failed === null ? last.kind : null;
        const factTable = recognized.get(tableId(file, table.index));
        if (kind && factTable) unknown.addTable(kind, table, factTable, context);
        return { file, span: table.span, headers: table.header.map((c) => c.text), section: table.section, kind: kind?.id ?? null, trials, nearest: closest(trials)?.kind.id ?? null };
      }),
    });
  }
  return { kinds: context.setup.kinds.map((k) => k.id), pages: explained, unknown: unknown.groups() };
}

function tableId(file: string, index: number): string {
  return `${file}\u0000${index}`;
}

/** Counts unknown texts per config place; a table (a partial's, included by several pages) counts once. */
class UnknownCollector {
  private readonly seen = new Set<string>();
  private readonly byConfig = new Map<string, Map<string, UnknownTerm>>();

  addTable(kind: TableKind, table: Table, facts: FactTable, context: FactsContext): void {
    const id = tableId(facts.file, facts.table);
    if (this.seen.has(id)) return;
    this.seen.add(id);
    const v = context.setup.vocabularies;
    const at = (span: Span): TermLocation => ({ file: facts.file, line: span.line, column: span.column });
    for (const column of facts.columns) {
      // A header the kind names itself (a column type, an extra key) is known to the config.
      if (column.known || Object.hasOwn(kind.columnTypes, column.id) || kind.extraKeys.includes(column.id) || !v.get(column.dimension)) continue;
      const cell = table.header[column.index];
      if (cell) this.add(`vocabulary.${column.dimension}`, column.header, 'column header', at(cell.span));
    }
    // Keys of a dimension without a vocabulary (framework names, version ranges) are free text by design.
    const keyVocabulary = kind.keyType === 'term' && v.get(kind.key) !== undefined;
    for (const row of facts.rows) {
      const keyCell = table.rows[row.index]?.cells[kind.keyColumn];
      if (keyVocabulary && !row.keyKnown && keyCell) {
        this.add(`vocabulary.${kind.key}`, splitStatusSuffix(keyCell.text, context.vocabulary).text, 'row key', at(row.keySpan));
      }
      for (const fact of row.facts) {
        const column = facts.columns[fact.column];
        if (!column || fact.value.kind !== 'text' || fact.value.term) continue;
        const vocabulary = own(kind.valueVocabulary, column.id) ?? own(kind.valueVocabulary, '*');
        if (vocabulary !== undefined) {
          if (v.get(vocabulary)) this.add(`vocabulary.${vocabulary}`, fact.value.text, 'value', at(fact.span));
        } else if (column.type === 'status' || column.type === 'version') {
          // A status or version cell that reads as text: no status word names it and no version grammar reads it.
          this.add('values', fact.value.text, 'value', at(fact.span));
        }
      }
    }
  }

  private add(config: string, text: string, place: TermPlace, first: TermLocation): void {
    const key = normalizeTerm(text);
    if (key === '') return;
    let terms = this.byConfig.get(config);
    if (!terms) this.byConfig.set(config, (terms = new Map()));
    const term = terms.get(key);
    if (!term) {
      terms.set(key, { text, count: 1, places: [place], first });
      return;
    }
    term.count++;
    if (!term.places.includes(place)) term.places.push(place);
  }

  /** By config place; terms most frequent first, then in text order. */
  groups(): UnknownTerms[] {
    return [...this.byConfig]
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([config, terms]) => ({ config, terms: [...terms.values()].sort((a, b) => b.count - a.count || compareStrings(a.text, b.text)) }));
  }
}

/** One fact as a line of `explain --format tsv`. */
export interface FactLine {
  file: string;
  line: number;
  column: number;
  /** The table's kind; `""` for a table no kind recognizes (read generically, as `extract` does). */
  kind: string;
  /** The fact's dimensions, sorted: `capability=cpu; lang=python`. */
  dimensions: string;
  raw: string;
  value: string;
}

/** Every fact of every table of the pages, the tables `extract` lists, in page and cell order. */
export function factLines(pages: readonly PageModel[], context: FactsContext): FactLine[] {
  const lines: FactLine[] = [];
  for (const page of pages) {
    for (const table of allTableFacts(page, context)) {
      for (const row of table.rows) {
        for (const f of row.facts) {
          lines.push({ file: table.file, line: f.span.line, column: f.span.column, kind: table.kind, dimensions: f.key, raw: f.raw, value: describeValue(f.value) });
        }
      }
    }
  }
  return lines;
}
