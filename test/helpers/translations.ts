import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './cli.js';

/**
 * A docs repository with a history written by the tests: English pages, translations made from
 * them (pinned in front matter or by their last commit), then English changes in facts, in
 * prose, a row added and a column removed. Commit dates are fixed, so findings name them.
 */

/** Run git with a fixed identity and, when given, a fixed date for the commit it makes. */
export function gitAt(cwd: string, date: string | null, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=compatlint test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
    },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

export function writeFiles(dir: string, files: Record<string, string | Uint8Array>): void {
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}

export function commit(dir: string, date: string, message: string): string {
  gitAt(dir, null, 'add', '-A');
  gitAt(dir, date, 'commit', '-q', '-m', message);
  return gitAt(dir, null, 'rev-parse', 'HEAD').trim();
}

const base = path.join(repoRoot, 'src/rules/fixtures-base.config.yaml');

/** The shared fixture config (an Acme agent in en, ja, fr) with a translation base. */
export function configText(translation: string): string {
  return `extends: [${JSON.stringify(base)}]\n${translation}`;
}

export const withBase = configText('translation:\n  baseKey: default_lang_commit\n  base: history\n');

/** A page of the agent for language `lang` (each page its own, so pages never disagree with each other). */
export function page(lang: string, body: { tracing: string; profiling?: string; rows?: string[]; profilingColumn?: boolean; prose?: string }, frontMatter = ''): string {
  const profilingColumn = body.profilingColumn ?? true;
  const rows = body.rows ?? ['Docker', 'Virtual machine'];
  return [
    '---',
    `title: ${lang} compatibility`,
    'type: multi-code-lang',
    `code_lang: ${lang}`,
    ...(frontMatter === '' ? [] : [frontMatter]),
    '---',
    '',
    body.prose ?? 'What the agent supports.',
    '',
    '## Capabilities',
    '',
    '| Agent capability | Minimum Python agent version |',
    '|------------------|------------------------------|',
    `| Tracing          | ${body.tracing} |`,
    `| Profiling        | ${body.profiling ?? '2.0.0'} |`,
    '',
    '## Deployment types',
    '',
    profilingColumn ? '| Type | Tracing | Profiling |' : '| Type | Tracing |',
    profilingColumn ? '|------|---------|-----------|' : '|------|---------|',
    ...rows.map((r) => (profilingColumn ? `| ${r} | {{< X >}} | Preview |` : `| ${r} | {{< X >}} |`)),
    '',
  ].join('\n');
}

export interface History {
  dir: string;
  /** The English pages' first commit, the translations' commit, then a fact and prose change, then a row and a column. */
  c1: string;
  c1b: string;
  c2: string;
  c3: string;
}

/**
 * - `x`: pinned to c1 by key (ja) and by an invalid pin (fr); English raises a version (c2) and adds a row (c3): stale twice.
 * - `y`: pinned by history (c1b); English changes prose only (c2): text drift.
 * - `z`: pinned by history; English removes a column (c3): stale.
 * - `w`: pinned to a commit the repository does not have: base missing.
 * - `v`: pinned to c1 with `# patched`, and a value the source never had: mistranslated.
 * - `t`: pinned to c1, nothing changed since: current.
 */
export function translationHistory(config = withBase): History {
  const dir = mkdtempSync(path.join(tmpdir(), 'compatlint-i18n-'));
  gitAt(dir, null, 'init', '-q', '-b', 'main');
  const en = (p: string) => `content/en/agent/${p}.md`;
  const ja = (p: string) => `content/ja/agent/${p}.md`;
  const fr = (p: string) => `content/fr/agent/${p}.md`;
  writeFiles(dir, {
    'compatlint.config.yaml': config,
    [en('x')]: page('x', { tracing: '1.5.0' }),
    [en('y')]: page('y', { tracing: '1.5.0' }),
    [en('z')]: page('z', { tracing: '1.5.0' }),
    [en('w')]: page('w', { tracing: '1.5.0' }),
    [en('v')]: page('v', { tracing: '1.5.0' }),
    [en('t')]: page('t', { tracing: '1.5.0' }),
  });
  const c1 = commit(dir, '2024-01-10T10:00:00Z', 'English pages');
  writeFiles(dir, {
    [ja('x')]: page('x', { tracing: '1.5.0', prose: 'エージェントの対応状況。' }, `default_lang_commit: ${c1}`),
    [fr('x')]: page('x', { tracing: '1.5.0', prose: "Ce que l'agent prend en charge." }, 'default_lang_commit: latest'),
    [ja('y')]: page('y', { tracing: '1.5.0', prose: 'エージェントの対応状況。' }),
    [ja('z')]: page('z', { tracing: '1.5.0', prose: 'エージェントの対応状況。' }),
    [ja('w')]: page('w', { tracing: '1.5.0' }, 'default_lang_commit: 0123456789abcdef0123456789abcdef01234567'),
    [ja('v')]: page('v', { tracing: '1.4.0' }, `default_lang_commit: ${c1.slice(0, 12)} # patched`),
    [ja('t')]: page('t', { tracing: '1.5.0' }, `default_lang_commit: ${c1}`),
  });
  const c1b = commit(dir, '2024-01-11T10:00:00Z', 'Translations');
  writeFiles(dir, {
    [en('x')]: page('x', { tracing: '1.6.0' }),
    [en('y')]: page('y', { tracing: '1.5.0', prose: 'What the agent supports, and since when.' }),
  });
  const c2 = commit(dir, '2024-02-01T10:00:00Z', 'Tracing needs 1.6.0; better prose');
  writeFiles(dir, {
    [en('x')]: page('x', { tracing: '1.6.0', rows: ['Docker', 'Kubernetes', 'Virtual machine'] }),
    [en('z')]: page('z', { tracing: '1.5.0', profilingColumn: false }),
  });
  const c3 = commit(dir, '2024-03-01T10:00:00Z', 'Kubernetes; no profiling column');
  return { dir, c1, c1b, c2, c3 };
}
