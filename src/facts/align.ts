import type { FactRow, FactTable } from '../model/facts.js';

/**
 * Pairing the tables, rows and columns of two versions of a page: a page and its translation
 * (translation-drift), or a page at two revisions (diff).
 */

/**
 * Pair tables of the same kind by how many row keys they share, with a small preference for
 * the same position: a translation may list a page's tables in another order.
 */
export function alignTables(source: FactTable[], translated: FactTable[]): Array<[FactTable, FactTable]> {
  const candidates: Array<{ s: FactTable; t: FactTable; score: number }> = [];
  source.forEach((s, i) => {
    translated.forEach((t, j) => {
      if (s.kind !== t.kind) return;
      const position = 1 - Math.abs(i / Math.max(1, source.length) - j / Math.max(1, translated.length));
      candidates.push({ s, t, score: rowOverlap(s, t) + 0.05 * position });
    });
  });
  candidates.sort((a, b) => b.score - a.score);
  const usedS = new Set<FactTable>();
  const usedT = new Set<FactTable>();
  const pairs: Array<[FactTable, FactTable]> = [];
  for (const { s, t } of candidates) {
    if (usedS.has(s) || usedT.has(t)) continue;
    usedS.add(s);
    usedT.add(t);
    pairs.push([s, t]);
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
  // Then rows whose labels share most of their words: `CakePHP Console` and `Console CakePHP`.
  const leftover: FactRow[] = [];
  for (const row of stillUnpaired) {
    const words = keyWords(row.keyText);
    let best: FactRow | undefined;
    let bestScore = 0.5;
    for (const r of t.rows) {
      if (!free.has(r)) continue;
      const score = jaccard(words, keyWords(r.keyText));
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
  // Last, a row whose label was translated: it sits where the source row sits, between the
  // same paired neighbours (or first, or last).
  const partner = new Map(pairs.map(([a, b]) => [a, b]));
  const missing: FactRow[] = [];
  for (const row of leftover) {
    // Version ranges and vocabulary terms are the same in every language: a different one is a different row.
    if (row.keyRange || row.keyKnown) {
      missing.push(row);
      continue;
    }
    const i = s.rows.indexOf(row);
    const before = i > 0 ? partner.get(s.rows[i - 1] as FactRow) : undefined;
    const after = i < s.rows.length - 1 ? partner.get(s.rows[i + 1] as FactRow) : undefined;
    const j = before ? t.rows.indexOf(before) + 1 : after ? t.rows.indexOf(after) - 1 : i === 0 ? 0 : -1;
    const candidate = t.rows[j];
    const fits = candidate !== undefined && free.has(candidate) && !candidate.keyRange && !candidate.keyKnown && (!after || t.rows.indexOf(after) === j + 1) && (!before || i === 0 || t.rows.indexOf(before) === j - 1);
    if (fits) {
      free.delete(candidate);
      pairs.push([row, candidate]);
      partner.set(row, candidate);
    } else {
      missing.push(row);
    }
  }
  return { pairs, missing, extra: t.rows.filter((r) => free.has(r)) };
}

function keyWords(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[a-z0-9][a-z0-9.+#-]*/g) ?? []).filter((w) => w.length > 1));
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
