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

// The second real tree: tracing pages in en, ja, fr, es, ko whose tables have translated key
// headers, added and removed rows, and tables another kind (or none) recognizes. Its README lists
// the problems found by reading; the items named here are those tables state.
describe.skipIf(!hasCorpus)('datadog preset on ../shared/corpus/datadog-more', () => {
  const TC = 'tracing/trace_collection/compatibility';
  let drift: JsonDiagnostic[] = [];
  let all: JsonDiagnostic[] = [];
  beforeAll(async () => {
    const r = await cli(['check', '--preset', 'datadog', '--format', 'json'], path.join(corpusRoot, 'datadog-more'));
    all = JSON.parse(r.stdout).diagnostics;
    drift = all.filter((d) => d.ruleId === 'translation-drift');
  });
  const at = (file: string, line: number) => drift.filter((d) => d.file === `content/${file}` && d.line === line).map((d) => d.message);

  test('item 19: the .NET Core 3.1 end-of-life date differs in ja and es (a date, not a translation)', () => {
    for (const locale of ['ja', 'es']) expect(at(`${locale}/${TC}/dotnet-core.md`, 38).join('\n')).toMatch(/`12\/13\/2022` here but `12\/03\/2022`/);
  });

  test('trap F: the French dates written day first are the same dates', () => {
    expect(drift.filter((d) => d.file === `content/fr/${TC}/dotnet-framework.md` && /\/20\d\d/.test(d.message))).toEqual([]);
  });

  test('item 20: the rows the Japanese .NET Framework integrations table lacks, and the 4.8.1 runtime row', () => {
    const ja = drift.filter((d) => d.file === `content/ja/${TC}/dotnet-framework.md`).map((d) => d.message).join('\n');
    for (const row of ['.NET Remoting', 'Amazon Kinesis', 'Amazon SNS', 'IBM MQ', '4.8.1']) expect(ja).toContain(`\`${row}\``);
    expect(drift.some((d) => d.file === `content/fr/${TC}/dotnet-framework.md` && d.message.includes('`4.8.1`'))).toBe(true);
  });

  test('items 17 and 20: a different integration name and NuGet package, in code, on the same row', () => {
    expect(at(`ja/${TC}/dotnet-framework.md`, 85).join('\n')).toMatch(/`WebClient \/ WebRequest` here but `SqlClient`/);
    expect(at(`ja/${TC}/dotnet-framework.md`, 67).join('\n')).toMatch(/Microsoft\.Azure\.Cosmos\.Client/);
    expect(at(`fr/${TC}/dotnet-framework.md`, 70).join('\n')).toMatch(/Microsoft\.Azure\.Cosmos\.Client/);
  });

  test('item 16: the rows the French Go page lacks', () => {
    const fr = drift.filter((d) => d.file === `content/fr/${TC}/go.md`).map((d) => d.message).join('\n');
    for (const row of ['gRPC v1.2', 'echo v3', 'Gorm']) expect(fr).toContain(`\`${row}\``);
  });

  test('a runtime table whose key header is translated pairs with its source: no missing table, no extra one', () => {
    for (const locale of ['ja', 'es']) {
      const page = drift.filter((d) => d.file === `content/${locale}/${TC}/dotnet-core.md`);
      expect(page.filter((d) => /release-branches|runtime-versions/.test(d.message))).toEqual([]);
      expect(page.some((d) => d.message.includes('Unexpected row `.NET 8`'))).toBe(true);
    }
  });

  test('rows are never paired by position alone: the removed Guzzle 6.x row is missing, not compared with the next one', () => {
    for (const locale of ['ja', 'es']) {
      const page = drift.filter((d) => d.file === `content/${locale}/${TC}/php.md`);
      expect(page.some((d) => d.message.includes('missing row `Guzzle (6.x)`'))).toBe(true);
      expect(page.filter((d) => d.message.startsWith('`Cola de Laravel`') || d.message.startsWith('`Amqp`'))).toEqual([]);
    }
  });

  test('the tracing runtime, architecture and integration tables of every language page are recognized', () => {
    const unrecognized = all.filter((d) => d.ruleId === 'table-unrecognized').map((d) => d.message);
    expect(unrecognized.filter((m) => /Processor architectures|Framework or library|`Framework`|`Library`|`Module`|PHP Version|SAPI/.test(m))).toEqual([]);
  });
});
