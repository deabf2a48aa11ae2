import { collectAudit } from '../audit/collect.js';
import { renderAuditHtml } from '../audit/html.js';
import { checkLinkTemplate } from '../util/links.js';
import { renderAuditMarkdown } from '../audit/markdown.js';
import { lint } from '../lint/lint.js';
import { UsageError } from '../util/errors.js';
import { toolVersion } from '../util/paths.js';
import { integerOption, parseCommandArgs, stringOption } from './args.js';
import { checkConfig, commonOptions, errorOnUnmatched, exitCode } from './check.js';
import { auditHelp } from './help.js';
import type { CliIO } from './io.js';
import { loadingProgress } from './progress.js';
import { checkOutputs, configInputs, pageInputs, writeOutput } from './output.js';

const options = {
  ...commonOptions,
  html: { type: 'string' },
  markdown: { type: 'string' },
  'link-template': { type: 'string' },
  'max-warnings': { type: 'string' },
  'truth-missing': { type: 'boolean' },
} as const;

export async function auditCommand(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(args, options, 'audit');
  if (parsed.values.help) {
    io.stdout.write(auditHelp());
    return 0;
  }
  const html = stringOption(parsed.values, 'html');
  const markdown = stringOption(parsed.values, 'markdown');
  if (!html && !markdown) throw new UsageError('audit needs --html FILE, --markdown FILE or both (see compatlint audit --help)');
  const template = stringOption(parsed.values, 'link-template');
  const linkTemplate = template === undefined ? undefined : checkLinkTemplate(template);
  const maxWarnings = integerOption(parsed.values, 'max-warnings');
  const config = await checkConfig(parsed.values, io);
  const outputs = [html, markdown].filter((f) => f !== undefined && f !== '') as string[];
  checkOutputs(outputs, io.cwd, configInputs(config));
  const progress = loadingProgress(io);
  const { result, pages, translationBases } = await lint({
    cwd: io.cwd,
    paths: parsed.positionals,
    config,
    errorOnUnmatchedPattern: errorOnUnmatched(parsed.values),
    ...progress.options,
  }).finally(() => progress.clear());
  checkOutputs(outputs, io.cwd, [...configInputs(config), ...pageInputs(result.checked, io.cwd)]);
  const data = collectAudit({ result, pages, setup: config.facts, rules: config.ruleSet.metas, toolVersion, ...(translationBases ? { translationBases } : {}) });
  const written: string[] = [];
  if (html) {
    await writeOutput(html, io.cwd, renderAuditHtml(data, { linkTemplate }));
    written.push(html);
  }
  if (markdown) {
    await writeOutput(markdown, io.cwd, renderAuditMarkdown(data, { linkTemplate }));
    written.push(markdown);
  }
  const { errors, warnings } = result.summary;
  io.stdout.write(
    `compatlint audit: ${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'} in ${result.files} ${result.files === 1 ? 'file' : 'files'}; wrote ${written.join(' and ')}\n`,
  );
  return exitCode(result, maxWarnings);
}
