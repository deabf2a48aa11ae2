/**
 * A worker thread of the page pool (see pool.ts): loads the same config as the main thread,
 * then turns batches of page bytes into page models and, when asked, runs the page rules on
 * them. Only models (or what corpus rules read of them) and reports travel back, never syntax trees.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig, runSetup } from '../config/load.js';
import { PageChecker } from '../engine/run.js';
import { type BuildJob, type BuildReply, PageBuilder, PageStep } from './build.js';
import type { WorkerSetup } from './pool.js';

const setup = workerData as WorkerSetup;
const port = parentPort;
if (port === null) throw new Error('pool worker started outside a worker thread');
// The config, its plugins included, loads as in the main thread; batches wait for it.
const ready = loadConfig(setup.source).then((config) => {
  const checker = setup.check ? new PageChecker(runSetup(config, setup.cwd, setup.check.freeze)) : null;
  return new PageStep(new PageBuilder(config, setup.cwd), checker);
});

port.on('message', (batch: BuildJob[]) => {
  void ready.then((step) => {
    const replies: BuildReply[] = batch.map((job) => step.build(job));
    port.postMessage(replies);
  });
});
