import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * How the CPU time and peak RSS of a measured command are taken.
 * - `gnu-time`: `/usr/bin/time -f '%U %S %M'`. User and system time come from wait4() and
 *   include every descendant the command waited for; %M is ru_maxrss, the peak RSS of the
 *   largest single process in the tree (threads share it).
 * - `node-hook`: every measured command is a Node script, so `node --require rusage-hook.cjs`
 *   makes it report process.resourceUsage() at exit: CPU and peak RSS of that process with all
 *   its threads, but not of processes it starts (none of the measured tools starts any here).
 * Wall time is always taken here, from spawn to exit, with a monotonic clock.
 */
export type Accounting = 'gnu-time' | 'node-hook';

export interface Sample {
  wallMs: number;
  cpuMs: number;
  peakRssKiB: number;
  exitCode: number;
}

export interface Command {
  /** Short name for logs and file names. */
  id: string;
  /** A Node script, run with the current Node. */
  script: string;
  args: string[];
  cwd: string;
  /** Exit codes that mean the tool ran to completion (a linter exits 1 when it finds something). */
  okExitCodes: readonly number[];
  /** Extra Node flags. */
  nodeArgs?: string[];
}

const GNU_TIME = '/usr/bin/time';
const hook = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rusage-hook.cjs');

/** GNU time when `/usr/bin/time --version` says so (BSD and busybox time have no `-f`/`-o`). */
export function detectAccounting(): Accounting {
  if (process.platform !== 'linux' || !existsSync(GNU_TIME)) return 'node-hook';
  const probe = spawnSync(GNU_TIME, ['--version'], { encoding: 'utf8' });
  return /GNU/.test(`${probe.stdout ?? ''}${probe.stderr ?? ''}`) ? 'gnu-time' : 'node-hook';
}

export class CommandFailed extends Error {
  constructor(
    message: string,
    readonly stderrFile: string,
  ) {
    super(message);
  }
}

/**
 * Run one command to completion and measure it. Its output goes to `<logDir>/<tag>.out|.err`
 * (writing a report is part of a linter's work; a file costs the same on every run).
 */
export async function measure(command: Command, accounting: Accounting, logDir: string, tag: string): Promise<Sample> {
  const outFile = path.join(logDir, `${tag}.out`);
  const errFile = path.join(logDir, `${tag}.err`);
  const usageFile = path.join(logDir, `${tag}.usage`);
  rmSync(usageFile, { force: true });
  const node = [...(command.nodeArgs ?? []), command.script, ...command.args];
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  let file: string;
  let args: string[];
  if (accounting === 'gnu-time') {
    file = GNU_TIME;
    args = ['-o', usageFile, '-f', '%U %S %M', process.execPath, ...node];
  } else {
    file = process.execPath;
    args = ['--require', hook, ...node];
    env.COMPATLINT_BENCH_RUSAGE = usageFile;
  }
  const out = openSync(outFile, 'w');
  const err = openSync(errFile, 'w');
  let exit: { code: number | null; signal: NodeJS.Signals | null };
  const start = process.hrtime.bigint();
  try {
    exit = await new Promise((resolve, reject) => {
      const child = spawn(file, args, { cwd: command.cwd, env, stdio: ['ignore', out, err] });
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
  } finally {
    closeSync(out);
    closeSync(err);
  }
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  // GNU time passes the command's exit status on; a command killed by a signal makes it exit 128+n.
  if (exit.code === null || !command.okExitCodes.includes(exit.code)) {
    const how = exit.code === null ? `signal ${exit.signal ?? '?'}` : `exit code ${exit.code}`;
    throw new CommandFailed(`${command.id} failed with ${how} (expected ${command.okExitCodes.join(' or ')})`, errFile);
  }
  const usage = readUsage(accounting, usageFile, command.id);
  return { wallMs, cpuMs: usage.cpuMs, peakRssKiB: usage.peakRssKiB, exitCode: exit.code };
}

function readUsage(accounting: Accounting, usageFile: string, id: string): { cpuMs: number; peakRssKiB: number } {
  const text = existsSync(usageFile) ? readFileSync(usageFile, 'utf8') : '';
  if (accounting === 'gnu-time') {
    // GNU time writes "Command exited with non-zero status N" before the formatted line.
    const last = text.trim().split('\n').pop() ?? '';
    const match = /^(\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+)$/.exec(last.trim());
    if (!match) throw new Error(`${id}: cannot read GNU time's report: ${JSON.stringify(text)}`);
    return { cpuMs: (Number(match[1]) + Number(match[2])) * 1000, peakRssKiB: Number(match[3]) };
  }
  if (text === '') throw new Error(`${id}: the process wrote no resource usage (did it run under Node?)`);
  const usage = JSON.parse(text) as { userMicros: number; systemMicros: number; maxRssKiB: number };
  return { cpuMs: (usage.userMicros + usage.systemMicros) / 1000, peakRssKiB: usage.maxRssKiB };
}
