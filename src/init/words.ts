import { compareStrings } from '../util/strings.js';
import { statusWords } from '../config/presets/status-words.js';
import type { Table } from '../model/types.js';
import { type CompiledVocabulary, compileVocabulary, defaultValueVocabulary, type ValueVocabulary, vocabularyKey } from '../model/values.js';
import type { PlacedPage } from './place.js';

export type StatusKind = 'supported' | 'unsupported' | 'preview';

export interface Where {
  file: string;
  line: number;
}

/** A word the tree's cells use for a status that the built-in lists lack. */
export interface ValueWord {
  text: string;
  kind: StatusKind;
  cells: number;
  at: Where;
}

/** Marks beyond the built-in ones that read as a status wherever docs use them. */
const SYMBOLS: Record<StatusKind, string[]> = {
  supported: ['✔︎', '✓︎', '☑︎', '🟢', '✅️'],
  unsupported: ['✖', '✖️', '✕', '❎', '⛔', '🚫', '🔴'],
  preview: ['🟡', '🚧'],
};

/** A cell text longer than this is a sentence, not a status word. */
const WORD_LENGTH = 40;
/** A word seen once may be a typo; a status word of the tree is used at least this often. */
export const FREQUENT = 2;

const lexicon = new Map<string, StatusKind>();
for (const kind of ['supported', 'unsupported', 'preview'] as const) {
  for (const word of [...statusWords[kind], ...SYMBOLS[kind]]) lexicon.set(vocabularyKey(word), kind);
}

/** A table's value cells (the key column aside). */
export function* valueCells(table: Table): Generator<{ text: string; line: number; column: number }> {
  for (const row of table.rows) {
    for (let i = 1; i < row.cells.length; i++) {
      const cell = row.cells[i];
      if (cell) yield { text: cell.text, line: cell.span.line, column: i };
    }
  }
}

/**
 * Status words of the tree: text cells of source pages' tables that a known list (other
 * languages' words, marks) reads as a status, seen at least twice. Whether they mean it here is
 * for the reader of the config to check.
 */
export function statusWordsOf(pages: readonly PlacedPage[], tables: (page: PlacedPage) => readonly Table[]): ValueWord[] {
  const builtin = compileVocabulary(defaultValueVocabulary);
  const seen = new Map<string, ValueWord>();
  for (const placed of pages) {
    for (const table of tables(placed)) {
      for (const cell of valueCells(table)) {
        const key = vocabularyKey(cell.text);
        const kind = lexicon.get(key);
        if (kind === undefined || builtin.lookup.has(key) || key.length > WORD_LENGTH) continue;
        const word = seen.get(key);
        if (word) word.cells++;
        else seen.set(key, { text: cell.text.trim(), kind, cells: 1, at: { file: placed.page.file, line: cell.line } });
      }
    }
  }
  return [...seen.values()].filter((w) => w.cells >= FREQUENT).sort((a, b) => b.cells - a.cells || compareStrings(a.at.file, b.at.file) || a.at.line - b.at.line);
}

/** The built-in value vocabulary with the proposed words added, as check will read cells. */
export function vocabularyWith(words: readonly ValueWord[]): CompiledVocabulary {
  const vocab: ValueVocabulary = {
    ...defaultValueVocabulary,
    supported: [...defaultValueVocabulary.supported, ...words.filter((w) => w.kind === 'supported').map((w) => w.text)],
    unsupported: [...defaultValueVocabulary.unsupported, ...words.filter((w) => w.kind === 'unsupported').map((w) => w.text)],
    preview: [...defaultValueVocabulary.preview, ...words.filter((w) => w.kind === 'preview').map((w) => w.text)],
  };
  return compileVocabulary(vocab);
}
