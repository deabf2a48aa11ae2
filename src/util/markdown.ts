import { sourceLink } from './links.js';
import { visibleText } from './visible.js';

/**
 * Plain text into GitHub-flavoured Markdown (job summaries, pull-request comments, the audit
 * report), for every format that writes Markdown. Written by hand because Markdown libraries
 * serialize syntax trees, not a plain string into a table cell or a list item.
 */

export interface MarkdownTextOptions {
  /** Inside a GFM table cell, where `|` in a code span must be escaped too. */
  inTable?: boolean;
  /** What a line break in the text becomes (default a space; `<br>` in a table cell). */
  lineBreak?: string;
}

/**
 * Text that renders as exactly that text: a `|` would split a row, `<script>` become HTML,
 * `[x](y)` a link, `*x*` emphasis, `$x$` math, and `https://…`, `www.…` or `a@b.example` a live
 * link. Code spans the message means (`` `1.2.0` ``) are kept as CommonMark finds them;
 * control characters show as escapes (`visibleText`).
 */
export function markdownText(text: string, options: MarkdownTextOptions = {}): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => inlineText(visibleText(line), options.inTable === true))
    .join(options.lineBreak ?? ' ');
}

/** Any text as one code span: the fence is longer than any backtick run inside. */
export function markdownCode(text: string, options: Pick<MarkdownTextOptions, 'inTable'> = {}): string {
  const flat = visibleText(text.replace(/\r\n|\r|\n/g, ' '));
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // CommonMark strips one space from each side of a code span, and a backtick at an edge would join the fence.
  const pad = /^[` ]|[` ]$/.test(flat) ? ' ' : '';
  const body = options.inTable ? flat.replace(/\|/g, '\\|') : flat;
  return `${fence}${pad}${body}${pad}${fence}`;
}

function inlineText(line: string, inTable: boolean): string {
  let out = '';
  let plain = 0;
  let i = 0;
  while (i < line.length) {
    if (line[i] !== '`') {
      i++;
      continue;
    }
    const fence = backtickRun(line, i);
    const close = closingRun(line, i + fence, fence);
    out += plainText(line.slice(plain, i));
    if (close === -1) {
      // An unmatched run is literal backticks in CommonMark; escaping says so explicitly.
      out += '\\`'.repeat(fence);
      i += fence;
    } else {
      // Inside a code span only `|` means anything, and only to a table (GFM unescapes `\|` there).
      const code = line.slice(i + fence, close);
      out += '`'.repeat(fence) + (inTable ? code.replace(/\|/g, '\\|') : code) + '`'.repeat(fence);
      i = close + fence;
    }
    plain = i;
  }
  return out + plainText(line.slice(plain));
}

/**
 * GFM links `http://`, `https://`, `mailto:`, `xmpp:`, `www.` and e-mail addresses found in
 * plain text. A backslash before `:`, `.` or `@` stops micromark and cmark-gfm, but not remark,
 * which finds them again in the text once escapes are read; a word joiner (U+2060, invisible,
 * no break) between the parts stops all of them and the text reads the same.
 */
const AUTOLINK_PARTS = /(?<=https?|mailto|xmpp)(?=:)|(?<=www)(?=\.)|(?=@)/gi;

function plainText(text: string): string {
  return text.replace(AUTOLINK_PARTS, '\u2060').replace(/[\\*_[\]<>&|~$]/g, '\\$&');
}

function backtickRun(text: string, start: number): number {
  let end = start;
  while (text[end] === '`') end++;
  return end - start;
}

/** Where the next run of exactly `length` backticks starts, or -1. */
function closingRun(text: string, from: number, length: number): number {
  let i = from;
  while (i < text.length) {
    if (text[i] !== '`') {
      i++;
      continue;
    }
    const run = backtickRun(text, i);
    if (run === length) return i;
    i += run;
  }
  return -1;
}

/** `markdownText` for a table cell or inline text, as the Markdown reports call it. */
export function mdInline(text: string, inTable = false): string {
  return markdownText(text, { inTable });
}

/** `markdownCode` for a table cell or inline text. */
export function mdCode(text: string, inTable = false): string {
  return markdownCode(text, { inTable });
}

/** A URL as a Markdown link target: spaces, parentheses and angle brackets percent-encoded. */
export function mdUrl(href: string): string {
  return href.replace(/[\s()<>]/g, (c) => `%${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * Lines of a Markdown report that must stay under a length (a GitHub issue body, a job summary):
 * `fits` says whether more lines still leave room for a closing note of `reserve`, `add` adds
 * them, and `text` is the report, one trailing newline. Length is in UTF-16 code units unless
 * a `measure` says otherwise (`utf8Bytes` for a limit in bytes).
 */
export class CappedLines {
  private readonly lines: string[] = [];
  private used = -1;

  constructor(
    readonly maxLength: number,
    private readonly reserve: number,
    private readonly measure: (text: string) => number = (text) => text.length,
  ) {}

  fits(lines: readonly string[]): boolean {
    return this.used + 1 + this.joinedLength(lines) + this.reserve <= this.maxLength;
  }

  add(lines: readonly string[]): void {
    this.lines.push(...lines);
    this.used += 1 + this.joinedLength(lines);
  }

  text(): string {
    return `${this.lines.join('\n').replace(/\n+$/, '')}\n`;
  }

  private joinedLength(lines: readonly string[]): number {
    return lines.reduce((n, l) => n + this.measure(l) + 1, 0) - (lines.length > 0 ? 1 : 0);
  }
}

/** Length in UTF-8 bytes, what GitHub's job summary limit counts. Never less than the length in UTF-16 code units. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The longest job summary report: GitHub refuses a step summary over 1 MiB. */
export const JOB_SUMMARY_MAX_BYTES = 1_000_000;

/** The longest pull-request comment report: GitHub's limit is 65,536 characters, and a byte is never more than one. */
export const COMMENT_MAX_BYTES = 65_000;

/** The longest report meant for a GitHub issue body (whose limit is 65,536 characters), in UTF-16 code units. */
export const ISSUE_BODY_MAX_LENGTH = 65_000;

/** `text` as code, linked to a source line when there is a `--link-template`. */
export function mdLocation(template: string | undefined, file: string, line: number, column: number, text: string): string {
  const href = sourceLink(template, file, line, column);
  return href === null ? mdCode(text) : `[${mdCode(text)}](${mdUrl(href)})`;
}
