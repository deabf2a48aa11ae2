import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import { changedLines, changedSince, defaultBase, type LineRange, repoRoot, resolveRevision, stagedFiles } from '../load/git.js';
import { listPageFiles } from '../lint/lint.js';
import type { ReportScope } from '../engine/scope.js';
import { UsageError } from '../util/errors.js';
import { toPosix } from '../util/posix.js';
import type { ParsedArgs } from './args.js';

/** `--changed[=REF]` (REF null: the merge base with the default branch) or `--staged`. */
export type ChangedMode = { staged: false; rev: string | null } | { staged: true };

/**
 * `--changed` takes its revision only as `--changed=REF` (like git's own optional values), so
 * `--changed docs/` keeps `docs/` a path. A bare `--changed` becomes `--changed=` for parseArgs.
 */
export function normalizeChangedFlag(args: string[]): string[] {
  const end = args.indexOf('--');
  return args.map((a, i) => (a === '--changed' && (end === -1 || i < end) ? '--changed=' : a));
}

export function changedMode(values: ParsedArgs['values']): ChangedMode | null {
  const changed = values.changed;
  const staged = values.staged === true;
  if (typeof changed === 'string' && staged) throw new UsageError('--changed and --staged cannot be combined');
  if (values['changed-lines'] === true && typeof changed !== 'string' && !staged) {
    throw new UsageError('--changed-lines needs --changed or --staged');
  }
  if (staged) return { staged: true };
  if (typeof changed === 'string') return { staged: false, rev: changed === '' ? null : changed };
  return null;
}

export interface ScopeRequest {
  mode: ChangedMode;
  linesOnly: boolean;
  cwd: string;
  config: ResolvedConfig;
  paths: string[];
}

/**
 * The files (and lines) a changed-files run reports on. With `--staged`, files given on the
 * command line are taken as the staged files: pre-commit and lint-staged pass exactly those,
 * and `pre-commit run --all-files` passes every file to check. Otherwise git says which files
 * changed, and paths only narrow that down. Files that are not pages of the run stay in it
 * (a staged image); `scopeWithin` the checked pages drops them.
 */
export async function reportScope(request: ScopeRequest): Promise<ReportScope> {
  const { mode, cwd, paths } = request;
  const named = paths.length > 0 ? new Set((await listPageFiles(request)).map((f) => f.file)) : null;
  const needsGit = !(mode.staged && named) || request.linesOnly;
  const root = needsGit ? repoRoot(cwd) : cwd;
  const fromRoot = (file: string) => toPosix(path.relative(cwd, path.join(root, file)));
  const base = mode.staged ? null : mode.rev === null ? defaultBase(root) : resolveRevision(mode.rev, cwd);

  let files: Set<string>;
  if (mode.staged && named) files = named;
  else {
    files = new Set((base === null ? stagedFiles(root) : changedSince(base, root)).map(fromRoot));
    if (named) files = new Set([...files].filter((f) => named.has(f)));
  }
  if (!request.linesOnly) return { files };

  const changed = new Map([...changedLines(base, root)].map(([file, ranges]) => [fromRoot(file), ranges] as const));
  const lines = new Map<string, readonly LineRange[]>();
  for (const file of files) {
    const ranges = changed.get(file);
    // A file git lists as untracked is new throughout; one with no diff has no changed line.
    if (ranges !== 'all') lines.set(file, ranges ?? []);
  }
  return { files, lines };
}

/** `--changed main docs/` reads `main` as a path; say how to write what was meant. */
export function checkRevisionLikePaths(paths: string[], cwd: string): void {
  for (const p of paths) {
    if (existsSync(path.resolve(cwd, p)) || /[*?[{]/.test(p)) continue;
    let isRevision = false;
    try {
      resolveRevision(p, cwd);
      isRevision = true;
    } catch {
      // Not a revision either: the usual "no such path" error follows.
    }
    if (isRevision) throw new UsageError(`"${p}" is a git revision, not a path: write --changed=${p}`);
  }
}
