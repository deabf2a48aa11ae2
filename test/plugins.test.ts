import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import type { Diagnostic } from '../src/engine/types.js';
import { lint } from '../src/lint/lint.js';
import { cli, repoRoot, tempTree } from './helpers/cli.js';

/** The worked example of docs/architecture.md: a plugin with a page rule and a corpus rule, its config, two pages. */
const example = path.join(repoRoot, 'fixtures', 'plugin-site');
const exampleFile = (name: string) => readFileSync(path.join(example, name), 'utf8');
const CONFIG = exampleFile('compatlint.config.yaml');

/** A copy of the example, its config replaced by `config` and `extra` files added. */
function site(config: string = CONFIG, extra: Record<string, string> = {}): string {
  const files = Object.fromEntries(['rules/my-rules.mjs', 'docs/install.md', 'docs/usage.md'].map((name) => [name, exampleFile(name)]));
  return tempTree({ ...files, ...extra, 'compatlint.config.yaml': config });
}

const brief = (d: Diagnostic) => `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity} ${d.ruleId} ${d.message}`;

describe('plugin rules (config `plugins`)', () => {
  it('run beside the built-in rules, with the severity and options the config gives them', async () => {
    const cwd = site();
    const config = await loadConfig({ cwd });
    const { result } = await lint({ cwd, paths: [], config });
    expect(result.diagnostics.map(brief)).toEqual([
      'docs/install.md:1:1-1:10 error my/page-count Unexpected 2 pages, expected at most 1',
      'docs/install.md:3:1-3:18 warning my/heading-no-todo Unexpected `TODO` in heading `Upgrade (TODO)`',
    ]);
    expect(result.diagnostics[1]?.data).toEqual({ heading: 'Upgrade (TODO)' });
  });

  it('take their default options when the config sets only a severity', async () => {
    const cwd = site('plugins: ["./rules/my-rules.mjs"]\nrules:\n  my/heading-no-todo: error\n  my/page-count: error\n');
    const { result } = await lint({ cwd, paths: [], config: await loadConfig({ cwd }) });
    // Two pages are under the default max (500): without it, `max` would be undefined and the rule would report.
    expect(result.diagnostics.map((d) => `${d.severity} ${d.ruleId}`)).toEqual(['error my/heading-no-todo']);
  });

  it('keep their default severity when the config sets only options', async () => {
    // my/page-count would report 2 pages over max 1, but it is off by default.
    const cwd = site('plugins: ["./rules/my-rules.mjs"]\nrules:\n  my/page-count: { options: { max: 1 } }\n');
    const { result } = await lint({ cwd, paths: [], config: await loadConfig({ cwd }) });
    expect(result.diagnostics.map((d) => `${d.severity} ${d.ruleId}`)).toEqual(['warning my/heading-no-todo']);
  });

  it('load from a named export `rules`, relative to the config file rather than the working directory', async () => {
    const dir = tempTree({
      'compatlint.config.yaml': 'plugins: ["./lib/one.mjs"]\n',
      'lib/one.mjs': `export const rules = {
  meta: { id: 'one/always', description: 'every page', scope: 'page', category: 'files', defaultSeverity: 'error', messages: { here: 'Unexpected page' } },
  check(page, context) { context.report({ messageId: 'here', span: page.headings[0].span }); },
};\n`,
      'docs/a.md': '# A\n',
    });
    const run = await cli(['check', '.'], path.join(dir, 'docs'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('1:1  error  Unexpected page  one/always');
  });

  it('are checked and listed by the command line', async () => {
    const cwd = site();
    const check = await cli(['check', '.'], cwd);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('1:1  error    Unexpected 2 pages, expected at most 1  my/page-count');
    expect(check.stdout).toContain('3:1  warning  Unexpected `TODO` in heading `Upgrade (TODO)`  my/heading-no-todo');
    const rules = await cli(['rules'], cwd);
    expect(rules.code).toBe(0);
    const lines = rules.stdout.split('\n');
    expect(lines.find((l) => l.startsWith('my/heading-no-todo'))).toMatch(/^my\/heading-no-todo +warn +a heading that still says TODO$/);
    expect(lines.find((l) => l.startsWith('my/page-count'))).toMatch(/^my\/page-count +off +a site with more pages than `max`$/);
  });

  it("docs/architecture.md's worked example shows these files and this output", async () => {
    const doc = readFileSync(path.join(repoRoot, 'docs', 'architecture.md'), 'utf8');
    expect(doc).toContain(`\`\`\`js\n${exampleFile('rules/my-rules.mjs')}\`\`\`\n`);
    expect(doc).toContain(`\`\`\`yaml\n${CONFIG}\`\`\`\n`);
    const check = await cli(['check'], example);
    expect(check.code).toBe(1);
    expect(doc).toContain(`\`\`\`text\n${check.stdout}\`\`\`\n`);
    const listed = (await cli(['rules'], example)).stdout.split('\n').filter((l) => l.startsWith('my/'));
    expect(doc).toContain(`\`\`\`text\n${listed.join('\n')}\n\`\`\`\n`);
  });

  describe('are config errors (exit 2, one line) when', () => {
    const fails = async (cwd: string, message: string | RegExp) => {
      const run = await cli(['check', '.'], cwd);
      expect(run.stdout).toBe('');
      if (typeof message === 'string') expect(run.stderr).toBe(`compatlint: ${message}\n`);
      else expect(run.stderr).toMatch(message);
      expect(run.code).toBe(2);
    };
    const at = 'Invalid config compatlint.config.yaml';

    it("an option breaks the plugin rule's schema", async () => {
      await fails(site(CONFIG.replace('max: 1', 'max: 0')), `${at}: rules.my/page-count.options: max: must be >= 1`);
      await fails(site(CONFIG.replace('max: 1', 'most: 1')), `${at}: rules.my/page-count.options: most: unknown key (known keys: max)`);
    });

    it('a built-in rule without an options schema is given options', async () => {
      await fails(site('rules:\n  table-column-count: { options: { bogus: 1 } }\n'), `${at}: rules.table-column-count.options: bogus: unknown key`);
    });

    it('a plugin rule id is misspelled', async () => {
      await fails(site(CONFIG.replace('my/page-count', 'my/page-cont')), `${at}: rules.my/page-cont: unknown rule (did you mean my/page-count?)`);
    });

    it('the plugin file does not exist', async () => {
      await fails(site('plugins: ["./rules/missing.mjs"]\n'), `${at}: plugins[0]: cannot load rules/missing.mjs (no such file)`);
    });

    it('the plugin exports something that is not a rule, or nothing', async () => {
      await fails(
        site('plugins: ["./rules/bad.mjs"]\n', { 'rules/bad.mjs': 'export default { check() {} };\n' }),
        `${at}: plugins[0]: rules/bad.mjs: a rule is an object with \`meta\` and \`check\``,
      );
      await fails(
        site('plugins: ["./rules/none.mjs"]\n', { 'rules/none.mjs': 'export const x = 1;\n' }),
        `${at}: plugins[0]: rules/none.mjs exports no rules (expected a default export or \`rules\`: a rule or an array of rules)`,
      );
    });

    it('the plugin does not parse', async () => {
      // The reason is the module loader's own words, which differ between Node and vitest's loader.
      await fails(
        site('plugins: ["./rules/broken.mjs"]\n', { 'rules/broken.mjs': 'export default [\n' }),
        /^compatlint: Invalid config compatlint\.config\.yaml: plugins\[0\]: cannot load rules\/broken\.mjs \(.+\)\n$/,
      );
    });

    it("a plugin rule takes a built-in rule's id", async () => {
      const taken = exampleFile('rules/my-rules.mjs').replace("id: 'my/heading-no-todo'", "id: 'table-column-count'");
      await fails(
        site('plugins: ["./rules/taken.mjs"]\n', { 'rules/taken.mjs': taken }),
        `${at}: plugins[0]: rules/taken.mjs: rule "table-column-count" is already defined (by compatlint or an earlier plugin)`,
      );
    });
  });
});

// Worker threads start only from the built package: from src/ there is no worker script.
const built = existsSync(path.join(repoRoot, 'dist', 'load', 'worker.js'));
if (!built) console.warn('[compatlint tests] dist/ is not built: the plugin worker-thread test is skipped (npm test builds first).');

describe.skipIf(!built)('plugin rules in worker threads', () => {
  it('report what one thread reports', async () => {
    const { loadConfig: loadBuilt } = (await import(pathToFileURL(path.join(repoRoot, 'dist/config/load.js')).href)) as typeof import('../src/config/load.js');
    const { lint: lintBuilt } = (await import(pathToFileURL(path.join(repoRoot, 'dist/lint/lint.js')).href)) as typeof import('../src/lint/lint.js');
    // Enough pages to start the pool (it starts at 150).
    const pages: Record<string, string> = {};
    for (let i = 0; i < 160; i++) pages[`docs/page-${String(i).padStart(3, '0')}.md`] = `# Page ${i}\n\n## Part ${i} (TODO)\n\nText.\n`;
    const cwd = tempTree({ 'compatlint.config.yaml': 'plugins: ["./rules/my-rules.mjs"]\n', 'rules/my-rules.mjs': exampleFile('rules/my-rules.mjs'), ...pages });
    const config = await loadBuilt({ cwd });
    const one = await lintBuilt({ cwd, paths: [], config, threads: 1 });
    const two = await lintBuilt({ cwd, paths: [], config, threads: 2 });
    expect(one.stats.threads).toBe(0);
    expect(two.stats.threads).toBe(2);
    expect(two.result.diagnostics.filter((d) => d.ruleId === 'my/heading-no-todo')).toHaveLength(160);
    expect(two.result.diagnostics).toEqual(one.result.diagnostics);
  });
});
