import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LoadConfigOptions } from '../config/load.js';
import type { BuildJob, BuildReply } from './build.js';

export interface WorkerSetup {
  source: LoadConfigOptions;
  cwd: string;
  /** Run the page rules in the worker (and send back only what corpus rules read). */
  check: { freeze: boolean } | null;
}

/**
 * Pages per message. Small enough to keep both threads busy to the end of the run, large
 * enough that messaging costs little next to parsing (a page takes milliseconds to parse).
 */
const BATCH = 8;

/** The worker script beside this module; absent when running from TypeScript sources (tests). */
function workerScript(): URL | null {
  const url = new URL('./worker.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : null;
}

export function poolAvailable(): boolean {
  return workerScript() !== null;
}

/**
 * Build page models in `threads` worker threads, and run the page rules on them there when
 * `setup.check` says so: parsing, extraction and page rules are CPU-bound and independent per
 * page. Larger pages go first so that no thread is left with a big page at the end. `onBuilt`
 * sees each page as it arrives, in no particular order. Returns the number of threads started.
 */
export async function buildInWorkers(
  jobs: BuildJob[],
  setup: WorkerSetup,
  threads: number,
  onBuilt: (reply: BuildReply) => void,
): Promise<number> {
  const script = workerScript();
  if (script === null) throw new Error('the worker script is missing (build the package first)');
  const queue = [...jobs].sort((a, b) => b.bytes.length - a.bytes.length || a.index - b.index);
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let remaining = jobs.length;
      if (remaining === 0) {
        resolve();
        return;
      }
      const send = (worker: Worker): void => {
        const batch = queue.splice(0, BATCH);
        if (batch.length === 0) return;
        // Each page's bytes are copied into a buffer of its own and moved, not cloned again.
        const moved = batch.map((job) => ({ ...job, bytes: new Uint8Array(job.bytes) }));
        worker.postMessage(moved, moved.map((job) => job.bytes.buffer as ArrayBuffer));
      };
      for (let i = 0; i < Math.max(1, Math.min(threads, Math.ceil(jobs.length / BATCH))); i++) {
        const worker = new Worker(script, { workerData: setup });
        workers.push(worker);
        worker.on('message', (replies: BuildReply[]) => {
          for (const reply of replies) onBuilt(reply);
          remaining -= replies.length;
          if (remaining === 0) resolve();
          else send(worker);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (remaining > 0) reject(new Error(`a page worker exited early (code ${code})`));
        });
        // Two batches each: a thread never waits for its next batch to arrive.
        send(worker);
        send(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return workers.length;
}
