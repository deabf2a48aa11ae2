import { explain, RANGE_PATTERN, valid, validRange } from '@renovatebot/pep440';
import type { VersionInterval } from './types.js';
import { exactly, intersectAll, nextSeries, series } from './version-order.js';

const specifierRe = new RegExp(`^${RANGE_PATTERN}$`, 'i');

/**
 * A PEP 440 specifier set (`~= 3.0`, `>=3.8, !=3.9.*, <4`, `==3.*`) as the pep440 package
 * validates it, or, when `alone` allows it, a PEP 440 version alone (`3.8`, bare). The comma is "and": the result is the
 * intersection of each specifier's intervals (`!=` admits two). Null when the package rejects it,
 * when no version satisfies it, or for a version with an epoch (`1!2.0`), which has no place in
 * the dotted order the other grammars share.
 *
 * Versions map onto that order with their pre-releases (`1.0rc1` is `1.0-rc.1`; `a`, `b`, `rc`
 * sort as PEP 440 does) and dev releases (`1.0.dev1` is `1.0-0.dev.1`, before `1.0a1`); a
 * post-release or a local label reads as its release, and a dev release of a pre-release as
 * that pre-release.
 */
export function parsePep440(text: string, alone = true): VersionInterval[] | null {
  if (alone && valid(text) !== null) {
    const v = dotted(text);
    return v === null ? null : [{ ...exactly(v), bare: true }];
  }
  if (text.trim() === '' || !validRange(text)) return null;
  let set: VersionInterval[] = [{}];
  for (const part of text.split(',')) {
    const groups = specifierRe.exec(part.trim())?.groups;
    const intervals = groups ? specifierIntervals(groups) : null;
    if (intervals === null) return null;
    set = intersectAll(set, intervals);
  }
  return set.length === 0 ? null : set;
}

function specifierIntervals(groups: Record<string, string | undefined>): VersionInterval[] | null {
  const { operator, version, prefix } = groups;
  if (version === undefined) return null;
  const v = dotted(version);
  const release = explain(version)?.release.join('.');
  if (v === null || release === undefined) return null;
  if (prefix) {
    // `==3.9.*` is the 3.9 series; `!=3.9.*` what lies below it or from 3.10 on.
    if (operator !== '!=') return [series(release)];
    return [{ max: { version: release, inclusive: false } }, { min: { version: nextSeries(release), inclusive: true } }];
  }
  switch (operator) {
    case '==':
    case '===':
      return [exactly(v)];
    case '!=':
      return [{ max: { version: v, inclusive: false } }, { min: { version: v, inclusive: false } }];
    case '~=': {
      // `~=1.4.5` is `>=1.4.5, ==1.4.*`: the series of the release less its last segment.
      const parent = release.split('.').slice(0, -1).join('.');
      return [{ min: { version: v, inclusive: true }, max: { version: nextSeries(parent), inclusive: false } }];
    }
    case '<':
      return [{ max: { version: v, inclusive: false } }];
    case '<=':
      return [{ max: { version: v, inclusive: true } }];
    case '>':
      return [{ min: { version: v, inclusive: false } }];
    case '>=':
      return [{ min: { version: v, inclusive: true } }];
    default:
      return null;
  }
}

/** A PEP 440 version in the shared dotted order, or null when it has an epoch. */
function dotted(version: string): string | null {
  const v = explain(version);
  if (!v || v.epoch !== 0) return null;
  const release = v.release.join('.');
  // The package's types say arrays; at run time `pre` is [letter, number] and `dev` a number.
  const pre = v.pre as unknown as [string, number] | null;
  const dev = v.dev as unknown as number | null;
  if (pre) return `${release}-${pre[0]}.${pre[1]}`;
  if (dev !== null) return `${release}-0.dev.${dev}`;
  return release;
}
