import { describe, expect, test } from 'vitest';
import { pageFromBytes } from '../src/load/page.js';
import { extractPage } from '../src/model/extract.js';
import type { Span } from '../src/model/types.js';

const at = (s: Span) => `${s.line}:${s.column}-${s.endLine}:${s.endColumn}`;

describe('tables', () => {
  const page = extractPage(
    [
      '# Compatibility',
      '',
      '## Deployment',
      '',
      'Supported deployment types:',
      '',
      '| Type       | Threat Detection | Code Security              |',
      '|:-----------|:----------------:|---------------------------:|',
      '| Docker     | {{< X >}}        | Preview (`>=2.21.0`)       |',
      '| AWS Lambda |                  | <i class="icon-check-bold"></i> |',
      '| **Fargate**| ✅ Yes           | [link](https://x.example)  |',
    ].join('\n'),
  );
  const table = page.tables[0]!;

  test('records section path, caption, alignment and header', () => {
    expect(page.tables).toHaveLength(1);
    expect(table.section).toEqual(['Compatibility', 'Deployment']);
    expect(table.caption).toBe('Supported deployment types:');
    expect(table.align).toEqual(['left', 'center', 'right']);
    expect(table.header.map((c) => c.text)).toEqual(['Type', 'Threat Detection', 'Code Security']);
    expect(at(table.span)).toBe('7:1-11:62');
  });

  test('keeps raw source, plain text and a normalized value for every cell', () => {
    const [docker, lambda, fargate] = table.rows;
    expect(docker!.cells.map((c) => c.raw)).toEqual(['Docker', '{{< X >}}', 'Preview (`>=2.21.0`)']);
    expect(docker!.cells[2]!.text).toBe('Preview (>=2.21.0)');
    expect(docker!.cells[1]!.value).toEqual({ kind: 'supported' });
    expect(docker!.cells[2]!.value).toMatchObject({ kind: 'preview', version: { canonical: '>=2.21' } });
    expect(lambda!.cells[1]!.raw).toBe('');
    expect(lambda!.cells[1]!.value).toEqual({ kind: 'unsupported', empty: true });
    expect(lambda!.cells[2]!.value).toEqual({ kind: 'supported' });
    expect(fargate!.cells[0]!.raw).toBe('**Fargate**');
    expect(fargate!.cells[0]!.text).toBe('Fargate');
    expect(fargate!.cells[1]!.value).toEqual({ kind: 'text', text: '✅ Yes' });
    expect(fargate!.cells[2]!.text).toBe('link');
  });

  test('cell spans cover the content between the pipes (1-based, end exclusive)', () => {
    const docker = table.rows[0]!;
    expect(at(docker.cells[0]!.span)).toBe('9:3-9:9');
    expect(at(docker.cells[1]!.span)).toBe('9:16-9:25');
    expect(at(docker.cells[2]!.span)).toBe('9:35-9:55');
    // An empty cell points at the space between its pipes.
    expect(at(table.rows[1]!.cells[1]!.span)).toBe('10:15-10:33');
  });

  test('finds shortcodes inside table cells', () => {
    const inCells = page.shortcodes.filter((s) => s.inTable);
    expect(inCells).toHaveLength(1);
    expect(inCells[0]).toMatchObject({ name: 'X', delimiter: '<', closing: false });
    expect(at(inCells[0]!.span)).toBe('9:16-9:25');
  });

  test('rows keep extra and missing cells as written', () => {
    const p = extractPage('| a | b |\n|---|---|\n| 1 | 2 | 3 |\n| x |\n');
    expect(p.tables[0]!.rows.map((r) => r.cells.length)).toEqual([3, 1]);
  });
});

describe('table lines', () => {
  test('the last cell stops at the closing pipe even with spaces after it', () => {
    const table = extractPage('| a | b |  \n|---|:-:|\n| `x\\|y` | 中文 |\t\n').tables[0]!;
    expect(table.header.map((c) => c.raw)).toEqual(['a', 'b']);
    expect(table.rows[0]!.cells.map((c) => c.raw)).toEqual(['`x\\|y`', '中文']);
  });

  test('each line of a table, without the container prefix and trailing spaces', () => {
    const text = ['> | a | b |  ', '>  |---|:-:|', '> | 1 | 2 |', '', '- item', '', '  a | b', '  -- | --', '  1 | 2', ''].join('\r\n');
    const [quoted, listed] = extractPage(text).tables;
    expect(quoted!.lines.map((l) => [l.text, at(l.span)])).toEqual([
      ['| a | b |', '1:3-1:12'],
      ['|---|:-:|', '2:4-2:13'],
      ['| 1 | 2 |', '3:3-3:12'],
    ]);
    expect(listed!.lines.map((l) => l.text)).toEqual(['a | b', '-- | --', '1 | 2']);
    for (const l of listed!.lines) expect(text.slice(l.span.offset, l.span.endOffset)).toBe(l.text);
  });
});

describe('line endings, BOM and tabs', () => {
  const lines = ['# Title', '', '| A\t| B |', '|---|---|', '| x\t| {{< X >}} |', '', '[1]: /a'];

  test('CRLF gives the same lines and columns as LF', () => {
    const lf = extractPage(lines.join('\n'));
    const crlf = extractPage(lines.join('\r\n'));
    expect(crlf.lineEnding).toBe('crlf');
    expect(lf.lineEnding).toBe('lf');
    const cells = (p: typeof lf) => p.tables[0]!.rows[0]!.cells.map((c) => at(c.span));
    expect(cells(crlf)).toEqual(cells(lf));
    expect(at(crlf.definitions[0]!.span)).toBe('7:1-7:8');
    expect(crlf.tables[0]!.rows[0]!.cells[1]!.value).toEqual({ kind: 'supported' });
  });

  test('a UTF-8 BOM is removed and does not shift columns', () => {
    const text = lines.join('\n');
    const withBom = pageFromBytes('a.md', Buffer.from(`\uFEFF${text}`, 'utf8'));
    const without = pageFromBytes('a.md', Buffer.from(text, 'utf8'));
    expect(withBom.bom).toBe(true);
    expect(without.bom).toBe(false);
    expect(at(withBom.headings[0]!.span)).toBe('1:1-1:8');
    expect(withBom.tables).toEqual(without.tables);
  });

  test('a tab counts as one column', () => {
    const p = extractPage(lines.join('\n'));
    // `| x\t| {{< X >}} |`: the shortcode starts after `| x`, a tab and `| ` (column 7).
    expect(at(p.tables[0]!.rows[0]!.cells[1]!.span)).toBe('5:7-5:16');
  });

  test('lone CR line endings count as lines', () => {
    const p = extractPage('# A\r\rtext [x][y]\r\r[y]: /u\r');
    expect(p.lineEnding).toBe('cr');
    expect(p.definitions[0]!.span.line).toBe(5);
    expect(p.references[0]!.span.line).toBe(3);
  });
});

describe('front matter', () => {
  test('parses YAML with the position of each key', () => {
    const p = extractPage('---\ntitle: Python\ncode_lang: python\n---\n\n# Body\n');
    expect(p.frontMatter?.data).toEqual({ title: 'Python', code_lang: 'python' });
    expect(at(p.frontMatter!.keys.code_lang!)).toBe('3:1-3:18');
    expect(at(p.frontMatter!.span)).toBe('1:1-4:4');
    expect(p.problems).toEqual([]);
  });

  test('an error is a frontmatter-invalid problem at its page line', () => {
    const p = extractPage('---\ntitle: a\nlist: [x\nmore: y\n---\n');
    expect(p.frontMatter?.data).toBeNull();
    expect(p.problems).toHaveLength(1);
    expect(p.problems[0]).toMatchObject({ ruleId: 'frontmatter-invalid', messageId: 'yaml' });
    expect(p.problems[0]!.span.line).toBeGreaterThanOrEqual(3);
  });

  test('CRLF front matter keeps key lines', () => {
    const p = extractPage('---\r\ntitle: Python\r\ntype: x\r\n---\r\n');
    expect(p.frontMatter?.keys.type?.line).toBe(3);
  });

  test('TOML: data and the position of each top-level key, values over several lines and comments aside', () => {
    const text = [
      '+++',
      'title = "Python # not a comment"',
      'aliases = [',
      '  "/a/",',
      ']',
      "'quoted key' = 1 # a comment",
      'body = """',
      'fake = 2',
      '"""',
      'drifted = false',
      'date = 2024-05-01',
      '[params]',
      'nested = true',
      '+++',
      '',
    ].join('\r\n');
    const p = extractPage(text);
    expect(p.problems).toEqual([]);
    expect(p.frontMatter).toMatchObject({
      format: 'toml',
      data: { title: 'Python # not a comment', aliases: ['/a/'], 'quoted key': 1, body: 'fake = 2\r\n', drifted: false, date: '2024-05-01', params: { nested: true } },
    });
    const keys = Object.fromEntries(Object.entries(p.frontMatter!.keys).map(([k, s]) => [k, at(s)]));
    expect(keys).toEqual({ title: '2:1-2:33', aliases: '3:1-3:12', 'quoted key': '6:1-6:17', body: '7:1-7:11', drifted: '10:1-10:16', date: '11:1-11:18' });
  });

  test('invalid TOML is a frontmatter-invalid problem at the line the parser gave up on', () => {
    const p = extractPage('+++\ntitle = "a"\nlist = [x\n+++\n');
    expect(p.frontMatter?.data).toBeNull();
    expect(p.problems).toMatchObject([{ ruleId: 'frontmatter-invalid', messageId: 'toml', span: { line: 3 } }]);
  });
});

describe('headings and anchors', () => {
  test('anchors follow Hugo: lowercased, punctuation dropped, repeats numbered, explicit ids kept', () => {
    const p = extractPage(
      '# Node.js Version Support\n## Node.js Version Support\n## App & API (Protection)\n### Custom {#my-id}\n## サポートされるデプロイメントタイプ\n',
    );
    expect(p.headings.map((h) => h.anchor)).toEqual([
      'nodejs-version-support',
      'nodejs-version-support-1',
      'app--api-protection',
      'my-id',
      'サポートされるデプロイメントタイプ',
    ]);
    expect(p.headings[3]).toMatchObject({ text: 'Custom', explicitId: true, depth: 3 });
  });

  test('attribute lists after a heading: an id in any of their forms, and lists without one left out of the anchor', () => {
    const p = extractPage('## `build`, `skip` {: #build-skip toml env-var }\n## Linux {: #linux}\n## Wide {.wide #w key="a b"}\n## Android {: android}\n## Styled {.note}\n## Set {a}\n');
    expect(p.headings.map((h) => [h.text, h.anchor, h.explicitId])).toEqual([
      ['build, skip', 'build-skip', true],
      ['Linux', 'linux', true],
      ['Wide', 'w', true],
      ['Android', 'android', false],
      ['Styled', 'styled', false],
      ['Set {a}', 'set-a', false],
    ]);
  });
});

describe('links and references', () => {
  const page = extractPage(
    [
      'A [full][One], a [collapsed][], a [shortcut] and ![img][pic].',
      'An [inline](/a/b/#frag "T") link and ![alt](/img.png).',
      'Broken: [text][missing], [gone][], [spaced] [one], [pad][one ].',
      '`[code][x]` is not a reference.',
      '',
      '[one]: /one/',
      '[collapsed]: /c/',
      '[shortcut]: /s/',
      '[pic]: /pic.png "Title"',
    ].join('\n'),
  );

  test('definitions, with labels normalized as CommonMark matches them', () => {
    expect(page.definitions.map((d) => [d.label, d.identifier, d.url])).toEqual([
      ['one', 'ONE', '/one/'],
      ['collapsed', 'COLLAPSED', '/c/'],
      ['shortcut', 'SHORTCUT', '/s/'],
      ['pic', 'PIC', '/pic.png'],
    ]);
    expect(page.definitions[3]!.title).toBe('Title');
  });

  test('reference uses of every kind, with the label span', () => {
    const refs = page.references.map((r) => [r.kind, r.referenceType, r.label, at(r.labelSpan)]);
    expect(refs).toContainEqual(['link', 'full', 'One', '1:9-1:14']);
    expect(refs).toContainEqual(['link', 'collapsed', 'collapsed', '1:18-1:29']);
    expect(refs).toContainEqual(['link', 'shortcut', 'shortcut', '1:35-1:45']);
    expect(refs).toContainEqual(['image', 'full', 'pic', '1:56-1:61']);
    const padded = page.references.find((r) => r.rawLabel === 'one ');
    expect(padded?.identifier).toBe('ONE');
  });

  test('inline links and images', () => {
    expect(page.links.find((l) => l.url === '/a/b/#frag')).toMatchObject({ title: 'T', text: 'inline' });
    expect(page.images.find((i) => i.url === '/img.png')).toMatchObject({ alt: 'alt' });
  });

  test('text that was meant as a reference', () => {
    const c = page.referenceCandidates.map((x) => [x.shape, x.label, at(x.span)]);
    expect(c).toContainEqual(['full', 'missing', '3:15-3:24']);
    expect(c).toContainEqual(['collapsed', 'gone', '3:26-3:34']);
    expect(c).toContainEqual(['spaced', 'one', '3:43-3:50']);
    expect(c.some(([, label]) => label === 'x')).toBe(false);
  });
});

describe('shortcodes, HTML and control comments', () => {
  const page = extractPage(
    [
      '{{< partial name="trace_collection/python/supported_versions.html" >}}',
      '{{% tab "Linux" %}}text{{% /tab %}}',
      '{{< tooltip text="N/A" tooltip="Blocking not yet available" >}}',
      '```',
      '{{< X >}} in a code block is not a shortcode',
      '```',
      '{{</* X */>}} is an escaped shortcode',
      '',
      '<!-- compatlint-disable reference-unused table-column-count -- on purpose -->',
      '<div class="alert">Hi <!-- compatlint-disable-line --></div>',
      '',
      'Text <!-- compatlint-disable-next-line parse-error --> inline.',
    ].join('\n'),
  );

  test('names, delimiters, params, closing tags', () => {
    expect(page.shortcodes.map((s) => [s.name, s.delimiter, s.closing])).toEqual([
      ['partial', '<', false],
      ['tab', '%', false],
      ['tab', '%', true],
      ['tooltip', '<', false],
    ]);
    expect(page.shortcodes[0]!.named).toEqual({ name: 'trace_collection/python/supported_versions.html' });
    expect(page.shortcodes[1]!.positional).toEqual(['Linux']);
    expect(page.shortcodes[3]!.named).toEqual({ text: 'N/A', tooltip: 'Blocking not yet available' });
  });

  test('HTML blocks and inline HTML', () => {
    expect(page.html.filter((h) => h.block).length).toBeGreaterThanOrEqual(2);
    expect(page.html.some((h) => !h.block && h.value.includes('disable-next-line'))).toBe(true);
  });

  test('control comments with rules, reasons and positions', () => {
    expect(page.comments.map((c) => [c.directive, c.rules, c.span.line])).toEqual([
      ['disable', ['reference-unused', 'table-column-count'], 9],
      ['disable-line', [], 10],
      ['disable-next-line', ['parse-error'], 12],
    ]);
  });
});

describe('robustness', () => {
  test('deep nesting does not overflow the stack', () => {
    const deep = `${'> '.repeat(5000)}x\n`;
    expect(() => extractPage(deep)).not.toThrow();
  });

  test('the model is plain JSON', () => {
    const p = pageFromBytes('a.md', Buffer.from('---\ntitle: x\n---\n| a |\n|---|\n| 1.5 |\n[x]: /y\n'));
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });
});

describe('HTML links in Markdown pages', () => {
  const page = (text: string) => pageFromBytes('a.md', Buffer.from(text));
  const at = (text: string, s: Span) => text.slice(s.offset, s.endOffset);

  test('<a href> and <img src> are links and images, at the tag', () => {
    const text = [
      'See <a href="/tracing/setup/#install" title="Setup">the setup</a> and <a name="x">.',
      '',
      '<div><img alt="Logo" src=\'/images/logo.png\'></div>',
      '',
      "> Quoted: <a href='/quoted/path'>here</a>",
      '',
      '| Feature | Docs |',
      '|---|---|',
      '| Tracing | <a href="/tracing/?a=1&amp;b=2">docs</a> |',
      '',
    ].join('\n');
    const p = page(text);
    expect(p.links.map((l) => [l.url, l.title, at(text, l.span)])).toEqual([
      ['/tracing/setup/#install', 'Setup', '<a href="/tracing/setup/#install" title="Setup">'],
      ['/quoted/path', null, "<a href='/quoted/path'>"],
      ['/tracing/?a=1&b=2', null, '<a href="/tracing/?a=1&amp;b=2">'],
    ]);
    expect(p.images.map((i) => [i.url, i.alt, at(text, i.span)])).toEqual([['/images/logo.png', 'Logo', "<img alt=\"Logo\" src='/images/logo.png'>"]]);
  });

  test('HTML in code is not a link', () => {
    expect(page('`<a href="/x">` and\n\n```html\n<a href="/y">\n```\n').links).toEqual([]);
  });
});
