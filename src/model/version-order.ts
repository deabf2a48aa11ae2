import semver from 'semver';
import type { VersionBound, VersionExpr, VersionInterval } from './types.js';

/**
 * The order of versions and the interval arithmetic every version grammar maps onto. A bound's
 * version is dotted numbers with an optional pre-release (`2.0.0-beta.1`), whatever grammar
 * wrote it, so that `>=1.2` from a docs table and `~=1.2` from a PEP 440 column compare.
 */

/** `1.8.0` and `1.8` are the same version; the canonical form drops trailing zero segments of a release. */
export function normalizeVersion(v: string): string {
  if (v.includes('-')) return v;
  const segs = v.split('.');
  while (segs.length > 1 && segs[segs.length - 1] === '0') segs.pop();
  return segs.join('.');
}

/**
 * Compare dotted versions numerically; missing segments count as 0. A pre-release sorts before
 * its release, and pre-releases compare as semver orders them (identifier by identifier,
 * numbers numerically: `rc.2` before `rc.10`).
 */
export function compareVersions(a: string, b: string): number {
  const [coreA, preA] = splitPre(a);
  const [coreB, preB] = splitPre(b);
  const sa = coreA.split('.');
  const sb = coreB.split('.');
  const n = Math.max(sa.length, sb.length);
  for (let i = 0; i < n; i++) {
    const x = sa[i] ?? '0';
    const y = sb[i] ?? '0';
    const nx = Number(x);
    const ny = Number(y);
    if (Number.isFinite(nx) && Number.isFinite(ny)) {
      if (nx !== ny) return nx < ny ? -1 : 1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  if (preA === preB) return 0;
  if (preA === '') return 1;
  if (preB === '') return -1;
  return comparePre(preA, preB);
}

function comparePre(a: string, b: string): number {
  const ia = a.split('.');
  const ib = b.split('.');
  for (let i = 0; i < Math.min(ia.length, ib.length); i++) {
    const c = semver.compareIdentifiers(ia[i] as string, ib[i] as string);
    if (c !== 0) return c;
  }
  return Math.sign(ia.length - ib.length);
}

function splitPre(v: string): [string, string] {
  const i = v.indexOf('-');
  return i === -1 ? [v, ''] : [v.slice(0, i), v.slice(i + 1)];
}

/** The segments of a version's release part: `3.9` → 2, `8` → 1, `2.0.0-beta` → 3. */
export function releaseParts(v: string): number {
  return splitPre(v)[0].split('.').length;
}

/** The first version past a series: `9` → `10`, `3.9` → `3.10` (so `3.9.x` is `>=3.9 <3.10`). */
export function nextSeries(v: string): string {
  const segs = splitPre(v)[0].split('.');
  segs[segs.length - 1] = String(Number(segs[segs.length - 1]) + 1);
  return segs.join('.');
}

/** One version exactly. */
export function exactly(v: string): VersionInterval {
  return { min: { version: v, inclusive: true }, max: { version: v, inclusive: true } };
}

/** The versions of a series: `3.9` → `>=3.9 <3.10`. */
export function series(v: string): VersionInterval {
  return { min: { version: v, inclusive: true }, max: { version: nextSeries(v), inclusive: false } };
}

/** The versions both intervals admit, or null when none. */
export function intersect(a: VersionInterval, b: VersionInterval): VersionInterval | null {
  const min = higherMin(a.min, b.min);
  const max = lowerMax(a.max, b.max);
  if (!below(min, max)) return null;
  const out: VersionInterval = {};
  if (min) out.min = min;
  if (max) out.max = max;
  return out;
}

/** The versions that both sets (unions of intervals) admit, as a union of intervals. */
export function intersectAll(a: VersionInterval[], b: VersionInterval[]): VersionInterval[] {
  const out: VersionInterval[] = [];
  for (const x of a) {
    for (const y of b) {
      const both = intersect(x, y);
      if (both) out.push(both);
    }
  }
  return out;
}

function higherMin(a: VersionBound | undefined, b: VersionBound | undefined): VersionBound | undefined {
  if (!a || !b) return a ?? b;
  const c = compareVersions(a.version, b.version);
  if (c !== 0) return c > 0 ? a : b;
  return a.inclusive ? b : a;
}

function lowerMax(a: VersionBound | undefined, b: VersionBound | undefined): VersionBound | undefined {
  if (!a || !b) return a ?? b;
  const c = compareVersions(a.version, b.version);
  if (c !== 0) return c < 0 ? a : b;
  return a.inclusive ? b : a;
}

/** Whether a lower bound lies below (or touches, when both ends are inclusive) an upper bound. */
export function below(lo: VersionBound | undefined, hi: VersionBound | undefined): boolean {
  if (!lo || !hi) return true;
  const c = compareVersions(lo.version, hi.version);
  return c < 0 || (c === 0 && lo.inclusive && hi.inclusive);
}

/** An expression from its alternatives, with the canonical text that is equal for equal meaning. */
export function expression(alternatives: VersionInterval[]): VersionExpr {
  return { canonical: alternatives.map(formatInterval).join(' || '), alternatives };
}

function formatInterval(i: VersionInterval): string {
  let s: string;
  if (i.bare && i.min) s = normalizeVersion(i.min.version);
  else if (i.min && i.max && i.min.inclusive && i.max.inclusive && compareVersions(i.min.version, i.max.version) === 0) {
    s = `=${normalizeVersion(i.min.version)}`;
  } else if (!i.min && !i.max) {
    s = '*';
  } else {
    const lo = i.min ? `${i.min.inclusive ? '>=' : '>'}${normalizeVersion(i.min.version)}` : '';
    const hi = i.max ? `${i.max.inclusive ? '<=' : '<'}${normalizeVersion(i.max.version)}` : '';
    s = [lo, hi].filter(Boolean).join(' ');
  }
  return i.condition ? `${s} (${i.condition})` : s;
}

/** Whether an interval admits a version. */
export function admits(i: VersionInterval, version: string): boolean {
  const point = { version, inclusive: true };
  return below(i.min, point) && below(point, i.max);
}

/** Lower bounds in order (none is the lowest; `>=1` is below `>1`): negative when `a` is lower. */
export function compareLower(a: VersionBound | undefined, b: VersionBound | undefined): number {
  if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
  const c = compareVersions(a.version, b.version);
  if (c !== 0) return c;
  return a.inclusive === b.inclusive ? 0 : a.inclusive ? -1 : 1;
}

/** Upper bounds in order (none is the highest; `<=2` is above `<2`): positive when `a` is higher. */
export function compareUpper(a: VersionBound | undefined, b: VersionBound | undefined): number {
  if (!a || !b) return (a ? 0 : 1) - (b ? 0 : 1);
  const c = compareVersions(a.version, b.version);
  if (c !== 0) return c;
  return a.inclusive === b.inclusive ? 0 : a.inclusive ? 1 : -1;
}

/** A union of intervals as the fewest sorted, disjoint ones (`>=1 <2 || >=2 <3` is `>=1 <3`). */
export function mergeIntervals(list: readonly VersionInterval[]): VersionInterval[] {
  const sorted = list.map(({ min, max }) => ({ ...(min ? { min } : {}), ...(max ? { max } : {}) })).sort((a, b) => compareLower(a.min, b.min));
  const out: VersionInterval[] = [];
  for (const next of sorted) {
    const last = out[out.length - 1];
    if (last && touches(last.max, next.min)) {
      if (compareUpper(next.max, last.max) > 0) {
        if (next.max) last.max = next.max;
        else delete last.max;
      }
    } else {
      out.push(next);
    }
  }
  return out;
}

/** Whether an interval ending at `hi` and one starting at `lo` leave no version between them. */
function touches(hi: VersionBound | undefined, lo: VersionBound | undefined): boolean {
  if (!hi || !lo) return true;
  const c = compareVersions(lo.version, hi.version);
  return c < 0 || (c === 0 && (lo.inclusive || hi.inclusive));
}

/** Whether every version of `inner` lies in the union `outer` (merged, as `mergeIntervals` gives it). */
export function containsInterval(outer: readonly VersionInterval[], inner: VersionInterval): boolean {
  return outer.some((o) => compareLower(o.min, inner.min) <= 0 && compareUpper(o.max, inner.max) >= 0);
}
