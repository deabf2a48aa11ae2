import { UsageError } from '../util/errors.js';

/**
 * A text pattern from config: `/regex/flags`, or plain text matched whole, case-insensitively,
 * after normalization (see `normalizeTerm`).
 */
export interface TextPattern {
  source: string;
  test(normalized: string): boolean;
}

/** Longest text a config regex is run on: bounds the work any pattern can do. */
export const MAX_MATCH_LENGTH = 500;

export function normalizeTerm(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .replace(/\s*[?:*]+$/, '')
    .toLowerCase();
}

export function compilePattern(source: string, where: string): TextPattern {
  const m = /^\/(.+)\/([a-z]*)$/s.exec(source);
  if (!m) {
    const want = normalizeTerm(source);
    return { source, test: (normalized) => normalized === want };
  }
  const body = m[1] as string;
  const flags = m[2] as string;
  if (/[^imsu]/.test(flags)) throw new UsageError(`${where}: unsupported regular expression flags "${flags}" in ${source} (use i, m, s, u)`);
  const risk = backtrackingRisk(body);
  if (risk) throw new UsageError(`${where}: regular expression ${source} could backtrack catastrophically (${risk}); rewrite it without nested or overlapping repetition`);
  let re: RegExp;
  try {
    re = new RegExp(body, flags.includes('i') ? flags : `${flags}i`);
  } catch (error) {
    throw new UsageError(`${where}: invalid regular expression ${source} (${(error as Error).message})`);
  }
  return { source, test: (normalized) => normalized.length <= MAX_MATCH_LENGTH && re.test(normalized) };
}

/** More unbounded repetitions than this (`*`, `+`, `{n,}`) with no literal text between them are refused. */
export const MAX_UNBOUNDED_REPETITIONS = 3;

/**
 * Reject the regex shapes that make backtracking exponential: a repeated group that itself
 * contains repetition (`(a+)+`, `(\w*x?)*`, `(.*a){12}`), alternatives inside a repeated group
 * (`(a|ab)*`), or many unbounded repetitions in a row (`\d*\d*\d*\d*x`). A conservative
 * check: some harmless patterns are refused too, and config patterns are short enough to
 * rewrite.
 */
export function backtrackingRisk(body: string): string | null {
  const stack: Array<{ quantified: boolean; alternation: boolean }> = [];
  let run = 0;
  let escaped = false;
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (escaped) {
      escaped = false;
      // An escaped literal (`\(`, `\.`) separates repetitions; a class escape (`\d`, `\s`) does not.
      if (!/[dDwWsSbB0-9pPuxck]/.test(c)) run = 0;
      continue;
    }
    if (c === '\\') {
      escaped = true;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      continue;
    }
    if (c === '(') {
      stack.push({ quantified: false, alternation: false });
      continue;
    }
    if (c === '|' && stack.length > 0) {
      (stack[stack.length - 1] as { alternation: boolean }).alternation = true;
      continue;
    }
    const isQuantifier = c === '*' || c === '+' || (c === '{' && /^\{\d+(,\d*)?\}/.test(body.slice(i)));
    if (c === '*' || c === '+' || (c === '{' && /^\{\d+,\}/.test(body.slice(i)))) {
      // `\d*\d*\d*\d*x` backtracks polynomially: n^4 steps on 500 characters is already minutes.
      if (++run > MAX_UNBOUNDED_REPETITIONS) return `more than ${MAX_UNBOUNDED_REPETITIONS} unbounded repetitions in a row`;
    } else if (c === '|' || !/[.()[\]?{}^$]/.test(c)) {
      run = 0;
    }
    if (c === ')') {
      const group = stack.pop();
      const next = body[i + 1];
      // `(.*a){12}` is as bad as `(.*a)+`: any count of two or more repeats the group.
      const count = next === '{' ? /^\{(\d+)(,\d*)?\}/.exec(body.slice(i + 1)) : null;
      const repeated = next === '*' || next === '+' || (count !== null && (count[2] !== undefined || Number(count[1]) >= 2));
      if (group && repeated) {
        if (group.quantified) return 'a repeated group contains repetition';
        if (group.alternation) return 'a repeated group contains alternatives';
      }
      if (group && stack.length > 0 && (group.quantified || repeated)) {
        (stack[stack.length - 1] as { quantified: boolean }).quantified = true;
      }
      continue;
    }
    if (isQuantifier && stack.length > 0) (stack[stack.length - 1] as { quantified: boolean }).quantified = true;
  }
  return null;
}
