import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { lint, loadPages } from '../src/lint/lint.js';
import { cli, repoRoot } from './helpers/cli.js';
import { corpusRoot, hasCorpus } from './helpers/corpus.js';
import { git } from './helpers/git.js';

// check, the re-check after a --fix with nothing to fix, extract, explain and diff --base read a tree
// with one lister and one page builder, so on the same tree they see the same pages and the
// same facts. Trees: every fixture site, every rule's fixture tree, and the shared corpus.

interface Tree {
  name: string;
  dir: string;
  /** Command-line arguments that choose the config (a preset for corpus trees). */
  args: string[];
}

function fixtureTrees(): Tree[] {
  const trees: Tree[] = [];
  for (const name of ['example-site', 'hugo-site', 'audit-escape', 'explain-site']) {
    trees.push({ name: `fixtures/${name}`, dir: path.join(repoRoot, 'fixtures', name), args: [] });
  }
  const rules = path.join(repoRoot, 'src/rules');
  for (const rule of readdirSync(rules).sort()) {
    const dir = path.join(rules, rule, 'fixtures');
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || !existsSync(path.join(dir, entry.name, 'compatlint.config.yaml'))) continue;
      trees.push({ name: `${rule}/${entry.name}`, dir: path.join(dir, entry.name), args: [] });
    }
  }
  return trees;
}

function corpusTrees(): Tree[] {
  if (!hasCorpus) return [];
  const trees: Tree[] = [
    { name: 'corpus datadog', dir: path.join(corpusRoot, 'datadog'), args: ['--preset', 'datadog'] },
    { name: 'corpus datadog-more', dir: path.join(corpusRoot, 'datadog-more'), args: ['--preset', 'datadog'] },
  ];
  const others = path.join(corpusRoot, 'others');
  for (const entry of readdirSync(others, { withFileTypes: true })) {
    if (entry.isDirectory()) trees.push({ name: `corpus others/${entry.name}`, dir: path.join(others, entry.name), args: [] });
  }
  return trees;
}

/** The tree committed in a repository of its own, so that `diff --base HEAD` has a clean commit to read. */
function committed(tree: Tree): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'compatlint-pipeline-'));
  cpSync(tree.dir, dir, { recursive: true });
  // A rule fixture's config extends the shared base by a relative path, which the copy must keep pointing at.
  const config = path.join(dir, 'compatlint.config.yaml');
  if (existsSync(config)) {
    const base = JSON.stringify(path.join(repoRoot, 'src/rules/fixtures-base.config.yaml'));
    writeFileSync(config, readFileSync(config, 'utf8').replace(/"(\.\.\/)+fixtures-base\.config\.yaml"/, base));
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'tree');
  return dir;
}

const trees = [...fixtureTrees(), ...corpusTrees()];

describe.each(trees.map((t) => [t.name, t] as const))('%s', (_name, tree) => {
  test('check, fix re-check, extract, explain and diff --base HEAD see the same pages and facts', { timeout: 60_000 }, async () => {
    const dir = committed(tree);
    // Fixed first and committed, so that the re-check after --fix has nothing to fix.
    await cli(['check', ...tree.args, '--fix', '--format', 'json'], dir);
    git(dir, 'commit', '-q', '-a', '--allow-empty', '-m', 'fixed');
    const preset = tree.args[0] === '--preset' ? [tree.args[1] as string] : [];
    const config = await loadConfig({ cwd: dir, presets: preset });
    const checked = await lint({ cwd: dir, paths: [], config });
    expect(checked.result.files).toBeGreaterThan(0);

    // extract reads pages as check does: the same files, the same facts.
    const extracted = await loadPages({ cwd: dir, paths: [], config });
    expect(extracted.map((p) => p.file)).toEqual(checked.pages.map((p) => p.file));
    expect(extracted.map((p) => p.facts ?? null)).toEqual(checked.pages.map((p) => p.facts ?? null));
    const extractCli = await cli(['extract', ...tree.args, '--format', 'json'], dir);
    expect(extractCli.code).toBe(0);
    expect((JSON.parse(extractCli.stdout) as { pages: Array<{ file: string }> }).pages.map((p) => p.file)).toEqual(checked.result.checked);

    // explain reads them too: the same files, each table of the kind that check's facts give it.
    const explainCli = await cli(['explain', ...tree.args, '--format', 'json'], dir);
    expect(explainCli.code).toBe(0);
    const explained = JSON.parse(explainCli.stdout) as { pages: Array<{ file: string; tables: Array<{ file: string; line: number; kind: string | null }> }> };
    expect(explained.pages.map((p) => p.file)).toEqual(checked.result.checked);
    expect(explained.pages.flatMap((p) => p.tables.filter((t) => t.kind !== null).map((t) => `${p.file} ${t.file}:${t.line} ${t.kind}`))).toEqual(
      checked.pages.flatMap((p) => (p.facts?.tables ?? []).map((t) => `${p.file} ${t.file}:${t.span.line} ${t.kind}`)),
    );

    // The CLI's check reports what the API found, and a dry-run fix (nothing written) re-checks to the same report.
    const check = await cli(['check', ...tree.args, '--format', 'json'], dir);
    expect(check.code).not.toBe(2);
    const report = JSON.parse(check.stdout) as { files: number; diagnostics: Array<{ ruleId: string }> };
    expect(report.files).toBe(checked.result.files);
    const dry = await cli(['check', ...tree.args, '--fix-dry-run', '--format', 'json', '--output', path.join(tmpdir(), `dry-${process.pid}.json`)], dir);
    expect(dry.code).not.toBe(2);
    const reChecked = JSON.parse(readFileSync(path.join(tmpdir(), `dry-${process.pid}.json`), 'utf8')) as typeof report;
    expect(reChecked.files).toBe(report.files);
    expect(reChecked.diagnostics).toEqual(report.diagnostics);

    // diff reads the commit through git objects: no change against the clean working tree, over the same pages.
    const diff = await cli(['diff', ...tree.args, '--base', 'HEAD', '--format', 'json'], dir);
    expect(diff.stderr).toBe('');
    const changes = JSON.parse(diff.stdout) as { pages: number; changes: unknown[] };
    expect(changes.changes).toEqual([]);
    expect(changes.pages).toBe(checked.result.files);
  });
});
