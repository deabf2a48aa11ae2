import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { LoadConfigOptions } from '../config/types.js';
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
 * Heap limits of a worker. A young generation larger than V8's default (48 MiB) lets a page's
 * syntax tree die young instead of being copied and promoted: scavenges were a fifth of a
 * worker's time, and a cold check of the 2,000-page bench tree takes 13% less CPU. Capping the
 * old generation makes V8 collect it sooner, which pays back the young generation's memory
 * (peak RSS unchanged; the larger young generation alone added 90 MiB). A page that needs more
 * than the cap is built in the calling thread, which has V8's default limits.
 */
const RESOURCE_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 64, maxOldGenerationSizeMb: 256 };

export interface PoolStats {
  /** Worker threads started. */
  threads: number;
  /** Pages built in the calling thread because their worker ran out of memory. */
  builtHere: number;
}

/**
 * Build page models in `threads` worker threads, and run the page rules on them there when
 * `setup.check` says so: parsing, extraction and page rules are CPU-bound and independent per
 * page. Larger pages go first so that no thread is left with a big page at the end. `onBuilt`
 * sees each page as it arrives, in no particular order. The pages of a worker that runs out of
 * memory are built by `buildHere`, in the calling thread.
 */
export async function buildInWorkers(
  jobs: BuildJob[],
  setup: WorkerSetup,
  threads: number,
  onBuilt: (reply: BuildReply) => void,
  buildHere: (job: BuildJob) => BuildReply,
  limits: ResourceLimits = RESOURCE_LIMITS,
): Promise<PoolStats> {
  const script = workerScript();
  if (script === null) throw new Error('the worker script is missing (build the package first)');
  const queue = [...jobs].sort((a, b) => b.bytes.length - a.bytes.length || a.index - b.index);
  const workers: Worker[] = [];
  let builtHere = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let remaining = jobs.length;
      if (remaining === 0) {
        resolve();
        return;
      }
      /** The batches each live worker holds, oldest first: it answers them in order. */
      const inFlight = new Map<Worker, BuildJob[][]>();
      const done = (reply: BuildReply): void => {
        onBuilt(reply);
        remaining--;
        if (remaining === 0) resolve();
      };
      const send = (worker: Worker): void => {
        const batch = queue.splice(0, BATCH);
        if (batch.length === 0) return;
        inFlight.get(worker)?.push(batch);
        // Each page's bytes are copied into a buffer of its own and moved, not cloned again.
        const moved = batch.map((job) => ({ ...job, bytes: new Uint8Array(job.bytes) }));
        worker.postMessage(moved, moved.map((job) => job.bytes.buffer as ArrayBuffer));
      };
      const outOfMemory = (worker: Worker): void => {
        const held = inFlight.get(worker) ?? [];
        inFlight.delete(worker);
        // With no worker left, the calling thread builds the rest.
        const orphans = [...held.flat(), ...(inFlight.size === 0 ? queue.splice(0) : [])];
        builtHere += orphans.length;
        for (const job of orphans) done(buildHere(job));
      };
      for (let i = 0; i < Math.max(1, Math.min(threads, Math.ceil(jobs.length / BATCH))); i++) {
        const worker = new Worker(script, { workerData: setup, resourceLimits: limits });
        workers.push(worker);
        inFlight.set(worker, []);
        worker.on('message', (replies: BuildReply[]) => {
          inFlight.get(worker)?.shift();
          for (const reply of replies) done(reply);
          if (remaining > 0) send(worker);
        });
        worker.on('error', (error: NodeJS.ErrnoException) => {
          if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') reject(error);
          else {
            try {
              outOfMemory(worker);
            } catch (failed) {
              reject(failed);
            }
          }
        });
        worker.on('exit', (code) => {
          if (remaining > 0 && inFlight.has(worker)) reject(new Error(`a page worker exited early (code ${code})`));
        });
        // Two batches each: a thread never waits for its next batch to arrive.
        send(worker);
        send(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { threads: workers.length, builtHere };
}
