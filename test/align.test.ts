import { describe, expect, test } from 'vitest';
import { alignRows, alignTables } from '../src/facts/align.js';
import type { FactRow, FactTable, Span, Value } from '../src/model/types.js';

// Pairing a source table's rows with its translation's: by key, signature and shared words, then
// by what the cells say; never by position alone.

const span: Span = { line: 1, column: 1, endLine: 1, endColumn: 2, offset: 0, endOffset: 1 };

function value(raw: string): Value {
  if (raw === 'X') return { kind: 'supported' };
  return { kind: 'text', text: raw };
}

function table(kind: string, rows: Array<[string, ...string[]]>, headers = ['Versions', 'Tracing']): FactTable {
  return {
    kind,
    table: 0,
    file: 'p.md',
    span,
    section: null,
    keyHeader: 'Key',
    columns: headers.map((h, i) => ({ index: i + 1, header: h, id: h.toLowerCase(), dimension: 'attribute', known: true, type: 'text' })),
    rows: rows.map(([key, ...cells], index): FactRow => ({
      index,
      span,
      keyText: key,
      keyId: key.toLowerCase(),
      keyKnown: false,
      keySpan: span,
      keySignature: '',
      facts: cells.map((raw, column) => ({ column, dimensions: {}, key: '', value: value(raw), raw, text: raw, span })),
    })),
  };
}

const pairsOf = (r: ReturnType<typeof alignRows>) => r.pairs.map(([a, b]) => [a.keyText, b.keyText]).sort();

describe('alignRows for a translation', () => {
  const source = table('frameworks', [
    ['Rails', '>= 5.0', 'X'],
    ['Background jobs', '>= 3.1', 'X'],
    ['Message queue', '>= 0.9', 'X'],
    ['Scheduled tasks', '>= 1.2', 'X'],
  ]);

  test('a translated label pairs by its cells, not the row at its position', () => {
    // `Background jobs` was removed: position would pair it with the queue's translation.
    const t = table('frameworks', [
      ['Rails', '>= 5.0', 'X'],
      ['File de messages', '>= 0.9', 'X'],
      ['Tâches planifiées', '>= 1.2', 'X'],
    ]);
    const r = alignRows(source, t, { translated: true });
    expect(pairsOf(r)).toEqual([
      ['Message queue', 'File de messages'],
      ['Rails', 'Rails'],
      ['Scheduled tasks', 'Tâches planifiées'],
    ]);
    expect(r.missing.map((x) => x.keyText)).toEqual(['Background jobs']);
  });

  test('rows that agree only on a value every row has are not paired', () => {
    const t = table('frameworks', [
      ['Rails', '>= 5.0', 'X'],
      ['Tâches de fond', '>= 7.0', 'X'],
      ['Autre chose', '>= 8.0', 'X'],
      ['Encore autre', '>= 9.0', 'X'],
    ]);
    const r = alignRows(source, t, { translated: true });
    expect(pairsOf(r)).toEqual([['Rails', 'Rails']]);
    expect(r.extra.map((x) => x.keyText)).toEqual(['Tâches de fond', 'Autre chose', 'Encore autre']);
  });

  test('two equally good candidates pair only when one is between the same neighbours', () => {
    const s = table('frameworks', [
      ['Rails', '>= 5.0', 'GA'],
      ['Jobs', '>= 3.1', 'Beta'],
      ['Sinatra', '>= 1.4', 'Maintenance'],
    ]);
    // `Tâches` agrees with `Jobs` on the version, `File` on the level: as much each.
    const t = (rows: Array<[string, string, string]>) => table('frameworks', rows);
    const between = t([
      ['Rails', '>= 5.0', 'GA'],
      ['Tâches', '>= 3.1', 'Preview'],
      ['Sinatra', '>= 1.4', 'Maintenance'],
      ['File', '>= 4.0', 'Beta'],
    ]);
    expect(pairsOf(alignRows(s, between, { translated: true }))).toContainEqual(['Jobs', 'Tâches']);
    const neither = t([
      ['Rails', '>= 5.0', 'GA'],
      ['Sinatra', '>= 1.4', 'Maintenance'],
      ['Tâches', '>= 3.1', 'Preview'],
      ['File', '>= 4.0', 'Beta'],
    ]);
    expect(alignRows(s, neither, { translated: true }).missing.map((r) => r.keyText)).toEqual(['Jobs']);
  });

  test('a label whose words are all in the other label pairs with it', () => {
    const s = table('frameworks', [['PDO (MySQL, PostgreSQL)', 'All', 'X']]);
    const t = table('frameworks', [['PDO', 'Todas', 'X']]);
    expect(pairsOf(alignRows(s, t, { translated: true }))).toEqual([['PDO (MySQL, PostgreSQL)', 'PDO']]);
  });
});

describe('alignTables for a translation', () => {
  const source = table('releases', [
    ['>=2.0', 'General Availability'],
    ['<2', 'End of Life'],
  ], ['Support level']);

  test('a table no kind recognized pairs with the source table of the same shape and rows', () => {
    const untyped = table('', [
      ['>=2.0', 'Disponibilité générale'],
      ['<2', 'Fin de vie'],
    ], ['Niveau']);
    expect(alignTables([source], [], { translated: true, untyped: [untyped] })).toEqual([[source, untyped]]);
    // Not between two revisions of a page: a table that changed kind there is a change.
    expect(alignTables([source], [{ ...untyped, kind: 'other' }])).toEqual([]);
  });

  test('a table of another shape does not pair', () => {
    const wider = table('', [
      ['>=2.0', 'a', 'b'],
      ['<2', 'c', 'd'],
    ], ['A', 'B']);
    expect(alignTables([source], [], { translated: true, untyped: [wider] })).toEqual([]);
  });
});
