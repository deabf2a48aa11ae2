import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { builtinRules } from '../src/rules/registry.js';
import { repoRoot } from './helpers/cli.js';
// @ts-expect-error: a plain ESM script, no types
import { withRuleHeader, withRulesTable } from '../scripts/rule-docs.mjs';

// The README is for a newcomer and the manual is in docs/: every link and anchor resolves, every
// config in them is a valid config, and what rule metadata says is what the docs say.

const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');
const manual = [
  'README.md',
  'CHANGELOG.md',
  ...readdirSync(path.join(repoRoot, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`),
  ...builtinRules.map((r) => `src/rules/${r.meta.id}/README.md`),
];

/** GitHub's heading anchors: lowercase, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(text: string): Set<string> {
  const out = new Set<string>();
  const seen = new Map<string, number>();
  for (const m of withoutCode(text).matchAll(/^#{1,6} (.+)$/gm)) {
    const base = (m[1] as string).trim().toLowerCase().replace(/[^\p{L}\p{N}\- _]/gu, '').replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

function withoutCode(text: string): string {
  return text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '``');
}

describe('README and manual', () => {
  test('the README stays short: at most 15 KB', () => {
    expect(Buffer.byteLength(read('README.md'))).toBeLessThanOrEqual(15_000);
  });

  test.each(manual)('%s: every relative link names a file that exists, and an anchor it has', (file) => {
    const text = read(file);
    const broken: string[] = [];
    for (const m of withoutCode(text).matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1] as string;
      if (/^(https?:|mailto:)/.test(target)) continue;
      const [where, anchor] = target.split('#') as [string, string | undefined];
      const abs = where === '' ? path.join(repoRoot, file) : path.resolve(path.dirname(path.join(repoRoot, file)), where);
      if (!existsSync(abs)) {
        broken.push(`${target}: no such file`);
        continue;
      }
      if (anchor !== undefined && abs.endsWith('.md') && !anchorsOf(readFileSync(abs, 'utf8')).has(anchor)) broken.push(`${target}: no such heading`);
    }
    expect(broken).toEqual([]);
  });

  test('every config shown in them is valid against the config schema', () => {
    const schema = JSON.parse(read('schemas/config.schema.json')) as object;
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const keys = /^(include|exclude|tables|rules|vocabulary|site|values|overrides|truth|extends|pageDimensions|checks|translation|pages|frontMatter|plugins|limits):/m;
    let checked = 0;
    for (const file of manual) {
      for (const m of read(file).matchAll(/```ya?ml\n([\s\S]*?)```/g)) {
        const block = m[1] as string;
        if (!keys.test(block)) continue;
        const data = parse(block) as unknown;
        checked++;
        expect(validate(data), `${file}:\n${block}\n${JSON.stringify(validate.errors, null, 2)}`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(5);
  });
});

describe('rule docs come from rule metadata (npm run docs)', () => {
  const metas = builtinRules.map((r) => r.meta);

  test('the rules table in docs/rules.md', () => {
    const doc = read('docs/rules.md');
    expect(withRulesTable(doc, metas), 'run `npm run docs`').toBe(doc);
  });

  test.each(metas.map((m) => [m.id, m] as const))('%s README: severity, scope, fixable', (id, meta) => {
    const readme = read(`src/rules/${id}/README.md`);
    expect(withRuleHeader(readme, meta), 'run `npm run docs`').toBe(readme);
  });
});
