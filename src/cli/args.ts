import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../util/errors.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  positionals: string[];
  /** Options in the order given, for options whose order matters (`--format X --output Y`). */
  ordered: Array<{ name: string; value: string | undefined }>;
}

/** parseArgs with every problem turned into a one-line usage error. */
export function parseCommandArgs(args: string[], options: OptionSpec, command: string): ParsedArgs {
  try {
    const { values, positionals, tokens } = parseArgs({ args, options, allowPositionals: true, strict: true, tokens: true });
    const ordered = (tokens ?? [])
      .filter((t): t is Extract<typeof t, { kind: 'option' }> => t.kind === 'option')
      .map((t) => ({ name: t.name, value: t.value }));
    return { values: values as ParsedArgs['values'], positionals, ordered };
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? '';
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown) throw new UsageError(`Unknown option ${unknown[1]} for \`compatlint ${command}\` (see --help)`);
    const missing = /Option '([^']+)' argument missing/.exec(message);
    if (missing) throw new UsageError(`Option ${missing[1]?.split(',').pop()?.trim()} needs a value`);
    throw new UsageError(message.replace(/\. To specify.*$/, ''));
  }
}

export function stringOption(values: ParsedArgs['values'], name: string): string | undefined {
  const v = values[name];
  if (Array.isArray(v)) return v.length > 0 ? String(v[v.length - 1]) : undefined;
  return typeof v === 'string' ? v : undefined;
}

export function listOption(values: ParsedArgs['values'], name: string): string[] {
  const v = values[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

/** `--max-bytes N`: a Markdown report needs room for its totals and the note saying what was cut. */
export function maxBytesOption(values: ParsedArgs['values']): number | undefined {
  const n = integerOption(values, 'max-bytes');
  if (n !== undefined && n < MIN_MAX_BYTES) throw new UsageError(`--max-bytes must be at least ${MIN_MAX_BYTES} (room for the totals and the note on what was left out), got ${n}`);
  return n;
}

const MIN_MAX_BYTES = 2000;

export function integerOption(values: ParsedArgs['values'], name: string): number | undefined {
  const v = stringOption(values, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} expects a whole number, got "${v}"`);
  return Number(v);
}
