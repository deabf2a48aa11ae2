import path from 'node:path';
import { enabledSomewhere, loadConfig, settingsFor } from '../config/load.js';
import type { ResolvedConfig } from '../config/types.js';
import { lint, listPageFiles } from '../lint/lint.js';
import { summarize } from '../engine/run.js';
import { limitToScope, type ReportScope, scopeWithin } from '../engine/scope.js';
import type { LintResult } from '../engine/types.js';
import { UsageError } from '../util/errors.js';
import { visibleText } from '../util/visible.js';
import { fixMode, runFixes } from '../fix/cli.js';
import { ruleReadme, toolVersion } from '../util/paths.js';
import { relativeName } from '../util/posix.js';
import { matcherFor } from '../util/glob.js';
import { reporters } from '../reporters/index.js';
import type { ReporterContext } from '../reporters/types.js';
import { integerOption, listOption, maxBytesOption, parseCommandArgs, stringOption, type ParsedArgs } from './args.js';
import { changedMode, checkRevisionLikePaths, normalizeChangedFlag, reportScope } from './changed.js';
import { baselinePath, withBaseline } from './baseline-filter.js';
import { checkHelp } from './help.js';
import { loadingOptions, loadOptionSpecs } from './load-options.js';
import { type CliIO, useColor } from './io.js';
import { checkOutputs, configInputs, pageInputs, writeOutput } from './output.js';

export const commonOptions = {
  config: { type: 'string', short: 'c' },
  preset: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
  'no-error-on-unmatched-pattern': { type: 'boolean' },
} as const;

/** Whether a path that selects no page is an error (exit 2): yes, unless `--no-error-on-unmatched-pattern`. */
export function errorOnUnmatched(values: ParsedArgs['values']): boolean {
  return values['no-error-on-unmatched-pattern'] !== true;
}

const options = {
  ...commonOptions,
  format: { type: 'string', short: 'f', multiple: true },
  output: { type: 'string', short: 'o', multiple: true },
  'max-warnings': { type: 'string' },
  'max-bytes': { type: 'string' },
  quiet: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'truth-missing': { type: 'boolean' },
  'external-links': { type: 'boolean' },
  'link-template': { type: 'string' },
  changed: { type: 'string' },
  staged: { type: 'boolean' },
  'changed-lines': { type: 'boolean' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  baseline: { type: 'string' },
  'prune-baseline': { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  'print-config': { type: 'string' },
  'path-prefix': { type: 'string' },
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
  const parsed = parseCommandArgs(normalizeChangedFlag(args), options, 'check');
  if (parsed.values.help) {
    io.stdout.write(checkHelp());
    return 0;
  }
  const fixing = fixMode(parsed.values);
  // A dry run's stdout is the diff; reports go only to --output files.
  const specs = outputSpecs(parsed, Object.keys(reporters), 'stylish').filter((s) => fixing !== 'dry-run' || s.file !== null);
  const maxWarnings = integerOption(parsed.values, 'max-warnings');
  const changed = changedMode(parsed.values);
  const linkTemplate = stringOption(parsed.values, 'link-template');
  const maxBytes = maxBytesOption(parsed.values);
  const config = await checkConfig(parsed.values, io);
  const outputs = specs.flatMap((s) => (s.file === null ? [] : [s.file]));
  const inputs = [...configInputs(config), { abs: baselinePath(parsed.values, io), what: 'the baseline file' }];
  checkOutputs(outputs, io.cwd, inputs);
  // Imported only when asked: the HTTP stack is a noticeable part of a one-page run's start-up.
  const checkLinks = parsed.values['external-links']
    ? async (urls: readonly string[]) =>
        (await import('../net/external.js')).checkExternalLinks(urls, {
          ...config.externalLinks,
          warn: (message) => io.stderr.write(`compatlint: warning: ${visibleText(message)}\n`),
        })
    : undefined;
  const printConfig = stringOption(parsed.values, 'print-config');
  if (printConfig !== undefined) {
    io.stdout.write(`${JSON.stringify(printedConfig(config, path.resolve(io.cwd, printConfig)), null, 2)}\n`);
    return 0;
  }
  const stdin = await stdinPage(parsed, io, config, { changed: changed !== null, fixing: fixing !== null });
  const paths = stdin ? [] : parsed.positionals;
  if (changed) checkRevisionLikePaths(paths, io.cwd);
  // Changed-files mode: corpus rules see every page, the report (and --fix) covers the changed ones.
  const loading = loadingOptions(parsed.values, io, config);
  // A fix needs the page models, which a reused whole result does not carry.
  const loadOptions = fixing ? { ...loading.options, reuseResult: false } : loading.options;
  // Named pages: rules that compare pages still see the whole tree (a named page disagrees with
  // one not named, and which side a finding lands on must not depend on what was named); the
  // report covers the named pages, as in changed-files mode.
  const named = paths.length > 0 && changed === null && config.ruleSet.corpus.some((r) => enabledSomewhere(config, r.meta.id));
  // A page on standard input is checked in place of its file, with the tree around it.
  const errorOnUnmatchedPattern = stdin ? false : errorOnUnmatched(parsed.values);
  const lintOptions = {
    cwd: io.cwd,
    paths,
    config,
    wholeTree: changed !== null || named,
    checkLinks,
    errorOnUnmatchedPattern,
    ...loadOptions,
    ...(stdin ? { overlay: new Map([[stdin.abs, stdin.bytes]]) } : {}),
  };
  // What the report covers, known before the run, so that rules that compare pages can be given
  // only what findings on those pages depend on (not when fixing: a fix changes what they are).
  const wanted: ReportScope | null = stdin
    ? { files: new Set([relativeName(io.cwd, stdin.abs)]), outside: 'not-named' as const }
    : changed
    ? await reportScope({ mode: changed, linesOnly: parsed.values['changed-lines'] === true, cwd: io.cwd, config, paths })
    : named
      ? { files: new Set((await listPageFiles({ cwd: io.cwd, config, paths, errorOnUnmatchedPattern })).map((f) => f.file)), outside: 'not-named' as const }
      : null;
  const checked = await lint(wanted && !fixing ? { ...lintOptions, scope: wanted.files } : lintOptions);
  loading.finish(checked);
  const scope = wanted ? scopeWithin(wanted, checked.result.checked) : null;
  checkOutputs(outputs, io.cwd, [...inputs, ...pageInputs(checked.result.checked, io.cwd)]);
  const inScope = (r: LintResult) => (scope ? limitToScope(r, scope) : r);
  const fixed = fixing ? await runFixes(fixing, lintOptions, { ...checked, result: inScope(checked.result) }, io) : null;
  const inBaseline = await withBaseline(inScope(fixed?.result ?? checked.result), parsed.values, io, paths.length === 0 && changed === null);
  const quiet: LintResult = parsed.values.quiet ? onlyErrors(inBaseline) : inBaseline;
  const result = withPathPrefix(quiet, stringOption(parsed.values, 'path-prefix'));
  const context: ReporterContext = {
    rules: config.ruleSet.metas,
    ...(specs.some((s) => s.format === 'sarif') ? { ruleHelp: ruleHelpTexts(config.ruleSet.metas) } : {}),
    color: false,
    toolVersion,
    ...(linkTemplate === undefined ? {} : { linkTemplate }),
    ...(maxBytes === undefined ? {} : { maxBytes }),
  };
  for (const spec of specs) {
    const reporter = reporters[spec.format];
    if (!reporter) throw new UsageError(`Unknown format ${spec.format}`);
    if (spec.file === null) {
      const color = useColor(io, { color: parsed.values.color === true, noColor: parsed.values['no-color'] === true });
      io.stdout.write(reporter(result, { ...context, color }));
    } else {
      await writeOutput(spec.file, io.cwd, reporter(result, context));
    }
  }
  return fixed?.writeFailed ? 2 : exitCode(result, maxWarnings);
}

/** The config `check` and `audit` run with: the file or presets named, `--truth-missing` on top. */
export function checkConfig(values: ParsedArgs['values'], io: CliIO): Promise<ResolvedConfig> {
  return loadConfig({
    cwd: io.cwd,
    configFile: stringOption(values, 'config'),
    presets: listOption(values, 'preset'),
    ...(values['truth-missing'] ? { rules: { 'truth-drift': { options: { missing: true } } } } : {}),
  });
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

/**
 * `check - --stdin-filename docs/page.md`: the page's text from standard input, checked as that
 * file (which need not exist), as editors and formatters pipe a buffer.
 */
async function stdinPage(
  parsed: ParsedArgs,
  io: CliIO,
  config: ResolvedConfig,
  mode: { changed: boolean; fixing: boolean },
): Promise<{ abs: string; bytes: Uint8Array } | null> {
  const name = stringOption(parsed.values, 'stdin-filename');
  if (!parsed.positionals.includes('-')) {
    if (name !== undefined) throw new UsageError('--stdin-filename goes with `-` (read the page from standard input)');
    return null;
  }
  if (parsed.positionals.length > 1) throw new UsageError('`-` (standard input) cannot be combined with other paths');
  if (name === undefined || name === '') throw new UsageError('`-` needs --stdin-filename FILE: the path the page on standard input has in the tree');
  if (mode.changed) throw new UsageError('`-` cannot be combined with --changed or --staged');
  if (mode.fixing) throw new UsageError('`-` cannot be combined with --fix or --fix-dry-run');
  if (!io.readStdin) throw new UsageError('no standard input to read');
  const bytes = await io.readStdin(config.maxFileBytes);
  return { abs: path.resolve(io.cwd, name), bytes };
}

/**
 * `--print-config FILE`: the settings a page gets after overrides (each rule's severity and
 * options, its front matter schema), and whether the config's `include` selects it, as JSON.
 */
function printedConfig(config: ResolvedConfig, abs: string): Record<string, unknown> {
  const settings = settingsFor(config, abs);
  const file = relativeName(config.root, abs);
  return {
    file,
    configFile: config.file,
    presets: config.presets,
    included: matcherFor(config.include)(file) && !(config.exclude.length > 0 && matcherFor(config.exclude)(file)),
    rules: settings.rules,
    frontMatterSchema: settings.frontMatterSchema?.source ?? null,
  };
}

/** The built-in rules' READMEs, for SARIF's `help.markdown`. */
function ruleHelpTexts(metas: ReadonlyArray<{ id: string }>): Map<string, string> {
  const out = new Map<string, string>();
  for (const { id } of metas) {
    const text = ruleReadme(id);
    if (text !== null) out.set(id, text);
  }
  return out;
}

/**
 * `--path-prefix DIR/`: reports name files from another folder than the one the run is in (the
 * GitHub Action run in a `working-directory`: annotations and SARIF need paths from the
 * repository root).
 */
function withPathPrefix(result: LintResult, prefix: string | undefined): LintResult {
  if (prefix === undefined || prefix === '' || prefix === '.' || prefix === './') return result;
  const base = prefix.endsWith('/') ? prefix : `${prefix}/`;
  const at = <T extends { file: string }>(x: T): T => ({ ...x, file: path.posix.normalize(base + x.file) });
  return {
    ...result,
    checked: result.checked.map((f) => path.posix.normalize(base + f)),
    diagnostics: result.diagnostics.map((d) => ({ ...at(d), related: d.related.map(at), ...(d.foundAt ? { foundAt: at(d.foundAt) } : {}) })),
  };
}
