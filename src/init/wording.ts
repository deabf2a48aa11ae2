/** `1 page`, `3 pages`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The first `max` items, then how many more. */
export function list(items: readonly string[], max = 6): string {
  return `${items.slice(0, max).join(', ')}${items.length > max ? `, and ${items.length - max} more` : ''}`;
}

/** `a.md:12`. */
export function at(where: { file: string; line: number }): string {
  return `${where.file}:${where.line}`;
}
