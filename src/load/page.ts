import { createHash } from 'node:crypto';
import { fsErrorReason } from '../util/errors.js';
import { ReadRefused } from '../util/read.js';
import { open } from 'node:fs/promises';
import { extractPage, type ExtractOptions, syntaxOf, unparsedPage } from '../model/extract.js';
import type { PageModel, PageProblem } from '../model/types.js';
import { DEFAULT_MAX_FILE_BYTES, decodePage, tooLargeProblem } from '../model/decode.js';

export interface LoadOptions extends ExtractOptions {
  maxFileBytes?: number;
}

/** A page that could not be read or decoded: its model holds only the problem. */
export function brokenPage(file: string, hash: string, problem: PageProblem): PageModel {
  return { file, hash, ...unparsedPage(problem), facts: null };
}

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Build a page model from bytes already read; the syntax follows the file name unless `options` name one. */
export function pageFromBytes(file: string, bytes: Uint8Array, options: LoadOptions = {}): PageModel {
  const hash = hashBytes(bytes);
  const decoded = decodePage(bytes, options.maxFileBytes);
  if (!decoded.ok) return brokenPage(file, hash, decoded.problem);
  const extracted = extractPage(decoded.text, { ...options, syntax: options.syntax ?? syntaxOf(file) });
  return { file, hash, ...extracted, bom: decoded.bom, facts: null };
}

/** Read and model one page; a read failure (deleted, unreadable, a directory) becomes a `parse-error`. */
export async function loadPage(absPath: string, file: string, options: LoadOptions = {}): Promise<PageModel> {
  let bytes: Uint8Array;
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  try {
    const handle = await open(absPath, 'r');
    try {
      // Check the size before reading, so that a huge file never has to fit in memory.
      const { size } = await handle.stat();
      if (size > maxBytes) return brokenPage(file, '', tooLargeProblem(size, maxBytes));
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    return brokenPage(file, '', readProblem(error));
  }
  return pageFromBytes(file, bytes, options);
}

export function readProblem(error: unknown): PageProblem {
  const code = error instanceof ReadRefused ? 'ENOTREG' : ((error as NodeJS.ErrnoException).code ?? 'EIO');
  const reason =
    code === 'ENOTREG'
      ? 'it is not a regular file (a FIFO, a device or a socket)'
      : code === 'ENOENT'
        ? 'the file no longer exists'
        : fsErrorReason(error);
  return {
    ruleId: 'parse-error',
    messageId: 'unreadable',
    data: { reason, code },
    span: { line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, endOffset: 0 },
  };
}
