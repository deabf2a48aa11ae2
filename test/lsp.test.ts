import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TextDocument, type TextEdit } from 'vscode-languageserver-textdocument';
import { LspClient, type Published } from '../bench/lsp-client.js';
import { binPath, tempTree } from './helpers/cli.js';

// The language server as an editor runs it: the built command, spoken to over its standard
// input and output by a JSON-RPC client (vscode-jsonrpc, which VS Code's client is built on).

const config = [
  'include: ["content/**/*.md"]',
  'site: { content: content, locales: [en], defaultLocale: en }',
  'vocabulary: { attribute: { min-version: ["Minimum version"] } }',
  'tables:',
  '  - { id: features, match: { keyHeader: [Feature] }, key: feature, columns: attribute, columnTypes: { "*": version } }',
  '',
].join('\n');

const pageA = [
  '# Page A', // 0
  '',
  '| Feature | Minimum version |', // 2
  '|---|---|',
  '| Tracing | 2.0 |', // 4
  '',
  'See [the guide][g] and [setup](/b/#setup).', // 6
  '',
  '{{< partial name="note.html" >}}', // 8
  '',
  '[g]: /b/', // 10
  '[unused]: https://example.com/', // 11
  '',
].join('\n');

const table = (version: string) => `| Feature | Minimum version |\n|---|---|\n| Tracing | ${version} |\n`;

const uriIn = (dir: string, file: string) => pathToFileURL(path.join(dir, file)).href;
const rules = (p: Published) => p.diagnostics.map((d) => d.code).sort();
const apply = (text: string, edits: TextEdit[]) => TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), edits);
const wholeRange = (text: string) => {
  const lines = text.split('\n');
  return { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: (lines[lines.length - 1] ?? '').length } };
};

interface Action {
  title: string;
  kind?: string;
  edit?: { changes: Record<string, TextEdit[]> };
}

describe('compatlint lsp, driven as an editor drives it', () => {
  const dir = tempTree({
    'compatlint.config.yaml': config,
    'content/en/a.md': pageA,
    'content/en/b.md': `# Page B\n\n## Setup\n\n${table('2.0')}`,
    'content/en/c.md': `# Page C\n\n${table('1.0')}`,
    'layouts/partials/note.html': '<p>A note.</p>\n',
  });
  const a = uriIn(dir, 'content/en/a.md');
  const b = uriIn(dir, 'content/en/b.md');
  const c = uriIn(dir, 'content/en/c.md');
  let client: LspClient;
  let text = pageA;
  let version = 1;

  /** Send the whole new text as one edit; the complete publication (the second) of the new version. */
  async function edit(next: string): Promise<{ pagePhase: Published; complete: Published }> {
    const from = client.published.length;
    const range = wholeRange(text);
    text = next;
    version++;
    await client.change(a, version, range, next);
    const pagePhase = await client.nthDiagnostics(a, from, 1, version);
    const complete = await client.nthDiagnostics(a, from, 2, version);
    return { pagePhase, complete };
  }

  beforeAll(async () => {
    client = LspClient.start(binPath, ['lsp', '--stdio'], dir);
    const init = await client.initialize(pathToFileURL(dir).href);
    expect(init.capabilities).toMatchObject({ hoverProvider: true, definitionProvider: true, codeActionProvider: expect.anything() });
  });

  afterAll(() => client.kill());

  test('on open: the findings of every rule, those that compare pages included, and on the page not open that the open one disagrees with', async () => {
    const from = client.published.length;
    await client.open(a, text);
    await client.progressEnded();
    const shown = await client.until(() => client.published.slice(from).filter((p) => p.uri === a && rules(p).includes('consistency')).at(-1), 'consistency on a.md');
    expect(rules(shown)).toEqual(['consistency', 'reference-unused']);
    expect(shown.version).toBe(1);
    const unused = shown.diagnostics.find((d) => d.code === 'reference-unused');
    expect(unused?.range.start.line).toBe(11);
    // c.md says 1.0 where a.md and b.md say 2.0: the finding is c.md's, and it names a.md.
    const onC = await client.until(() => client.published.slice(from).filter((p) => p.uri === c).at(-1), 'diagnostics on c.md');
    expect(onC.diagnostics.map((d) => d.code)).toEqual(['consistency']);
    expect(onC.diagnostics[0]?.message).toMatch(/`1\.0` here but `2\.0`/);
  });

  test('a change: page rules first, with the comparing rules carried over, then every rule on the new text', async () => {
    // a.md now says 1.0, with c.md: b.md is the odd one out.
    const { pagePhase, complete } = await edit(text.replace('| Tracing | 2.0 |', '| Tracing | 1.0 |'));
    expect(rules(pagePhase)).toEqual(['reference-unused']);
    expect(rules(complete)).toEqual(['consistency', 'reference-unused']);
    // Found on b.md, and moved onto the buffer it involves.
    expect(complete.diagnostics.find((d) => d.code === 'consistency')?.message).toMatch(/^`Tracing` \/ `Minimum version` is `1\.0` here; found at unchanged content\/en\/b\.md:7:13: .* is `2\.0` here but `1\.0`/);
    const onB = await client.until(() => client.published.filter((p) => p.uri === b).at(-1), 'diagnostics on b.md');
    expect(onB.diagnostics.map((d) => d.code)).toEqual(['consistency']);
    // c.md agrees with the buffer now: what was shown there is taken back.
    await client.until(() => (client.published.filter((p) => p.uri === c).at(-1)?.diagnostics.length === 0 ? true : undefined), 'c.md cleared');
    // A keystroke in another line keeps the comparing rules' finding where its line went.
    const { pagePhase: again } = await edit(`Intro.\n\n${text}`);
    expect(again.diagnostics.find((d) => d.code === 'consistency')?.range.start.line).toBe(6);
  });

  test('"disable" on a finding moved here from another page turns it off on that page', async () => {
    const line = text.split('\n').findIndex((l) => l.startsWith('| Tracing'));
    const actions = await client.request<Action[]>('textDocument/codeAction', {
      textDocument: { uri: a },
      range: { start: { line, character: 12 }, end: { line, character: 12 } },
      context: { diagnostics: [] },
    });
    const disable = actions.find((x) => x.title === 'Disable consistency for this table in content/en/b.md');
    expect(Object.keys(disable?.edit?.changes ?? {})).toEqual([b]);
    const onDisk = readFileSync(path.join(dir, 'content/en/b.md'), 'utf8');
    expect(apply(onDisk, disable?.edit?.changes[b] ?? [])).toBe(
      `# Page B\n\n## Setup\n\n<!-- compatlint-disable consistency -->\n${table('2.0')}<!-- compatlint-enable consistency -->\n`,
    );
  });

  test('hover on a table cell: the fact, its normalized value, and what every other place says', async () => {
    const line = text.split('\n').findIndex((l) => l.startsWith('| Tracing'));
    const hover = await client.request<{ contents: { kind: string; value: string } } | null>('textDocument/hover', {
      textDocument: { uri: a },
      position: { line, character: '| Tracing | 1'.length },
    });
    expect(hover?.contents.kind).toBe('markdown');
    const value = hover?.contents.value ?? '';
    expect(value).toContain('**`Tracing` / `Minimum version`** is `1.0`');
    expect(value).toContain('| attribute | min-version |');
    expect(value).toContain('| feature | tracing |');
    expect(value).toContain('Read as: version `1`, written `1.0`');
    expect(value).toMatch(/\[content\/en\/b\.md:7\]\(file:\/\/.*b\.md#L7\): `2\.0`; \*\*disagrees\*\*/);
    expect(value).toMatch(/\[content\/en\/c\.md:5\]\(file:\/\/.*c\.md#L5\): `1\.0`; agrees/);
    const none = await client.request('textDocument/hover', { textDocument: { uri: a }, position: { line: 0, character: 1 } });
    expect(none).toBeNull();
  });

  test('go to definition: a reference to its definition, a partial to its file, a link to the heading it names', async () => {
    const lines = text.split('\n');
    const at = (needle: string, offset = 1) => {
      const line = lines.findIndex((l) => l.includes(needle));
      return { line, character: (lines[line] as string).indexOf(needle) + offset };
    };
    const definition = (position: { line: number; character: number }) =>
      client.request<{ uri: string; range: { start: { line: number } } } | null>('textDocument/definition', { textDocument: { uri: a }, position });
    expect(await definition(at('[the guide][g]'))).toMatchObject({ uri: a, range: { start: { line: lines.indexOf('[g]: /b/') } } });
    expect(await definition(at('note.html'))).toMatchObject({ uri: uriIn(dir, 'layouts/partials/note.html') });
    expect(await definition(at('[setup]'))).toMatchObject({ uri: b, range: { start: { line: 2 } } });
    const links = await client.request<Array<{ target: string }>>('textDocument/documentLink', { textDocument: { uri: a } });
    expect(links.map((l) => l.target).sort()).toEqual([b, `${b}#L3`, uriIn(dir, 'layouts/partials/note.html')].sort());
  });

  test('pages created, changed and deleted on disk are read again when the editor reports them', async () => {
    const related = (p: Published) => (p.diagnostics.find((d) => d.code === 'consistency')?.relatedInformation ?? []).map((r) => (r as { location: { uri: string } }).location.uri);
    const changed = async (file: string, type: number) => {
      const from = client.published.length;
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriIn(dir, file), type }] });
      return client.nthDiagnostics(a, from, 1);
    };
    const d = uriIn(dir, 'content/en/d.md');
    writeFileSync(path.join(dir, 'content/en/d.md'), `# Page D\n\n${table('2.0')}`);
    expect(related(await changed('content/en/d.md', 1))).toContain(d);
    rmSync(path.join(dir, 'content/en/d.md'));
    expect(related(await changed('content/en/d.md', 3))).not.toContain(d);
    // b.md agrees with the buffer now: no finding is left.
    writeFileSync(path.join(dir, 'content/en/b.md'), `# Page B\n\n## Setup\n\n${table('1.0')}`);
    expect(rules(await changed('content/en/b.md', 2))).toEqual(['reference-unused']);
    writeFileSync(path.join(dir, 'content/en/b.md'), `# Page B\n\n## Setup\n\n${table('2.0')}`);
    expect(rules(await changed('content/en/b.md', 2))).toEqual(['consistency', 'reference-unused']);
  });

  test('code actions: a fix is the edit --fix makes, and applying it clears the finding', async () => {
    const line = text.split('\n').indexOf('[unused]: https://example.com/');
    const actions = await client.request<Action[]>('textDocument/codeAction', {
      textDocument: { uri: a },
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      context: { diagnostics: [] },
    });
    expect(actions.map((x) => x.title)).toEqual(['Fix this reference-unused problem', 'Disable reference-unused for this line', 'Fix all compatlint problems that have a fix']);
    const fixed = apply(text, actions[0]?.edit?.changes[a] ?? []);
    expect(fixed).toBe(text.replace('[unused]: https://example.com/\n', ''));
    const { complete } = await edit(fixed);
    expect(rules(complete)).toEqual(['consistency']);
  });

  test('code actions: "disable" on a table cell wraps the table, which stays a table', async () => {
    // A cell too many: a finding of a page rule on a row (a comment line there would end the table).
    const { complete: found } = await edit(text.replace('| Tracing | 1.0 |', '| Tracing | 1.0 | more |'));
    expect(rules(found)).toEqual(['consistency', 'table-column-count']);
    const line = text.split('\n').findIndex((l) => l.startsWith('| Tracing'));
    const actions = await client.request<Action[]>('textDocument/codeAction', {
      textDocument: { uri: a },
      range: { start: { line, character: 18 }, end: { line, character: 18 } },
      context: { diagnostics: [] },
    });
    const disable = actions.find((x) => x.title === 'Disable table-column-count for this table');
    const wrapped = apply(text, disable?.edit?.changes[a] ?? []);
    expect(wrapped).toContain(
      'Intro.\n\n# Page A\n\n<!-- compatlint-disable table-column-count -->\n| Feature | Minimum version |\n|---|---|\n| Tracing | 1.0 | more |\n<!-- compatlint-enable table-column-count -->\n',
    );
    const { complete } = await edit(wrapped);
    expect(rules(complete)).toEqual(['consistency']);
    // The table is still read as facts: hover still finds the cell.
    const row = text.split('\n').findIndex((l) => l.startsWith('| Tracing'));
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: a }, position: { line: row, character: 12 } });
    expect(hover?.contents.value).toContain('`Tracing` / `Minimum version`');
  });

  test('"disable for this line" goes above the line, with the page\'s line ending', async () => {
    const crlf = 'Intro.\r\n\r\nSee [the guide][nowhere].\r\n';
    const { complete } = await edit(crlf);
    expect(rules(complete)).toEqual(['reference-undefined']);
    const actions = await client.request<Action[]>('textDocument/codeAction', {
      textDocument: { uri: a },
      range: complete.diagnostics[0]?.range,
      context: { diagnostics: [] },
    });
    const disable = actions.find((x) => x.title === 'Disable reference-undefined for this line');
    expect(apply(text, disable?.edit?.changes[a] ?? [])).toBe('Intro.\r\n\r\n<!-- compatlint-disable-next-line reference-undefined -->\r\nSee [the guide][nowhere].\r\n');
  });

  test('shutdown and exit: the server ends cleanly', async () => {
    expect(await client.shutdown()).toBe(0);
    expect(client.stderr).toBe('');
  });
});

describe('compatlint lsp with a bad config', () => {
  const how = {
    watched: 'the editor reports the changed file',
    saved: 'the config is saved in the editor',
    unwatched: 'an editor that watches no files: the server watches the config',
  };
  for (const [mode, title] of Object.entries(how)) {
    test(`one diagnostic on the config file, no crash; fixing the config brings the pages back (${title})`, async () => {
      const dir = tempTree({
        'compatlint.config.yaml': 'rules:\n  no-such-rule: error\n',
        'docs/a.md': '# A\n\n[unused]: https://example.com/\n',
      });
      const configUri = uriIn(dir, 'compatlint.config.yaml');
      const page = uriIn(dir, 'docs/a.md');
      const client = LspClient.start(binPath, ['lsp'], dir);
      try {
        await client.initialize(pathToFileURL(dir).href, { watchFiles: mode !== 'unwatched' });
        await client.open(page, readFileSync(path.join(dir, 'docs/a.md'), 'utf8'));
        await client.progressEnded();
        const onConfig = client.published.filter((p) => p.uri === configUri);
        expect(onConfig).toHaveLength(1);
        expect(onConfig[0]?.diagnostics).toHaveLength(1);
        expect(onConfig[0]?.diagnostics[0]).toMatchObject({ severity: 1, source: 'compatlint', range: { start: { line: 0, character: 0 } } });
        expect(onConfig[0]?.diagnostics[0]?.message).toMatch(/no-such-rule: unknown rule/);
        expect(client.published.filter((p) => p.uri === page && p.diagnostics.length > 0)).toEqual([]);
        // Still answering.
        expect(await client.request('textDocument/hover', { textDocument: { uri: page }, position: { line: 0, character: 0 } })).toBeNull();

        writeFileSync(path.join(dir, 'compatlint.config.yaml'), 'rules:\n  reference-unused: error\n');
        if (mode === 'watched') await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
        if (mode === 'saved') {
          await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: configUri, languageId: 'yaml', version: 1, text: 'rules:\n  reference-unused: error\n' } });
          await client.notify('textDocument/didSave', { textDocument: { uri: configUri } });
        }
        await client.progressEnded(2);
        const cleared = await client.until(() => client.published.filter((p) => p.uri === configUri).at(-1)?.diagnostics.length === 0 || undefined, 'the config diagnostic cleared');
        expect(cleared).toBe(true);
        const shown = await client.until(() => client.published.filter((p) => p.uri === page && p.diagnostics.length > 0).at(-1), 'findings on the page');
        expect(shown.diagnostics.map((d) => [d.code, d.severity])).toEqual([['reference-unused', 1]]);
        expect(await client.shutdown()).toBe(0);
      } finally {
        client.kill();
      }
    });
  }
});
