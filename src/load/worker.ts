/**
 * A worker thread of the page pool (see pool.ts): loads the same config as the main thread,
 * then turns batches of page bytes into page models and, when asked, runs the page rules on
 * them. Only models (or what corpus rules read of them) and reports travel back, never syntax trees.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig } from '../config/load.js';
import { PageChecker } from '../engine/run.js';
import { allRules } from '../rules/registry.js';
import { type BuildJob, type BuildReply, PageBuilder, PageStep } from './build.js';
import type { WorkerSetup } from './pool.js';

const setup = workerData as WorkerSetup;
const config = loadConfig(setup.source);
const checker = setup.check ? new PageChecker(config, setup.cwd, allRules, setup.check.freeze) : null;
const step = new PageStep(new PageBuilder(config, setup.cwd), checker);
const port = parentPort;
if (port === null) throw new Error('pool worker started outside a worker thread');

port.on('message', (batch: BuildJob[]) => {
  const replies: BuildReply[] = batch.map((job) => step.build(job));
  port.postMessage(replies);
});
