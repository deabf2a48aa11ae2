import type { Value, VersionExpr, VersionInterval } from '../model/types.js';
import { compareVersions, lowestVersion, mergeIntervals } from '../model/version.js';

export type Agreement = 'agree' | 'disagree' | 'unknown';

/**
 * Whether two values state the same fact.
 * - A vaguer value agrees with a precise one: `Preview` with `Preview (>=2.21.0)`, a tick with
 *   a minimum version.
 * - A minimum version written with qualifiers (`4.18.0 for Node.js 16+, or 5.0.0 for Node.js 18+`)
 *   or bare (`4.18.0`) agrees with another that starts at the same version.
 * - Text agrees with text written the same way (case and spacing aside); text against a status or
 *   version disagrees, except in `translation` mode, where an untranslated word may simply be
 *   unknown to the vocabulary, so the answer is `unknown`.
 */
export function compareValues(a: Value, b: Value, mode: 'consistency' | 'translation' = 'consistency'): Agreement {
  if (a.kind === 'text' || b.kind === 'text') {
    if (a.kind === 'text' && b.kind === 'text') return a.text.toLowerCase() === b.text.toLowerCase() ? 'agree' : 'disagree';
    return mode === 'translation' ? 'unknown' : 'disagree';
  }
  if (a.kind === 'unsupported' || b.kind === 'unsupported') return a.kind === b.kind ? 'agree' : 'disagree';
  if (a.kind === 'supported' || b.kind === 'supported') {
    // A tick says "supported" without saying since when; a version or another tick agrees.
    if (a.kind === 'preview' || b.kind === 'preview') return 'disagree';
    return 'agree';
  }
  if (a.kind === 'preview' && b.kind === 'preview') {
    if (!a.version || !b.version) return 'agree';
    return versionsAgree(a.version, b.version) ? 'agree' : 'disagree';
  }
  if (a.kind === 'version' && b.kind === 'version') return versionsAgree(a.version, b.version) ? 'agree' : 'disagree';
  return 'disagree';
}

export function versionsAgree(a: VersionExpr, b: VersionExpr): boolean {
  if (a.canonical === b.canonical) return true;
  if (!(readsAsMinimum(a) || readsAsMinimum(b))) return false;
  const la = lowestVersion(a);
  const lb = lowestVersion(b);
  return la !== null && lb !== null && compareVersions(la, lb) === 0 && upperBoundsAgree(a, b);
}

/** `1.5.0`, `>=1.5.0` and `4.18.0 for Node.js 16+, ...` all state where support starts. */
function readsAsMinimum(v: VersionExpr): boolean {
  return v.alternatives.every((alt) => alt.bare || alt.condition !== undefined || (alt.min && !alt.max));
}

function upperBoundsAgree(a: VersionExpr, b: VersionExpr): boolean {
  const capA = a.alternatives.some((x) => x.max && !x.bare);
  const capB = b.alternatives.some((x) => x.max && !x.bare);
  return !capA && !capB;
}

/**
 * The versions a value admits, as sorted disjoint intervals: a version expression as written,
 * with a bare version (`1.5.0`) read as where support starts, as the docs' tables mean it;
 * `supported` admits every version, `unsupported` none. Null when the value states no range.
 */
export function rangeOf(value: Value): VersionInterval[] | null {
  switch (value.kind) {
    case 'supported':
      return [{}];
    case 'unsupported':
      return [];
    case 'text':
      return null;
    case 'preview':
    case 'version':
      if (!value.version) return null;
      return mergeIntervals(value.version.alternatives.map((alt) => (alt.bare && alt.min ? { min: alt.min } : alt)));
  }
}
