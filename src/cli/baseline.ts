import { baselineOf } from '../baseline/baseline.js';
import { lint } from '../lint/lint.js';
import { parseCommandArgs } from './args.js';
import { baselinePath, shown, writeBaseline } from './baseline-filter.js';
import { checkConfig, commonOptions, errorOnUnmatched } from './check.js';
import { baselineHelp } from './help.js';
import type { CliIO } from './io.js';

/** `compatlint baseline [paths]`: record today's findings, so that `check` reports only new ones. */
export async function baselineCommand(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(args, { ...commonOptions, baseline: { type: 'string' } }, 'baseline');
  if (parsed.values.help) {
    io.stdout.write(baselineHelp());
    return 0;
  }
  const config = await checkConfig(parsed.values, io);
  const { result } = await lint({ cwd: io.cwd, paths: parsed.positionals, config, errorOnUnmatchedPattern: errorOnUnmatched(parsed.values) });
  const file = baselinePath(parsed.values, io);
  const baseline = baselineOf(result);
  await writeBaseline(file, baseline);
  io.stdout.write(`Wrote ${result.diagnostics.length} ${result.diagnostics.length === 1 ? 'finding' : 'findings'} to ${shown(file, io)}: \`check\` now reports only findings not in it\n`);
  return 0;
}

