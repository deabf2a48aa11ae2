import { explainPages, factLines } from '../explain/explain.js';
import { explanationJson, explanationText, factsTsv } from '../explain/format.js';
import { loadFactPages } from '../lint/facts.js';
import { UsageError } from '../util/errors.js';
import { toolVersion } from '../util/paths.js';
import { parseCommandArgs, stringOption } from './args.js';
import { checkConfig, commonOptions, errorOnUnmatched } from './check.js';
import { explainHelp } from './help.js';
import { type CliIO, useColor } from './io.js';
import { loadingProgress } from './progress.js';
import { checkOutputs, configInputs, pageInputs, writeOutput } from './output.js';

const options = {
  ...commonOptions,
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
} as const;

const formats = ['text', 'json', 'tsv'];

/** `compatlint explain`: why each table is (or is not) of a kind, and the terms no vocabulary knows; or the facts as TSV. */
export async function explainCommand(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(args, options, 'explain');
  if (parsed.values.help) {
    io.stdout.write(explainHelp());
    return 0;
  }
  const format = stringOption(parsed.values, 'format') ?? 'text';
  if (!formats.includes(format)) throw new UsageError(`--format: expected one of ${formats.join(', ')}, got "${format}"`);
  // The pages and facts `check` sees: the same config, presets, paths and page builder.
  const config = await checkConfig(parsed.values, io);
  const output = stringOption(parsed.values, 'output');
  if (output) checkOutputs([output], io.cwd, configInputs(config));
  const progress = loadingProgress(io);
  const { pages, context } = await loadFactPages({
    cwd: io.cwd,
    paths: parsed.positionals,
    config,
    errorOnUnmatchedPattern: errorOnUnmatched(parsed.values),
    ...progress.options,
  }).finally(() => progress.clear());
  if (output) checkOutputs([output], io.cwd, [...configInputs(config), ...pageInputs(pages.map((p) => p.file), io.cwd)]);
  let text: string;
  if (format === 'tsv') {
    text = factsTsv(factLines(pages, context));
  } else if (format === 'json') {
    text = `${JSON.stringify(explanationJson(explainPages(pages, context), { name: 'compatlint', version: toolVersion }), null, 2)}\n`;
  } else {
    const color = output === undefined && useColor(io, { color: parsed.values.color === true, noColor: parsed.values['no-color'] === true });
    text = explanationText(explainPages(pages, context), { color });
  }
  if (output) await writeOutput(output, io.cwd, text);
  else io.stdout.write(text);
  return 0;
}
