import { loadConfig } from '../config/load.js';
import { loadFactPages } from '../lint/facts.js';
import { UsageError } from '../util/errors.js';
import { allTableFacts } from '../facts/extract.js';
import { truthFromPages } from '../facts/truth.js';
import type { FactTable } from '../model/facts.js';
import type { PageModel } from '../model/types.js';
import { toolVersion } from '../util/paths.js';
import { listOption, parseCommandArgs, stringOption } from './args.js';
import { commonOptions, errorOnUnmatched } from './check.js';
import { extractHelp } from './help.js';
import type { CliIO } from './io.js';
import { loadingProgress } from './progress.js';
import { checkOutputs, configInputs, pageInputs, writeOutput } from './output.js';

const options = {
  ...commonOptions,
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
} as const;


/** `compatlint extract`: facts as JSON (default), page models, or a source-of-truth file. */
export async function extractCommand(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(args, options, 'extract');
  if (parsed.values.help) {
    io.stdout.write(extractHelp());
    return 0;
  }
  const format = stringOption(parsed.values, 'format') ?? 'json';
  if (!['json', 'model', 'truth'].includes(format)) throw new UsageError(`--format: expected one of json, model, truth, got "${format}"`);
  const config = await loadConfig({
    cwd: io.cwd,
    configFile: stringOption(parsed.values, 'config'),
    presets: listOption(parsed.values, 'preset'),
  });
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
  const tool = { name: 'compatlint', version: toolVersion };
  let text: string;
  if (format === 'model') {
    text = JSON.stringify({ version: 1, tool, pages }, null, 2);
  } else if (format === 'truth') {
    text = JSON.stringify(truthFromPages(pages, config.facts, context.vocabulary), null, 2);
  } else {
    text = JSON.stringify({ version: 1, tool, pages: pages.map((p) => factsJson(p, allTableFacts(p, context))) }, null, 2);
  }
  if (output) await writeOutput(output, io.cwd, `${text}\n`);
  else io.stdout.write(`${text}\n`);
  return 0;
}

/** One page's facts in the stable shape of `schemas/facts.schema.json`. */
export function factsJson(page: PageModel, tables: FactTable[]): unknown {
  const at = (s: { line: number; column: number; endLine: number; endColumn: number }) => ({
    line: s.line,
    column: s.column,
    endLine: s.endLine,
    endColumn: s.endColumn,
  });
  return {
    file: page.file,
    locale: page.facts?.locale ?? null,
    path: page.facts?.localPath ?? page.file,
    dimensions: page.facts?.dimensions ?? {},
    problems: page.problems.map((p) => ({ ruleId: p.ruleId, line: p.span.line })),
    tables: tables.map((t) => ({
      kind: t.kind,
      file: t.file,
      ...at(t.span),
      section: t.section,
      keyHeader: t.keyHeader,
      columns: t.columns.map((c) => ({
        header: c.header,
        id: c.id,
        dimension: c.dimension,
        known: c.known,
        type: c.type,
        ...(c.versionSyntax ? { versionSyntax: c.versionSyntax } : {}),
      })),
      rows: t.rows.map((r) => ({
        key: r.keyText,
        keyId: r.keyId,
        ...at(r.keySpan),
        facts: r.facts.map((f) => ({
          dimensions: f.dimensions,
          key: f.key,
          header: t.columns[f.column]?.header ?? '',
          value: f.value,
          raw: f.raw,
          text: f.text,
          ...at(f.span),
        })),
      })),
    })),
  };
}
