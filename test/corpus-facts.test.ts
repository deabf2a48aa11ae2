import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { cli } from './helpers/cli.js';
import { corpusRoot, hasCorpus } from './helpers/corpus.js';

interface Related {
  file: string;
  line: number;
}
interface JsonDiagnostic {
  file: string;
  line: number;
  ruleId: string;
  severity: string;
  message: string;
  related: Related[];
}

const SCA = 'content/en/security/code_security/software_composition_analysis/setup_runtime/compatibility';
const IAST = 'content/en/security/code_security/iast/setup/compatibility';
const AAP = 'content/en/security/application_security/setup/compatibility';

// `compatlint check --preset datadog` run from the corpus's site root, as a docs team would.
describe.skipIf(!hasCorpus)('datadog preset on the real tree (../shared/corpus/datadog)', () => {
  let diagnostics: JsonDiagnostic[] = [];
  let code = -1;
  beforeAll(async () => {
    const r = await cli(['check', '--preset', 'datadog', '--format', 'json'], path.join(corpusRoot, 'datadog'));
    expect(r.stderr).toBe('');
    code = r.code;
    diagnostics = JSON.parse(r.stdout).diagnostics;
  });
  const locations = (d: JsonDiagnostic) => [`${d.file}:${d.line}`, ...d.related.map((r) => `${r.file}:${r.line}`)];

  test('the SCA nodejs.md AWS Lambda / SCA disagreement between lines 26 and 34, with IAST nodejs.md line 35', () => {
    const finding = diagnostics.find(
      (d) => d.ruleId === 'consistency' && locations(d).includes(`${SCA}/nodejs.md:26`) && locations(d).includes(`${SCA}/nodejs.md:34`),
    );
    expect(finding).toBeDefined();
    expect(locations(finding!)).toContain(`${IAST}/nodejs.md:35`);
    expect(finding!.message).toMatch(/AWS Lambda.*Software Composition Analysis/);
    expect(code).toBe(1);
  });

  test('the Python Code Security minimum version disagreement between AAP python.md and IAST/SCA python.md', () => {
    const finding = diagnostics.find((d) => d.ruleId === 'consistency' && locations(d).includes(`${AAP}/python.md:17`));
    expect(finding).toBeDefined();
    expect(locations(finding!)).toEqual(expect.arrayContaining([`${IAST}/python.md:17`, `${SCA}/python.md:14`]));
    expect(finding!.message).toMatch(/2\.9\.3/);
    expect(finding!.message).toMatch(/>=2\.21\.0/);
  });

  test('the AAP python.md release branches (lines 43-44) disagree with the partial supported_versions.html by range overlap', () => {
    const partial = 'layouts/partials/trace_collection/python/supported_versions.html';
    for (const line of [43, 44]) {
      const finding = diagnostics.find((d) => d.ruleId === 'consistency' && d.file === `${AAP}/python.md` && d.line === line);
      expect(finding, `line ${line}`).toBeDefined();
      // `>=1.0,<2` and `<1` both overlap the partial's `<2` (End of Life).
      expect(finding!.related.map((r) => `${r.file}:${r.line}`)).toContain(`${partial}:28`);
      expect(finding!.message).toMatch(/End of Life/);
    }
  });

  test('no translation-drift for the Japanese SCA python.md, whose facts all agree with English', () => {
    const ja = diagnostics.filter((d) => d.file.startsWith('content/ja/security/'));
    expect(ja.filter((d) => d.ruleId === 'translation-drift')).toEqual([]);
  });

  test('every consistency and translation-drift finding is one that was reviewed as a true problem', () => {
    // Reviewed one by one (see the closing note of the facts issue): stale overview rows,
    // stale release branches and runtime ranges on the tracing page (against the AAP page and
    // the release-branch partial), and an old Japanese translation of the tracing page.
    const reviewed = diagnostics
      .filter((d) => d.ruleId === 'consistency' || d.ruleId === 'translation-drift')
      .map((d) => `${d.ruleId} ${d.file.replace(/^content\//, '')}:${d.line}`);
    expect(reviewed).toEqual([
      'consistency en/security/application_security/setup/compatibility/_index.md:23',
      'consistency en/security/application_security/setup/compatibility/_index.md:23',
      'consistency en/security/application_security/setup/compatibility/_index.md:23',
      'consistency en/security/application_security/setup/compatibility/python.md:17',
      'consistency en/security/application_security/setup/compatibility/python.md:43',
      'consistency en/security/application_security/setup/compatibility/python.md:44',
      'consistency en/security/code_security/software_composition_analysis/setup_runtime/compatibility/nodejs.md:34',
      'consistency en/tracing/trace_collection/compatibility/python.md:25',
      'consistency en/tracing/trace_collection/compatibility/python.md:26',
      'consistency en/tracing/trace_collection/compatibility/python.md:27',
      'consistency en/tracing/trace_collection/compatibility/python.md:34',
      'consistency en/tracing/trace_collection/compatibility/python.md:36',
      'consistency en/tracing/trace_collection/compatibility/python.md:38',
      'translation-drift ja/tracing/trace_collection/compatibility/python.md:23',
      'translation-drift ja/tracing/trace_collection/compatibility/python.md:25',
      'translation-drift ja/tracing/trace_collection/compatibility/python.md:26',
      'translation-drift ja/tracing/trace_collection/compatibility/python.md:30',
      'translation-drift ja/tracing/trace_collection/compatibility/python.md:32',
      'translation-drift ja/tracing/trace_collection/compatibility/python.md:33',
      'translation-drift ja/tracing/trace_collection/compatibility/python.md:34',
      'translation-drift ja/tracing/trace_collection/compatibility/python.md:44',
      'translation-drift ja/tracing/trace_collection/compatibility/python.md:57',
      'translation-drift ja/tracing/trace_collection/compatibility/python.md:70',
      'translation-drift ja/tracing/trace_collection/compatibility/python.md:75',
      'translation-drift ja/tracing/trace_collection/compatibility/python.md:100',
    ]);
  });

  test('extends: [datadog] in a config file gives the same findings as --preset datadog', async () => {
    const { tempTree } = await import('./helpers/cli.js');
    const fs = await import('node:fs');
    const dir = tempTree({ 'compatlint.config.yaml': 'extends: [datadog]\n' });
    // The layouts too: the pages include partials from them (rule partial-missing).
    for (const folder of ['content', 'layouts']) fs.cpSync(path.join(corpusRoot, 'datadog', folder), path.join(dir, folder), { recursive: true });
    const r = await cli(['check', '--format', 'json'], dir);
    expect(r.stderr).toBe('');
    const viaConfig: JsonDiagnostic[] = JSON.parse(r.stdout).diagnostics;
    expect(viaConfig.map((d) => `${d.ruleId} ${d.file}:${d.line}`)).toEqual(diagnostics.map((d) => `${d.ruleId} ${d.file}:${d.line}`));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
