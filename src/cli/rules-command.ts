import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../util/errors.js';
import { packageRoot, ruleDocsUrl } from '../util/paths.js';
import { loadConfig } from '../config/load.js';
import { builtinRules } from '../rules/registry.js';
import { parseCommandArgs, stringOption } from './args.js';
import { rulesHelp } from './help.js';
import type { CliIO } from './io.js';

export async function rulesCommand(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(args, { format: { type: 'string' }, config: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h' } }, 'rules');
  if (parsed.values.help) {
    io.stdout.write(rulesHelp());
    return 0;
  }
  const format = stringOption(parsed.values, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format: expected one of text, json, got "${format}"`);
  // The rules of the config found here: the built-in ones and those its plugins add.
  const ruleSet = (await loadConfig({ cwd: io.cwd, configFile: stringOption(parsed.values, 'config') })).ruleSet;
  const builtin = new Set(builtinRules.map((r) => r.meta.id));
  const docsOf = (id: string, docsUrl: string | undefined) => (builtin.has(id) ? ruleDocsUrl(id) : (docsUrl ?? null));
  const allRules = ruleSet.all;
  const [id] = parsed.positionals;
  if (id !== undefined) {
    const rule = ruleSet.get(id);
    if (!rule) throw new UsageError(`Unknown rule ${id} (run \`compatlint rules\` for the list)`);
    if (format === 'json') {
      io.stdout.write(`${JSON.stringify({ ...rule.meta, docs: docsOf(id, rule.meta.docsUrl) }, null, 2)}\n`);
      return 0;
    }
    if (!builtin.has(id)) {
      const { description, docsUrl } = rule.meta;
      io.stdout.write(`# ${id}\n\n${description}\n${docsUrl ? `\nDocs: ${docsUrl}\n` : ''}`);
      return 0;
    }
    const docs = readFileSync(path.join(packageRoot, 'src', 'rules', id, 'README.md'), 'utf8');
    io.stdout.write(docs.endsWith('\n') ? docs : `${docs}\n`);
    return 0;
  }
  if (format === 'json') {
    const list = allRules.map((r) => ({
      id: r.meta.id,
      description: r.meta.description,
      defaultSeverity: r.meta.defaultSeverity,
      scope: r.meta.scope,
      category: r.meta.category,
      fixable: r.meta.fixable ?? false,
      docs: docsOf(r.meta.id, r.meta.docsUrl),
    }));
    io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...allRules.map((r) => r.meta.id.length));
  const lines = allRules.map((r) => {
    const sev = r.meta.defaultSeverity.padEnd(5);
    const fix = r.meta.fixable ? ' (fixable)' : '';
    return `${r.meta.id.padEnd(width)}  ${sev}  ${r.meta.description}${fix}`;
  });
  io.stdout.write(`${lines.join('\n')}\n\nDefault severity shown; set per rule in config \`rules\`. Docs: compatlint rules <rule-id>\n`);
  return 0;
}
