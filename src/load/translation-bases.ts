import path from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import { enabledSomewhere } from '../config/load.js';
import {
  type BaseOrigin,
  basesConfigured,
  type CommitRef,
  pinnedCommit,
  type SourceChange,
  type TranslationBase,
  type TranslationBases,
  type TranslationPair,
  translationPairs,
} from '../facts/bases.js';
import { changesSince, diffFacts, type FactsVersion } from '../facts/changes.js';
import type { CorpusPage } from '../model/types.js';
import { relativeName } from '../util/posix.js';
import { corpusPage } from './build.js';
import { commitsSince, type HistoryState, historyState, lastCommits, readObjects, repoRoot } from './git.js';
import { hashBytes } from './page.js';
import { type BuildOptions, buildPages } from './pages.js';
import type { PageSource } from './sources.js';

/**
 * The translation-base stage: before the rules run, each translation's base (see
 * `facts/bases.ts`) is found and read from git objects, never from a checkout: the front matter
 * pin or the translation's last commit (one `git log`), the source page at those commits (one
 * `git cat-file --batch` for all of them), and, for a source whose facts changed since, the
 * commits that changed it and the page at each of them (one `git log` per base commit, one more
 * `git cat-file --batch`), so each change names the commit that made it. Rules only read the result.
 */

/** Whether a run needs the stage: translation-drift is on somewhere and the config names a base. */
export function basesWanted(config: ResolvedConfig): boolean {
  return basesConfigured(config.facts) && enabledSomewhere(config, 'translation-drift');
}

/** What the stage's answer depends on besides the pages' bytes (HEAD, a shallow clone's boundary), for a run's cache key; null outside a repository. */
export function historyKey(cwd: string): string | null {
  const root = repositoryOf(cwd);
  if (root === null) return null;
  const state = historyState(root);
  return `${state.head ?? ''}\0${[...state.shallow].sort().join(',')}`;
}

function repositoryOf(cwd: string): string | null {
  try {
    return repoRoot(cwd);
  } catch {
    return null;
  }
}

/** A translation whose base commit is known, waiting for git's answer. */
interface Pending {
  pair: TranslationPair;
  origin: BaseOrigin;
  commit: string;
  /** The source page, relative to the repository root. */
  sourcePath: string;
}

/** Find and read every translation's base among the pages. */
export async function readTranslationBases(pages: readonly CorpusPage[], config: ResolvedConfig, cwd: string, build: BuildOptions): Promise<TranslationBases> {
  const setup = config.facts;
  const pairs = translationPairs(pages, setup);
  const out = new Map<string, TranslationBase>();
  if (pairs.length === 0) return out;
  const root = repositoryOf(cwd);
  const { key, history } = setup.translationBase;
  const state: HistoryState = root === null ? { head: null, shallow: new Set() } : historyState(root);
  const rel = (file: string) => relativeName(root ?? cwd, path.resolve(cwd, file));
  const pending: Pending[] = [];
  const byHistory: TranslationPair[] = [];
  for (const pair of pairs) {
    const file = pair.translation.file;
    const data = pair.translation.frontMatter?.data;
    if (key !== null && data && Object.hasOwn(data, key)) {
      const commit = pinnedCommit(data[key]);
      if (commit === null) out.set(file, { state: 'invalid', value: shown(data[key]) });
      else if (root === null) out.set(file, { state: 'missing', origin: 'key', commit, shallow: false, noRepository: true });
      else pending.push({ pair, origin: 'key', commit, sourcePath: rel(pair.source.file) });
    } else if (history && root !== null && state.head !== null) {
      byHistory.push(pair);
    } else {
      out.set(file, { state: 'none', reason: history ? (root === null ? 'no-repository' : 'untracked') : 'no-key' });
    }
  }
  if (root === null) return out;
  if (byHistory.length > 0) {
    const last = await lastCommits(byHistory.map((p) => rel(p.translation.file)), root);
    for (const pair of byHistory) {
      const commit = last.get(rel(pair.translation.file));
      const file = pair.translation.file;
      // A shallow clone's boundary commit seems to change every file: the real last commit is older and unknown.
      if (commit === undefined) out.set(file, { state: 'none', reason: 'untracked' });
      else if (state.shallow.has(commit)) out.set(file, { state: 'missing', origin: 'history', commit, shallow: true, noRepository: false });
      else pending.push({ pair, origin: 'history', commit, sourcePath: rel(pair.source.file) });
    }
  }
  await readBases(pending, state, root, config, cwd, build, out);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function shown(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The pinned commits and the source at each, in one `git cat-file --batch`; then the changes since, for sources that changed. */
async function readBases(
  pending: readonly Pending[],
  state: HistoryState,
  root: string,
  config: ResolvedConfig,
  cwd: string,
  build: BuildOptions,
  out: Map<string, TranslationBase>,
): Promise<void> {
  const commits = [...new Set(pending.map((p) => p.commit))];
  const blobs = [...new Set(pending.map((p) => `${p.commit}:${p.sourcePath}`))];
  const objects = await readObjects([...commits.map((c) => `${c}^{commit}`), ...blobs], root);
  const commitOf = new Map(commits.map((c, i) => [c, objects[i] ?? null]));
  const blobOf = new Map(blobs.map((b, i) => [b, objects[commits.length + i] ?? null]));
  const changed: Array<{ p: Pending; base: CommitRef; bytes: Uint8Array; hash: string }> = [];
  for (const p of pending) {
    const file = p.pair.translation.file;
    const commit = commitOf.get(p.commit);
    if (!commit || commit.type !== 'commit') {
      out.set(file, { state: 'missing', origin: p.origin, commit: p.commit, shallow: state.shallow.size > 0, noRepository: false });
      continue;
    }
    const base = { commit: commit.oid, date: committerDate(commit.bytes) };
    const blob = blobOf.get(`${p.commit}:${p.sourcePath}`);
    if (!blob || blob.type !== 'blob') {
      out.set(file, { state: 'none', reason: 'no-source-at-base' });
      continue;
    }
    const hash = hashBytes(blob.bytes);
    if (hash === p.pair.source.hash) out.set(file, { state: 'found', origin: p.origin, base, source: p.pair.source, changed: false, changes: [] });
    else changed.push({ p: { ...p, commit: base.commit }, base, bytes: blob.bytes, hash });
  }
  if (changed.length === 0) return;
  const models = await modelsOf(changed.map((c) => ({ source: c.p.pair.source, bytes: c.bytes, hash: c.hash })), config, cwd, build);
  const needHistory: Array<{ p: Pending; base: CommitRef; model: CorpusPage }> = [];
  for (const c of changed) {
    const model = models.get(`${c.p.pair.source.file}\0${c.hash}`) as CorpusPage;
    const file = c.p.pair.translation.file;
    if (!model.facts) {
      out.set(file, { state: 'none', reason: 'no-source-at-base' });
      continue;
    }
    // Prose only: no change to name a commit for.
    if (diffFacts(versionOf(model), versionOf(c.p.pair.source)).length === 0) {
      out.set(file, { state: 'found', origin: c.p.origin, base: c.base, source: model, changed: true, changes: [] });
    } else {
      needHistory.push({ p: c.p, base: c.base, model });
    }
  }
  if (needHistory.length === 0) return;
  const attributed = await attribute(needHistory, root, config, cwd, build);
  for (const { p, base, model } of needHistory) {
    out.set(p.pair.translation.file, { state: 'found', origin: p.origin, base, source: model, changed: true, changes: attributed.get(`${p.commit}\0${p.sourcePath}`) ?? [] });
  }
}

function versionOf(page: CorpusPage): FactsVersion {
  return { file: page.file, headings: page.headings, tables: page.facts?.tables ?? [] };
}

/** The committer date of a commit object (`committer Name <mail> 1714560000 +0200`), in UTC. */
function committerDate(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString('utf8');
  const m = /^committer .* (\d+) [+-]\d{4}$/m.exec(text);
  return m ? isoDate(Number(m[1])) : '';
}

function isoDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.000Z$/, 'Z');
}

/** Page models of the source at other commits, built as the page is built now (the same builder, the pool for many), by file and hash. */
async function modelsOf(
  versions: ReadonlyArray<{ source: CorpusPage; bytes: Uint8Array; hash: string }>,
  config: ResolvedConfig,
  cwd: string,
  build: BuildOptions,
): Promise<Map<string, CorpusPage>> {
  const unique = new Map<string, PageSource>();
  for (const v of versions) {
    const id = `${v.source.file}\0${v.hash}`;
    if (!unique.has(id)) unique.set(id, { file: { abs: path.resolve(cwd, v.source.file), file: v.source.file }, bytes: v.bytes, hash: v.hash });
  }
  const sources = [...unique.values()];
  const { onProgress: _progress, ...quiet } = build;
  const { pages } = await buildPages(sources, config, cwd, quiet);
  return new Map(pages.map((page, i) => [`${page.file}\0${(sources[i] as PageSource).hash}`, corpusPage(page)]));
}

/**
 * Each source's changes since its base, with the commit that made each: the commits since the
 * base that changed the source (one `git log` per base commit, for all its sources), the source
 * at each (one `git cat-file --batch`), then the changes followed through those versions.
 */
async function attribute(
  items: ReadonlyArray<{ p: Pending; base: CommitRef; model: CorpusPage }>,
  root: string,
  config: ResolvedConfig,
  cwd: string,
  build: BuildOptions,
): Promise<Map<string, SourceChange[]>> {
  const byBase = new Map<string, Set<string>>();
  for (const { p } of items) byBase.set(p.commit, (byBase.get(p.commit) ?? new Set()).add(p.sourcePath));
  const history = new Map<string, Array<{ commit: CommitRef; name: string }>>();
  for (const [base, paths] of byBase) {
    for (const c of commitsSince(base, [...paths], root)) {
      for (const file of c.files) {
        const id = `${base}\0${file}`;
        history.set(id, [...(history.get(id) ?? []), { commit: { commit: c.commit, date: isoDate(c.time) }, name: `${c.commit}:${file}` }]);
      }
    }
  }
  const names = [...new Set([...history.values()].flat().map((v) => v.name))];
  const objects = await readObjects(names, root);
  const bytesOf = new Map(names.map((n, i) => [n, objects[i]?.type === 'blob' ? (objects[i]?.bytes ?? null) : null]));
  const toBuild: Array<{ source: CorpusPage; bytes: Uint8Array; hash: string }> = [];
  const hashOf = new Map<string, string>();
  for (const { p } of items) {
    for (const v of history.get(`${p.commit}\0${p.sourcePath}`) ?? []) {
      const bytes = bytesOf.get(v.name);
      if (!bytes) continue;
      const hash = hashBytes(bytes);
      hashOf.set(v.name, hash);
      if (hash !== p.pair.source.hash) toBuild.push({ source: p.pair.source, bytes, hash });
    }
  }
  const models = toBuild.length > 0 ? await modelsOf(toBuild, config, cwd, build) : new Map<string, CorpusPage>();
  const out = new Map<string, SourceChange[]>();
  for (const { p, base, model } of items) {
    const source = p.pair.source;
    // The base, the source at each commit since (a commit whose page cannot be read is left out), then the working tree when it differs from the last commit.
    const versions: Array<{ facts: FactsVersion; at: CommitRef | null }> = [{ facts: versionOf(model), at: base }];
    let lastHash = '';
    for (const v of history.get(`${p.commit}\0${p.sourcePath}`) ?? []) {
      const hash = hashOf.get(v.name);
      const page = hash === undefined ? undefined : hash === source.hash ? source : models.get(`${source.file}\0${hash}`);
      if (!page?.facts || hash === undefined) continue;
      versions.push({ facts: versionOf(page), at: v.commit });
      lastHash = hash;
    }
    if (lastHash !== source.hash) versions.push({ facts: versionOf(source), at: null });
    out.set(`${p.commit}\0${p.sourcePath}`, changesSince(versions).map(({ change, at }) => ({ ...change, commit: at })));
  }
  return out;
}
