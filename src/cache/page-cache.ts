import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ResolvedConfig } from '../config/types.js';
import { writeFileAtomic } from '../io/atomic.js';
import type { PageModel } from '../model/types.js';
import { toolVersion } from '../paths.js';
import { fingerprint } from './fingerprint.js';

/** Default `--cache-location`, relative to the working directory. */
export const DEFAULT_CACHE_LOCATION = '.compatlint-cache';

/** Bumped when the entry layout changes; part of every key, so old entries are simply never found. */
const FORMAT = 'compatlint-page-cache';
const FORMAT_VERSION = 1;

/**
 * A file a page model was built from besides the page itself (an included partial), with the
 * hash of its bytes when the model was built; null when it did not exist.
 */
export interface PageDependency {
  abs: string;
  hash: string | null;
}

export interface CachedPage {
  page: PageModel;
  deps: PageDependency[];
}

interface Entry extends CachedPage {
  format: typeof FORMAT;
  version: number;
  key: string;
}

/**
 * Page models (facts included) stored by what they were built from: the page's bytes, its
 * path, the tool version and the settings that shape extraction (value words, size limit,
 * site layout, page dimensions, vocabularies, table kinds). Rule settings are not part of the
 * key: changing a severity reuses every model.
 *
 * One file per entry (`pages/<2 hex>/<key>`), named by the key: two runs that share the
 * folder write the same bytes under the same name, each through a temp file and a rename, so a
 * reader sees a whole entry or none. An entry that cannot be read back (truncated, foreign,
 * another version) is a miss and is rewritten. A folder that cannot be written is reported
 * once through `warn` and the run goes on without storing.
 */
export class PageCache {
  private readonly scope: string;
  private writable = true;

  constructor(
    /** The cache folder (absolute). */
    readonly dir: string,
    config: ResolvedConfig,
    cwd: string,
    private readonly warn: (message: string) => void,
  ) {
    this.scope = fingerprint({
      format: FORMAT,
      version: FORMAT_VERSION,
      tool: toolVersion,
      cwd,
      root: config.root,
      maxFileBytes: config.maxFileBytes,
      values: config.values,
      site: config.facts.site,
      pageDimensions: config.facts.pageDimensions,
      vocabularies: config.facts.vocabularies,
      kinds: config.facts.kinds,
    });
  }

  /** The key of a page: where it is, what it holds, and the settings it was read with. */
  keyFor(abs: string, contentHash: string): string {
    return createHash('sha256').update(`${this.scope}\0${abs}\0${contentHash}`).digest('hex');
  }

  /** The stored model for `key`, or null when there is none or it cannot be used. */
  read(key: string): CachedPage | null {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.fileOf(key));
    } catch {
      return null;
    }
    try {
      const entry = deserialize(bytes) as Partial<Entry> | null;
      if (entry?.format !== FORMAT || entry.version !== FORMAT_VERSION || entry.key !== key) return null;
      if (typeof entry.page !== 'object' || entry.page === null || !Array.isArray(entry.deps)) return null;
      return { page: entry.page, deps: entry.deps };
    } catch {
      return null;
    }
  }

  async write(key: string, value: CachedPage): Promise<void> {
    if (!this.writable) return;
    const entry: Entry = { format: FORMAT, version: FORMAT_VERSION, key, page: value.page, deps: value.deps };
    try {
      await writeFileAtomic(this.fileOf(key), serialize(entry), { mkdirs: true, durable: false });
    } catch (error) {
      if (!this.writable) return;
      this.writable = false;
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      this.warn(`cannot write the cache in ${this.dir} (${reason}); continuing without storing page models`);
    }
  }

  private fileOf(key: string): string {
    return path.join(this.dir, 'pages', key.slice(0, 2), key);
  }
}
