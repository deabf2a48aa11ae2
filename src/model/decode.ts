import { isUtf8 } from 'node:buffer';
import { LineIndex } from './lines.js';
import type { PageProblem } from './types.js';

export type Decoded =
  | { ok: true; text: string; bom: boolean }
  | { ok: false; problem: PageProblem };

/** Files larger than this are reported, not parsed: a pre-commit hook must never stall on one page. */
export const DEFAULT_MAX_FILE_BYTES = 8 * 1024 * 1024;

const SNIFF_BYTES = 8000;

/**
 * Decode a page's bytes as UTF-8. A UTF-16 page, a binary file or invalid UTF-8 is a
 * `parse-error` problem at the first offending line, never an exception.
 */
export function decodePage(bytes: Uint8Array, maxBytes = DEFAULT_MAX_FILE_BYTES): Decoded {
  const at = (line: number, column = 1) => ({ line, column, endLine: line, endColumn: column, offset: 0, endOffset: 0 });
  if (bytes.length > maxBytes) return { ok: false, problem: tooLargeProblem(bytes.length, maxBytes) };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fail('utf16', { order: bytes[0] === 0xff ? 'little-endian' : 'big-endian' }, at(1));
  }
  const sniff = bytes.subarray(0, SNIFF_BYTES);
  const nul = sniff.indexOf(0);
  if (nul !== -1) {
    return fail('binary', { offset: nul }, at(lineOfByte(bytes, nul)));
  }
  if (!isUtf8(bytes)) {
    const bad = firstInvalidUtf8(bytes);
    const prefix = Buffer.from(bytes.buffer, bytes.byteOffset, bad).toString('utf8');
    const index = new LineIndex(prefix);
    const p = index.point(prefix.length);
    return fail('encoding', { offset: bad }, at(p.line, p.column));
  }
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  return { ok: true, text, bom };
}

/** The `parse-error` for a page over the size limit (also used before reading it). */
export function tooLargeProblem(size: number, maxBytes: number): PageProblem {
  const span = { line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, endOffset: 0 };
  return { ruleId: 'parse-error', messageId: 'tooLarge', data: { size: formatBytes(size), limit: formatBytes(maxBytes) }, span };
}

function fail(messageId: string, data: Record<string, string | number>, span: PageProblem['span']): Decoded {
  return { ok: false, problem: { ruleId: 'parse-error', messageId, data, span } };
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 10) line++;
  return line;
}

/** Byte offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let cp = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}
