import { pendingTempFiles, watchTempFiles } from '../util/atomic.js';
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

// Ctrl-C, `timeout` and a CI cancel must end the run at once, whatever the main thread is doing.
// A signal handler runs only when the main thread is idle, so there is none for most of the run:
// the signal's default action ends the process. Handlers are installed only while a report or a
// fixed page is being written (the main thread then awaits I/O), to remove the temp file first.
const signals = ['SIGINT', 'SIGTERM'] as const;
const interrupted = (signal: NodeJS.Signals): void => {
  for (const tmp of pendingTempFiles()) rmSync(tmp, { force: true });
  process.exit(signal === 'SIGINT' ? 130 : 143);
};
watchTempFiles((writing) => {
  for (const signal of signals) {
    if (writing) process.on(signal, interrupted);
    else process.off(signal, interrupted);
  }
});

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
  stdio: { input: process.stdin, output: process.stdout },
});
process.exitCode = code;
