import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, repoRoot } from './helpers/cli.js';

// docs/sites.md shows, for each fixture site it names, the fixture's config and what check
// prints there: both must be what they are.

const doc = readFileSync(path.join(repoRoot, 'docs/sites.md'), 'utf8');
const examples = doc
  .split(/^### /m)
  .slice(1)
  .map((section) => ({
    title: section.split('\n')[0] as string,
    fixture: /`fixtures\/sites\/([\w-]+)\/`/.exec(section)?.[1],
    yaml: /```yaml\n([\s\S]*?)```/.exec(section)?.[1],
    output: /```text\n([\s\S]*?)```/.exec(section)?.[1],
    exit: /exits (\d)/.exec(section)?.[1],
  }));

describe('docs/sites.md', () => {
  test('has a worked example per generator', () => {
    expect(examples.map((e) => e.title)).toEqual(['Hugo', 'MkDocs', 'Docusaurus', 'Docusaurus translations and versions', 'mdBook', 'Plain Markdown']);
  });

  test.each(examples.map((e) => [e.title, e] as const))('%s: the config and the output shown are the fixture\'s', async (_title, example) => {
    expect(example.fixture).toBeDefined();
    const dir = path.join(repoRoot, 'fixtures/sites', example.fixture as string);
    expect(example.yaml).toBe(readFileSync(path.join(dir, 'compatlint.config.yaml'), 'utf8'));
    const check = await cli(['check', '--threads', '1'], dir);
    expect(check.stderr).toBe('');
    expect(check.stdout).toBe(example.output);
    expect(String(check.code)).toBe(example.exit);
  });
});
