import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { cli } from './helpers/cli.js';
import { corpusRoot } from './helpers/corpus.js';

/**
 * ../shared/corpus/others: pages of seven real projects on five generators, with a README of
 * the defects found in them by hand. init then check runs on a copy of each (init writes into
 * the tree it reads); the known defects check can see must be found, and nothing else that is
 * about facts.
 */
const others = path.join(corpusRoot, 'others');
const hasOthers = existsSync(path.join(others, 'MANIFEST.tsv'));
if (!hasOthers) console.warn(`[compatlint tests] ${others} not found: the init acceptance test on real projects is skipped.`);

interface Finding {
  ruleId: string;
  file: string;
  line: number;
  message: string;
}

interface Run {
  summary: string;
  findings: Finding[];
}

const projects = ['dotnet__core', 'helm__helm-www', 'pypa__cibuildwheel', 'helix-editor__helix', 'linkerd__website', 'etcd-io__website', 'pnpm__pnpm.io'];
/** Rules about facts: a finding of theirs that the README does not list is a false finding. */
const FACT_RULES = new Set(['consistency', 'translation-drift', 'table-schema', 'capability-not-ticked']);

describe.skipIf(!hasOthers)('init then check on seven real projects (../shared/corpus/others)', () => {
  const runs = new Map<string, Run>();
  beforeAll(async () => {
    for (const project of projects) {
      const dir = mkdtempSync(path.join(tmpdir(), `compatlint-init-${project}-`));
      cpSync(path.join(others, project), dir, { recursive: true });
      const init = await cli(['init', '--threads', '1'], dir);
      expect(init.code, init.stderr).toBe(0);
      const check = await cli(['check', '--format', 'json', '--threads', '1'], dir);
      expect(check.stderr).toBe('');
      runs.set(project, { summary: init.stderr, findings: (JSON.parse(check.stdout) as { diagnostics: Finding[] }).diagnostics });
    }
  }, 120_000);
  const run = (project: string) => runs.get(project) as Run;
  const at = (project: string, rule: string) => run(project).findings.filter((f) => f.ruleId === rule).map((f) => `${f.file}:${f.line}`);

  test('each generator is recognized where its config is', () => {
    expect(projects.map((p) => run(p).summary.split('\n')[0])).toEqual([
      'compatlint init: no site generator config found: plain Markdown',
      'compatlint init: Docusaurus site (docusaurus.config.js, versions.json)',
      'compatlint init: MkDocs site (properdocs.yml)',
      'compatlint init: mdBook site in book/ (book/book.toml, book/src/SUMMARY.md)',
      'compatlint init: Hugo site in linkerd.io/ (linkerd.io/config/_default/hugo.yaml)',
      'compatlint init: Hugo site (config.yaml)',
      'compatlint init: Docusaurus site (docusaurus.config.ts, versions.json)',
    ]);
    expect(run('pnpm__pnpm.io').summary).toContain('docusaurus.config.ts: i18n.locales is computed (`LOCALE_CI ? [LOCALE_CI] : LOCALES`), not read');
    expect(run('helm__helm-www').summary).toContain('site: generator docusaurus; content docs, community; locales en, de, el, es, fr, it, ja, ko, pt, ru, uk, zh (source en)');
  });

  test('linkerd: the 2.19 minimum Kubernetes version that differs between version trees', () => {
    expect(at('linkerd__website', 'consistency')).toEqual(['linkerd.io/content/2.19/reference/k8s-versions.md:32']);
  });

  test('dotnet: the Windows Server Core architectures of 9.0, and the duplicate link definition', () => {
    const consistency = run('dotnet__core').findings.filter((f) => f.ruleId === 'consistency');
    expect(consistency.filter((f) => f.file === 'release-notes/9.0/supported-os.md' && f.line === 58 && f.message.includes('`Architectures`'))).toHaveLength(1);
    expect(at('dotnet__core', 'reference-redundant')).toEqual(['releases.md:50']);
  });

  test('cibuildwheel: the short archs row, the unused definitions of the README (included by include-markdown) and of options.md', () => {
    expect(at('pypa__cibuildwheel', 'table-column-count')).toEqual(['docs/options.md:231']);
    const unused = at('pypa__cibuildwheel', 'reference-unused');
    for (const place of ['README.md:212', 'README.md:213', 'README.md:214', 'README.md:219', 'README.md:220', 'docs/options.md:249', 'docs/options.md:250', 'docs/options.md:497', 'docs/options.md:498']) {
      expect(unused).toContain(place);
    }
    // Headings with attr_list ids (`{: #build-skip toml env-var}`) are anchors.
    expect(at('pypa__cibuildwheel', 'link-anchor-missing')).toEqual([]);
  });

  test('helix: the six rows one cell short', () => {
    expect(at('helix-editor__helix', 'table-column-count')).toEqual([11, 13, 15, 16, 17, 18].map((line) => `book/src/other-software.md:${line}`));
  });

  test('helm: the rows each translation lacks, its i18n folder paired with its source docs or version folder', () => {
    expect(at('helm__helm-www', 'translation-drift')).toEqual([
      'i18n/it/docusaurus-plugin-content-docs/version-3/topics/version_skew.md:40',
      'i18n/uk/docusaurus-plugin-content-docs/current/topics/version_skew.mdx:28',
      'i18n/uk/docusaurus-plugin-content-docs/version-3/topics/version_skew.md:29',
      'i18n/zh/docusaurus-plugin-content-docs/version-3/topics/version_skew.md:32',
    ]);
    const messages = run('helm__helm-www').findings.filter((f) => f.ruleId === 'translation-drift').map((f) => f.message);
    expect(messages[0]).toContain('`3.21.x`, `3.20.x`, `3.19.x`, `3.18.x`, `3.17.x`');
    expect(messages[1]).toContain('`4.2.x`, `4.1.x`');
    expect(messages[2]).toContain('`3.21.x`, `3.20.x`');
    expect(messages[3]).toContain('`3.21.x`');
  });

  test('no fact finding where the README lists no defect of facts', () => {
    for (const project of ['etcd-io__website', 'helm__helm-www', 'pnpm__pnpm.io', 'helix-editor__helix', 'pypa__cibuildwheel', 'linkerd__website']) {
      const facts = run(project).findings.filter(
        (f) => FACT_RULES.has(f.ruleId) && !(project === 'linkerd__website' && f.ruleId === 'consistency') && !(project === 'helm__helm-www' && f.ruleId === 'translation-drift'),
      );
      expect(facts.map((f) => `${project} ${f.ruleId} ${f.file}:${f.line}`)).toEqual([]);
    }
  });
});
