import { UsageError } from '../util/errors.js';
import { toolVersion } from '../util/paths.js';
import { visibleText } from '../util/visible.js';
import { mainHelp } from './help.js';
import type { CliIO } from './io.js';

export type { CliIO } from './io.js';

type Command = (args: string[], io: CliIO) => Promise<number>;

/**
 * Each command's module is imported only when that command runs: `--version` or a one-page
 * pre-commit check must not pay for loading every other command (the parser, git, the network).
 */
const commands: Record<string, () => Promise<Command>> = {
  audit: async () => (await import('./audit.js')).auditCommand,
  baseline: async () => (await import('./baseline.js')).baselineCommand,
  check: async () => (await import('./check.js')).checkCommand,
  diff: async () => (await import('./diff.js')).diffCommand,
  explain: async () => (await import('./explain.js')).explainCommand,
  extract: async () => (await import('./extract.js')).extractCommand,
  i18n: async () => (await import('./i18n.js')).i18nCommand,
  init: async () => (await import('./init.js')).initCommand,
  lsp: async () => (await import('./lsp.js')).lspCommand,
  rules: async () => (await import('./rules-command.js')).rulesCommand,
};

/**
 * Run the command line and return the exit code: 0 clean, 1 problems found, 2 usage,
 * config or internal error. Nothing here calls `process.exit`, so tests run it in-process.
 */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === '--version' || first === '-v') {
      io.stdout.write(`${toolVersion}\n`);
      return 0;
    }
    if (first === '--help' || first === '-h' || first === 'help') {
      io.stdout.write(mainHelp());
      return 0;
    }
    if (first !== undefined && Object.hasOwn(commands, first)) return await (await (commands[first] as () => Promise<Command>)())(rest, io);
    return await (await (commands.check as () => Promise<Command>)())(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`compatlint: ${visibleText(error.message)}\n`);
      return 2;
    }
    const detail = io.env.DEBUG?.includes('compatlint') && error instanceof Error ? `\n${error.stack}` : '';
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`compatlint: internal error: ${visibleText(message.split('\n')[0] ?? '')}${detail || ' (set DEBUG=compatlint for details)'}\n`);
    return 2;
  }
}
