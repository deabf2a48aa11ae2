import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { globbySync } from 'globby';

/** A small Hugo-like site whose pages are multiplied into the benchmark tree. */
export interface SourceSite {
  name: string;
  root: string;
  /** Pages relative to `root/content`, with forward slashes, sorted. */
  pages: string[];
}

export interface GeneratedTree {
  root: string;
  /** Pages relative to `root`, with forward slashes, in generation order. */
  pages: string[];
  bytes: number;
  /** Pages taken from each source site. */
  perSource: Record<string, number>;
}

/** Read a source site, or null when it has no `content/` folder. */
export function readSourceSite(name: string, root: string): SourceSite | null {
  const content = path.join(root, 'content');
  if (!existsSync(content)) return null;
  const pages = globbySync('**/*.md', { cwd: content }).sort();
  return pages.length === 0 ? null : { name, root, pages };
}

/**
 * Build a tree of exactly `count` pages by copying the sources' pages round after round:
 * page `content/<locale>/<rest>` of source S becomes `content/<locale>/<S>-<k>/<rest>` in
 * round k, so locales stay locales and a translation still pairs with its English page within
 * each round, and the datadog preset's site logic (locale from the path, product from the
 * folders before `compatibility/`) applies unchanged. Each copy also ends with a comment
 * naming its round, so no two pages are byte-identical and no tool can profit from duplicate
 * content. `layouts/` and `static/` of every source are merged in once, for partials.
 */
export function generateTree(root: string, count: number, sources: readonly SourceSite[]): GeneratedTree {
  if (sources.length === 0) throw new Error('no source pages to build the tree from');
  mkdirSync(path.join(root, 'content'), { recursive: true });
  for (const source of sources) {
    for (const extra of ['layouts', 'static']) {
      const from = path.join(source.root, extra);
      if (existsSync(from)) cpSync(from, path.join(root, extra), { recursive: true });
    }
  }
  const texts = new Map(sources.map((s) => [s.name, s.pages.map((p) => readFileSync(path.join(s.root, 'content', p), 'utf8'))]));
  const pages: string[] = [];
  const perSource: Record<string, number> = Object.fromEntries(sources.map((s) => [s.name, 0]));
  let bytes = 0;
  for (let round = 1; pages.length < count; round++) {
    for (const source of sources) {
      const sourceTexts = texts.get(source.name) ?? [];
      for (const [i, page] of source.pages.entries()) {
        if (pages.length >= count) break;
        const slash = page.indexOf('/');
        const copyDir = `${source.name}-${round}`;
        const relative = slash === -1 ? `content/${copyDir}/${page}` : `content/${page.slice(0, slash)}/${copyDir}/${page.slice(slash + 1)}`;
        const text = withMarker(sourceTexts[i] ?? '', `compatlint bench: ${source.name} round ${round}`);
        const target = path.join(root, relative);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, text);
        pages.push(relative);
        perSource[source.name] = (perSource[source.name] ?? 0) + 1;
        bytes += Buffer.byteLength(text);
      }
    }
  }
  return { root, pages, bytes, perSource };
}

/** Append an HTML comment after a blank line, keeping whether the page ends with a newline. */
function withMarker(text: string, marker: string): string {
  const comment = `<!-- ${marker} -->`;
  if (text.endsWith('\n\n')) return `${text}${comment}\n`;
  if (text.endsWith('\n')) return `${text}\n${comment}\n`;
  return `${text}\n\n${comment}`;
}

/**
 * The page a writer edits in the pre-commit scenario: the first English compatibility page
 * (not an index) of the first round, a page with several tables and translations.
 */
export function pickEditTarget(tree: GeneratedTree): string {
  return tree.pages.find((p) => /^content\/en\/.*\/compatibility\/(?!_index\.md$)[^/]+\.md$/.test(p)) ?? tree.pages[0] ?? '';
}

/** What `commitHistory` made of the tree: commits, and the English pages it changed after the first. */
export interface TreeHistory {
  commits: number;
  /** English pages with translations whose prose changed (a line added) after the first commit. */
  prose: number;
  /** English pages with translations whose first version number changed, in one commit or in two. */
  facts: number;
}

/**
 * Make the tree a git repository with a history for the translation-base row: the whole tree in
 * one commit (so every translation's last commit, its base, is that one), then one commit that
 * adds a line of prose to every fifth English page with translations and raises the first
 * version number (`1.2.3` → `1.2.4`) of every tenth, then one more that raises those again, so
 * that some sources changed in facts over two commits since their translations' base.
 */
export function commitHistory(tree: GeneratedTree): TreeHistory {
  const git = (...args: string[]): void => {
    const r = spawnSync('git', ['-c', 'user.name=compatlint bench', '-c', 'user.email=bench@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
      cwd: tree.root,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z' },
    });
    if (r.status !== 0) throw new Error(`git ${args[0]} failed: ${r.stderr}`);
  };
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'The tree');
  const translated = new Set(tree.pages.filter((p) => !p.startsWith('content/en/')).map((p) => p.replace(/^content\/[^/]+\//, '')));
  const sources = tree.pages.filter((p) => p.startsWith('content/en/') && translated.has(p.replace(/^content\/en\//, '')));
  const edit = (page: string, change: (text: string) => string): boolean => {
    const file = path.join(tree.root, page);
    const before = readFileSync(file, 'utf8');
    const after = change(before);
    if (after === before) return false;
    writeFileSync(file, after);
    return true;
  };
  const raise = (text: string) => text.replace(/\b(\d+)\.(\d+)\.(\d+)\b/, (_, a: string, b: string, c: string) => `${a}.${b}.${Number(c) + 1}`);
  let prose = 0;
  let facts = 0;
  sources.forEach((page, i) => {
    if (i % 5 === 0 && edit(page, (t) => `${t.replace(/\n*$/, '')}\n\nA sentence the benchmark added.\n`)) prose++;
    if (i % 10 === 0 && edit(page, raise)) facts++;
  });
  git('add', '-A');
  git('commit', '-q', '-m', 'Prose and versions');
  sources.forEach((page, i) => {
    if (i % 10 === 0) edit(page, raise);
  });
  git('add', '-A');
  git('commit', '-q', '-m', 'Versions again');
  return { commits: 3, prose, facts };
}
