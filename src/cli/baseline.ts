import { baselineOf } from '../baseline/baseline.js';
import { lint } from '../lint/lint.js';
import { parseCommandArgs } from './args.js';
import { baselinePath, shown, writeBaseline } from './baseline-filter.js';
import { checkConfig, commonOptions, errorOnUnmatched } from './check.js';
import { baselineHelp } from './help.js';
import type { CliIO } from './io.js';
import { checkOutputs, configInputs, pageInputs } from './output.js';

/** `compatlint baseline [paths]`: record today's findings, so that `check` reports only new ones. */
export async function baselineCommand(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(args, { ...commonOptions, baseline: { type: 'string' } }, 'baseline');
  if (parsed.values.help) {
    io.stdout.write(baselineHelp());
    return 0;
  }
  const config = await checkConfig(parsed.values, io);
  const file = baselinePath(parsed.values, io);
  checkOutputs([shown(file, io)], io.cwd, configInputs(config));
  const { result } = await lint({ cwd: io.cwd, paths: parsed.positionals, config, errorOnUnmatchedPattern: errorOnUnmatched(parsed.values) });
  checkOutputs([shown(file, io)], io.cwd, pageInputs(result.checked, io.cwd));
  await writeBaseline(file, baselineOf(result), io);
  io.stdout.write(`Wrote ${result.diagnostics.length} ${result.diagnostics.length === 1 ? 'finding' : 'findings'} to ${shown(file, io)}: \`check\` now reports only findings not in it\n`);
  return 0;
}

