import path from 'node:path';
import { code, counted, subjectText, valueText } from '../engine/wording.js';
import { compareValues } from '../facts/compare.js';
import { compareLocated, factsOf, type LocatedFact, showValue, subject } from '../facts/corpus.js';
import type { CorpusPage } from '../model/types.js';
import { describeValue } from '../model/values.js';
import { uriOf } from './text.js';

/** Places listed under a fact; the rest are counted. */
const MAX_PLACES = 20;

/** The fact whose cell holds an offset of a page's own text (not a partial's), if any. */
export function factAt(page: CorpusPage, offset: number): LocatedFact | null {
  for (const f of factsOf(page)) {
    if (f.table.file === page.file && offset >= f.fact.span.offset && offset <= f.fact.span.endOffset) return f;
  }
  return null;
}

/**
 * What a hover on a table cell says, in Markdown: the fact (what it is about, its dimensions,
 * its normalized value), then every other place in the tree that states the same fact (the same
 * dimensions), with what each says and whether it agrees.
 */
export function factHover(here: LocatedFact, pages: readonly CorpusPage[], cwd: string): string {
  const { fact } = here;
  const lines = [
    `**${subjectText(subject(here))}** is ${valueText(showValue(here))}`,
    '',
    '| Dimension | Value |',
    '|---|---|',
    ...Object.keys(fact.dimensions)
      .sort()
      .map((k) => `| ${cell(k)} | ${cell(fact.dimensions[k] as string)} |`),
    '',
    `Read as: ${fact.value.kind === 'version' ? 'version ' : ''}${code(describeValue(fact.value))}, written ${fact.raw === '' ? 'as an empty cell' : code(fact.raw)}`,
  ];
  const others = sameFact(here, pages);
  lines.push('');
  if (others.length === 0) {
    lines.push('No other place states this fact.');
    return lines.join('\n');
  }
  lines.push(`Also stated in ${counted(others.length, 'other place')}:`, '');
  for (const other of others.slice(0, MAX_PLACES)) {
    const agreement = compareValues(fact.value, other.fact.value);
    const verdict = agreement === 'agree' ? 'agrees' : agreement === 'disagree' ? '**disagrees**' : 'may differ';
    // A translation says in which language it states the fact.
    const locale = other.page.facts?.locale === here.page.facts?.locale ? null : other.page.facts?.locale;
    const where = `${other.table.file}:${other.fact.span.line}`;
    const link = `[${where}](${uriOf(path.resolve(cwd, other.table.file))}#L${other.fact.span.line})`;
    lines.push(`- ${link}${locale ? ` (${locale})` : ''}: ${valueText(showValue(other))}; ${verdict}`);
  }
  if (others.length > MAX_PLACES) lines.push(`- and ${counted(others.length - MAX_PLACES, 'more place')}`);
  return lines.join('\n');
}

/** Every other statement of a fact's key, once each (a partial included by several pages states its facts once), in file order. */
function sameFact(here: LocatedFact, pages: readonly CorpusPage[]): LocatedFact[] {
  const seen = new Set([`${here.table.file}\u0000${here.fact.span.offset}`]);
  const out: LocatedFact[] = [];
  for (const page of pages) {
    for (const f of factsOf(page)) {
      if (f.fact.key !== here.fact.key) continue;
      const id = `${f.table.file}\u0000${f.fact.span.offset}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(f);
    }
  }
  return out.sort(compareLocated);
}

/** Text in a Markdown table cell: a pipe would end the cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

