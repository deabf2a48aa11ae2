import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadPage } from '../src/load/page.js';
import { MAX_NESTING_DEPTH } from '../src/parse/nesting.js';
import { cli, spawnCli, tempTree } from './helpers/cli.js';
import { git } from './helpers/git.js';

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  message: string;
}

async function diagnosticsOf(files: Record<string, string | Uint8Array>, args: string[] = []): Promise<JsonDiagnostic[]> {
  const dir = tempTree(files);
  const r = await cli(['check', '-f', 'json', ...args], dir);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout).diagnostics;
}

describe('bad input becomes a diagnostic with a position, never a crash', () => {
  test('a binary file named .md', async () => {
    const d = await diagnosticsOf({ 'x.md': Buffer.from([0x23, 0x20, 0x41, 0x0a, 0x00, 0xff, 0x10]) });
    expect(d).toEqual([
      expect.objectContaining({ file: 'x.md', line: 2, ruleId: 'parse-error', message: expect.stringContaining('binary content') }),
    ]);
  });

  test('invalid UTF-8 is reported at the line and column of the first bad byte', async () => {
    const d = await diagnosticsOf({ 'x.md': Buffer.concat([Buffer.from('# Title\n\nna'), Buffer.from([0xc3, 0x28]), Buffer.from('ve\n')]) });
    expect(d).toEqual([expect.objectContaining({ line: 3, column: 3, ruleId: 'parse-error', message: expect.stringContaining('invalid UTF-8 at byte 11') })]);
  });

  test('invalid front matter', async () => {
    const d = await diagnosticsOf({ 'x.md': '---\ntitle: "unclosed\n---\n# Body\n' });
    expect(d.map((x) => x.ruleId)).toEqual(['frontmatter-invalid']);
  });

  test('a file larger than limits.maxFileBytes is reported, not parsed', async () => {
    const d = await diagnosticsOf({ 'big.md': `# Big\n${'x'.repeat(2000)}\n`, 'compatlint.config.yaml': 'limits:\n  maxFileBytes: 1000\n' });
    expect(d).toEqual([expect.objectContaining({ ruleId: 'parse-error', message: expect.stringContaining('over the 1000 B limit') })]);
  });

  test('a file deleted between listing and reading, and a directory, are parse-errors', async () => {
    const dir = tempTree({ 'gone.md': '# x\n' });
    rmSync(path.join(dir, 'gone.md'));
    mkdirSync(path.join(dir, 'dir.md'));
    expect((await loadPage(path.join(dir, 'gone.md'), 'gone.md')).problems[0]).toMatchObject({
      ruleId: 'parse-error',
      data: { reason: 'the file no longer exists' },
    });
    expect((await loadPage(path.join(dir, 'dir.md'), 'dir.md')).problems[0]).toMatchObject({
      ruleId: 'parse-error',
      data: { reason: 'it is a directory' },
    });
  });

  test('an unreadable file is a parse-error naming the reason', () => {
    const dir = tempTree({ 'ok.md': '# ok\n', 'secret.md': '# secret\n' });
    chmodSync(path.join(dir, 'secret.md'), 0o000);
    // Root reads any file, so as root the check runs without the capabilities that bypass permissions.
    const drop = '-dac_override,-dac_read_search';
    const asUser = process.getuid?.() === 0 ? ['setpriv', `--inh-caps=${drop}`, `--bounding-set=${drop}`] : undefined;
    const r = spawnCli(['-f', 'json'], dir, asUser ? { prefix: asUser } : {});
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.files).toBe(2);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ file: 'secret.md', ruleId: 'parse-error', message: 'Cannot read file: permission denied' }),
    ]);
    expect(r.code).toBe(1);
  });

  test('the original bytes of a checked page are never changed', async () => {
    const bytes = Buffer.from('# Title\r\n\r\n[1]: /x\r\n');
    const dir = tempTree({ 'x.md': bytes });
    await cli(['check'], dir);
    expect(readFileSync(path.join(dir, 'x.md')).equals(bytes)).toBe(true);
  });
});

describe('empty, partial and oversized pages', () => {
  test('an empty file and a page of front matter only are clean', async () => {
    const r = await cli(['check', '-f', 'json'], tempTree({ 'empty.md': '', 'fm.md': '---\ntitle: Only front matter\n---\n' }));
    expect(JSON.parse(r.stdout)).toMatchObject({ files: 2, diagnostics: [] });
    expect(r.code).toBe(0);
  });

  test('unterminated front matter is reported at the opening fence', async () => {
    const d = await diagnosticsOf({ 'x.md': '---\ntitle: x\n\n# Body\n' });
    expect(d).toEqual([
      expect.objectContaining({ line: 1, column: 1, ruleId: 'frontmatter-invalid', message: 'Unexpected unterminated front matter, expected a closing `---` line' }),
    ]);
  });

  test('UTF-16 with a byte order mark, in both byte orders', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# Title\n', 'utf16le')]);
    const be = Buffer.from(le.map((_, i) => le[i ^ 1] as number));
    const d = await diagnosticsOf({ 'le.md': le, 'be.md': be });
    expect(d.map((x) => [x.file, x.line, x.message])).toEqual([
      ['be.md', 1, 'Unexpected UTF-16 (big-endian) encoding, expected the page saved as UTF-8'],
      ['le.md', 1, 'Unexpected UTF-16 (little-endian) encoding, expected the page saved as UTF-8'],
    ]);
  });

  test('a 20 MB page is over the default 8 MiB limit: reported, not parsed', async () => {
    const dir = tempTree({ 'big.md': Buffer.alloc(20 * 1024 * 1024, '| a | b |\n') });
    const started = performance.now();
    const r = await cli(['check', '-f', 'json'], dir);
    expect(JSON.parse(r.stdout).diagnostics).toEqual([
      expect.objectContaining({
        file: 'big.md',
        line: 1,
        column: 1,
        ruleId: 'parse-error',
        message: 'Unexpected file size 20.0 MiB, over the 8.0 MiB limit (`limits.maxFileBytes`); the page was not parsed',
      }),
    ]);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  test('a table with 100,000 rows is refused by the default limits, and read whole when limits allow it', { timeout: 300_000 }, async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `|k${i === 99_999 ? 0 : i}|1.5|`);
    const page = { 'rows.md': `|Key|Version|\n|-|-|\n${rows.join('\n')}\n` };
    expect(await diagnosticsOf(page)).toEqual([expect.objectContaining({ line: 50_001, ruleId: 'parse-error', message: expect.stringContaining('`limits.maxLines`') })]);
    const raised = { 'compatlint.config.yaml': 'limits: { maxLines: 200000, maxBlockChars: 4000000 }\n', ...page };
    expect(await diagnosticsOf(raised)).toEqual([expect.objectContaining({ line: 100_002, column: 2, ruleId: 'table-duplicate-key' })]);
  });

  test('a header with 5,000 columns: a row with one cell more is found', { timeout: 120_000 }, async () => {
    const cells = (n: number, text: string) => `|${Array.from({ length: n }, (_, i) => `${text}${i}`).join('|')}|`;
    const d = await diagnosticsOf({ 'wide.md': `${cells(5000, 'h')}\n${'|-'.repeat(5000)}|\n${cells(5000, 'v')}\n${cells(5001, 'w')}\n` });
    expect(d).toEqual([expect.objectContaining({ line: 4, ruleId: 'table-column-count', message: expect.stringMatching(/^Unexpected 5001 cells in this row, expected 5000 like the header/) })]);
  });

  test.each([
    ['10,000 nested blockquotes', `${'> '.repeat(10_000)}x\n`, 1],
    ['10,000 nested list items on one line', `${'- '.repeat(10_000)}x\n`, 1],
    // 10,000 would make a 100 MB page, over the size limit.
    ['2,000 list items each indented under the last', Array.from({ length: 2_000 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n'), 2_000],
  ])('%s: refused at the nesting limit, quickly, without a stack overflow', async (name, text, line) => {
    const started = performance.now();
    const d = await diagnosticsOf({ 'deep.md': `${text}` });
    expect(d).toEqual([
      expect.objectContaining({
        line,
        column: 1,
        ruleId: 'parse-error',
        message: `Unexpected nesting ${name.startsWith('2,000') ? 2000 : 10000} levels deep (blockquotes and lists), over the limit of ${MAX_NESTING_DEPTH}; the page was not parsed`,
      }),
    ]);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  test(`nesting ${MAX_NESTING_DEPTH} levels deep is still parsed`, async () => {
    expect(await diagnosticsOf({ 'ok.md': `${'> '.repeat(MAX_NESTING_DEPTH)}[x][nope]\n` })).toEqual([
      expect.objectContaining({ ruleId: 'reference-undefined' }),
    ]);
  });
});

describe('hostile trees', () => {
  test('a symlink loop is not followed; named explicitly it is a parse-error', async () => {
    const dir = tempTree({ 'a.md': '# a\n' });
    symlinkSync('.', path.join(dir, 'loop'));
    symlinkSync('self.md', path.join(dir, 'self.md'));
    const whole = await cli(['check', '-f', 'json'], dir);
    expect(JSON.parse(whole.stdout)).toMatchObject({ files: 1, diagnostics: [] });
    const named = await cli(['check', '-f', 'json', 'self.md', 'loop/loop/loop/a.md'], dir);
    expect(JSON.parse(named.stdout).diagnostics).toEqual([
      expect.objectContaining({ file: 'self.md', ruleId: 'parse-error', message: 'Cannot read file: too many levels of symbolic links' }),
    ]);
  });

  test('a directory named x.md is a folder to search, not a page', async () => {
    const r = await cli(['check', '-f', 'json'], tempTree({ 'x.md/inner.md': '[y][nope]\n' }));
    expect(JSON.parse(r.stdout)).toMatchObject({ files: 1, diagnostics: [expect.objectContaining({ file: 'x.md/inner.md', ruleId: 'reference-undefined' })] });
  });

  test('page content cannot choose where output goes; a file named like an option is a page after --', async () => {
    const files = {
      'a.md': '---\noutput: ../evil.json\nformat: json\n---\n<!-- compatlint-disable -- --output evil.json -->\n[x]\n',
      '--output=evil.json': '# not markdown by name\n',
      '--output=evil2.md': '[y][nope]\n',
    };
    const dir = tempTree(files);
    const r = await cli(['check', '-f', 'json', '-o', 'report.json', '--', '--output=evil2.md', 'a.md'], dir);
    expect(r.code).toBe(1);
    expect(readdirSync(dir).sort()).toEqual([...Object.keys(files), 'report.json'].sort());
    expect(readdirSync(path.dirname(dir)).filter((f) => f.startsWith('evil'))).toEqual([]);
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
    expect(report.diagnostics.map((x: JsonDiagnostic) => x.file)).toEqual(['--output=evil2.md']);
  });

  test('front matter tags in a page are inert text, never code, and print no warning', () => {
    const dir = tempTree({ 'x.md': '---\ntitle: !!js/function "function () { throw 1 }"\nx: !!python/object:os.system "true"\n---\n# x\n' });
    const r = spawnCli(['-f', 'json'], dir);
    expect(r).toMatchObject({ code: 0, stderr: '' });
  });
});

describe('bad config and environment: one line on stderr, exit 2', () => {
  test.each<[string, Record<string, string>, string[], RegExp]>([
    ['a missing --config file', {}, ['--config', 'nope.yaml'], /^compatlint: Config file not found: nope\.yaml$/],
    ['unknown keys', { 'compatlint.config.yaml': 'rulez: {}\n' }, [], /^compatlint: Invalid config compatlint\.config\.yaml: rulez: unknown key/],
    ['a schema file that is not JSON', { 'compatlint.config.json': '{"frontMatter": {"schema": "s.json"}}', 's.json': 'type: object\n' }, [], /frontMatter\.schema: s\.json is not valid JSON/],
    ['a YAML tag that would be code elsewhere', { 'compatlint.config.yaml': 'site:\n  content: !!js/function "function(){}"\n' }, [], /not valid YAML \(unsupported tag !!js\/function at line 2: plain data only\)$/],
    ['a YAML alias that contains itself', { 'compatlint.config.yaml': 'include: &x [*x]\n' }, [], /not valid YAML \(a value contains itself through an alias\)$/],
    ['a regex with a backreference (RE2 has none)', { 'compatlint.config.yaml': 'vocabulary:\n  lang:\n    py: ["/^(a)\\\\1$/"]\n' }, [], /unsupported regular expression \/\^\(a\)\\1\$\/ \(invalid escape sequence/],
    ['a path regex with lookbehind', { 'compatlint.config.yaml': 'pageDimensions:\n  lang: { path: "(?<=x)y" }\n' }, [], /pageDimensions\.lang\.path: unsupported regular expression/],
  ])('%s', async (_name, files, args, message) => {
    const r = await cli(['check', ...args], tempTree({ 'a.md': '# a\n', ...files }));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd()).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  test('an empty config file means the defaults', async () => {
    expect(await cli(['check'], tempTree({ 'a.md': '# a\n', 'compatlint.config.yaml': '\n' }))).toMatchObject({ code: 0, stderr: '' });
  });

  test('git missing from PATH, for diff', () => {
    const dir = tempTree({ 'a.md': '# a\n', 'bin/.keep': '' });
    const r = spawnCli(['diff', '--base', 'HEAD'], dir, { env: { PATH: path.join(dir, 'bin') } });
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: 'compatlint: git is not installed or not on PATH (needed for diff --base and --changed)\n' });
  });
});

/** Run as a user without the capabilities that let root read and write any file; undefined when not root. */
function asUser(): string[] | undefined {
  const drop = '-dac_override,-dac_read_search';
  return process.getuid?.() === 0 ? ['setpriv', `--inh-caps=${drop}`, `--bounding-set=${drop}`] : undefined;
}

describe('file names and folders', () => {
  test('a page whose name holds a backslash is checked under its own name', async () => {
    const d = await diagnosticsOf({ 'a\\b.md': '[x][nope]\n', 'c.md': '# C\n' });
    expect(d).toEqual([expect.objectContaining({ file: 'a\\b.md', ruleId: 'reference-undefined' })]);
  });

  test('an unreadable folder is a one-line error, exit 2, unless it is excluded', () => {
    const dir = tempTree({ 'ok/a.md': '# A\n', 'private/p.md': '[x][nope]\n' });
    chmodSync(path.join(dir, 'private'), 0o000);
    const prefix = asUser();
    const r = spawnCli(['check'], dir, prefix ? { prefix } : {});
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe('compatlint: Cannot read folder private: permission denied (make it readable, or leave it out with exclude or .gitignore)\n');
    writeFileSync(path.join(dir, 'compatlint.config.yaml'), 'exclude: ["private/**"]\n');
    expect(spawnCli(['check'], dir, prefix ? { prefix } : {})).toMatchObject({ code: 0, stderr: '' });
    chmodSync(path.join(dir, 'private'), 0o755);
  });
});

describe('report files: never over an input, never two to one file, a failed write in one line', () => {
  const tree = () => tempTree({ 'a.md': '[x][nope]\n', 'compatlint.config.yaml': 'rules: {}\n', 'folder/keep': '' });

  test.each([
    ['a page being checked', ['-o', 'a.md'], 'compatlint: Refusing to write a report to a.md: it is a page being checked\n'],
    ['the config file', ['-f', 'json', '-o', './compatlint.config.yaml'], 'compatlint: Refusing to write a report to ./compatlint.config.yaml: it is the config file\n'],
    ['two reports to one file', ['-f', 'json', '-o', 'r.txt', '-f', 'sarif', '-o', 'sub/../r.txt'], 'compatlint: Two reports to one file: r.txt and sub/../r.txt (give each report a file of its own)\n'],
    ['a folder', ['-o', 'folder'], 'compatlint: Cannot write folder: it is a directory\n'],
    ['a full disk', ['-o', '/dev/full'], 'compatlint: Cannot write /dev/full: no space left on device\n'],
  ])('%s', async (_name, args, stderr) => {
    const dir = tree();
    const before = readFileSync(path.join(dir, 'a.md'), 'utf8');
    const r = await cli(['check', ...args], dir);
    expect(r).toEqual({ code: 2, stdout: '', stderr });
    expect(readFileSync(path.join(dir, 'a.md'), 'utf8')).toBe(before);
    expect(readFileSync(path.join(dir, 'compatlint.config.yaml'), 'utf8')).toBe('rules: {}\n');
    expect(readdirSync(dir).sort()).toEqual(['a.md', 'compatlint.config.yaml', 'folder']);
  });

  test('the other commands refuse the same', async () => {
    const dir = tree();
    expect((await cli(['extract', '-o', 'a.md'], dir)).stderr).toBe('compatlint: Refusing to write a report to a.md: it is a page being checked\n');
    expect((await cli(['audit', '--html', 'r.html', '--markdown', 'r.html'], dir)).stderr).toBe('compatlint: Two reports to one file: r.html and r.html (give each report a file of its own)\n');
    expect((await cli(['explain', '-o', 'compatlint.config.yaml'], dir)).stderr).toBe('compatlint: Refusing to write a report to compatlint.config.yaml: it is the config file\n');
  });

  test('a folder that cannot be written is a one-line write error', () => {
    const dir = tree();
    chmodSync(path.join(dir, 'folder'), 0o555);
    const prefix = asUser();
    const r = spawnCli(['check', '-o', 'folder/report.txt'], dir, prefix ? { prefix } : {});
    chmodSync(path.join(dir, 'folder'), 0o755);
    expect(r).toMatchObject({ code: 2, stderr: 'compatlint: Cannot write folder/report.txt: permission denied\n' });
    expect(readdirSync(path.join(dir, 'folder'))).toEqual(['keep']);
  });
});

describe('names from the command line and config that objects inherit', () => {
  test.each(['toString', '__proto__', 'constructor', 'hasOwnProperty'])('--preset %s is an unknown preset', async (name) => {
    const r = await cli(['check', '--preset', name], tempTree({ 'a.md': '# A\n' }));
    expect(r).toEqual({ code: 2, stdout: '', stderr: `compatlint: --preset: unknown preset "${name}" (available: datadog)\n` });
  });

  test.each([
    ['--format', ['check', '-f', 'toString']],
    ['a diff format', ['diff', '-f', '__proto__', 'a.md', 'a.md']],
    ['a rule', ['rules', 'constructor']],
  ])('%s named toString or __proto__ is unknown', async (_name, args) => {
    const r = await cli(args, tempTree({ 'a.md': '# A\n' }));
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  test('vocabulary terms and dimensions named __proto__ or toString are names like any other', async () => {
    const config = '{"vocabulary": {"__proto__": {"polluted": ["x"]}, "lang": {"__proto__": ["py"], "toString": ["Ruby"]}}}';
    const r = await cli(['check'], tempTree({ 'a.md': '# A\n', 'compatlint.config.json': config }));
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('a column headed "Constructor" is a column like any other', async () => {
    const config = 'tables:\n  - id: t\n    match: { keyHeader: ["Name"] }\n    key: name\n    columns: attr\n';
    const r = await cli(['extract'], tempTree({ 't.md': '| Name | Constructor | Version |\n|---|---|---|\n| a | 1.0 | 2.0 |\n', 'compatlint.config.yaml': config }));
    const columns = JSON.parse(r.stdout).pages[0].tables[0].columns as Array<{ header: string; type: string }>;
    expect(columns.map((c) => [c.header, c.type])).toEqual([
      ['Constructor', 'status'],
      ['Version', 'status'],
    ]);
  });
});

describe('files given to the config are never echoed', () => {
  test.each([
    ['a schema path', '{"frontMatter": {"schema": "secret.json"}}'],
    ['a table schema', '{"tables": [{"id": "t", "match": {}, "key": "k", "columns": "c", "schema": "secret.json"}]}'],
    ['a truth file', '{"truth": ["secret.json"]}'],
  ])('%s that is not JSON: the error gives no content', async (_name, config) => {
    const r = await cli(['check'], tempTree({ 'a.md': '# A\n', 'compatlint.config.json': config, 'secret.json': 'root:x:0:0:root:/root:/bin/bash\n' }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/secret\.json:? .*not valid JSON/);
    expect(r.stderr).not.toMatch(/root:|bin\/bash/);
  });

  test('a JSON syntax error names the line and column instead', async () => {
    const r = await cli(['check'], tempTree({ 'a.md': '# A\n', 'compatlint.config.json': '{\n  "include": ["**/*.md"],\n  "exclude": secret\n}\n' }));
    expect(r.stderr).toBe('compatlint: Invalid config compatlint.config.json: not valid JSON (unexpected character at line 3, column 14)\n');
  });
});

describe('git revisions (diff --base)', () => {
  const config = 'vocabulary:\n  deployment:\n    aws-lambda: ["AWS Lambda"]\ntables:\n  - id: deployments\n    match: { keyHeader: ["Type"] }\n    key: deployment\n    columns: capability\n';
  const page = (lambda: string) => `| Type | Tracing |\n|---|---|\n| AWS Lambda | ${lambda} |\n`;

  test('a file name holding a newline: every page still gets its own old content, and a breaking change fails the check', async () => {
    const dir = tempTree({ 'compatlint.config.yaml': config, 'docs/a\nb.md': page('{{< X >}}'), 'docs/c.md': page('{{< X >}}'), 'docs/d\n.md': page('{{< X >}}') });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'one');
    writeFileSync(path.join(dir, 'docs/c.md'), page(''));
    const r = await cli(['diff', '--base', 'HEAD', '--fail-on', 'breaking', '-f', 'json'], dir);
    const report = JSON.parse(r.stdout);
    expect(report.problems).toEqual([]);
    expect(report.changes.map((c: { page: string; class: string }) => [c.page, c.class])).toEqual([['docs/c.md', 'support-removed']]);
    expect(r.code).toBe(1);
  });

  test('a blob over limits.maxFileBytes is refused by its size, before it is read', async () => {
    // Random text, so that its object stays larger than the 100 bytes kept below.
    const big = `# Big\n${randomBytes(4000).toString('base64')}\n`;
    const dir = tempTree({ 'compatlint.config.yaml': `limits:\n  maxFileBytes: 1000\n${config}`, 'docs/big.md': big, 'docs/c.md': page('') });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'one');
    // The big blob's object keeps its header (its size) and loses its content: reading it would
    // make git fail, so only the listed size can refuse it.
    const object = git(dir, 'rev-parse', 'HEAD:docs/big.md').trim();
    const file = path.join(dir, '.git/objects', object.slice(0, 2), object.slice(2));
    chmodSync(file, 0o644);
    truncateSync(file, 100);
    const r = await cli(['diff', '--base', 'HEAD', '-f', 'json'], dir);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).problems).toEqual([
      { file: 'docs/big.md', revision: 'HEAD', message: 'too large to parse (limits.maxFileBytes)' },
      { file: 'docs/big.md', revision: 'working tree', message: 'too large to parse (limits.maxFileBytes)' },
    ]);
  });
});

describe('pages that would take too long or too much memory to parse (limits)', () => {
  // Each is reported at the place it starts, in the time a normal page takes; the other pages'
  // findings are kept. Sizes are small here: the limits are lowered to match, and `npm run
  // fuzz` grows them (size-doubling properties).
  const limits = 'limits: { maxLines: 2000, maxBlockChars: 20000, maxDelimiterRuns: 1000 }\n';
  const other = { 'ok.md': 'See [x][y].\n' };

  test.each([
    ['lines', 'a.md', '# Title\n' + '\n'.repeat(3000), /Unexpected \d+ lines, over the limit of 2000 \(`limits\.maxLines`\)/, 2001],
    ['a block', 'a.md', '# Title\n\n' + 'Some words, no emphasis. '.repeat(1000) + '\n', /block \(paragraph or table\) of \d+ characters starting here, over the limit of 20000/, 3],
    ['a table', 'a.md', '| a | b |\n|---|---|\n' + '| row | value |\n'.repeat(1500), /block \(paragraph or table\) of \d+ characters/, 1],
    ['emphasis runs', 'a.md', '# T\n\n' + '*a'.repeat(1200) + '\n', /Unexpected 1200 `\*`, `_` and `~` in the block starting here/, 3],
    ['a long run of *', 'a.md', '# ' + '*'.repeat(800) + 'x' + '*'.repeat(800) + '\n', /Unexpected 1600 `\*`/, 1],
  ])('%s', async (_name, file, text, message, line) => {
    const d = await diagnosticsOf({ 'compatlint.config.yaml': limits, [file]: text, ...other });
    expect(d.filter((x) => x.file === file)).toEqual([expect.objectContaining({ ruleId: 'parse-error', line, message: expect.stringMatching(message) })]);
    expect(d.filter((x) => x.file === 'ok.md').map((x) => x.ruleId)).toEqual(['reference-undefined']);
  });

  test('an unclosed shortcode with a 100 KB name is read in linear time: nothing to report', async () => {
    const d = await diagnosticsOf({ 'a.md': `{{< ${'a'.repeat(100_000)}\n` });
    expect(d).toEqual([]);
  });

  test('a table whose rows each hold emphasis is within the limit: its cells pair emphasis row by row', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => `| **bold** cell ${i} |\n`).join('');
    const d = await diagnosticsOf({ 'compatlint.config.yaml': limits, 'a.md': `| a |\n|---|\n${rows}` });
    expect(d).toEqual([]);
  });

  test('the default limits hold for the real corpora: no page of them is refused', async () => {
    const { DEFAULT_PAGE_LIMITS, overBudget } = await import('../src/parse/budget.js');
    const root = path.join(import.meta.dirname, '../../shared/corpus');
    const pages: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name));
        else if (/\.mdx?$/.test(e.name)) pages.push(path.join(dir, e.name));
      }
    };
    try {
      walk(root);
    } catch {
      return; // no corpus here
    }
    const refused = pages.filter((p) => overBudget(readFileSync(p, 'utf8'), DEFAULT_PAGE_LIMITS) !== null);
    expect(refused).toEqual([]);
  });
});
