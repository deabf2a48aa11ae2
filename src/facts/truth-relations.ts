import type { Value, VersionBound, VersionInterval } from '../model/types.js';
import { admits, compareLower, compareUpper, containsInterval } from '../model/version.js';
import { intersect, nextSeries, series } from '../model/version-order.js';
import { compareValues, rangeOf } from './compare.js';
import type { Relation, TruthRecord } from './truth-mapping.js';
import type { TruthFact } from './truth.js';

/** What failed, as data: the rule words it. Versions are quoted as written (the page's, the truth file's). */
export type RelationFailure =
  | { relation: 'equal' }
  /** The page admits versions outside the truth's range: below its lowest, above its highest, or in a gap between its parts. */
  | { relation: 'within'; side: 'below' | 'above' | 'between'; bound: string | null }
  /** Tested versions the page leaves out, of `total` listed (null: the truth gives a range, not a list). */
  | { relation: 'covers'; left: string[]; total: number | null }
  /** The page's lowest version (null: it has none) is below the truth's. */
  | { relation: 'min-not-below'; page: string | null; truth: string }
  /** The page's highest version (null: it has none) is above the truth's. */
  | { relation: 'max-not-above'; page: string | null; truth: string };

export type RelationOutcome =
  | { holds: true }
  | { holds: false; failure: RelationFailure; record: TruthRecord }
  /** The page's value states no range of versions (text, a preview without a version), so a range relation cannot be judged. */
  | { holds: 'unreadable' };

/** The truth's range, its ends as written, and the tested versions it lists. */
function truthRange(truth: TruthFact): {
  intervals: VersionInterval[];
  lower: { bound: VersionBound; text: string; record: TruthRecord } | null;
  upper: { bound: VersionBound; text: string; record: TruthRecord } | null;
} {
  const first = truth.records[0] as TruthRecord;
  if (truth.range) {
    const { lower, upper } = truth.range;
    const interval: VersionInterval = {};
    if (lower) interval.min = { version: lower.version, inclusive: true };
    if (upper) interval.max = upper.series ? { version: nextSeries(upper.version), inclusive: false } : { version: upper.version, inclusive: true };
    return {
      intervals: [interval],
      lower: lower && interval.min ? { bound: interval.min, text: lower.text, record: lower.record } : null,
      upper: upper && interval.max ? { bound: interval.max, text: upper.text, record: upper.record } : null,
    };
  }
  // Loading refused a value without a range where a range relation is checked.
  const intervals = rangeOf(truth.value) ?? [];
  const lo = intervals[0]?.min;
  const hi = intervals[intervals.length - 1]?.max;
  return {
    intervals,
    lower: lo ? { bound: lo, text: boundText(lo, '>'), record: first } : null,
    upper: hi ? { bound: hi, text: boundText(hi, '<'), record: first } : null,
  };
}

/**
 * A bound as a finding quotes it: the version where it is one (`2.2`), with its operator where
 * the bound itself is not admitted (`<3.2`, which is how `<= 3.1` reads: up to the 3.1 series).
 */
function boundText(bound: VersionBound, side: '>' | '<'): string {
  return bound.inclusive ? bound.version : `${side}${bound.version}`;
}

/** Whether a page's value stands in `relation` to a truth fact, and if not, what fails. */
export function checkRelation(relation: Relation, page: Value, truth: TruthFact): RelationOutcome {
  const first = truth.records[0] as TruthRecord;
  if (relation === 'equal') {
    return compareValues(truth.value, page) === 'disagree' ? { holds: false, failure: { relation }, record: first } : { holds: true };
  }
  const stated = rangeOf(page);
  if (stated === null) return { holds: 'unreadable' };
  const t = truthRange(truth);
  switch (relation) {
    case 'within': {
      const outside = stated.find((p) => !containsInterval(t.intervals, p));
      if (!outside) return { holds: true };
      const lowest = t.intervals[0];
      const highest = t.intervals[t.intervals.length - 1];
      if (!lowest || !highest) return { holds: false, failure: { relation, side: 'between', bound: null }, record: first };
      if (compareLower(outside.min, lowest.min) < 0) return { holds: false, failure: { relation, side: 'below', bound: t.lower?.text ?? null }, record: t.lower?.record ?? first };
      if (compareUpper(outside.max, highest.max) > 0) return { holds: false, failure: { relation, side: 'above', bound: t.upper?.text ?? null }, record: t.upper?.record ?? first };
      return { holds: false, failure: { relation, side: 'between', bound: null }, record: first };
    }
    case 'covers': {
      const tested = truth.range?.tested;
      if (tested) {
        const left = tested.filter((v) => !stated.some((p) => (v.series ? intersect(p, series(v.version)) !== null : admits(p, v.version))));
        if (left.length === 0) return { holds: true };
        return { holds: false, failure: { relation, left: left.map((v) => v.text), total: tested.length }, record: (left[0] as { record: TruthRecord }).record };
      }
      if (t.intervals.every((i) => containsInterval(stated, i))) return { holds: true };
      const ends = [t.lower, t.upper].filter((e): e is NonNullable<typeof e> => e !== null && !stated.some((p) => admits(p, e.bound.version)));
      return { holds: false, failure: { relation, left: [...new Set(ends.map((e) => e.text))], total: null }, record: ends[0]?.record ?? first };
    }
    case 'min-not-below': {
      if (stated.length === 0 || !t.lower) return { holds: true };
      const lowest = (stated[0] as VersionInterval).min;
      if (compareLower(lowest, t.lower.bound) >= 0) return { holds: true };
      return { holds: false, failure: { relation, page: lowest ? boundText(lowest, '>') : null, truth: t.lower.text }, record: t.lower.record };
    }
    case 'max-not-above': {
      if (stated.length === 0 || !t.upper) return { holds: true };
      const highest = (stated[stated.length - 1] as VersionInterval).max;
      if (compareUpper(highest, t.upper.bound) <= 0) return { holds: true };
      return { holds: false, failure: { relation, page: highest ? boundText(highest, '<') : null, truth: t.upper.text }, record: t.upper.record };
    }
  }
}
