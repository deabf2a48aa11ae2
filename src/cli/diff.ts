import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { diffSnapshots } from '../drift/diff.js';
import { diffFormatters, summarizeDiff } from '../drift/format.js';
import { renamesBetween, repoRoot, resolveRevision } from '../load/git.js';
import { fsSnapshot, gitSnapshot, worktreeSnapshot } from '../drift/snapshot.js';
import { UsageError } from '../util/errors.js';
import { toPosix } from '../util/posix.js';
import { toolVersion } from '../util/paths.js';
import { listOption, maxBytesOption, parseCommandArgs, stringOption } from './args.js';
import { commonOptions, errorOnUnmatched, outputSpecs } from './check.js';
import { diffHelp } from './help.js';
import { type CliIO, useColor } from './io.js';
import { loadingProgress } from './progress.js';
import { checkOutputs, configInputs, pageInputs, writeOutput } from './output.js';

const options = {
  ...commonOptions,
  base: { type: 'string' },
  head: { type: 'string' },
  format: { type: 'string', short: 'f', multiple: true },
  output: { type: 'string', short: 'o', multiple: true },
  'fail-on': { type: 'string' },
  'link-template': { type: 'string' },
  'max-bytes': { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
} as const;

/**
 * `compatlint diff --base REF [--head REF] [paths]` compares two git revisions (head: the
 * working tree); `compatlint diff OLD NEW` compares two files or two folders.
 */
export async function diffCommand(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(args, options, 'diff');
  if (parsed.values.help) {
    io.stdout.write(diffHelp());
    return 0;
  }
  const failOn = stringOption(parsed.values, 'fail-on') ?? 'none';
  if (!['breaking', 'any', 'none'].includes(failOn)) throw new UsageError(`--fail-on: expected one of breaking, any, none, got "${failOn}"`);
  const specs = outputSpecs(parsed, Object.keys(diffFormatters), 'stylish');
  const maxBytes = maxBytesOption(parsed.values);
  const config = await loadConfig({
    cwd: io.cwd,
    configFile: stringOption(parsed.values, 'config'),
    presets: listOption(parsed.values, 'preset'),
  });
  const outputs = specs.flatMap((s) => (s.file === null ? [] : [s.file]));
  checkOutputs(outputs, io.cwd, configInputs(config));
  const strict = errorOnUnmatched(parsed.values);
  const baseRev = stringOption(parsed.values, 'base');
  const headRev = stringOption(parsed.values, 'head');
  const progress = loadingProgress(io);
  let diff;
  // The pages read, which no report may overwrite.
  const read: string[] = [];
  try {
    if (baseRev !== undefined) {
      const root = repoRoot(io.cwd);
      const baseCommit = resolveRevision(baseRev, io.cwd);
      const headCommit = headRev === undefined ? null : resolveRevision(headRev, io.cwd);
      const paths = parsed.positionals;
      const renames = renamesBetween(baseCommit, headCommit, root);
      // A page renamed into the paths given is compared with its old self.
      const wanted = new Set(paths.map((p) => toPosix(path.relative(root, path.resolve(io.cwd, p)))));
      const oldNames = renames.filter((r) => wanted.has(r.to)).map((r) => toPosix(path.relative(io.cwd, path.join(root, r.from))));
      // Either side may lack a path (a page added or removed); only both sides empty is nothing to compare.
      const side = { errorOnUnmatchedPattern: false, ...progress.options };
      const base = await gitSnapshot(baseRev, baseCommit, config, io.cwd, paths.length > 0 ? [...paths, ...oldNames] : paths, side);
      const head =
        headCommit === null
          ? await worktreeSnapshot(config, io.cwd, paths, side)
          : await gitSnapshot(headRev as string, headCommit, config, io.cwd, paths, side);
      if (strict && base.pages.length === 0 && head.pages.length === 0) {
        await explainEmpty(() => (headCommit === null ? worktreeSnapshot(config, io.cwd, paths) : gitSnapshot(headRev as string, headCommit, config, io.cwd, paths)), `${baseRev} and ${headRev ?? 'the working tree'}`);
      }
      diff = diffSnapshots(base, head, renames);
      read.push(...[base, head].flatMap((side) => side.pages.map((p) => p.page.file)));
    } else {
      if (headRev !== undefined) throw new UsageError('--head needs --base');
      if (parsed.positionals.length !== 2) {
        throw new UsageError('diff compares two revisions (--base REF [--head REF] [paths]) or two files or folders (diff OLD NEW)');
      }
      const [oldPath, newPath] = parsed.positionals as [string, string];
      const side = { errorOnUnmatchedPattern: false, ...progress.options };
      const [before, after] = [await fsSnapshot(oldPath, config, io.cwd, side), await fsSnapshot(newPath, config, io.cwd, side)];
      if (strict && before.pages.length === 0 && after.pages.length === 0) {
        await explainEmpty(() => fsSnapshot(newPath, config, io.cwd), `${oldPath} and ${newPath}`);
      }
      diff = diffSnapshots(before, after);
      read.push(...[before, after].flatMap((side) => side.pages.map((p) => p.page.file)));
    }
  } finally {
    progress.clear();
  }
  checkOutputs(outputs, io.cwd, [...configInputs(config), ...pageInputs(read, io.cwd)]);
  const context = {
    color: false,
    toolVersion,
    ...(stringOption(parsed.values, 'link-template') ? { linkTemplate: stringOption(parsed.values, 'link-template') as string } : {}),
    ...(maxBytes === undefined ? {} : { maxBytes }),
  };
  for (const spec of specs) {
    const format = diffFormatters[spec.format];
    if (!format) throw new UsageError(`Unknown format ${spec.format}`);
    if (spec.file === null) {
      const color = useColor(io, { color: parsed.values.color === true, noColor: parsed.values['no-color'] === true });
      io.stdout.write(format(diff, { ...context, color }));
    } else {
      await writeOutput(spec.file, io.cwd, format(diff, context));
    }
  }
  const summary = summarizeDiff(diff);
  if (failOn === 'breaking' && summary.breaking > 0) return 1;
  if (failOn === 'any' && summary.changes > 0) return 1;
  return 0;
}

/**
 * Both sides of a diff hold no page: "no changes" would be a false green. Reading one side
 * again with unmatched paths as errors says which path selected nothing and why.
 */
async function explainEmpty(readStrictly: () => Promise<unknown>, sides: string): Promise<never> {
  await readStrictly();
  throw new UsageError(`No pages to compare in ${sides} (--no-error-on-unmatched-pattern to allow it)`);
}

