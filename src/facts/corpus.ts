import type { CorpusPage, FactRef, Value } from '../model/types.js';
import { own } from '../util/own.js';
import type { FactsSetup } from './config.js';
import type { Fact, FactColumn, FactRow, FactTable } from '../model/facts.js';

/** A fact with everything needed to describe it: its page, table, row and column. */
export interface LocatedFact {
  page: CorpusPage;
  table: FactTable;
  row: FactRow;
  column: FactColumn;
  fact: Fact;
}

/**
 * A page's facts, table by table, row by row. With `keep`, only those it accepts by their index
 * in that order: a run that wants a few facts of a large tree makes no object for the others.
 */
export function* factsOf(page: CorpusPage, keep?: (index: number) => boolean): Generator<LocatedFact> {
  let index = 0;
  for (const table of page.facts?.tables ?? []) {
    for (const row of table.rows) {
      for (const fact of row.facts) {
        if (keep && !keep(index++)) continue;
        const column = table.columns[fact.column] as FactColumn;
        yield { page, table, row, column, fact };
      }
    }
  }
}

/**
 * Pages whose facts speak for themselves: pages in the source locale, pages outside the
 * content folder, and translations with no source page in the run. Translations of a source
 * page are checked against it (translation-drift), not against everything else.
 */
export function sourcePages(pages: readonly CorpusPage[], setup: FactsSetup): CorpusPage[] {
  const sources = new Set<string>();
  for (const p of pages) {
    if (p.facts && (p.facts.locale === null || p.facts.locale === setup.site.defaultLocale)) sources.add(p.facts.localPath);
  }
  return pages.filter((p) => {
    if (!p.facts) return false;
    if (p.facts.locale === null || p.facts.locale === setup.site.defaultLocale) return true;
    return !sources.has(p.facts.localPath);
  });
}

/** `line 26` on the same file, `path/to/page.md:26` elsewhere. */
/** The reference a report carries to a located fact. */
export function factRef(f: LocatedFact): FactRef {
  return { file: f.table.file, key: f.fact.key, line: f.fact.span.line, column: f.fact.span.column };
}

/** Stable order for facts: file, then position. */
export function compareLocated(a: LocatedFact, b: LocatedFact): number {
  const fa = a.table.file;
  const fb = b.table.file;
  if (fa !== fb) return fa < fb ? -1 : 1;
  return a.fact.span.offset - b.fact.span.offset;
}

/** How a fact reads in a message: `supported`, `unsupported (empty)`, or the cell's text. */
/** What a finding says of a fact's value, as data: its kind and the cell's text (worded by `valueText`). */
export type Shown = { kind: Value['kind']; text: string; empty: boolean };

export function showValue(f: LocatedFact): Shown {
  const v = f.fact.value;
  return { kind: v.kind, text: f.fact.text, empty: v.kind === 'unsupported' && v.empty === true };
}

/** `AWS Lambda` / `Software Composition Analysis` (nodejs): the fact as this page words it. */
/** What a finding says a fact is about, as data: its row, its column, and the page dimensions that scope it (worded by `subjectText`). */
export type Subject = { row: string; column: string; scope: string[] };

export function subject(f: LocatedFact, extraDimension?: string): Subject {
  const scope = [f.fact.dimensions.lang, extraDimension ? own(f.fact.dimensions, extraDimension) : undefined].filter((d): d is string => Boolean(d));
  return { row: f.row.keyText, column: f.column.header, scope };
}
