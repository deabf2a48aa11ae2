import { type LintOptions, type LintOutput, recheckPages } from '../lint/lint.js';
import type { LintResult } from '../engine/types.js';
import { UsageError } from '../util/errors.js';
import { visibleText } from '../util/visible.js';
import type { AtomicWriteHooks } from '../util/atomic.js';
import { fixesDiff } from './diff.js';
import { fixPages, MAX_FIX_PASSES, writeFixes } from './fix.js';

/** Where progress text goes (the command line's stdout or stderr). */
interface Writable {
  write(text: string): unknown;
}

export type FixMode = 'write' | 'dry-run';

/** `--fix` writes the fixes, `--fix-dry-run` prints them as a diff; not both. */
export function fixMode(values: { fix?: boolean; 'fix-dry-run'?: boolean }): FixMode | null {
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  return values.fix ? 'write' : values['fix-dry-run'] ? 'dry-run' : null;
}

export interface FixOutcome {
  /** The problems left once the fixes are in (the pages are re-checked in memory). */
  result: LintResult;
  /** Some fixed page could not be written. */
  writeFailed: boolean;
}

/**
 * Fix what a check found. With `write` the fixed pages are written; with `dry-run` their diff
 * goes to stdout and nothing is written. Notes go to stderr, so stdout stays a report or a
 * diff that `git apply` takes.
 */
export async function runFixes(
  mode: FixMode,
  lintOptions: LintOptions,
  checked: LintOutput,
  out: { stdout: Writable; stderr: Writable },
  hooks?: AtomicWriteHooks,
): Promise<FixOutcome> {
  const run = await fixPages(checked.pages, checked.result.diagnostics, { config: lintOptions.config, cwd: lintOptions.cwd });
  for (const s of run.skipped) out.stderr.write(`compatlint: not fixing ${visibleText(s.file)}: ${s.reason}\n`);
  for (const p of run.pages.filter((f) => !f.stable)) {
    out.stderr.write(`compatlint: ${visibleText(p.file)}: fixes still pending after ${MAX_FIX_PASSES} passes; run --fix again\n`);
  }
  let written = run.pages;
  let writeFailed = false;
  if (mode === 'dry-run') {
    out.stdout.write(fixesDiff(run.pages));
  } else {
    const failed = await writeFixes(run.pages, hooks ? { hooks } : {});
    for (const f of failed) out.stderr.write(`compatlint: could not write ${visibleText(f.file)}: ${f.reason}; it is unchanged\n`);
    const failedFiles = new Set(failed.map((f) => f.file));
    written = run.pages.filter((p) => !failedFiles.has(p.file));
    writeFailed = failed.length > 0;
  }
  const count = written.reduce((n, p) => n + p.fixed, 0);
  const files = written.length;
  const what = `${count} ${count === 1 ? 'problem' : 'problems'} in ${files} ${files === 1 ? 'file' : 'files'}`;
  if (count === 0) out.stderr.write('compatlint: nothing to fix\n');
  else if (mode === 'dry-run') out.stderr.write(`compatlint: would fix ${what} (dry run: nothing written)\n`);
  else out.stderr.write(`compatlint: fixed ${what}\n`);
  return { result: recheckPages(checked, written.map((p) => p.page), lintOptions), writeFailed };
}
