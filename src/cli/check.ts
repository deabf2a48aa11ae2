import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { lint } from '../engine/lint.js';
import { summarize } from '../engine/run.js';
import type { LintResult } from '../engine/types.js';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { toolVersion } from '../paths.js';
import { reporters } from '../reporters/index.js';
import type { ReporterContext } from '../reporters/types.js';
import { allRules } from '../rules/registry.js';
import { integerOption, listOption, parseCommandArgs, stringOption, type ParsedArgs } from './args.js';
import { checkHelp } from './help.js';
import { loadingOptions, loadOptionSpecs } from './load-options.js';
import { type CliIO, useColor } from './io.js';

export const commonOptions = {
  config: { type: 'string', short: 'c' },
  preset: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

const options = {
  ...commonOptions,
  format: { type: 'string', short: 'f', multiple: true },
  output: { type: 'string', short: 'o', multiple: true },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'truth-missing': { type: 'boolean' },
  'external-links': { type: 'boolean' },
  ...loadOptionSpecs,
} as const;

export interface OutputSpec {
  format: string;
  file: string | null;
}

/** Pair each `--format` with the `--output` that follows it; an `--output` alone takes the default format. */
export function outputSpecs(parsed: ParsedArgs, known: readonly string[], fallback: string): OutputSpec[] {
  const specs: OutputSpec[] = [];
  for (const { name, value } of parsed.ordered) {
    if (name === 'format') {
      if (value === undefined || !known.includes(value)) {
        throw new UsageError(`--format: expected one of ${known.join(', ')}, got "${value ?? ''}"`);
      }
      specs.push({ format: value, file: null });
    } else if (name === 'output') {
      if (value === undefined || value === '') throw new UsageError('--output needs a file name');
      const last = specs[specs.length - 1];
      if (last && last.file === null) last.file = value;
      else specs.push({ format: fallback, file: value });
    }
  }
  if (specs.length === 0) specs.push({ format: fallback, file: null });
  if (specs.filter((s) => s.file === null).length > 1) {
    throw new UsageError('Only one --format can go to standard output; give the others an --output FILE');
  }
  return specs;
}

export async function checkCommand(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(args, options, 'check');
  if (parsed.values.help) {
    io.stdout.write(checkHelp());
    return 0;
  }
  const specs = outputSpecs(parsed, Object.keys(reporters), 'stylish');
  const maxWarnings = integerOption(parsed.values, 'max-warnings');
  const config = loadConfig({
    cwd: io.cwd,
    configFile: stringOption(parsed.values, 'config'),
    presets: listOption(parsed.values, 'preset'),
    ...(parsed.values['truth-missing'] ? { rules: { 'truth-drift': { options: { missing: true } } } } : {}),
  });
  // Imported only when asked: the HTTP stack is a noticeable part of a one-page run's start-up.
  const checkLinks = parsed.values['external-links']
    ? async (urls: readonly string[]) =>
        (await import('../links/external.js')).checkExternalLinks(urls, {
          ...config.externalLinks,
          warn: (message) => io.stderr.write(`compatlint: warning: ${message}\n`),
        })
    : undefined;
  const loading = loadingOptions(parsed.values, io, config);
  const output = await lint({ cwd: io.cwd, paths: parsed.positionals, config, checkLinks, ...loading.options });
  loading.finish(output);
  const full = output.result;
  const result: LintResult = parsed.values.quiet ? onlyErrors(full) : full;
  const context: ReporterContext = {
    rules: allRules.map((r) => r.meta),
    color: false,
    toolVersion,
  };
  for (const spec of specs) {
    const reporter = reporters[spec.format];
    if (!reporter) throw new UsageError(`Unknown format ${spec.format}`);
    if (spec.file === null) {
      const color = useColor(io, { color: parsed.values.color === true, noColor: parsed.values['no-color'] === true });
      io.stdout.write(reporter(result, { ...context, color }));
    } else {
      await writeFileAtomic(path.resolve(io.cwd, spec.file), reporter(result, context), { mkdirs: true });
    }
  }
  return exitCode(result, maxWarnings);
}

export function onlyErrors(result: LintResult): LintResult {
  const diagnostics = result.diagnostics.filter((d) => d.severity === 'error');
  return { ...result, diagnostics, summary: summarize(diagnostics) };
}

export function exitCode(result: LintResult, maxWarnings: number | undefined): number {
  if (result.summary.errors > 0) return 1;
  if (maxWarnings !== undefined && result.summary.warnings > maxWarnings) return 1;
  return 0;
}
