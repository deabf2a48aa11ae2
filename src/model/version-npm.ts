import semver from 'semver';
import type { VersionBound, VersionInterval } from './types.js';
import { exactly, intersect } from './version-order.js';

const plainVersionRe = /^[v=]?\s*\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * An npm range (`>=1.0.0 <2`, `^1.2`, `1.x || 2.x`, `1.2.3 - 2.3`, `*`) as semver reads it:
 * its comparator sets, each the intersection of its comparators, are the alternatives. Null
 * when semver rejects the range or no version satisfies it, and for a version alone
 * (`1.2.3`, bare) unless `alone` allows it.
 *
 * semver's bounds below a series carry the lowest pre-release (`<2.0.0-0`, so that 2.0.0-beta
 * stays out of `^1`); here they are the release (`<2`), as the other grammars write them.
 */
export function parseNpm(text: string, alone = true): VersionInterval[] | null {
  const bare = plainVersionRe.test(text);
  if (bare && !alone) return null;
  let range: semver.Range;
  try {
    range = new semver.Range(text);
  } catch {
    return null;
  }
  const out: VersionInterval[] = [];
  for (const set of range.set) {
    let interval: VersionInterval | null = {};
    for (const comparator of set) {
      interval = interval && intersect(interval, comparatorInterval(comparator));
    }
    if (interval) out.push(bare ? { ...interval, bare: true } : interval);
  }
  return out.length === 0 ? null : out;
}

function comparatorInterval(c: semver.Comparator): VersionInterval {
  // `*` (and `x`, or an empty set): semver's ANY comparator, whose text is empty.
  if (c.value === '') return {};
  const version = c.semver.version;
  const bound = (inclusive: boolean): VersionBound => ({ version, inclusive });
  switch (c.operator) {
    case '>=':
      return { min: bound(true) };
    case '>':
      return { min: bound(false) };
    case '<=':
      return { max: bound(true) };
    case '<':
      return { max: { version: version.replace(/-0$/, ''), inclusive: false } };
    default:
      return exactly(version);
  }
}
