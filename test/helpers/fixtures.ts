import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_NAMES, loadConfig } from '../../src/config/load.js';
import type { RuleSetting } from '../../src/config/types.js';
import { type CheckLinks, lint } from '../../src/lint/lint.js';
import type { Diagnostic } from '../../src/engine/types.js';
import type { LinkResult } from '../../src/net/types.js';
import { builtinRules } from '../../src/rules/registry.js';

export const rulesDir = path.resolve(import.meta.dirname, '../../src/rules');

export interface FixtureCase {
  name: string;
  /** Folder used as the working directory. */
  cwd: string;
  /** Pages to check (relative to cwd); empty means the whole tree. */
  paths: string[];
  configFile?: string;
  expectedFile: string;
  valid: boolean;
  /** Tree cases name the file on each expected line. */
  tree: boolean;
  /** Canned external link results (`<page>.links.json`, or `links.json` in a tree): the case runs as with `--external-links`. */
  linksFile?: string;
}

function configIn(dir: string): string | undefined {
  return CONFIG_NAMES.map((n) => path.join(dir, n)).find((f) => existsSync(f));
}

/**
 * The cases of one rule: `*.md` and `*.mdx` pages beside an optional shared config, and folders
 * holding small trees. `NAME.fixed.md` is what `--fix` makes of `NAME.md` (test/fix.test.ts), not a case.
 */
export function fixtureCases(ruleId: string): FixtureCase[] {
  const dir = path.join(rulesDir, ruleId, 'fixtures');
  if (!existsSync(dir)) return [];
  const sharedConfig = configIn(dir);
  const cases: FixtureCase[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    const valid = entry.startsWith('valid');
    if (statSync(full).isDirectory()) {
      const linksFile = existing(path.join(full, 'links.json'));
      cases.push({ name: entry, cwd: full, paths: [], configFile: configIn(full), expectedFile: path.join(full, 'expected.txt'), valid, tree: true, linksFile });
    } else if (/\.mdx?$/.test(entry) && !/\.fixed\.mdx?$/.test(entry)) {
      const base = entry.replace(/\.mdx?$/, '');
      const linksFile = existing(path.join(dir, `${base}.links.json`));
      cases.push({ name: entry, cwd: dir, paths: [entry], configFile: sharedConfig, expectedFile: path.join(dir, `${base}.expected.txt`), valid, tree: false, linksFile });
    }
  }
  return cases;
}

/** Run one case with only the rule under test switched on (at the severity the case's config gives it). */
export async function runCase(ruleId: string, c: FixtureCase): Promise<Diagnostic[]> {
  const off: Record<string, RuleSetting> = {};
  for (const r of builtinRules) if (r.meta.id !== ruleId) off[r.meta.id] = 'off';
  const config = await loadConfig({ cwd: c.cwd, configFile: c.configFile, lookup: false, rules: off });
  const checkLinks = c.linksFile === undefined ? undefined : cannedLinks(c.linksFile);
  const { result } = await lint({ cwd: c.cwd, paths: c.paths, config, freeze: true, checkLinks });
  return result.diagnostics;
}

function existing(file: string): string | undefined {
  return existsSync(file) ? file : undefined;
}

/** A link checker that answers from a JSON file, and fails on a URL the file does not answer for. */
function cannedLinks(file: string): CheckLinks {
  const canned = JSON.parse(readFileSync(file, 'utf8')) as Record<string, LinkResult>;
  return async (urls) => {
    const missing = urls.filter((u) => !Object.hasOwn(canned, u));
    if (missing.length > 0) throw new Error(`${file} has no result for ${missing.join(', ')}`);
    return new Map(urls.map((u) => [u, canned[u] as LinkResult]));
  };
}

/** One line per finding and one per related location: a form that diffs well in review. */
export function formatExpected(diagnostics: Diagnostic[], tree: boolean): string {
  const lines: string[] = [];
  for (const d of diagnostics) {
    const where = `${tree ? `${d.file}:` : ''}${d.line}:${d.column}-${d.endLine}:${d.endColumn}`;
    lines.push(`${where} ${d.severity} ${d.ruleId} ${d.message}`);
    for (const r of d.related) {
      const at = `${tree || r.file !== d.file ? `${r.file}:` : ''}${r.line}:${r.column}-${r.endLine}:${r.endColumn}`;
      lines.push(`  related ${at} ${r.message}`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
