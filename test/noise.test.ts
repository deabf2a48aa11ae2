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
