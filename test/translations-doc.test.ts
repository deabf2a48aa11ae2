import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, repoRoot } from './helpers/cli.js';
import { commit, gitAt, writeFiles } from './helpers/translations.js';

// docs/translations.md's worked example is built here from the page's own blocks, with the
// history its table gives, and its outputs must be what the commands print.
const doc = readFileSync(path.join(repoRoot, 'docs/translations.md'), 'utf8');
const example = doc.slice(doc.indexOf('## Worked example'), doc.indexOf('## In CI'));
const blocks = [...example.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1] as string, text: m[2] as string }));

describe('docs/translations.md worked example', () => {
  test('has its config, three pages and two outputs', () => {
    expect(blocks.map((b) => b.lang)).toEqual(['yaml', 'markdown', 'markdown', 'markdown', 'text', 'text']);
  });

  test('the pages and history it shows give the outputs it shows', async () => {
    const [config, enBase, ja, enNow, checkOutput, i18nOutput] = blocks.map((b) => b.text) as [string, string, string, string, string, string];
    const dir = mkdtempSync(path.join(tmpdir(), 'compatlint-doc-'));
    gitAt(dir, null, 'init', '-q', '-b', 'main');
    const en = 'content/en/agent/python.md';
    writeFiles(dir, { 'compatlint.config.yaml': config, [en]: enBase });
    const a = commit(dir, '2024-01-10T10:00:00Z', 'Python compatibility');
    // The page pins the commit the table names; the commit must be that one.
    expect(ja).toContain(`default_lang_commit: ${a}\n`);
    writeFiles(dir, { 'content/ja/agent/python.md': ja });
    commit(dir, '2024-01-12T10:00:00Z', 'Japanese translation');
    writeFiles(dir, { [en]: enNow.replace(/^\| Kubernetes .*\n/m, '') });
    const b = commit(dir, '2024-02-01T10:00:00Z', 'Tracing needs 1.6.0');
    writeFiles(dir, { [en]: enNow });
    const c = commit(dir, '2024-03-01T10:00:00Z', 'Kubernetes');
    for (const id of [a, b, c]) expect(example).toContain(`| \`${id.slice(0, 7)}\` |`);
    expect(await cli(['check'], dir)).toMatchObject({ code: 0, stdout: checkOutput, stderr: '' });
    expect(await cli(['i18n'], dir)).toMatchObject({ code: 0, stdout: i18nOutput, stderr: '' });
    const diff = await cli(['diff', '--base', a, en], dir);
    expect(diff.stdout).toContain('version raised   Tracing / Minimum Python agent version: 1.5.0 → 1.6.0');
    expect(diff.stdout).toContain('row added        Kubernetes');
  });
});
