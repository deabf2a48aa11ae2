import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import { runSetup } from '../config/load.js';
import { runRules } from '../engine/run.js';
import { RuleSet } from '../engine/rule-set.js';
import type { Diagnostic, Edit, Rule } from '../engine/types.js';
import { PageBuilder } from '../load/build.js';
import { type AtomicWriteHooks, writeFileAtomic } from '../util/atomic.js';
import { fsErrorReason } from '../util/errors.js';
import { decodePage } from '../model/decode.js';
import { hashBytes } from '../load/page.js';
import type { CorpusPage, PageModel } from '../model/types.js';
import { applyFixes } from '../engine/edits.js';

/**
 * Enough passes for fixes that wait on each other (a row re-aligned after its check mark is
 * rewritten); a rule whose fix never satisfies it stops here instead of looping.
 */
export const MAX_FIX_PASSES = 10;

export interface FixOptions {
  config: ResolvedConfig;
  cwd: string;
  /** Rules re-run after each pass (default: every fixable page rule). */
  rules?: readonly Rule[];
}

/** One page's fixes, computed in memory. */
export interface PageFix {
  file: string;
  abs: string;
  bom: boolean;
  /** The decoded text before and after (without the BOM). */
  before: string;
  after: string;
  /** Problems fixed: the page's fixable findings less those still pending at the end. */
  fixed: number;
  /** False when fixes were still pending after `MAX_FIX_PASSES` passes. */
  stable: boolean;
  /** The model of the fixed text, to re-check the corpus without reading the file again. */
  page: PageModel;
}

export interface FixRun {
  pages: PageFix[];
  /** Pages with fixes that were left alone, and why. */
  skipped: Array<{ file: string; reason: string }>;
}

/**
 * Compute the fixes of every page that has some: apply the non-overlapping ones, re-check the
 * page with the fixable rules, and repeat until nothing is left to fix (at most
 * `MAX_FIX_PASSES` passes). Nothing is written.
 */
export async function fixPages(pages: readonly CorpusPage[], diagnostics: readonly Diagnostic[], options: FixOptions): Promise<FixRun> {
  const rules = new RuleSet(options.rules ?? options.config.ruleSet.page.filter((r) => r.meta.fixable));
  const setup = { ...runSetup(options.config, options.cwd), rules };
  // The builder `check` uses: the fixed page's model is the one a check of the written file makes.
  const builder = new PageBuilder(options.config, options.cwd);
  const fixesByFile = new Map<string, Edit[][]>();
  for (const d of diagnostics) {
    if (!d.fix) continue;
    const list = fixesByFile.get(d.file) ?? [];
    list.push(d.fix);
    fixesByFile.set(d.file, list);
  }
  const run: FixRun = { pages: [], skipped: [] };
  for (const page of pages) {
    let fixes = fixesByFile.get(page.file);
    if (!fixes) continue;
    const abs = path.resolve(options.cwd, page.file);
    const bytes = await readFile(abs).catch(() => null);
    if (!bytes || hashBytes(bytes) !== page.hash) {
      run.skipped.push({ file: page.file, reason: 'it changed while compatlint was running' });
      continue;
    }
    const decoded = decodePage(bytes, Number.POSITIVE_INFINITY);
    if (!decoded.ok) continue;
    let text = decoded.text;
    let model: PageModel | null = null;
    const found = fixes.length;
    for (let pass = 0; pass < MAX_FIX_PASSES && fixes.length > 0; pass++) {
      const applied = applyFixes(text, fixes);
      if (applied.applied === 0) break;
      text = applied.text;
      model = builder.build(abs, page.file, encodePage(text, decoded.bom)).page;
      fixes = runRules([model], setup, { complete: false, configFile: null }).diagnostics.flatMap((d) => (d.fix ? [d.fix] : []));
    }
    if (text === decoded.text || model === null) continue;
    const fixed = Math.max(0, found - fixes.length);
    run.pages.push({ file: page.file, abs, bom: decoded.bom, before: decoded.text, after: text, fixed, stable: fixes.length === 0, page: model });
  }
  return run;
}

/** The bytes of a page's text, with its byte order mark put back. */
export function encodePage(text: string, bom: boolean): Buffer {
  return Buffer.from(bom ? `\uFEFF${text}` : text, 'utf8');
}

export interface WriteFixOptions {
  hooks?: AtomicWriteHooks;
}

/**
 * Write fixed pages, each atomically (temp file, then rename) and with its file mode kept. A
 * symbolic link is followed, so the link stays a link. A page that cannot be written is left
 * as it was and named in the result; the others are still written.
 */
export async function writeFixes(fixes: readonly PageFix[], options: WriteFixOptions = {}): Promise<Array<{ file: string; reason: string }>> {
  const failed: Array<{ file: string; reason: string }> = [];
  for (const fix of fixes) {
    try {
      const target = await realpath(fix.abs);
      const mode = (await stat(target)).mode & 0o7777;
      if (!(await readFile(target)).equals(encodePage(fix.before, fix.bom))) {
        failed.push({ file: fix.file, reason: 'it changed while compatlint was running' });
        continue;
      }
      await writeFileAtomic(target, encodePage(fix.after, fix.bom), { mode, ...(options.hooks ? { hooks: options.hooks } : {}) });
    } catch (error) {
      failed.push({ file: fix.file, reason: fsErrorReason(error) });
    }
  }
  return failed;
}
