import { describe, expect, test } from 'vitest';
import { cli, tempTree } from './helpers/cli.js';

// Table shapes the datadog preset recognizes beyond the ones its real corpus tests cover.

const DIR = 'content/en/security/application_security/setup/compatibility';

describe('datadog preset', () => {
  test('a table of languages under a deployment heading states the same facts as a deployment table', async () => {
    const tree = tempTree({
      [`${DIR}/serverless.md`]: [
        '---',
        'title: Serverless compatibility',
        '---',
        '',
        '## AWS Lambda',
        '',
        '| Type    | Threat Detection | Threat Protection |',
        '|---------|------------------|-------------------|',
        '| Python  | {{< X >}}        | {{< X >}}         |',
        '| Node.js | {{< X >}}        |                   |',
        '',
      ].join('\n'),
      [`${DIR}/python.md`]: [
        '---',
        'title: Python compatibility',
        'code_lang: python',
        '---',
        '',
        '| Type       | Threat Detection | Threat Protection |',
        '|------------|------------------|-------------------|',
        '| Docker     | {{< X >}}        | {{< X >}}         |',
        '| AWS Lambda | {{< X >}}        |                   |',
        '',
      ].join('\n'),
    });
    const r = await cli(['check', '--preset', 'datadog', '--format', 'json'], tree);
    const found = (JSON.parse(r.stdout) as { diagnostics: Array<{ ruleId: string; file: string; line: number; related: Array<{ file: string; line: number }> }> }).diagnostics;
    expect(found.filter((d) => d.ruleId === 'table-unrecognized')).toEqual([]);
    const consistency = found.filter((d) => d.ruleId === 'consistency');
    expect(consistency).toHaveLength(1);
    const places = [consistency[0]!, ...consistency[0]!.related].map((p) => `${p.file}:${p.line}`).sort();
    expect(places).toEqual([`${DIR}/python.md:9`, `${DIR}/serverless.md:9`]);
  });

  test('a table of languages under a heading that names no deployment is not read as one', async () => {
    const tree = tempTree({
      [`${DIR}/overview.md`]: '---\ntitle: Overview\n---\n\n## Languages\n\n| Type   | Threat Detection |\n|--------|------------------|\n| Python | {{< X >}}        |\n',
    });
    const r = await cli(['check', '--preset', 'datadog', '--format', 'json'], tree);
    const found = (JSON.parse(r.stdout) as { diagnostics: Array<{ ruleId: string; line: number }> }).diagnostics;
    expect(found.filter((d) => d.ruleId === 'table-unrecognized').map((d) => d.line)).toEqual([7]);
  });
});
