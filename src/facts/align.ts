import type { FactRow, FactTable } from '../model/facts.js';
import type { Value } from '../model/types.js';
import { compareValues } from './compare.js';

/**
 * Pairing the tables, rows and columns of two versions of a page: a page and its translation
 * (translation-drift), or a page at two revisions (diff).
 */

/**
 * Pair tables of the same kind by how many row keys they share, with a preference for the same
 * section and a smaller one for the same position: a translation may list a page's tables in another order. For a
 * translation, tables left over then pair across kinds (see below).
 */
export function alignTables(
  source: FactTable[],
  translated: FactTable[],
  options: { translated: boolean; untyped?: readonly FactTable[] } = { translated: false },
): Array<[FactTable, FactTable]> {
  const candidates: Array<{ s: FactTable; t: FactTable; score: number }> = [];
  source.forEach((s, i) => {
    translated.forEach((t, j) => {
      if (s.kind !== t.kind) return;
      const position = 1 - Math.abs(i / Math.max(1, source.length) - j / Math.max(1, translated.length));
      // The section (a vocabulary term: `datastore`, `web`) is the same in every language.
      const section = s.section !== null && s.section === t.section ? 0.1 : 0;
      candidates.push({ s, t, score: rowOverlap(s, t) + section + 0.05 * position });
    });
  });
  candidates.sort((a, b) => b.score - a.score);
  const usedS = new Set<FactTable>();
  const usedT = new Set<FactTable>();
  const pairs: Array<[FactTable, FactTable]> = [];
  const take = (list: ReadonlyArray<{ s: FactTable; t: FactTable }>) => {
    for (const { s, t } of list) {
      if (usedS.has(s) || usedT.has(t)) continue;
      usedS.add(s);
      usedT.add(t);
      pairs.push([s, t]);
    }
  };
  take(candidates);
  if (options.translated) {
    // A translated key header can make the same table another kind (`Version` and `Versión .NET`),
    // or no kind (`untyped`): the same shape with at least half of its rows paired is the same table.
    const rest: Array<{ s: FactTable; t: FactTable; score: number }> = [];
    for (const s of source) {
      if (usedS.has(s)) continue;
      for (const t of [...translated, ...(options.untyped ?? [])]) {
        if (usedT.has(t) || t.columns.length !== s.columns.length) continue;
        const score = alignRows(s, t, { translated: true }).pairs.length / Math.max(1, s.rows.length, t.rows.length);
        if (score >= 0.5) rest.push({ s, t, score });
      }
    }
    take(rest.sort((a, b) => b.score - a.score));
  }
  return pairs.sort((a, b) => a[1].span.offset - b[1].span.offset);
}

function rowOverlap(s: FactTable, t: FactTable): number {
  const keys = new Set(t.rows.map((r) => r.keyId));
  const shared = s.rows.filter((r) => keys.has(r.keyId)).length;
  return shared / Math.max(1, s.rows.length, t.rows.length);
}

/** Pair rows by canonical key, then by the key's language-neutral signature, in order. */
export function alignRows(
  s: FactTable,
  t: FactTable,
  options: { translated: boolean },
): { pairs: Array<[FactRow, FactRow]>; missing: FactRow[]; extra: FactRow[] } {
  const free = new Set(t.rows);
  const pairs: Array<[FactRow, FactRow]> = [];
  const unpaired: FactRow[] = [];
  for (const row of s.rows) {
    const hit = t.rows.find((r) => free.has(r) && r.keyId === row.keyId);
    if (hit) {
      free.delete(hit);
      pairs.push([row, hit]);
    } else {
      unpaired.push(row);
    }
  }
  const stillUnpaired: FactRow[] = [];
  for (const row of unpaired) {
    const hit = row.keySignature === '' ? undefined : t.rows.find((r) => free.has(r) && r.keySignature === row.keySignature);
    if (hit) {
      free.delete(hit);
      pairs.push([row, hit]);
    } else {
      stillUnpaired.push(row);
    }
  }
  if (!options.translated) return { pairs, missing: stillUnpaired, extra: t.rows.filter((r) => free.has(r)) };
  // Then rows whose labels share most of their words: `CakePHP Console` and `Console CakePHP`,
  // `PDO` and `PDO (MySQL, PostgreSQL)`.
  const leftover: FactRow[] = [];
  for (const row of stillUnpaired) {
    const words = keyWords(row.keyText);
    let best: FactRow | undefined;
    let bestScore = 0.5;
    for (const r of t.rows) {
      if (!free.has(r)) continue;
      const score = keyLikeness(words, keyWords(r.keyText));
      if (score >= bestScore && (best === undefined || score > bestScore)) {
        best = r;
        bestScore = score;
      }
    }
    if (best) {
      free.delete(best);
      pairs.push([row, best]);
    } else {
      leftover.push(row);
    }
  }
  // Last, a row whose label was translated pairs by what its cells say: the free row that
  // agrees with it on the most cells (at least one, and at least half of those both rows fill),
  // between the same paired neighbours when several agree as much. Position alone never pairs
  // two rows: next to an added or removed row it pairs the wrong ones.
  const partner = new Map(pairs.map(([a, b]) => [a, b]));
  const columns = alignColumns(s, t);
  const shared = sharedCells(t);
  const missing: FactRow[] = [];
  for (const row of leftover) {
    // Version ranges and vocabulary terms are the same in every language: a different one is a different row.
    if (row.keyRange || row.keyKnown) {
      missing.push(row);
      continue;
    }
    const gap = neighbourGap(s, t, row, partner);
    let best: FactRow[] = [];
    let bestScore = 0;
    for (const r of t.rows) {
      if (!free.has(r) || r.keyRange || r.keyKnown) continue;
      const score = cellAgreement(row, r, columns, shared);
      if (score > bestScore) {
        best = [r];
        bestScore = score;
      } else if (score === bestScore && score > 0) {
        best.push(r);
      }
    }
    const inGap = best.filter((r) => gap.has(r));
    const hit = best.length === 1 ? best[0] : inGap.length === 1 ? inGap[0] : undefined;
    if (hit) {
      free.delete(hit);
      pairs.push([row, hit]);
      partner.set(row, hit);
    } else {
      missing.push(row);
    }
  }
  return { pairs, missing, extra: t.rows.filter((r) => free.has(r)) };
}

/** The rows of `t` between the partners of the paired rows around `row` in `s`. */
function neighbourGap(s: FactTable, t: FactTable, row: FactRow, partner: ReadonlyMap<FactRow, FactRow>): Set<FactRow> {
  const i = s.rows.indexOf(row);
  let from = 0;
  let to = t.rows.length;
  for (let k = i - 1; k >= 0; k--) {
    const p = partner.get(s.rows[k] as FactRow);
    if (p) {
      from = t.rows.indexOf(p) + 1;
      break;
    }
  }
  for (let k = i + 1; k < s.rows.length; k++) {
    const p = partner.get(s.rows[k] as FactRow);
    if (p) {
      to = t.rows.indexOf(p);
      break;
    }
  }
  return new Set(t.rows.slice(from, Math.max(from, to)));
}

/**
 * How much two rows' cells say the same (0 when none agrees or fewer than half do): equal
 * values, or text with the same language-neutral words (`Aerospike.Client 4.0.0+`, `AdoNet`).
 * A value that several rows of the table share (a tick, `Fully Supported`) tells rows apart no
 * better than position does, so agreeing on it counts for nothing either way.
 */
function cellAgreement(a: FactRow, b: FactRow, columns: ReadonlyMap<number, number>, shared: ReadonlySet<string>): number {
  let both = 0;
  let agree = 0;
  for (const fa of a.facts) {
    const j = columns.get(fa.column);
    const fb = j === undefined ? undefined : b.facts.find((f) => f.column === j);
    if (!fb) continue;
    const same = sameClaim(fa.value, fb.value, fa.raw, fb.raw);
    if (same && shared.has(cellKey(fb.column, fb.raw))) continue;
    both++;
    if (same) agree++;
  }
  return agree > 0 && agree * 2 >= both ? agree / both : 0;
}

function cellKey(column: number, raw: string): string {
  return `${column}\u0000${raw.trim().replace(/\s+/g, ' ').toLowerCase()}`;
}

/** Cells whose source text more than one row of the table has in that column. */
function sharedCells(t: FactTable): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const row of t.rows) {
    for (const f of row.facts) {
      const key = cellKey(f.column, f.raw);
      if (seen.has(key)) shared.add(key);
      seen.add(key);
    }
  }
  return shared;
}

function sameClaim(a: Value, b: Value, aRaw: string, bRaw: string): boolean {
  if (a.kind !== 'text' || b.kind !== 'text' || a.term || b.term) return compareValues(a, b, 'translation') === 'agree';
  if (a.text.toLowerCase() === b.text.toLowerCase()) return true;
  const na = neutralWords(aRaw);
  return na !== '' && na === neutralWords(bRaw);
}

/** The words a translation leaves alone, in a cell's source: code, and ASCII tokens with a digit, a dot, a capital inside or code-like punctuation. */
function neutralWords(text: string): string {
  return (text.match(/[\x21-\x7e]+/g) ?? [])
    .filter((w) => /[\d._/`]|[a-z][A-Z]/.test(w))
    .join(' ')
    .toLowerCase();
}

function keyWords(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[a-z0-9][a-z0-9.+#-]*/g) ?? []).filter((w) => w.length > 1));
}

/**
 * How alike two labels' words are: shared words over all words, or one half when one label's
 * words are all in the other (`PDO` and `PDO (MySQL, PostgreSQL, MariaDB)`).
 */
function keyLikeness(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const contained = small.size > 0 && [...small].every((w) => large.has(w));
  return Math.max(jaccard(a, b), contained ? 0.5 : 0);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Columns pair by canonical id; when the counts match, unknown headers pair by position. */
export function alignColumns(s: FactTable, t: FactTable): Map<number, number> {
  const map = new Map<number, number>();
  const used = new Set<number>();
  s.columns.forEach((c, i) => {
    const j = t.columns.findIndex((d, k) => !used.has(k) && d.dimension === c.dimension && d.id === c.id);
    if (j !== -1) {
      map.set(i, j);
      used.add(j);
    }
  });
  // A header the vocabulary does not know (translated, or renamed) pairs with the column at its
  // position; two different known terms are two different columns.
  if (s.columns.length === t.columns.length) {
    s.columns.forEach((c, i) => {
      const d = t.columns[i];
      if (map.has(i) || used.has(i) || !d || (c.known && d.known)) return;
      map.set(i, i);
      used.add(i);
    });
  }
  return map;
}
