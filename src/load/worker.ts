/**
 * A worker thread of the page pool (see pool.ts): loads the same config as the main thread,
 * then turns batches of page bytes into page models. Only models travel back, never syntax trees.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig } from '../config/load.js';
import { PageBuilder } from './build.js';
import type { BuildJob, BuildReply, WorkerSetup } from './pool.js';

const setup = workerData as WorkerSetup;
const builder = new PageBuilder(loadConfig(setup.source), setup.cwd);
const port = parentPort;
if (port === null) throw new Error('pool worker started outside a worker thread');

port.on('message', (batch: BuildJob[]) => {
  const replies: BuildReply[] = batch.map((job) => ({ index: job.index, built: builder.build(job.abs, job.file, job.bytes) }));
  port.postMessage(replies);
});
