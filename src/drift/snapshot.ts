import { stat } from 'node:fs/promises';
import path from 'node:path';
import { matcherFor } from '../util/glob.js';
import type { ResolvedConfig } from '../config/types.js';
import { loadPages } from '../lint/lint.js';
import { UsageError } from '../util/errors.js';
import { allTableFacts, extractFacts, type FactsContext } from '../facts/extract.js';
import { PartialTables, type ReadBytes } from '../site/partials.js';
import type { FactTable } from '../model/facts.js';
import { toPosix } from '../util/posix.js';
import { pageFromBytes } from '../load/page.js';
import type { PageModel } from '../model/types.js';
import { compileVocabulary } from '../model/values.js';
import { filesAt, readBlobs, repoRoot } from '../load/git.js';

/** One side of a diff: its pages, each with the facts of every table. */
export interface Snapshot {
  /** `HEAD~1`, `working tree`, or a path. */
  label: string;
  pages: SnapshotPage[];
}

export interface SnapshotPage {
  /** The path that pairs pages across revisions (relative to the repository root, or to a compared folder). */
  key: string;
  page: PageModel;
  tables: FactTable[];
}

/** How facts are read for a run: partials come from disk, or from `read` (a git revision). */
export function factsContext(config: ResolvedConfig, cwd: string, read?: ReadBytes): FactsContext {
  const vocabulary = compileVocabulary(config.values);
  return { setup: config.facts, configRoot: config.root, vocabulary, partials: new PartialTables(config.facts.site, cwd, vocabulary, read) };
}

function withFacts(page: PageModel, abs: string, key: string, context: FactsContext): SnapshotPage {
  if (page.problems.every((p) => p.ruleId !== 'parse-error')) page.facts = extractFacts(page, abs, context);
  return { key, page, tables: allTableFacts(page, context) };
}

/** Pages of a file or of every checked page under a folder, keyed by path inside it. */
export async function fsSnapshot(target: string, config: ResolvedConfig, cwd: string): Promise<Snapshot> {
  const abs = path.resolve(cwd, target);
  const info = await stat(abs).catch(() => null);
  if (!info) throw new UsageError(`No such file or directory: ${target}`);
  const context = factsContext(config, cwd);
  const pages = await loadPages({ cwd, paths: [target], config });
  const base = info.isDirectory() ? abs : path.dirname(abs);
  return {
    label: target,
    pages: pages.map((page) => {
      const pageAbs = path.resolve(cwd, page.file);
      const key = info.isDirectory() ? toPosix(path.relative(base, pageAbs)) : '';
      return withFacts(page, pageAbs, key, context);
    }),
  };
}

/** The working tree's checked pages (optionally under some paths), keyed by repository path. */
export async function worktreeSnapshot(config: ResolvedConfig, cwd: string, paths: string[]): Promise<Snapshot> {
  const root = repoRoot(cwd);
  const context = factsContext(config, cwd);
  const pages = await loadPages({ cwd, paths, config });
  return {
    label: 'working tree',
    pages: pages.map((page) => {
      const abs = path.resolve(cwd, page.file);
      return withFacts(page, abs, toPosix(path.relative(root, abs)), context);
    }),
  };
}

/**
 * The checked pages at a commit, read from git objects. The same `include`/`exclude` globs
 * as `check` apply (relative to the config file), limited to `paths` when given.
 */
export async function gitSnapshot(label: string, commit: string, config: ResolvedConfig, cwd: string, paths: string[]): Promise<Snapshot> {
  const root = repoRoot(cwd);
  const include = matcherFor(config.include);
  const exclude = config.exclude.length > 0 ? matcherFor(config.exclude) : () => false;
  const under = paths.map((p) => toPosix(path.relative(root, path.resolve(cwd, p))).replace(/\/$/, ''));
  // Without paths, the pages under the working directory, as `check` would take them.
  const here = toPosix(path.relative(root, cwd));
  const scope = under.length > 0 ? under : here === '' ? [] : [here];
  const all = filesAt(commit, root);
  const wanted = all.filter((rel) => {
    if (/(^|\/)node_modules\//.test(rel)) return false;
    if (under.includes(rel)) return true;
    if (scope.length > 0 && !scope.some((u) => rel.startsWith(`${u}/`))) return false;
    const fromConfig = toPosix(path.relative(config.root, path.join(root, rel)));
    if (fromConfig.startsWith('..')) return false;
    return include(fromConfig) && !exclude(fromConfig);
  });
  const blobs = await readBlobs(commit, wanted, root);
  // Partials at the same revision: the ones under the partials folder, read together.
  const partialsDir = toPosix(path.relative(root, path.resolve(config.facts.site.root, config.facts.site.layouts, 'partials')));
  const partialFiles = partialsDir.startsWith('..') ? [] : all.filter((rel) => rel.startsWith(`${partialsDir}/`) && /\.html?$/i.test(rel));
  const partialBlobs = await readBlobs(commit, partialFiles, root);
  const context = factsContext(config, cwd, (abs) => partialBlobs.get(toPosix(path.relative(root, abs))) ?? null);
  const pages: SnapshotPage[] = [];
  for (const rel of wanted) {
    const bytes = blobs.get(rel);
    if (!bytes) continue;
    const abs = path.join(root, rel);
    const page = pageFromBytes(toPosix(path.relative(cwd, abs)), bytes, { vocabulary: context.vocabulary, maxFileBytes: config.maxFileBytes });
    pages.push(withFacts(page, abs, rel, context));
  }
  return { label, pages };
}
