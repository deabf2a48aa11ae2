import { describe, expect, test } from 'vitest';
import { cli, tempTree } from './helpers/cli.js';

// One problem, one finding: a target missing from many lines is reported once per page, and a
// line whose problem another finding already explains gets no second finding.

const site = {
  'compatlint.config.yaml': 'include: ["content/**/*.md"]\n',
  'content/en/setup.md': [
    '# Setup',
    '',
    'See [the guide][guide] and [the guide again](/missing/guide/), then [once more](/missing/guide/).',
    '',
    '![Wizard](/images/wizard.png) ![Wizard](/images/wizard.png)',
    '',
    '[guide]: /missing/guide/',
    '[old]: /missing/old-page/',
    '',
  ].join('\n'),
};

type Finding = { ruleId: string; line: number; related: Array<{ line: number }> };

async function findings(config = site['compatlint.config.yaml']): Promise<Finding[]> {
  const r = await cli(['check', '--format', 'json'], tempTree({ ...site, 'compatlint.config.yaml': config }));
  return (JSON.parse(r.stdout) as { diagnostics: Finding[] }).diagnostics;
}

describe('noise', () => {
  test('a missing target is one finding per page, every other place a related location', async () => {
    const all = await findings();
    const pages = all.filter((d) => d.ruleId === 'link-page-missing');
    expect(pages.map((d) => [d.line, d.related.map((r) => r.line)])).toEqual([[3, [3, 7]]]);
    const images = all.filter((d) => d.ruleId === 'image-missing');
    expect(images.map((d) => [d.line, d.related.length])).toEqual([[5, 1]]);
  });

  test('a definition nothing uses is reference-unused only, unless that rule is off', async () => {
    const on = await findings();
    expect(on.filter((d) => d.line === 8).map((d) => d.ruleId)).toEqual(['reference-unused']);
    const off = await findings(`${site['compatlint.config.yaml']}rules: { reference-unused: "off" }\n`);
    expect(off.filter((d) => d.line === 8).map((d) => d.ruleId)).toEqual(['link-page-missing']);
    // Off for this page only, through an override: the broken target is still reported.
    const overridden = await findings(`${site['compatlint.config.yaml']}overrides:\n  - files: ["content/en/setup.md"]\n    rules: { reference-unused: "off" }\n`);
    expect(overridden.filter((d) => d.line === 8).map((d) => d.ruleId)).toEqual(['link-page-missing']);
  });
});

describe('a finding another rule explains', () => {
  const tree = {
    'compatlint.config.yaml': [
      'include: ["content/**/*.md"]',
      'site: { content: content, locales: [en, ja], defaultLocale: en }',
      'translation: { frontMatterKeys: [type, code_lang] }',
      'overrides:',
      '  - files: ["content/**/*.md"]',
      '    frontMatter: { schema: page.schema.json }',
      '',
    ].join('\n'),
    'page.schema.json': JSON.stringify({ type: 'object', properties: { type: { enum: ['multi-code-lang', 'documentation'] } } }),
    'content/en/python.md': '---\ntype: multi-code-lang\ncode_lang: python\n---\n\n# Python\n',
    'content/ja/python.md': '---\ntype: マルチコード言語\ncode_lang: パイソン\n---\n\n# Python\n',
  };

  async function ruleIdsByLine(config: string): Promise<Array<[number, string]>> {
    const r = await cli(['check', '--format', 'json'], tempTree({ ...tree, 'compatlint.config.yaml': config }));
    const all = (JSON.parse(r.stdout) as { diagnostics: Array<Finding & { file: string }> }).diagnostics;
    return all.filter((d) => d.file === 'content/ja/python.md').map((d) => [d.line, d.ruleId]);
  }

  test('a translated front matter value the schema rejects is the schema finding only', async () => {
    // Line 2: the schema names the allowed values, translation-drift would repeat it. Line 3:
    // only translation-drift knows `code_lang` must not be translated.
    expect(await ruleIdsByLine(tree['compatlint.config.yaml'])).toEqual([
      [2, 'frontmatter-schema'],
      [3, 'translation-drift'],
    ]);
  });

  test('with the schema rule off, translation-drift reports the line', async () => {
    const off = `${tree['compatlint.config.yaml']}rules: { frontmatter-schema: "off" }\n`;
    expect(await ruleIdsByLine(off)).toEqual([
      [2, 'translation-drift'],
      [3, 'translation-drift'],
    ]);
  });
});
