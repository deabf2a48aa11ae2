import type { VersionInterval } from './types.js';
import { exactly, intersect, nextSeries, releaseParts, series } from './version-order.js';

/**
 * Version expressions as docs prose writes them: `3.5-3.11`, `8 to 17`, `3.4+, 4+`,
 * `7.0-9.x, 10.x`, `>=1.0,<2`, `>=2 && <3`, `1.6 以降`, `4.18.0 for Node.js 16+, or 5.0.0 for Node.js 18+`.
 *
 * Written by hand: no grammar (npm, PEP 440, Maven) has these spellings (words and CJK
 * particles for "or later", a dash or `to` between two versions, a comma that is "or" between
 * minimums and "and" between a minimum and a maximum, qualifiers after `for`), and a docs table
 * must not be rejected for them. `version.ts` tries the real grammars for what this rejects.
 */

const VERSION = String.raw`v?\d+(?:\.(?:\d+|[xX*]))*(?:-(?:alpha|beta|rc|dev|pre|preview)[0-9A-Za-z.]*)?`;
/** A version with no wildcard segment, as comparators take it (`>=3.x` is left to the grammars). */
const EXACT = String.raw`v?\d+(?:\.\d+)*(?:-(?:alpha|beta|rc|dev|pre|preview)[0-9A-Za-z.]*)?`;
const versionRe = new RegExp(`^${VERSION}$`);
const comparatorRe = new RegExp(`^(>=|=>|>|<=|=<|<|==|=|\\^|~)\\s*(${EXACT})$`);
const orLaterRe = new RegExp(
  `^(${VERSION})\\s*(?:\\+|以降|以上|or later|or higher|or newer|or above|and later|and above|and newer|and up|onwards|et plus|o posterior|o superior|이상|이후)$`,
  'i',
);
const rangeRe = new RegExp(`^(${VERSION})\\s*(?:-|–|—|~|〜|to|through|à|a|bis|부터)\\s*(${VERSION})(\\+)?$`, 'i');
const conditionRe = /^(.+?)\s+(?:for|on|with|pour|para|für)\s+(.+)$/i;

/** The alternatives of a docs spelling, or null when it is not one. */
export function parseLoose(text: string): VersionInterval[] | null {
  if (text === '*') return [{}];
  const parts = splitAlternatives(text);
  if (parts === null) return null;
  const parsed: VersionInterval[] = [];
  for (const part of parts) {
    const interval = parseOne(part);
    if (interval === null) return null;
    parsed.push(interval);
  }
  return mergeBounds(parsed);
}

function splitAlternatives(text: string): string[] | null {
  const parts = text
    .split(/\s*(?:,\s*or\s+|\s+or\s+(?!later|higher|newer|above)|\|\||,|;|、|，)\s*/i)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return parts.length === 0 ? null : parts;
}

/** One alternative: bounds joined by `&&` or `&` (`>=2 && <3`), then an optional `for ...` qualifier. */
function parseOne(part: string): VersionInterval | null {
  let body = part;
  let condition: string | undefined;
  const cond = conditionRe.exec(part);
  if (cond) {
    body = (cond[1] as string).trim();
    // Qualifiers compare case-insensitively: `Node.js 16+` and `node.js 16+` are one condition.
    condition = (cond[2] as string).trim().toLowerCase();
  }
  const conjuncts = body.split(/\s*&&?\s*/);
  let interval: VersionInterval | null = parseBody(conjuncts[0] as string);
  for (const conjunct of conjuncts.slice(1)) {
    const next = parseBody(conjunct);
    interval = interval && next && !interval.bare && !next.bare ? intersect(interval, next) : null;
  }
  if (interval === null) return null;
  if (condition !== undefined) interval.condition = condition;
  return interval;
}

function parseBody(body: string): VersionInterval | null {
  if (versionRe.test(body)) {
    const v = clean(body);
    if (/\.[x*]/i.test(v)) return series(stripWildcard(v));
    return { ...exactly(v), bare: true };
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
        return { max: upTo(v) };
      case '<':
        return { max: { version: v, inclusive: false } };
      case '^':
        return { min: { version: v, inclusive: true }, max: { version: caretCeiling(v), inclusive: false } };
      case '~':
        return { min: { version: v, inclusive: true }, max: { version: tildeCeiling(v), inclusive: false } };
      default:
        return exactly(v);
    }
  }
  m = orLaterRe.exec(body);
  if (m) return { min: { version: stripWildcard(clean(m[1] as string)), inclusive: true } };
  m = rangeRe.exec(body);
  if (m) {
    const lo = clean(m[1] as string);
    const hi = clean(m[2] as string);
    const min = { version: stripWildcard(lo), inclusive: true };
    if (m[3] === '+') return { min };
    if (/\.[x*]/i.test(hi)) return { min, max: { version: nextSeries(stripWildcard(hi)), inclusive: false } };
    return { min, max: upTo(hi) };
  }
  return null;
}

/**
 * An inclusive upper bound. Written with fewer parts than major.minor.patch it names a series,
 * as npm reads `<=8.19`: `8.16 to 8.19` covers 8.19.1, so the bound is `<8.20`.
 */
function upTo(v: string): { version: string; inclusive: boolean } {
  if (v.includes('-') || releaseParts(v) >= 3) return { version: v, inclusive: true };
  return { version: nextSeries(v), inclusive: false };
}

/** `>=1.0` followed by `<2` is one interval (`>=1.0,<2`); anything else is an alternative. */
function mergeBounds(parts: VersionInterval[]): VersionInterval[] {
  const out: VersionInterval[] = [];
  for (const part of parts) {
    const prev = out[out.length - 1];
    const prevIsLowerOnly = prev !== undefined && prev.min && !prev.max && !prev.bare && !prev.condition;
    const partIsUpperOnly = part.max && !part.min && !part.bare;
    const both = prevIsLowerOnly && partIsUpperOnly ? intersect(prev, part) : null;
    if (both) {
      // `>=3, <2` admits nothing as one interval: it stays two alternatives.
      out[out.length - 1] = part.condition ? { ...both, condition: part.condition } : both;
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
