import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { hashBytes } from '../load/page.js';
import type { TranslationReport } from '../lint/translations.js';
import { decodePage } from '../model/decode.js';
import type { CorpusPage, FrontMatter } from '../model/types.js';
import { writeFileAtomic } from '../util/atomic.js';
import { UsageError } from '../util/errors.js';

/**
 * `compatlint i18n --write-status KEY`: each translation pinned to a base in its front matter
 * gets `KEY: true` when its source changed since the base (stale, or text drift), `KEY: false`
 * when not, as a docs team's own script would set `drifted_from_default`. Only that value
 * changes: the rest of the file (line endings, a byte order mark, comments, key order) stays
 * byte for byte, and each write is atomic. Pages without a base are left as they are (their
 * status is not known), and so are pages whose base is their last commit: committing the key
 * would move their base and make them look current.
 */

/** What became of one page. */
export interface StatusWrite {
  file: string;
  value: boolean;
  outcome: 'written' | 'unchanged' | 'skipped';
  /** Why a page was skipped. */
  reason?: string;
}

/** A key written without quotes in YAML and TOML alike. */
export function checkStatusKey(key: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) throw new UsageError(`--write-status expects a front matter key (letters, digits, _ and -), got "${key}"`);
  return key;
}

export async function writeStatuses(report: TranslationReport, pages: readonly CorpusPage[], key: string, cwd: string): Promise<StatusWrite[]> {
  const byFile = new Map(pages.map((p) => [p.file, p]));
  const out: StatusWrite[] = [];
  for (const status of report.pages) {
    if (status.sourceChanged === null || status.base?.origin !== 'key') continue;
    const value = status.sourceChanged;
    const page = byFile.get(status.file);
    const abs = path.resolve(cwd, status.file);
    const bytes = await readFile(abs).catch(() => null);
    if (!page || bytes === null || hashBytes(bytes) !== page.hash) {
      out.push({ file: status.file, value, outcome: 'skipped', reason: 'the file changed while it was checked' });
      continue;
    }
    const decoded = decodePage(bytes, Number.POSITIVE_INFINITY);
    if (!decoded.ok) continue;
    const edited = withFlag(decoded.text, page.frontMatter, key, value);
    if ('skip' in edited) {
      out.push({ file: status.file, value, outcome: 'skipped', reason: edited.skip });
      continue;
    }
    if (edited.text === decoded.text) {
      out.push({ file: status.file, value, outcome: 'unchanged' });
      continue;
    }
    await writeFileAtomic(abs, Buffer.from(decoded.bom ? `\uFEFF${edited.text}` : edited.text, 'utf8'));
    out.push({ file: status.file, value, outcome: 'written' });
  }
  return out;
}

const booleanText = /(?:true|false|yes|no|on|off|"(?:true|false)"|'(?:true|false)')$/i;

/**
 * A page's text with `key` set to `value` in its front matter: the value replaced where the key
 * is, else a line added before the closing fence, else a front matter block added at the top,
 * each in the page's own line ending. A key that holds something else than a boolean is not
 * overwritten, nor is front matter that does not parse.
 */
export function withFlag(text: string, frontMatter: FrontMatter | null, key: string, value: boolean): { text: string } | { skip: string } {
  const eol = /\r\n|\n|\r/.exec(text)?.[0] ?? '\n';
  if (frontMatter === null) {
    return { text: `---${eol}${key}: ${value}${eol}---${eol}${text}` };
  }
  if (frontMatter.data === null) return { skip: 'its front matter does not parse' };
  const span = frontMatter.keys[key];
  if (span) {
    const current = frontMatter.data[key];
    if (typeof current !== 'boolean' && current !== 'true' && current !== 'false') {
      return { skip: `its \`${key}\` holds ${JSON.stringify(current)}, not true or false` };
    }
    const written = text.slice(span.offset, span.endOffset);
    const m = booleanText.exec(written);
    if (!m) return { skip: `its \`${key}\` is written in a way this cannot change` };
    const at = span.offset + m.index;
    return { text: `${text.slice(0, at)}${value}${text.slice(span.endOffset)}` };
  }
  const assign = frontMatter.format === 'toml' ? ' = ' : ': ';
  // TOML keys after a `[table]` header belong to that table: the key goes first instead.
  if (frontMatter.format === 'toml') {
    const bodyStart = lineEndAfter(text, frontMatter.span.offset);
    return { text: `${text.slice(0, bodyStart)}${key}${assign}${value}${lineEndingAt(text, bodyStart, eol)}${text.slice(bodyStart)}` };
  }
  const closing = lineStartOf(text, frontMatter.span.endOffset);
  return { text: `${text.slice(0, closing)}${key}${assign}${value}${lineEndingAt(text, frontMatter.span.offset, eol)}${text.slice(closing)}` };
}

/** Where the line after the one at `offset` starts. */
function lineEndAfter(text: string, offset: number): number {
  const m = /\r\n|\n|\r/g;
  m.lastIndex = offset;
  const found = m.exec(text);
  return found ? found.index + found[0].length : text.length;
}

/** Where the line holding `offset` starts. */
function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** The line ending of the line at `offset` (the fence's), or the page's first one. */
function lineEndingAt(text: string, offset: number, fallback: string): string {
  const m = /\r\n|\n|\r/g;
  m.lastIndex = offset;
  return m.exec(text)?.[0] ?? fallback;
}
