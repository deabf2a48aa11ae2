/** The option nearest to `word` by edit distance, when near enough to be a likely typo. */
export function closest(word: string, options: string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const o of options) {
    const d = editDistance(word, o);
    if (d < bestDistance) {
      bestDistance = d;
      best = o;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] as number;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] as number;
}
