import { ReadRefused, readStamped } from '../util/read.js';
import type { Stamp } from '../util/stamp.js';
import type { PageProblem } from '../model/types.js';
import { DEFAULT_MAX_FILE_BYTES, tooLargeProblem } from '../model/decode.js';
import { hashBytes } from './page.js';

export interface ListedFile {
  /** Absolute path. */
  abs: string;
  /** Relative to the working directory, forward slashes: the name diagnostics use. */
  file: string;
}

/**
 * A file a page model was built from besides the page itself (an included partial), with the
 * hash of its bytes when the model was built; null when it did not exist.
 */
export interface PageDependency {
  abs: string;
  hash: string | null;
}

/** A listed page's bytes (or why they could not be read) and their hash. */
export interface PageSource {
  file: ListedFile;
  bytes: Uint8Array | null;
  /** The read error when `bytes` is null. */
  error?: unknown;
  /** Why the page was not read, when it was not for an error (too large). */
  problem?: PageProblem;
  /** Hash of the bytes; empty when unreadable. */
  hash: string;
  /** The file's stamp when its bytes were read (absent for bytes from elsewhere: git, an editor). */
  stamp?: Stamp;
}

/** Read and hash every listed page: cheap next to parsing, and what the cache keys are made of. */
export function readSources(files: readonly ListedFile[], maxBytes = DEFAULT_MAX_FILE_BYTES): PageSource[] {
  return files.map((file) => {
    try {
      // A huge file never has to fit in memory, and a FIFO or a device named as a page does not hang the run.
      const { bytes, stamp } = readStamped(file.abs, maxBytes);
      return { file, bytes, hash: hashBytes(bytes), ...(stamp ? { stamp } : {}) };
    } catch (error) {
      if (error instanceof ReadRefused && error.reason === 'too-large') return { file, bytes: null, hash: '', problem: tooLargeProblem(error.size, maxBytes) };
      return { file, bytes: null, error, hash: '' };
    }
  });
}

