export interface Writable {
  write(text: string): unknown;
}

/** What the command line reads from and writes to: the process, or a test's buffers. */
export interface CliIO {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: Writable;
  stderr: Writable;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Standard input, read whole and at most `maxBytes` (`check -`); absent where there is none. */
  readStdin?: (maxBytes: number) => Promise<Uint8Array>;
  /** Standard input and output as streams, for a protocol spoken over them (`lsp`); absent where there are none. */
  stdio?: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream };
}

/** Colors on a terminal unless NO_COLOR is set; FORCE_COLOR or --color turn them on anywhere. */
export function useColor(io: CliIO, flags: { color?: boolean; noColor?: boolean }): boolean {
  if (flags.noColor) return false;
  if (flags.color) return true;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.stdoutIsTTY;
}
