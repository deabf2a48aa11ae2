import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import type { Diagnostic } from '../src/engine/types.js';
import { lint } from '../src/lint/lint.js';
import { builtinRules } from '../src/rules/registry.js';
import { datadogPreset } from '../src/config/presets/datadog.js';
import { normalizeTerm } from '../src/facts/patterns.js';
import { Vocabulary } from '../src/facts/vocabulary.js';
import { compareVersions, singleVersion } from '../src/model/version.js';
import { segmentsOf } from '../src/util/json-pointer.js';
import { corpusPages, corpusRoot, hasCorpus } from './helpers/corpus.js';

// The tracing page of the corpus against dd-trace-py's own data (../shared/corpus/truth), through
// the datadog preset's mappings: what the truth README lists must be found, each finding must
// name a record that really holds what the finding quotes.

const cwd = path.join(corpusRoot, 'datadog');
const truthDir = path.join(corpusRoot, 'truth/dd-trace-py');
const sources = {
  'dd-trace-py-supported-versions': path.join(truthDir, 'supported_versions.json'),
  'dd-trace-py-registry': path.join(truthDir, 'scripts/integration_registry/registry.yaml'),
} as const;
const page = corpusPages.tracingPython.replace(/^datadog\//, '');

async function check(mapping: keyof typeof sources): Promise<Diagnostic[]> {
  const off = Object.fromEntries(builtinRules.filter((r) => r.meta.id !== 'truth-drift').map((r) => [r.meta.id, 'off' as const]));
  const config = await loadConfig({ cwd, config: { extends: ['datadog'], truth: [{ from: sources[mapping], mapping }] }, rules: off });
  return (await lint({ cwd, paths: [], config })).result.diagnostics;
}

/** The page's row a finding is on (`Elasticsearch`). */
const row = (d: Diagnostic) => (d.data.subject as { row: string }).row;

describe.skipIf(!hasCorpus)('the tracing page against dd-trace-py (../shared/corpus/truth)', () => {
  test.each(Object.keys(sources) as Array<keyof typeof sources>)('%s: the Elasticsearch upper bound fails `covers`; Redis, gevent, Celery and Django start below the tested minimum', async (mapping) => {
    const diagnostics = await check(mapping);
    const onPage = diagnostics.filter((d) => d.file === page);
    const es = onPage.filter((d) => row(d) === 'Elasticsearch');
    expect(es.find((d) => d.messageId === 'covers')).toMatchObject({ severity: 'error', line: 79 });
    expect(es.find((d) => d.messageId === 'minBelow')).toMatchObject({ severity: 'warning', line: 79 });
    const left = es.find((d) => d.messageId === 'covers')!.data.left as string[];
    expect(left.length).toBeGreaterThan(0);
    for (const version of left) expect(compareVersions(singleVersion(version, 'pep440')!, '8.0')).toBeGreaterThanOrEqual(0);
    for (const [name, line, tested] of [
      ['Redis', 96, '4.6.0'],
      ['gevent', 120, '21.1.2'],
      ['Celery', 116, '5.5.3'],
      ['Django', 55, '2.2.28'],
    ] as const) {
      const found = onPage.filter((d) => row(d) === name);
      expect(found.map((d) => `${d.line} ${d.severity} ${d.messageId}`), name).toEqual([`${line} warning minBelow`]);
      expect(found[0]!.data.truthBound).toBe(tested);
    }
    // Every error is a page range that leaves out tested versions; every warning a minimum below them.
    for (const d of diagnostics) expect(d.severity === 'error' ? 'covers' : 'minBelow').toBe(d.messageId);
    // Only the tracing page: the security products' pages state their own minimums.
    expect(new Set(diagnostics.map((d) => d.file))).toEqual(new Set([page]));
  });

  test('each finding names a record of supported_versions.json that holds the versions it quotes, for the row it is on', async () => {
    const diagnostics = await check('dd-trace-py-supported-versions');
    const terms = new Vocabulary('integration', datadogPreset.truthMappings!['dd-trace-py-supported-versions']!.vocabulary!.integration!, 'test');
    const term = (text: string) => terms.lookup(text) ?? normalizeTerm(text);
    const data = JSON.parse(readFileSync(sources['dd-trace-py-supported-versions'], 'utf8')) as unknown;
    const text = readFileSync(sources['dd-trace-py-supported-versions'], 'utf8').split('\n');
    expect(diagnostics.length).toBeGreaterThan(20);
    for (const d of diagnostics) {
      const place = d.data.place as { pointer: string; line: number };
      const record = segmentsOf(place.pointer).reduce<any>((at, s) => at?.[s], data) as { dependency: string; python_versions: Record<string, { minimum_package_version: string; tested_versions: string[] }> };
      expect(record?.dependency, place.pointer).toBeTypeOf('string');
      expect(term(record.dependency), `${row(d)} named by ${place.pointer}`).toBe(term(row(d)));
      // The line named is where that record starts.
      expect(text[place.line - 1]?.trim()).toBe('{');
      expect(text[place.line]?.trim()).toBe(`"dependency": "${record.dependency}",`);
      const versions = Object.values(record.python_versions).flatMap((p) => [p.minimum_package_version, ...p.tested_versions]);
      const quoted = d.messageId === 'covers' ? [(d.data.left as string[])[0]!] : [d.data.truthBound as string];
      for (const v of quoted) expect(versions, `${row(d)}: ${v}`).toContain(v);
    }
  });
});
