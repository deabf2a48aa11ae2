/**
 * The language server case of `npm run bench`: `compatlint lsp` driven through a real client
 * (bench/lsp-client.ts) on the generated tree, as an editor drives it: start the server, open
 * the edited page at once, wait until the tree is loaded, then type in one of its table cells.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lsp-client.js';
import { median } from './report.js';

export interface LspSample {
  /** From `didOpen` to the page's first diagnostics (the cache is warm: `check --cache` ran on the tree as it is). */
  openMs: number;
  /** From the server's start to the end of its "loading pages" progress. */
  loadMs: number;
  /** Per keystroke: from `didChange` to the page rules' diagnostics, and to every rule's (the second publication). */
  pageMs: number[];
  allMs: number[];
}

export interface LspSummary {
  measures: string;
  command: string;
  keystrokes: number;
  openMs: number | null;
  loadMs: number | null;
  pageMs: number | null;
  allMs: number | null;
  samples: LspSample[];
}

/** Pause between keystrokes, so each is measured on its own (a writer's pace, not a burst). */
const PAUSE_MS = 150;

/**
 * One run: start the server in `treeRoot`, open `page`, and type `keystrokes` times in a cell of
 * its first table row that states a version (a digit added after the version, then taken away).
 */
export async function measureLsp(compatlintBin: string, args: readonly string[], treeRoot: string, page: string, keystrokes: number): Promise<LspSample> {
  const client = LspClient.start(compatlintBin, ['lsp', ...args], treeRoot);
  try {
    const started = performance.now();
    await client.initialize(pathToFileURL(treeRoot).href);
    const uri = pathToFileURL(path.join(treeRoot, page)).href;
    const text = readFileSync(path.join(treeRoot, page), 'utf8');
    const cell = versionCell(text);
    const from = client.published.length;
    const opened = performance.now();
    await client.open(uri, text);
    const first = await client.nthDiagnostics(uri, from);
    const openMs = first.at - opened;
    await client.progressEnded();
    const loadMs = performance.now() - started;
    const pageMs: number[] = [];
    const allMs: number[] = [];
    for (let i = 0; i < keystrokes; i++) {
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      const version = i + 2;
      const typed = i % 2 === 0;
      const at = { line: cell.line, character: cell.character };
      const range = typed ? { start: at, end: at } : { start: at, end: { line: cell.line, character: cell.character + 1 } };
      const before = client.published.length;
      const sent = performance.now();
      await client.change(uri, version, range, typed ? '1' : '');
      pageMs.push((await client.nthDiagnostics(uri, before, 1, version)).at - sent);
      allMs.push((await client.nthDiagnostics(uri, before, 2, version)).at - sent);
    }
    const code = await client.shutdown();
    if (code !== 0) throw new Error(`compatlint lsp exited with ${code}: ${client.stderr.slice(-2000)}`);
    return { openMs, loadMs, pageMs, allMs };
  } catch (error) {
    client.kill();
    throw error;
  }
}

/** Where a version in a table's body row ends: the place a writer types a digit. */
function versionCell(text: string): { line: number; character: number } {
  let body = false;
  for (const [i, line] of text.split(/\r\n|\r|\n/).entries()) {
    if (!line.trimStart().startsWith('|')) {
      body = false;
      continue;
    }
    if (/^\s*\|(\s*:?-+:?\s*\|)+\s*$/.test(line)) {
      body = true;
      continue;
    }
    const m = body ? /\d+\.\d+(\.\d+)?/.exec(line) : null;
    if (m) return { line: i, character: m.index + m[0].length };
  }
  throw new Error('the edited page has no table row with a version to type in');
}

export function summarizeLsp(samples: readonly LspSample[], keystrokes: number, command: string): LspSummary {
  return {
    measures: 'compatlint lsp through a JSON-RPC client: the edited page opened as the server starts (warm cache), then digits typed in a version cell',
    command,
    keystrokes,
    openMs: median(samples.map((s) => s.openMs)),
    loadMs: median(samples.map((s) => s.loadMs)),
    pageMs: median(samples.flatMap((s) => s.pageMs)),
    allMs: median(samples.flatMap((s) => s.allMs)),
    samples: [...samples],
  };
}
