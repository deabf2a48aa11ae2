/** Code-unit order, the same in every locale and on every machine: what sorted output uses. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `12,345`: fixed grouping, so a report does not depend on the machine's locale. */
export function formatNumber(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
