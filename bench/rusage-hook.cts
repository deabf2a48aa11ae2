/**
 * Preloaded with `node --require` when GNU time is not available: at exit, the measured Node
 * process writes its own CPU time and peak RSS (process.resourceUsage(), which covers all of
 * its threads, worker threads included) to the file named by COMPATLINT_BENCH_RUSAGE.
 * CommonJS so that `--require` works on every Node 20 release.
 */
import fs = require('node:fs');
import workerThreads = require('node:worker_threads');

const out = process.env.COMPATLINT_BENCH_RUSAGE;
if (out !== undefined && workerThreads.isMainThread) {
  // Processes this one starts are not measured; keep them from overwriting the report.
  delete process.env.COMPATLINT_BENCH_RUSAGE;
  process.on('exit', () => {
    const usage = process.resourceUsage();
    fs.writeFileSync(out, JSON.stringify({ userMicros: usage.userCPUTime, systemMicros: usage.systemCPUTime, maxRssKiB: usage.maxRSS }));
  });
}
