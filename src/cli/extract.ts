import { loadConfig } from '../config/load.js';
import { loadPages } from '../engine/lint.js';
import { toolVersion } from '../paths.js';
import { listOption, parseCommandArgs, stringOption } from './args.js';
import { commonOptions } from './check.js';
import { extractHelp } from './help.js';
import type { CliIO } from './io.js';

export async function extractCommand(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(args, { ...commonOptions }, 'extract');
  if (parsed.values.help) {
    io.stdout.write(extractHelp());
    return 0;
  }
  const config = loadConfig({
    cwd: io.cwd,
    configFile: stringOption(parsed.values, 'config'),
    presets: listOption(parsed.values, 'preset'),
  });
  const pages = await loadPages({ cwd: io.cwd, paths: parsed.positionals, config });
  io.stdout.write(`${JSON.stringify({ version: 1, tool: { name: 'compatlint', version: toolVersion }, pages }, null, 2)}\n`);
  return 0;
}
