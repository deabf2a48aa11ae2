import type { VersionExpr, VersionInterval, VersionSyntax } from './types.js';
import { parseLoose } from './version-loose.js';
import { parseMaven } from './version-maven.js';
import { parseNpm } from './version-npm.js';
import { below, compareVersions, expression } from './version-order.js';
import { parsePep440 } from './version-pep440.js';

export { admits, compareLower, compareUpper, compareVersions, containsInterval, mergeIntervals, normalizeVersion } from './version-order.js';

/**
 * Version expressions, parsed into intervals that compare whichever grammar wrote them:
 * - `npm`: an npm range, read by `semver` (`>=1.0.0 <2`, `^1.2`, `1.x || 2.x`, `*`);
 * - `pep440`: a PEP 440 specifier set, read by `@renovatebot/pep440` (`~= 3.0`, `!=3.9.*`, `==3.*`);
 * - `maven`: a Maven range (`[1.0,2.0)`, `(,1.0]`, `[1.5,)`);
 * - `loose` (the default): docs spellings first (`3.5-3.11`, `8 to 17`, `3.4+, 4+`, `1.6 以降`,
 *   `4.18.0 for Node.js 16+`, `>=2 && <3`), then each grammar above in turn.
 * Every syntax reads typographic comparators (`≥ 2.7.0 < 4.0.0`) and ignores a trailing
 * footnote marker (`2.0+*`, `2.0+ [1]`, `1.2^1`, `2.0¹`, `2.0<sup>1</sup>`).
 */
export function parseVersionExpr(input: string, syntax: VersionSyntax = 'loose'): VersionExpr | null {
  const text = typography(input);
  if (text === '' || text.length > 200) return null;
  const read = readers[syntax];
  let alternatives = read(text);
  if (alternatives === null) {
    const unmarked = withoutFootnote(text);
    if (unmarked !== text && unmarked !== '') alternatives = read(unmarked);
  }
  return alternatives === null ? null : expression(alternatives);
}

const readers: Record<VersionSyntax, (text: string) => VersionInterval[] | null> = {
  loose: readLoosely,
  npm: parseNpm,
  pep440: parsePep440,
  maven: parseMaven,
};

/**
 * Docs spellings, then the grammars' expressions. A version alone is the docs reading's: the
 * grammars would take `2025-09-15` (a Maven version, a PEP 440 post-release) for one. PEP 440
 * comes before npm, which also takes `~=3.0`, as `~3.0`. Without a digit only `*` reads: in a
 * docs cell semver's `x` for "any" is a cross.
 */
function readLoosely(text: string): VersionInterval[] | null {
  if (text !== '*' && !/\d/.test(text)) return null;
  return parseLoose(text) ?? parsePep440(text, false) ?? parseNpm(text, false) ?? parseMaven(text, false);
}

function typography(input: string): string {
  return input
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/[≥≧]/g, '>=')
    .replace(/[≤≦]/g, '<=')
    .replace(/≠/g, '!=')
    .trim();
}

/** Footnote markers after an expression: `<sup>1</sup>`, `¹`, ` [1]`, `[^a]`, `^1`, `*` (written on, as a space before it is npm's "and any"), `†`. */
const footnoteMarkers = [
  /\s*<sup>[^<]{1,8}<\/sup>$/i,
  /\s*[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/,
  /(?<=[\w+*)\]]|\s)\s*\[\^?\w{1,3}\]$/,
  /(?<=\d)\^\d{1,2}$/,
  /(?<=[\w+)\]])\*+$/,
  /(?<=[\w+*)\]])\s*[†‡§]+$/,
];

/**
 * The text less its trailing footnote markers. They are tried only when the text as written
 * does not parse, so `[1.0,2.0),[3]` (Maven) and `1.*` (a wildcard) keep their brackets and star.
 */
function withoutFootnote(text: string): string {
  let out = text;
  for (;;) {
    const next = footnoteMarkers.reduce((s, re) => s.replace(re, ''), out).trim();
    if (next === out) return out;
    out = next;
  }
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
  return a.alternatives.some((x) => b.alternatives.some((y) => below(x.min, y.max) && below(y.min, x.max)));
}

/**
 * One version, as a data file lists a tested release (`3.7.4.post0`, `8.17.1`, `3.10`), in the
 * shared dotted order; null when the text is a range or no version in `syntax`.
 */
export function singleVersion(text: string, syntax: VersionSyntax = 'loose'): string | null {
  const expr = parseVersionExpr(text, syntax);
  const only = expr?.alternatives.length === 1 ? expr.alternatives[0] : undefined;
  if (!only?.min || only.condition !== undefined) return null;
  if (only.bare) return only.min.version;
  const point = only.max && only.min.inclusive && only.max.inclusive && compareVersions(only.min.version, only.max.version) === 0;
  return point ? only.min.version : null;
}
