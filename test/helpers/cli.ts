import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main.js';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const binPath = path.join(repoRoot, 'bin', 'compatlint.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the command line in-process, capturing its output. */
export async function cli(argv: string[], cwd: string, env: Record<string, string | undefined> = {}, stdin?: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    cwd,
    env: { NO_COLOR: '1', ...env },
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdoutIsTTY: false,
    stderrIsTTY: false,
    ...(stdin === undefined ? {} : { readStdin: async () => new TextEncoder().encode(stdin) }),
  });
  return { code, stdout, stderr };
}

/** Run the built command (`bin/compatlint.js`) as a real process. */
export function spawnCli(argv: string[], cwd: string, options: { env?: Record<string, string>; prefix?: string[]; input?: string } = {}): CliRun {
  const [cmd, ...pre] = options.prefix ?? [];
  const result = spawnSync(cmd ?? process.execPath, [...(cmd ? [...pre, process.execPath] : []), binPath, ...argv], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, CI: 'true', ...options.env },
    ...(options.input === undefined ? {} : { input: options.input }),
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A temporary folder holding the given files (text or bytes). */
export function tempTree(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'compatlint-'));
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}
