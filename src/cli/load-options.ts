import os from 'node:os';
import path from 'node:path';
import { DEFAULT_CACHE_LOCATION, PageCache } from '../load/cache.js';
import type { ResolvedConfig } from '../config/types.js';
import type { LintOptions, LintOutput } from '../lint/lint.js';
import { integerOption, type ParsedArgs, stringOption } from './args.js';
import type { CliIO } from './io.js';
import { progressLine } from './progress.js';

/** How pages are loaded: the cache, worker threads, progress. Shared by commands that load pages. */
export const loadOptionSpecs = {
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  threads: { type: 'string' },
} as const;

export interface Loading {
  options: Pick<LintOptions, 'cache' | 'reuseResult' | 'threads' | 'onProgress'>;
  /** Clear the progress line; with DEBUG=compatlint, tell what loading cost. */
  finish(output: Pick<LintOutput, 'stats'>): void;
}

export function loadingOptions(values: ParsedArgs['values'], io: CliIO, config: ResolvedConfig): Loading {
  const location = stringOption(values, 'cache-location');
  const warn = (message: string): void => {
    io.stderr.write(`compatlint: warning: ${message}\n`);
  };
  const cache =
    values.cache === true || location !== undefined
      ? new PageCache(path.resolve(io.cwd, location ?? DEFAULT_CACHE_LOCATION), config, io.cwd, warn)
      : undefined;
  const threads = integerOption(values, 'threads') ?? os.availableParallelism();
  const progress = progressLine(io);
  return {
    options: {
      ...(cache ? { cache, reuseResult: true } : {}),
      threads,
      ...(progress ? { onProgress: (done: number, total: number) => progress.update(done, total) } : {}),
    },
    finish({ stats }) {
      progress?.clear();
      if (!io.env.DEBUG?.includes('compatlint')) return;
      io.stderr.write(
        stats.reusedResult
          ? `compatlint: ${stats.files} files: unchanged since a cached run, its result reused\n`
          : `compatlint: ${stats.files} files: ${stats.parsed} parsed, ${stats.cached} from the cache, ${stats.indexed > 0 ? `${stats.indexed} known from the facts index, ` : ''}${stats.threads} worker threads${stats.builtHere > 0 ? ` (${stats.builtHere} built in the main thread: a worker ran out of memory)` : ''}\n`,
      );
    },
  };
}
