import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import { loadPages } from '../lint/lint.js';
import { UsageError } from '../util/errors.js';
import { allTableFacts } from '../facts/extract.js';
import { factsContext } from '../lint/facts.js';
import type { FactTable } from '../model/facts.js';
import { toPosix } from '../util/posix.js';
import type { PageModel } from '../model/types.js';
import { Revision } from '../load/tree.js';
import { repoRoot } from '../load/git.js';

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

/** Options for reading one side of a diff. */
export interface SnapshotOptions {
  /** False: a side that selects no page is allowed (`--no-error-on-unmatched-pattern`). */
  errorOnUnmatchedPattern?: boolean;
  /** Called as pages become ready, for a progress line. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * The pages `check` would load, with the facts of every table (recognized or not), keyed by
 * `keyOf`. Pages are listed and built by the same lister and builder as `check`, from the
 * working tree or from a git revision; only the key differs between the sides of a diff.
 */
async function snapshotOf(
  label: string,
  config: ResolvedConfig,
  cwd: string,
  paths: string[],
  keyOf: (abs: string) => string,
  options: SnapshotOptions & { revision?: Revision; missingOk?: boolean },
): Promise<Snapshot> {
  const pages = await loadPages({ cwd, paths, config, ...options });
  const context = factsContext(config, cwd, options.revision?.read);
  return {
    label,
    pages: pages.map((page) => ({ key: keyOf(path.resolve(cwd, page.file)), page, tables: allTableFacts(page, context) })),
  };
}

/** Pages of a file or of every checked page under a folder, keyed by path inside it. */
export async function fsSnapshot(target: string, config: ResolvedConfig, cwd: string, options: SnapshotOptions = {}): Promise<Snapshot> {
  const abs = path.resolve(cwd, target);
  const info = await stat(abs).catch(() => null);
  if (!info) throw new UsageError(`No such file or directory: ${target}`);
  const keyOf = (pageAbs: string) => (info.isDirectory() ? toPosix(path.relative(abs, pageAbs)) : '');
  return snapshotOf(target, config, cwd, [target], keyOf, options);
}

/** The working tree's checked pages (optionally under some paths), keyed by repository path. */
export async function worktreeSnapshot(config: ResolvedConfig, cwd: string, paths: string[], options: SnapshotOptions = {}): Promise<Snapshot> {
  const root = repoRoot(cwd);
  return snapshotOf('working tree', config, cwd, paths, (abs) => toPosix(path.relative(root, abs)), { ...options, missingOk: true });
}

/**
 * The checked pages at a commit, read from git objects: the lister walks the commit's tree
 * with the rules it applies to the working tree (include, exclude, .gitignore, dot files),
 * and partials come from the same commit.
 */
export async function gitSnapshot(
  label: string,
  commit: string,
  config: ResolvedConfig,
  cwd: string,
  paths: string[],
  options: SnapshotOptions = {},
): Promise<Snapshot> {
  const root = repoRoot(cwd);
  const partialsDir = toPosix(path.relative(root, path.resolve(config.facts.site.root, config.facts.site.layouts, 'partials')));
  const isPartial = (rel: string) => !partialsDir.startsWith('..') && rel.startsWith(`${partialsDir}/`) && /\.html?$/i.test(rel);
  const revision = await Revision.open(commit, root, isPartial, config.maxFileBytes);
  return snapshotOf(label, config, cwd, paths, (abs) => toPosix(path.relative(root, abs)), { ...options, revision, missingOk: true });
}
