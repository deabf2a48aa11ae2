/** The facts types live with the rest of the page model; this module keeps what works on them. */
export type { ColumnType, Fact, FactColumn, FactRow, FactTable, PageFacts } from './types.js';

/** Stable comparison key of a fact: its dimensions, sorted. */
export function factKey(dimensions: Record<string, string>): string {
  return Object.keys(dimensions)
    .sort()
    .map((k) => `${k}=${dimensions[k]}`)
    .join('; ');
}
