/** Code-unit order, the same in every locale and on every machine: what sorted output uses. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
