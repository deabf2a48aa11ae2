import path from 'node:path';
import { loadConfig } from '../config/load.js';
import type { ResolvedConfig, RuleSetting } from '../config/types.js';
import { i18nJson, i18nMarkdown, i18nText } from '../i18n/format.js';
import { checkStatusKey, writeStatuses } from '../i18n/status.js';
import { lint, listPageFiles } from '../lint/lint.js';
import { translationReport } from '../lint/translations.js';
import { writeFileAtomic } from '../util/atomic.js';
import { UsageError } from '../util/errors.js';
import { checkLinkTemplate } from '../util/links.js';
import { toolVersion } from '../util/paths.js';
import { listOption, parseCommandArgs, stringOption } from './args.js';
import { commonOptions, errorOnUnmatched } from './check.js';
import { i18nHelp } from './help.js';
import { type CliIO, useColor } from './io.js';
import { loadingOptions, loadOptionSpecs } from './load-options.js';

const options = {
  ...commonOptions,
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  'write-status': { type: 'string' },
  'link-template': { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  ...loadOptionSpecs,
} as const;

const formats = ['text', 'markdown', 'json'];

/**
 * `compatlint i18n [paths]`: every translation against its base (current, stale, mistranslated,
 * text drift only, without base), per locale. Paths select translations, or the source pages
 * whose translations to show; the whole tree is read, since a translation needs its source.
 */
export async function i18nCommand(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(args, options, 'i18n');
  if (parsed.values.help) {
    io.stdout.write(i18nHelp());
    return 0;
  }
  const format = stringOption(parsed.values, 'format') ?? 'text';
  if (!formats.includes(format)) throw new UsageError(`--format: expected one of ${formats.join(', ')}, got "${format}"`);
  const statusKey = stringOption(parsed.values, 'write-status');
  if (statusKey !== undefined) checkStatusKey(statusKey);
  const template = stringOption(parsed.values, 'link-template');
  const linkTemplate = template === undefined ? undefined : checkLinkTemplate(template);
  const config = await onlyTranslationDrift(parsed.values, io);
  const paths = parsed.positionals;
  const errorOnUnmatchedPattern = errorOnUnmatched(parsed.values);
  const loading = loadingOptions(parsed.values, io, config);
  // The report needs the pages and their bases, which a reused whole result does not carry.
  const checked = await lint({ cwd: io.cwd, paths, config, wholeTree: paths.length > 0, errorOnUnmatchedPattern, ...loading.options, reuseResult: false });
  loading.finish(checked);
  const named = paths.length > 0 ? new Set((await listPageFiles({ cwd: io.cwd, config, paths, errorOnUnmatchedPattern })).map((f) => f.file)) : null;
  const report = translationReport({
    pages: checked.pages,
    diagnostics: checked.result.diagnostics,
    bases: checked.translationBases,
    setup: config.facts,
    ...(named ? { include: (translation: string, source: string) => named.has(translation) || named.has(source) } : {}),
  });
  const outputFile = stringOption(parsed.values, 'output');
  const text =
    format === 'json'
      ? i18nJson(report, { name: 'compatlint', version: toolVersion })
      : format === 'markdown'
        ? i18nMarkdown(report, linkTemplate === undefined ? {} : { linkTemplate })
        : i18nText(report, { color: outputFile === undefined && useColor(io, { color: parsed.values.color === true, noColor: parsed.values['no-color'] === true }) });
  if (outputFile) await writeFileAtomic(path.resolve(io.cwd, outputFile), text, { mkdirs: true });
  else io.stdout.write(text);
  if (statusKey !== undefined) {
    const writes = await writeStatuses(report, checked.pages, statusKey, io.cwd);
    const written = writes.filter((w) => w.outcome === 'written');
    const unchanged = writes.filter((w) => w.outcome === 'unchanged').length;
    const unpinned = report.pages.filter((p) => p.base?.origin !== 'key').length;
    io.stderr.write(
      `compatlint i18n: ${statusKey}: ${written.length} ${written.length === 1 ? 'page' : 'pages'} written (${written.filter((w) => w.value).length} true, ${written.filter((w) => !w.value).length} false), ${unchanged} already right; ${unpinned} not pinned to a base in front matter left as they are\n`,
    );
    for (const w of writes.filter((x) => x.outcome === 'skipped')) io.stderr.write(`compatlint: warning: ${w.file}: ${statusKey} not written: ${w.reason}\n`);
  }
  return 0;
}

/**
 * The config as `check` loads it, with translation-drift on for every page (at its own
 * severity, or `warn`) and every other rule off: the report is translation-drift's findings,
 * and an override that turned it off for some pages would make them look current.
 */
async function onlyTranslationDrift(values: Parameters<typeof stringOption>[0], io: CliIO): Promise<ResolvedConfig> {
  const load = (rules?: Record<string, RuleSetting>) =>
    loadConfig({
      cwd: io.cwd,
      configFile: stringOption(values, 'config'),
      presets: listOption(values, 'preset'),
      ...(rules ? { rules } : {}),
    });
  const first = await load();
  const own = first.rules['translation-drift'];
  const rules: Record<string, RuleSetting> = Object.fromEntries(first.ruleSet.metas.map((m) => [m.id, 'off']));
  rules['translation-drift'] = own && own.severity !== 'off' ? own.severity : 'warn';
  const config = await load(rules);
  return { ...config, overrides: config.overrides.map((o) => ({ ...o, rules: Object.fromEntries(Object.entries(o.rules).filter(([id]) => id !== 'translation-drift')) })) };
}
