import { existsSync } from 'node:fs';
import path from 'node:path';
import { applyBaseline, type Baseline, DEFAULT_BASELINE_FILE, parseBaseline } from '../baseline/baseline.js';
import type { LintResult } from '../engine/types.js';
import { oneLine, UsageError } from '../util/errors.js';
import { toPosix } from '../util/posix.js';
import { readRegularFile } from '../util/read.js';
import { type ParsedArgs, stringOption } from './args.js';
import type { CliIO } from './io.js';
import { writeOutput } from './output.js';

export function baselinePath(values: ParsedArgs['values'], io: CliIO): string {
  return path.resolve(io.cwd, stringOption(values, 'baseline') ?? DEFAULT_BASELINE_FILE);
}

export function shown(file: string, io: CliIO): string {
  return toPosix(path.relative(io.cwd, file)) || file;
}

export async function writeBaseline(file: string, baseline: Baseline, io: CliIO): Promise<void> {
  await writeOutput(shown(file, io), io.cwd, `${JSON.stringify(baseline, null, 2)}\n`);
}

/**
 * For `check`: the run's result without the findings the baseline holds (`--baseline FILE`, or
 * `.compatlint-baseline.json` here when it exists), with one line on stderr saying how many were
 * left out and how many recorded findings no longer occur. `--prune-baseline` drops those from the
 * file; only a whole-tree run can tell, so it needs one.
 */
export async function withBaseline(result: LintResult, values: ParsedArgs['values'], io: CliIO, wholeTree: boolean): Promise<LintResult> {
  const named = stringOption(values, 'baseline');
  const file = baselinePath(values, io);
  if (named === undefined && !existsSync(file)) {
    if (values['prune-baseline']) throw new UsageError(`--prune-baseline: no baseline at ${shown(file, io)}`);
    return result;
  }
  let baseline: Baseline;
  try {
    baseline = parseBaseline(readRegularFile(file).toString('utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`Baseline ${shown(file, io)}: ${code === 'ENOENT' ? 'no such file (write one with compatlint baseline)' : oneLine((error as Error).message)}`);
  }
  const { result: left, suppressed, gone } = applyBaseline(result, baseline);
  const goneCount = gone.reduce((n, e) => n + e.count, 0);
  if (values['prune-baseline']) {
    if (!wholeTree) throw new UsageError('--prune-baseline needs a whole-tree run (no paths, no --changed or --staged)');
    const keep = new Map(gone.map((e) => [e.fingerprint, e.count]));
    const entries = baseline.entries.flatMap((e) => {
      const count = e.count - (keep.get(e.fingerprint) ?? 0);
      return count > 0 ? [{ ...e, count }] : [];
    });
    await writeBaseline(file, { version: 1, entries }, io);
  }
  const goneText =
    wholeTree && goneCount > 0
      ? values['prune-baseline']
        ? `; removed ${goneCount} that no longer occur`
        : `; ${goneCount} recorded ${goneCount === 1 ? 'finding no longer occurs' : 'findings no longer occur'} (--prune-baseline removes them)`
      : '';
  io.stderr.write(`compatlint: ${suppressed} ${suppressed === 1 ? 'finding' : 'findings'} left out by the baseline ${shown(file, io)}${goneText}\n`);
  return left;
}
