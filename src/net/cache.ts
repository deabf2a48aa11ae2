import { readFile } from 'node:fs/promises';
import { compileSchema } from '../util/json-schema.js';
import { writeFileAtomic } from '../util/atomic.js';
import type { LinkResult } from './types.js';

/** The settings that change what an answer means: an answer made under others is not reused. */
export interface CacheSettings {
  acceptStatus: number[];
  maxRedirects: number;
  maxBytes: number;
  allowPrivate: boolean | string[];
}

interface CacheEntry {
  result: LinkResult;
  /** ISO 8601 time of the check. */
  checkedAt: string;
}

interface CacheFile {
  version: 1;
  tool: 'compatlint';
  kind: 'external-links';
  settings: CacheSettings;
  entries: Record<string, CacheEntry>;
}

const finalUrl = { type: 'string' };
const cacheFileSchema = {
  type: 'object',
  required: ['version', 'tool', 'kind', 'settings', 'entries'],
  properties: {
    version: { const: 1 },
    tool: { const: 'compatlint' },
    kind: { const: 'external-links' },
    settings: { type: 'object' },
    entries: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['result', 'checkedAt'],
        properties: {
          checkedAt: { type: 'string', format: 'date-time' },
          result: {
            oneOf: [
              {
                type: 'object',
                additionalProperties: false,
                required: ['kind', 'status'],
                properties: { kind: { enum: ['ok', 'status'] }, status: { type: 'integer', minimum: 100, maximum: 599 }, finalUrl },
              },
              {
                type: 'object',
                additionalProperties: false,
                required: ['kind', 'limit'],
                properties: { kind: { enum: ['too-many-redirects', 'too-large'] }, limit: { type: 'integer', minimum: 0 }, finalUrl },
              },
              {
                type: 'object',
                additionalProperties: false,
                required: ['kind', 'finalUrl'],
                properties: { kind: { const: 'redirect-loop' }, finalUrl },
              },
            ],
          },
        },
      },
    },
  },
};

/**
 * Answers a server gave are cached; a timeout or a network error is not, so a flaky host is
 * tried again on the next run. Refusals, exclusions and invalid URLs cost nothing to redo.
 */
export function isCacheable(result: LinkResult): boolean {
  return CACHEABLE.has(result.kind);
}

const CACHEABLE: ReadonlySet<LinkResult['kind']> = new Set(['ok', 'status', 'too-many-redirects', 'redirect-loop', 'too-large']);

/**
 * Results of earlier runs, kept in a JSON file keyed by URL (without its fragment). A file that
 * does not parse, is not compatlint's, or was made under other settings is ignored and
 * replaced on save; entries older than the maximum age are dropped.
 */
export class LinkCache {
  private dirty = false;

  private constructor(
    private readonly file: string,
    private readonly settings: CacheSettings,
    private readonly entries: Map<string, CacheEntry>,
    private readonly now: () => number,
  ) {}

  static async load(file: string, settings: CacheSettings, maxAgeMs: number, now: () => number): Promise<LinkCache> {
    const entries = new Map<string, CacheEntry>();
    const stored = await readCacheFile(file);
    // Rewrite a file that is unusable or holds expired entries, even when nothing new is added.
    let dirty = stored === 'invalid';
    if (stored !== 'missing' && stored !== 'invalid') {
      if (JSON.stringify(stored.settings) === JSON.stringify(settings)) {
        const oldest = now() - maxAgeMs;
        for (const [url, entry] of Object.entries(stored.entries)) {
          if (Date.parse(entry.checkedAt) >= oldest) entries.set(url, entry);
          else dirty = true;
        }
      } else {
        dirty = true;
      }
    }
    const cache = new LinkCache(file, settings, entries, now);
    cache.dirty = dirty;
    return cache;
  }

  get(url: string): LinkResult | undefined {
    return this.entries.get(url)?.result;
  }

  set(url: string, result: LinkResult): void {
    if (!isCacheable(result)) return;
    this.entries.set(url, { result, checkedAt: new Date(this.now()).toISOString() });
    this.dirty = true;
  }

  /** Write the file (atomically) when anything changed. */
  async save(): Promise<void> {
    if (!this.dirty) return;
    const entries: Record<string, CacheEntry> = {};
    for (const url of [...this.entries.keys()].sort()) entries[url] = this.entries.get(url) as CacheEntry;
    const data: CacheFile = { version: 1, tool: 'compatlint', kind: 'external-links', settings: this.settings, entries };
    await writeFileAtomic(this.file, `${JSON.stringify(data, null, 2)}\n`, { mkdirs: true });
    this.dirty = false;
  }
}

async function readCacheFile(file: string): Promise<CacheFile | 'missing' | 'invalid'> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    // Unreadable for another reason: the save will report it if it cannot write either.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'invalid';
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return 'invalid';
  }
  return compileSchema(cacheFileSchema)(data) ? (data as CacheFile) : 'invalid';
}
