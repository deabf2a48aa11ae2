import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONFIG_NAMES } from '../config/load.js';
import { runInit } from '../init/init.js';
import { UsageError } from '../util/errors.js';
import { integerOption, parseCommandArgs } from './args.js';
import { initHelp } from './help.js';
import type { CliIO } from './io.js';
import { writeOutput } from './output.js';

const options = {
  print: { type: 'boolean' },
  force: { type: 'boolean' },
  threads: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const TARGET = 'compatlint.config.yaml';

/** `compatlint init`: write a starter config for the tree here (or print it), and say on stderr what was found. */
export async function initCommand(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(args, options, 'init');
  if (parsed.values.help) {
    io.stdout.write(initHelp());
    return 0;
  }
  if (parsed.positionals.length > 0) throw new UsageError('`compatlint init` takes no paths: it reads the tree in the working directory');
  const print = parsed.values.print === true;
  if (!print) {
    // Checked before the tree is read: a refusal must not cost a run over every page.
    const existing = CONFIG_NAMES.filter((name) => existsSync(path.join(io.cwd, name)));
    const other = existing.find((name) => name !== TARGET);
    if (other) throw new UsageError(`${other} exists and would still be used instead of ${TARGET}: remove it first, or use --print`);
    if (existing.includes(TARGET) && parsed.values.force !== true) throw new UsageError(`${TARGET} exists: use --force to overwrite it, or --print to see the proposal`);
  }
  const result = await runInit({ cwd: io.cwd, threads: integerOption(parsed.values, 'threads') ?? os.availableParallelism() });
  io.stderr.write(result.summary);
  if (print) {
    io.stdout.write(result.yaml);
    return 0;
  }
  await writeOutput(TARGET, io.cwd, result.yaml);
  io.stderr.write(`wrote ${TARGET}: review the lines marked \`review\`, then run \`compatlint check\`\n`);
  return 0;
}
