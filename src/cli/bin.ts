import { pendingTempFiles } from '../util/atomic.js';
import { runCli } from './main.js';
import { rmSync } from 'node:fs';
import { UsageError } from '../util/errors.js';

/** Standard input, whole; more than `maxBytes` is refused as a page over the size limit would be. */
async function readStdin(maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new UsageError(`standard input is over the page size limit (${maxBytes} bytes)`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

// An interrupted run must not leave temp files behind: remove those in flight, then exit as a signal would.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const tmp of pendingTempFiles()) rmSync(tmp, { force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

// A reader that stops early (`compatlint extract | head`) closes the pipe: stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const code = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  readStdin,
});
process.exitCode = code;
