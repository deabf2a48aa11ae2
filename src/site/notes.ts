import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { writeFileAtomicSync } from '../util/atomic.js';
import { toolVersion } from '../util/paths.js';
import { recent, sameStamp, type Stamp, stampOf } from '../util/stamp.js';

/** What a page's front matter says about other addresses of the page (`url`, `aliases`). */
export interface FrontMatterLinks {
  url: string | null;
  aliases: string[];
}

interface Entry extends Stamp {
  /** null: the page's head names no `url` or `aliases`. */
  links: FrontMatterLinks | null;
}

const FORMAT = 'compatlint-link-notes';
const FORMAT_VERSION = 1;

/**
 * The front matter links of every page of a site, kept in the cache folder (`--cache`) between
 * runs. Finding a page by an alias needs the `url` and `aliases` of every page in the site; a
 * pre-commit run that checks one page would otherwise read the head of every other page to
 * learn them. With the notes it reads only the pages whose file changed since they were taken:
 * one `stat` per page tells.
 *
 * The notes hold only what a page's own bytes say (before the site's locales or layout are
 * applied), so they stay valid when the config changes; the tool version is part of the file,
 * so a new release re-reads every page once.
 */
export class LinkNotes {
  private stored: Map<string, Entry> | null = null;
  private readonly taken = new Map<string, Entry>();

  constructor(
    /** The notes file (`<cache folder>/link-notes`). */
    readonly file: string,
  ) {}

  /** The cache folder's notes file. */
  static inCache(cacheDir: string): LinkNotes {
    return new LinkNotes(path.join(cacheDir, 'link-notes'));
  }

  /**
   * The front matter links of page `abs`: the stored ones when the file is unchanged, else
   * those `read` finds (undefined: the file could not be read; nothing is noted then).
   */
  frontMatterLinks(abs: string, read: () => FrontMatterLinks | null | undefined): FrontMatterLinks | null {
    const stamp = stampOf(abs);
    if (stamp !== null) {
      const old = this.load().get(abs);
      if (old !== undefined && sameStamp(old, stamp)) {
        this.taken.set(abs, old);
        return old.links;
      }
    }
    const links = read();
    if (links === undefined) return null;
    if (stamp !== null && !recent(stamp)) this.taken.set(abs, { ...stamp, links });
    return links;
  }

  /**
   * Store the notes taken in this run, replacing the old ones (pages gone from the site are
   * dropped with them), when any differ. A run that took none keeps the old file. A cache folder
   * that cannot be written is already reported by the page cache, so a failure here is quiet:
   * the next run reads the heads again.
   */
  save(): void {
    if (this.taken.size === 0 || this.unchanged()) return;
    try {
      writeFileAtomicSync(this.file, serialize({ format: FORMAT, version: FORMAT_VERSION, tool: toolVersion, entries: this.taken }), { mkdirs: true });
    } catch {
      // The next run reads the heads again; the page cache has already warned about the folder.
    }
  }

  private unchanged(): boolean {
    const stored = this.load();
    if (stored.size !== this.taken.size) return false;
    for (const [abs, entry] of this.taken) if (stored.get(abs) !== entry) return false;
    return true;
  }

  /** The stored notes; none when the file is missing, from another version, or unreadable. */
  private load(): Map<string, Entry> {
    if (this.stored !== null) return this.stored;
    this.stored = new Map();
    try {
      const data = deserialize(readFileSync(this.file)) as Record<string, unknown> | null;
      if (data?.format === FORMAT && data.version === FORMAT_VERSION && data.tool === toolVersion && data.entries instanceof Map) {
        this.stored = data.entries as Map<string, Entry>;
      }
    } catch {
      // A missing or damaged notes file is the same as none: every head is read again.
    }
    return this.stored;
  }
}
