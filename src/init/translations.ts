import { normalizeTerm } from '../facts/patterns.js';
import type { Table } from '../model/types.js';
import type { Alias, KindProposal } from './kinds.js';
import type { PlacedPage } from './place.js';

/** Something init saw but could not settle, for the reader of its summary. */
export interface Undecided {
  file: string;
  line: number;
  message: string;
}

/**
 * Pair each translation's tables with its source page's (by position when both pages have as
 * many tables, else in order among tables with as many columns), then their headers by
 * position: a translated header becomes an alias of the source header's term, a translated key
 * header one more `keyHeader` of the kind. Every alias is a guess for a reader to review.
 */
export function pairTranslations(
  translations: readonly PlacedPage[],
  sources: ReadonlyMap<string, PlacedPage>,
  kindOf: (file: string, table: Table) => KindProposal | undefined,
): Undecided[] {
  const undecided: Undecided[] = [];
  for (const t of translations) {
    const source = t.sourceFile === null ? undefined : sources.get(t.sourceFile);
    if (!source || t.locale === null || t.page.tables.length === 0) continue;
    for (const [s, tr] of pairTables(source.page.tables, t.page.tables)) {
      const kind = kindOf(source.page.file, s);
      if (!kind) continue;
      const at = { file: t.page.file, line: tr.span.line };
      if (s.header.length !== tr.header.length) {
        undecided.push({ ...at, message: `the table has ${tr.header.length} columns, its source (${source.page.file}:${s.span.line}) ${s.header.length}: headers not paired` });
        continue;
      }
      kind.translatedTables.push(at);
      s.header.forEach((cell, i) => {
        const text = tr.header[i]?.text ?? '';
        if (normalizeTerm(text) === normalizeTerm(cell.text) || text.trim() === '') return;
        const alias: Alias = { text, locale: t.locale as string, at, pairedWith: cell.text };
        if (i === 0) {
          if (!kind.keyAliases.some((a) => normalizeTerm(a.text) === normalizeTerm(text))) kind.keyAliases.push(alias);
          return;
        }
        const column = kind.columns.find((c) => normalizeTerm(c.header) === normalizeTerm(cell.text));
        if (!column) return;
        const claimed = kind.columns.find((c) => c !== column && (normalizeTerm(c.header) === normalizeTerm(text) || c.aliases.some((a) => normalizeTerm(a.text) === normalizeTerm(text))));
        if (claimed) {
          undecided.push({ ...at, message: `\`${text}\` pairs with \`${cell.text}\` here but names \`${claimed.header}\` elsewhere: not added to the vocabulary` });
          return;
        }
        if (!column.aliases.some((a) => normalizeTerm(a.text) === normalizeTerm(text))) column.aliases.push(alias);
      });
    }
  }
  return undecided;
}

function pairTables(source: readonly Table[], translated: readonly Table[]): Array<[Table, Table]> {
  if (source.length === translated.length) return source.map((s, i) => [s, translated[i] as Table]);
  const pairs: Array<[Table, Table]> = [];
  let next = 0;
  for (const t of translated) {
    const i = source.findIndex((s, index) => index >= next && s.header.length === t.header.length);
    if (i === -1) continue;
    pairs.push([source[i] as Table, t]);
    next = i + 1;
  }
  return pairs;
}
