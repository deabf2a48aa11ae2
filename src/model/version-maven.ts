import type { VersionBound, VersionInterval } from './types.js';
import { below, exactly } from './version-order.js';

/**
 * A Maven version range, as Maven's `VersionRange.createFromVersionSpec` reads one: `[1.0,2.0)`,
 * `(,1.0]`, `[1.5,)`, `[1.0]` (exactly), `(,1.0],[1.2,)` (either), or, when `alone` allows
 * it, a version alone (`1.0`, Maven's "soft" requirement, read as bare). Null for what Maven rejects: a single version in
 * parentheses, a lower bound above the upper, ranges that overlap or are out of order.
 *
 * Written by hand: no npm package that is kept up reads Maven ranges (Renovate's reader lives
 * inside Renovate). Versions are dotted numbers with an optional `-qualifier` (`1.0-SNAPSHOT`,
 * before 1.0 as in Maven); Maven's other qualifier spellings (`1.0.Final`) are not read.
 */
const VERSION = String.raw`\d+(?:\.\d+)*(?:-[0-9A-Za-z][0-9A-Za-z.-]*)?`;
const versionRe = new RegExp(`^${VERSION}$`);
const restrictionRe = new RegExp(String.raw`^([[(])\s*(${VERSION})?\s*(?:(,)\s*(${VERSION})?\s*)?([\])])\s*(?:,\s*|$)`);

export function parseMaven(text: string, alone = true): VersionInterval[] | null {
  if (versionRe.test(text)) return alone ? [{ ...exactly(text), bare: true }] : null;
  const out: VersionInterval[] = [];
  let rest = text;
  while (rest !== '') {
    const m = restrictionRe.exec(rest);
    if (!m) return null;
    rest = rest.slice(m[0].length);
    if (rest === '' && m[0].trimEnd().endsWith(',')) return null;
    const [, open, lo, comma, hi, close] = m;
    let interval: VersionInterval;
    if (comma === undefined) {
      // `[1.0]` is one version; `(1.0)` and `[]` are errors in Maven too.
      if (open !== '[' || close !== ']' || lo === undefined) return null;
      interval = exactly(lo);
    } else {
      interval = {};
      if (lo !== undefined) interval.min = { version: lo, inclusive: open === '[' };
      if (hi !== undefined) interval.max = { version: hi, inclusive: close === ']' };
      if (!below(interval.min, interval.max)) return null;
    }
    const prev = out[out.length - 1];
    if (prev && !before(prev.max, interval.min)) return null;
    out.push(interval);
  }
  return out.length === 0 ? null : out;
}

/** Maven's order of restrictions: each ends before the next begins. */
function before(max: VersionBound | undefined, min: VersionBound | undefined): boolean {
  if (!max || !min) return false;
  return !below(min, max);
}
