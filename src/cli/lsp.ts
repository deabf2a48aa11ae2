import os from 'node:os';
import { format } from 'node:util';
import { DEFAULT_CACHE_LOCATION } from '../load/cache.js';
import { serve } from '../lsp/server.js';
import { UsageError } from '../util/errors.js';
import { integerOption, parseCommandArgs, stringOption } from './args.js';
import { checkConfig } from './check.js';
import { lspHelp } from './help.js';
import type { CliIO } from './io.js';

const options = {
  config: { type: 'string', short: 'c' },
  preset: { type: 'string', multiple: true },
  'truth-missing': { type: 'boolean' },
  'cache-location': { type: 'string' },
  'no-cache': { type: 'boolean' },
  threads: { type: 'string' },
  // Editors' clients name the transport; standard input and output is the only one.
  stdio: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * `compatlint lsp`: the language server, over standard input and output. The config is found
 * as `check` finds it, from the workspace root the editor names; the page cache is on by
 * default (the folder `check --cache` uses), so a keystroke does not parse the tree again.
 */
export async function lspCommand(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(args, options, 'lsp');
  if (parsed.values.help) {
    io.stdout.write(lspHelp());
    return 0;
  }
  if (parsed.positionals.length > 0) throw new UsageError(`\`compatlint lsp\` takes no paths (got ${parsed.positionals[0]}); the editor names the workspace`);
  if (!io.stdio) throw new UsageError('`compatlint lsp` needs standard input and output');
  const location = stringOption(parsed.values, 'cache-location');
  if (parsed.values['no-cache'] && location !== undefined) throw new UsageError('--no-cache and --cache-location cannot be used together');
  const configFile = stringOption(parsed.values, 'config');
  // Standard output carries the protocol: anything else printed there (a plugin's console.log) would break it.
  const toStderr = (...args: unknown[]) => void io.stderr.write(`${format(...args)}\n`);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
  serve(io.stdio.input, io.stdio.output, {
    loadConfig: (root) => checkConfig(parsed.values, { ...io, cwd: root }),
    ...(configFile ? { configFile } : {}),
    cacheLocation: parsed.values['no-cache'] ? null : (location ?? DEFAULT_CACHE_LOCATION),
    threads: integerOption(parsed.values, 'threads') ?? os.availableParallelism(),
  });
  // The server ends the process when the editor says `exit` or closes the stream.
  return new Promise<number>(() => {});
}
