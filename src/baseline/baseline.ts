import { jsonSyntaxError } from '../util/errors.js';
import { createHash } from 'node:crypto';
import { summarize } from '../engine/run.js';
import type { Diagnostic, LintResult, MessageValue } from '../engine/types.js';

/** Where `compatlint baseline` writes, and where `check` looks, unless `--baseline FILE` says otherwise. */
export const DEFAULT_BASELINE_FILE = '.compatlint-baseline.json';

export interface BaselineEntry {
  ruleId: string;
  file: string;
  /** What the finding is, without where it is on its page: survives lines moving. */
  fingerprint: string;
  /** How many findings share the fingerprint (two equal unused definitions on a page). */
  count: number;
  /** The message when the baseline was written, for a person reading the file. */
  message: string;
}

export interface Baseline {
  version: 1;
  entries: BaselineEntry[];
}

/**
 * A finding's identity across edits: its rule, file, message id, the facts it is about (by key)
 * and its data with every position left out (locations, line and column numbers). A row moved
 * down the page keeps its fingerprint; a value changed in it does not.
 */
export function fingerprintOf(d: Diagnostic): string {
  const stable = {
    ruleId: d.ruleId,
    file: d.file,
    messageId: d.messageId,
    facts: d.facts.map((f) => `${f.file}\u0000${f.key}`),
    data: withoutPositions(d.data),
  };
  return createHash('sha256').update(JSON.stringify(stable)).digest('hex').slice(0, 32);
}

const POSITION_KEYS = new Set(['line', 'column', 'endLine', 'endColumn', 'offset']);

function withoutPositions(value: MessageValue): MessageValue {
  if (Array.isArray(value)) return value.map(withoutPositions);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, MessageValue> = {};
  for (const key of Object.keys(value).sort()) {
    if (POSITION_KEYS.has(key)) continue;
    const v = (value as Record<string, MessageValue>)[key] as MessageValue;
    // A location ({file, line, column}) keeps only its file.
    out[key] = withoutPositions(v);
  }
  return out;
}

/** The baseline of a run: every finding, counted by fingerprint, in file order. */
export function baselineOf(result: LintResult): Baseline {
  const byKey = new Map<string, BaselineEntry>();
  for (const d of result.diagnostics) {
    const fingerprint = fingerprintOf(d);
    const entry = byKey.get(fingerprint);
    if (entry) entry.count++;
    else byKey.set(fingerprint, { ruleId: d.ruleId, file: d.file, fingerprint, count: 1, message: d.message });
  }
  return { version: 1, entries: [...byKey.values()] };
}

export interface Suppressed {
  result: LintResult;
  /** Findings the baseline held. */
  suppressed: number;
  /** Baseline entries (counted) that no run finding matched: problems fixed since. */
  gone: BaselineEntry[];
}

/** Leave out the findings a baseline holds (as many of each fingerprint as it counts). */
export function applyBaseline(result: LintResult, baseline: Baseline): Suppressed {
  const left = new Map(baseline.entries.map((e) => [e.fingerprint, e.count]));
  const diagnostics: Diagnostic[] = [];
  let suppressed = 0;
  for (const d of result.diagnostics) {
    const fingerprint = fingerprintOf(d);
    const n = left.get(fingerprint) ?? 0;
    if (n > 0) {
      left.set(fingerprint, n - 1);
      suppressed++;
    } else {
      diagnostics.push(d);
    }
  }
  const gone = baseline.entries.flatMap((e) => {
    const n = left.get(e.fingerprint) ?? 0;
    return n > 0 ? [{ ...e, count: n }] : [];
  });
  return { result: { ...result, diagnostics, summary: summarize(diagnostics) }, suppressed, gone };
}

/** Read a baseline file's text; a file that is not one is an error naming what is wrong. */
export function parseBaseline(text: string): Baseline {
  let data: Partial<Baseline>;
  try {
    data = JSON.parse(text) as Partial<Baseline>;
  } catch (error) {
    throw new Error(`not valid JSON (${jsonSyntaxError(error, text)})`);
  }
  if (data?.version !== 1 || !Array.isArray(data.entries)) throw new Error('not a compatlint baseline (expected {"version": 1, "entries": [...]})');
  for (const e of data.entries) {
    if (typeof e?.fingerprint !== 'string' || typeof e.count !== 'number' || typeof e.ruleId !== 'string' || typeof e.file !== 'string') {
      throw new Error('an entry needs ruleId, file, fingerprint and count');
    }
  }
  return data as Baseline;
}
