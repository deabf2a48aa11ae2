import type { VersionBound, VersionExpr, VersionInterval } from './types.js';

/**
 * Version expressions as docs tables write them, parsed into intervals that can be compared:
 * `1.5.0`, `>=2.21.0`, `3.5-3.11`, `<2`, `>=1.0,<2`, `8 to 17`, `3.4+, 4+`, `7.0-9.x, 10.x`,
 * `^2.4.2`, `1.6 以降`, `4.18.0 for Node.js 16+, or 5.0.0 for Node.js 18+`.
 *
 * Written by hand: semver parsers reject most of these spellings (two-part versions,
 * `.x` ranges, prose qualifiers), and a docs table must not be rejected for them.
 */

const VERSION = String.raw`v?\d+(?:\.(?:\d+|[xX*]))*(?:-(?:alpha|beta|rc|dev|pre|preview)[0-9A-Za-z.]*)?`;
const versionRe = new RegExp(`^${VERSION}$`);
const comparatorRe = new RegExp(`^(>=|=>|>|<=|=<|<|==|=|\\^|~)\\s*(${VERSION})$`);
const orLaterRe = new RegExp(
  `^(${VERSION})\\s*(?:\\+|以降|以上|or later|or higher|or newer|or above|and later|and above|and newer|and up|onwards|et plus|o posterior|o superior|이상|이후)$`,
  'i',
);
const rangeRe = new RegExp(`^(${VERSION})\\s*(?:-|–|—|~|〜|to|through|à|a|bis|부터)\\s*(${VERSION})(\\+)?$`, 'i');
const conditionRe = /^(.+?)\s+(?:for|on|with|pour|para|für)\s+(.+)$/i;

/** Parse a version expression; null when the text is not one. */
export function parseVersionExpr(input: string): VersionExpr | null {
  const text = input.replace(/[\s\u00a0]+/g, ' ').trim();
  if (text === '' || text.length > 200 || !/\d/.test(text)) return null;
  const parts = splitAlternatives(text);
  if (parts === null) return null;
  const parsed: VersionInterval[] = [];
  for (const part of parts) {
    const interval = parseOne(part);
    if (interval === null) return null;
    parsed.push(interval);
  }
  const alternatives = mergeBounds(parsed);
  return { canonical: alternatives.map(formatInterval).join(' || '), alternatives };
}

function splitAlternatives(text: string): string[] | null {
  const parts = text
    .split(/\s*(?:,\s*or\s+|\s+or\s+(?!later|higher|newer|above)|\|\||,|;|、|，)\s*/i)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return parts.length === 0 ? null : parts;
}

function parseOne(part: string): VersionInterval | null {
  let body = part;
  let condition: string | undefined;
  const cond = conditionRe.exec(part);
  if (cond) {
    body = (cond[1] as string).trim();
    // Qualifiers compare case-insensitively: `Node.js 16+` and `node.js 16+` are one condition.
    condition = (cond[2] as string).trim().toLowerCase();
  }
  const interval = parseBody(body);
  if (interval === null) return null;
  if (condition !== undefined) interval.condition = condition;
  return interval;
}

function parseBody(body: string): VersionInterval | null {
  if (versionRe.test(body)) {
    const v = clean(body);
    if (/\.[x*]/i.test(v)) return wildcard(v);
    return { min: { version: v, inclusive: true }, max: { version: v, inclusive: true }, bare: true };
  }
  let m = comparatorRe.exec(body);
  if (m) {
    const op = m[1] as string;
    const v = clean(m[2] as string);
    switch (op) {
      case '>=':
      case '=>':
        return { min: { version: v, inclusive: true } };
      case '>':
        return { min: { version: v, inclusive: false } };
      case '<=':
      case '=<':
        return { max: { version: v, inclusive: true } };
      case '<':
        return { max: { version: v, inclusive: false } };
      case '^':
        return { min: { version: v, inclusive: true }, max: { version: caretCeiling(v), inclusive: false } };
      case '~':
        return { min: { version: v, inclusive: true }, max: { version: tildeCeiling(v), inclusive: false } };
      default:
        return { min: { version: v, inclusive: true }, max: { version: v, inclusive: true } };
    }
  }
  m = orLaterRe.exec(body);
  if (m) return { min: { version: stripWildcard(clean(m[1] as string)), inclusive: true } };
  m = rangeRe.exec(body);
  if (m) {
    const lo = clean(m[1] as string);
    const hi = clean(m[2] as string);
    const min: VersionBound = { version: stripWildcard(lo), inclusive: true };
    if (m[3] === '+') return { min };
    if (/\.[x*]/i.test(hi)) return { min, max: { version: wildcardCeiling(hi), inclusive: false } };
    return { min, max: { version: hi, inclusive: true } };
  }
  return null;
}

/** `>=1.0` followed by `<2` is one interval (`>=1.0,<2`); anything else is an alternative. */
function mergeBounds(parts: VersionInterval[]): VersionInterval[] {
  const out: VersionInterval[] = [];
  for (const part of parts) {
    const prev = out[out.length - 1];
    const prevIsLowerOnly = prev !== undefined && prev.min && !prev.max && !prev.bare && !prev.condition;
    const partIsUpperOnly = part.max && !part.min && !part.bare;
    if (prevIsLowerOnly && partIsUpperOnly) {
      prev.max = part.max;
      if (part.condition) prev.condition = part.condition;
      continue;
    }
    out.push(part);
  }
  return out;
}

function clean(v: string): string {
  return v.replace(/^v/, '').replace(/X/g, 'x');
}

function stripWildcard(v: string): string {
  return v.replace(/(\.[x*])+$/i, '');
}

function wildcard(v: string): VersionInterval {
  const base = stripWildcard(v);
  return { min: { version: base, inclusive: true }, max: { version: wildcardCeiling(v), inclusive: false } };
}

/** `9.x` → `10`; `3.9.x` → `3.10`. */
function wildcardCeiling(v: string): string {
  const segs = stripWildcard(v).split('.');
  const last = Number(segs[segs.length - 1]);
  segs[segs.length - 1] = String(last + 1);
  return segs.join('.');
}

function caretCeiling(v: string): string {
  const segs = v.split('.').map((s) => Number(s) || 0);
  const first = segs.findIndex((n) => n !== 0);
  if (first === -1) return '0.0.1';
  const out = segs.slice(0, first + 1);
  out[first] = (out[first] as number) + 1;
  return out.join('.');
}

function tildeCeiling(v: string): string {
  const segs = v.split('.').map((s) => Number(s) || 0);
  if (segs.length === 1) return String((segs[0] as number) + 1);
  return `${segs[0]}.${(segs[1] as number) + 1}`;
}

function formatInterval(i: VersionInterval): string {
  let s: string;
  if (i.bare && i.min) s = normalizeVersion(i.min.version);
  else if (i.min && i.max && i.min.inclusive && i.max.inclusive && compareVersions(i.min.version, i.max.version) === 0) {
    s = `=${normalizeVersion(i.min.version)}`;
  } else {
    const lo = i.min ? `${i.min.inclusive ? '>=' : '>'}${normalizeVersion(i.min.version)}` : '';
    const hi = i.max ? `${i.max.inclusive ? '<=' : '<'}${normalizeVersion(i.max.version)}` : '';
    s = [lo, hi].filter(Boolean).join(' ');
  }
  return i.condition ? `${s} (${i.condition})` : s;
}

/** `1.8.0` and `1.8` are the same version; the canonical form drops trailing zero segments. */
export function normalizeVersion(v: string): string {
  const segs = v.split('.');
  while (segs.length > 1 && segs[segs.length - 1] === '0') segs.pop();
  return segs.join('.');
}

/** Compare dotted versions numerically; missing segments count as 0; a pre-release sorts before its release. */
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
  return preA < preB ? -1 : 1;
}

function splitPre(v: string): [string, string] {
  const i = v.indexOf('-');
  return i === -1 ? [v, ''] : [v.slice(0, i), v.slice(i + 1)];
}

/** The lowest version an expression admits, or null when it has no lower bound. */
export function lowestVersion(expr: VersionExpr): string | null {
  let lowest: string | null = null;
  for (const alt of expr.alternatives) {
    if (!alt.min) return null;
    if (lowest === null || compareVersions(alt.min.version, lowest) < 0) lowest = alt.min.version;
  }
  return lowest;
}

/** True when some version satisfies both expressions (bare versions read as that one release). */
export function versionsOverlap(a: VersionExpr, b: VersionExpr): boolean {
  return a.alternatives.some((x) => b.alternatives.some((y) => intervalsOverlap(x, y)));
}

function intervalsOverlap(a: VersionInterval, b: VersionInterval): boolean {
  return below(a.min, b.max) && below(b.min, a.max);
}

/** Whether a lower bound lies below (or touches, when both ends are inclusive) an upper bound. */
function below(lo: VersionBound | undefined, hi: VersionBound | undefined): boolean {
  if (!lo || !hi) return true;
  const c = compareVersions(lo.version, hi.version);
  return c < 0 || (c === 0 && lo.inclusive && hi.inclusive);
}
