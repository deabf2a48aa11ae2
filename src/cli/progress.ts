import type { CliIO } from './io.js';

export interface Progress {
  update(done: number, total: number): void;
  /** Erase the line, if one was drawn. */
  clear(): void;
}

export interface ProgressOptions {
  /** Milliseconds since some fixed point (injectable for tests). */
  now?: () => number;
  /** Runs that finish sooner never show a line (default 250 ms). */
  showAfterMs?: number;
  /** Redraw at most this often (default 100 ms). */
  intervalMs?: number;
}

/**
 * A progress line on standard error (files ready / total, and the rate) for runs long enough to
 * wonder about. Only on a terminal: never when standard error is piped or redirected, and never
 * in CI (`CI` set), where a log would fill with carriage returns. Null when it must not show.
 */
export function progressLine(io: CliIO, options: ProgressOptions = {}): Progress | null {
  if (!io.stderrIsTTY || (io.env.CI !== undefined && io.env.CI !== '')) return null;
  const now = options.now ?? (() => performance.now());
  // COMPATLINT_PROGRESS_AFTER_MS: how long a run goes before the line shows (0: at once; tests use it).
  const fromEnv = Number.parseInt(io.env.COMPATLINT_PROGRESS_AFTER_MS ?? '', 10);
  const showAfter = options.showAfterMs ?? (Number.isFinite(fromEnv) && fromEnv >= 0 ? fromEnv : 250);
  const interval = options.intervalMs ?? 100;
  const start = now();
  let drawnAt: number | null = null;
  return {
    update(done, total) {
      const t = now();
      if (t - start < showAfter) return;
      if (drawnAt !== null && t - drawnAt < interval && done < total) return;
      drawnAt = t;
      const seconds = (t - start) / 1000;
      const rate = seconds > 0 ? Math.round(done / seconds) : 0;
      io.stderr.write(`\r\x1b[2Kcompatlint: ${done}/${total} files (${rate} files/s)`);
    },
    clear() {
      if (drawnAt !== null) io.stderr.write('\r\x1b[2K');
      drawnAt = null;
    },
  };
}

/**
 * What a command that loads pages passes to the loader for a progress line (`options`), and
 * what it calls when loading is over or failed: nothing on a pipe or in CI, as `progressLine` decides.
 */
export function loadingProgress(io: CliIO): { options: { onProgress?: (done: number, total: number) => void }; clear(): void } {
  const progress = progressLine(io);
  if (!progress) return { options: {}, clear() {} };
  return { options: { onProgress: (done, total) => progress.update(done, total) }, clear: () => progress.clear() };
}
