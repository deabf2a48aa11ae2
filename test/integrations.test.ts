import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from './helpers/cli.js';
import { exampleRepo, git } from './helpers/git.js';

interface Hook {
  id: string;
  entry: string;
  language: string;
  types: string[];
  require_serial: boolean;
  pass_filenames?: boolean;
}

const hooks = parse(readFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const hook = hooks.find((h) => h.id === 'compatlint') as Hook;
const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };

const RUBY = 'content/en/profiler/compatibility/ruby.md';
const INDEX = 'content/en/profiler/compatibility/_index.md';

/**
 * Run the hook as pre-commit does: its `entry` split into words, the first resolved as the
 * package's bin, then the staged files of the hook's `types` as arguments.
 */
function runHook(cwd: string, files: string[]) {
  const [command, ...args] = hook.entry.split(/\s+/);
  const bin = pkg.bin[command as string];
  if (!bin) throw new Error(`The entry's command ${command} is not a bin of this package`);
  const r = spawnSync(process.execPath, [path.join(repoRoot, bin), ...args, ...files], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('.pre-commit-hooks.yaml', () => {
  it('declares a serial node hook on Markdown files whose entry is a bin of this package', () => {
    expect(hook).toMatchObject({ language: 'node', types: ['markdown'], require_serial: true });
    expect(hook.pass_filenames ?? true).toBe(true);
    expect(Object.keys(pkg.bin)).toContain(hook.entry.split(/\s+/)[0]);
  });

  it('run on the staged files: reports only those, with rules that compare pages seeing every page', () => {
    const dir = exampleRepo();
    const index = path.join(dir, INDEX);
    writeFileSync(index, readFileSync(index, 'utf8').replace('| CPU profiling       | 1.2.0   | 0.9.0   |', '| CPU profiling       | 1.2.0   | 1.0.0   |'));
    git(dir, 'add', INDEX);
    const r = runHook(dir, [INDEX]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(INDEX);
    expect(r.stdout).toContain('`1.0.0`');
    expect(r.stdout).toContain(RUBY); // the untouched page it now disagrees with
    expect(r.stdout).toContain('in 1 file');
  });

  it('passes when the staged files are clean', () => {
    const dir = exampleRepo();
    writeFileSync(path.join(dir, 'content/en/notes.md'), '---\ntitle: Notes\n---\n\nNothing to check.\n');
    git(dir, 'add', '-A');
    const r = runHook(dir, ['content/en/notes.md']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('No problems in 1 file');
  });
});

/**
 * The real thing: pre-commit installs this repository as a node hook (npm install, npm pack,
 * npm install -g of the tarball) and runs it. npm runs offline, so packages must already be
 * in npm's cache (they are after `npm ci`); if one is missing the test skips and says so.
 */
const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const hasPreCommit = preCommit.status === 0;
describe.skipIf(!hasPreCommit)('pre-commit try-repo', () => {
  it('installs the hook from this repository and runs it on the files given', (context) => {
    const dir = exampleRepo();
    writeFileSync(path.join(dir, 'content/en/notes.md'), '---\ntitle: Notes\n---\n\nNothing to check.\n');
    git(dir, 'add', '-A');
    const home = mkdtempSync(path.join(tmpdir(), 'compatlint-pre-commit-'));
    const run = (args: string[]) =>
      spawnSync('pre-commit', ['try-repo', repoRoot, 'compatlint', '--color', 'never', ...args], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, PRE_COMMIT_HOME: home, npm_config_offline: 'true', NO_COLOR: '1' },
        timeout: 280_000,
      });
    const failing = run(['--files', RUBY]);
    const output = `${failing.stdout}${failing.stderr}`;
    if (/ENOTCACHED/.test(output)) {
      context.skip('npm cache lacks a package this repository needs (run `npm ci` online once); pre-commit install not tested');
    }
    expect(output).toMatch(/compatlint\.+Failed/);
    expect(output).toContain('- exit code: 1');
    expect(output).toContain(`${RUBY}\n`);
    expect(output).toContain('in 1 file');

    const clean = run(['--files', 'content/en/notes.md']);
    expect(`${clean.stdout}${clean.stderr}`).toMatch(/compatlint\.+Passed/);
    expect(clean.status).toBe(0);
  }, 300_000);
});
if (!hasPreCommit) {
  describe('pre-commit try-repo', () => {
    it.skip('skipped: pre-commit is not installed (apt-get install pre-commit)', () => {});
  });
}

interface ActionStep {
  name: string;
  id?: string;
  shell: string;
  run: string;
  env?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default: string }>;
  runs: { using: string; steps: ActionStep[] };
}

describe('action.yml', () => {
  const action = parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as Action;
  const step = action.runs.steps.find((s) => s.id === 'run') as ActionStep;

  /**
   * The run step as a runner executes a composite `shell: bash` step (`bash --noprofile
   * --norc -eo pipefail`), with the inputs' defaults overridden by `inputs`, the action's
   * folder being this repository (already installed and built).
   */
  function runAction(cwd: string, inputs: Record<string, string>, event: Record<string, string> = {}) {
    const temp = mkdtempSync(path.join(tmpdir(), 'compatlint-action-'));
    const files = { summary: path.join(temp, 'step-summary.md'), output: path.join(temp, 'output.txt') };
    writeFileSync(files.summary, '# Earlier step\n');
    writeFileSync(files.output, '');
    const env: Record<string, string> = {};
    for (const [name, input] of Object.entries(action.inputs)) {
      env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] = inputs[name] ?? input.default;
    }
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
      cwd,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: {
        ...process.env,
        ...env,
        PUSH_BEFORE: '',
        LINK_TEMPLATE: 'https://github.com/o/r/blob/abc123/{file}#L{line}',
        GITHUB_ACTION_PATH: repoRoot,
        GITHUB_STEP_SUMMARY: files.summary,
        GITHUB_OUTPUT: files.output,
        RUNNER_TEMP: temp,
        GITHUB_BASE_REF: '',
        NO_COLOR: '1',
        ...event,
      },
    });
    return {
      code: r.status,
      stdout: r.stdout,
      stderr: r.stderr,
      summary: readFileSync(files.summary, 'utf8'),
      output: readFileSync(files.output, 'utf8'),
    };
  }

  it('is a composite action whose every input reaches the script through the environment', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs).sort()).toEqual(['args', 'changed-only', 'config', 'fail-level', 'paths', 'preset', 'sarif-file', 'working-directory']);
    for (const name of Object.keys(action.inputs)) {
      expect(step.env?.[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`]).toBe(`\${{ inputs.${name} }}`);
    }
    expect(step.run).not.toMatch(/\$\{\{/);
  });

  it('writes annotations, appends the job summary, writes SARIF, and fails on errors', () => {
    const dir = exampleRepo();
    const r = runAction(dir, { 'sarif-file': 'reports/compatlint.sarif' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.output).toBe('exit-code=1\n');
    const annotations = r.stdout.trim().split('\n');
    expect(annotations.length).toBeGreaterThan(3);
    for (const line of annotations) expect(line).toMatch(/^::(error|warning) file=content\/[^,]+\.md,line=\d+,/);
    expect(r.summary.startsWith('# Earlier step\n## compatlint\n')).toBe(true);
    expect(r.summary).toContain(`](https://github.com/o/r/blob/abc123/${RUBY}#L20)`);
    const sarif = JSON.parse(readFileSync(path.join(dir, 'reports/compatlint.sarif'), 'utf8')) as { runs: Array<{ results: unknown[] }> };
    expect(sarif.runs[0]!.results).toHaveLength(annotations.length);
  });

  it('fail-level none reports without failing; warning fails on warnings alone; paths and changed-only narrow the report', () => {
    const dir = exampleRepo();
    expect(runAction(dir, { 'fail-level': 'none' })).toMatchObject({ code: 0, output: 'exit-code=1\n' });
    // An unused definition: a warning only.
    writeFileSync(path.join(dir, 'content/en/warn.md'), '---\ntitle: Warn\n---\n\nText.\n\n[1]: /profiler/compatibility/ruby/\n');
    const warn = runAction(dir, { paths: 'content/en/warn.md' });
    expect(warn).toMatchObject({ code: 0, output: 'exit-code=0\n' });
    expect(warn.stdout).toMatch(/^::warning file=content\/en\/warn\.md,line=7,/);
    expect(runAction(dir, { paths: 'content/en/warn.md', 'fail-level': 'warning' })).toMatchObject({ code: 1 });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'warn');
    git(dir, 'checkout', '-q', '-b', 'ruby-title');

    // A pull request into main that touches only the Ruby page.
    const ruby = path.join(dir, RUBY);
    writeFileSync(ruby, readFileSync(ruby, 'utf8').replace('title: Ruby Compatibility Requirements', 'title: Ruby'));
    git(dir, 'commit', '-qam', 'ruby');
    git(dir, 'update-ref', 'refs/remotes/origin/main', 'feature');
    const changed = runAction(dir, { 'changed-only': 'true' }, { GITHUB_BASE_REF: 'main' });
    expect(changed.code).toBe(1);
    expect(new Set(changed.stdout.trim().split('\n').map((l) => /file=([^,]+)/.exec(l)?.[1]))).toEqual(new Set([RUBY]));
  });

  it('runs in a working-directory with extra args, naming files from the repository root', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'compatlint-action-root-'));
    cpSync(exampleRepo(), path.join(root, 'site'), { recursive: true });
    // The runner enters `working-directory` before the script; --quiet keeps errors only.
    const r = runAction(path.join(root, 'site'), { 'working-directory': 'site', args: '--quiet' });
    expect(r.code).toBe(1);
    const annotations = r.stdout.trim().split('\n');
    expect(annotations.length).toBeGreaterThan(0);
    for (const line of annotations) expect(line).toMatch(/^::error file=site\/content\/[^,]+\.md,line=\d+,/);
    expect(r.summary).toContain(`](https://github.com/o/r/blob/abc123/site/${RUBY}#L20)`);
  });

  it('keeps a job summary under GitHub\'s limit and says what it left out', () => {
    const dir = exampleRepo();
    // 3,000 pages with an unused definition each: a summary well over 1 MB.
    const page = (i: number) => `---\ntitle: P${i}\n---\n\n${'Text. '.repeat(40)}\n\n[${i}]: /profiler/compatibility/ruby/${'x'.repeat(200)}\n`;
    for (let i = 0; i < 3000; i++) writeFileSync(path.join(dir, `content/en/p${i}.md`), page(i));
    const r = runAction(dir, { 'fail-level': 'none' });
    expect(r.stderr).toBe('');
    expect(Buffer.byteLength(r.summary)).toBeLessThan(1_001_000);
    // check's Markdown stops under the limit itself and says what it left out; the action's own
    // cut (at 1,000,000 bytes) is the last guard behind it.
    expect(r.summary).toMatch(/[\d,]+ of [\d,]+ findings left out/);
  }, 120_000);

  it('rejects an unknown fail-level in one annotation, exit 2', () => {
    const r = runAction(exampleRepo(), { 'fail-level': 'sometimes' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('::error title=compatlint::fail-level must be error, warning or none, not "sometimes"\n');
  });
});

describe('README recipes', () => {
  // The CI recipes (docs/ci.md) and the README's short versions of them.
  const section = ['docs/ci.md', 'README.md'].map((f) => readFileSync(path.join(repoRoot, f), 'utf8')).join('\n');
  const blocks = (lang: string) => [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1] as string);

  it('has YAML and JSON that parse, naming the hook and the action inputs that exist', () => {
    const yamls = blocks('yaml').map((y) => parse(y) as unknown);
    expect(yamls.length).toBeGreaterThanOrEqual(4);
    const preCommitConfig = yamls.find((y) => JSON.stringify(y).includes('"repos"')) as { repos: Array<{ hooks: Array<{ id: string }> }> };
    expect(preCommitConfig.repos[0]!.hooks.map((h) => h.id)).toEqual(hooks.map((h) => h.id));
    const action = parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as Action;
    const workflow = yamls.find((y) => JSON.stringify(y).includes('compatlint/compatlint@')) as {
      jobs: { compatlint: { steps: Array<{ uses?: string; with?: Record<string, unknown> }> } };
    };
    const used = workflow.jobs.compatlint.steps.find((s) => s.uses?.startsWith('compatlint/compatlint@'));
    for (const input of Object.keys(used?.with ?? {})) expect(Object.keys(action.inputs)).toContain(input);
    const table = [...section.matchAll(/^\| `([a-z-]+)` \| [^|]+ \| [^|]+ \|$/gm)].map((m) => m[1]);
    for (const input of Object.keys(action.inputs)) expect(table).toContain(input);
    for (const json of blocks('json')) expect(() => JSON.parse(json) as unknown).not.toThrow();
  });

  it('the lint-staged command works with the absolute paths lint-staged passes', () => {
    const lintStaged = JSON.parse(blocks('json').find((b) => b.includes('"lint-staged"'))!) as { 'lint-staged': Record<string, string> };
    const [command, ...args] = (lintStaged['lint-staged']['*.md'] as string).split(' ');
    expect(command).toBe('compatlint');
    const dir = exampleRepo();
    const r = spawnSync(process.execPath, [path.join(repoRoot, pkg.bin.compatlint as string), ...args, path.join(dir, RUBY)], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(RUBY);
    expect(r.stdout).toContain('in 1 file');
  });
});
