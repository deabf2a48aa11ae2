import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig, settingsFor } from '../src/config/load.js';
import { lint } from '../src/lint/lint.js';
import { UsageError } from '../src/util/errors.js';
import { tempTree } from './helpers/cli.js';

async function configError(files: Record<string, string>, configFile?: string): Promise<string> {
  const dir = tempTree(files);
  try {
    await loadConfig({ cwd: dir, configFile, lookup: configFile === undefined });
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a config error');
}

describe('config errors name the offending path in one line', () => {
  test('a bad severity', async () => {
    expect(await configError({ 'compatlint.config.yaml': 'rules:\n  table-column-count: warning\n' })).toBe(
      'Invalid config compatlint.config.yaml: rules.table-column-count: expected one of off, warn, error, found "warning"',
    );
  });

  test('a bad severity inside an object setting', async () => {
    expect(
      await configError({ 'compatlint.config.json': JSON.stringify({ rules: { 'reference-unused': { severity: 'loud' } } }) }),
    ).toBe('Invalid config compatlint.config.json: rules.reference-unused.severity: expected one of off, warn, error, found "loud"');
  });

  test('an unknown top-level key', async () => {
    expect(await configError({ 'compatlint.config.yaml': 'inclde: ["**/*.md"]\n' })).toMatch(
      /^Invalid config compatlint\.config\.yaml: inclde: unknown key \(known keys: extends, include, /,
    );
  });

  test('an unknown rule id, with a suggestion', async () => {
    expect(await configError({ 'compatlint.config.yaml': 'rules:\n  table-column-counts: error\n' })).toBe(
      'Invalid config compatlint.config.yaml: rules.table-column-counts: unknown rule (did you mean table-column-count?)',
    );
  });

  test('a wrong type in an array', async () => {
    expect(await configError({ 'compatlint.config.yaml': 'overrides:\n  - files: "*.md"\n' })).toBe(
      'Invalid config compatlint.config.yaml: overrides[0].files: expected array, found string',
    );
  });

  test('invalid YAML and invalid JSON', async () => {
    expect(await configError({ 'compatlint.config.yaml': 'rules: [\n' })).toMatch(/^Invalid config compatlint\.config\.yaml: not valid YAML/);
    expect(await configError({ 'compatlint.config.json': '{"rules": ' })).toMatch(/^Invalid config compatlint\.config\.json: not valid JSON/);
  });

  test('a missing --config file', async () => {
    expect(await configError({}, 'nope.yaml')).toBe('Config file not found: nope.yaml');
  });

  test('a front matter schema that is missing, not JSON, or not a schema', async () => {
    expect(await configError({ 'compatlint.config.yaml': 'frontMatter:\n  schema: missing.json\n' })).toBe(
      'Invalid config compatlint.config.yaml: frontMatter.schema: cannot read missing.json (no such file)',
    );
    expect(
      await configError({ 'compatlint.config.yaml': 'frontMatter:\n  schema: s.json\n', 's.json': '{ not json' }),
    ).toMatch(/^Invalid config compatlint\.config\.yaml: frontMatter\.schema: s\.json is not valid JSON/);
    expect(
      await configError({ 'compatlint.config.yaml': 'frontMatter:\n  schema: s.json\n', 's.json': '{"type": "nonsense"}' }),
    ).toMatch(/^Invalid config compatlint\.config\.yaml: frontMatter\.schema: s\.json is not a valid JSON Schema/);
  });

  test("a schema's patterns run on RE2: lookaround is a config error, other patterns validate", async () => {
    const lookahead = JSON.stringify({ properties: { title: { type: 'string', pattern: '^(?=[A-Z])' } } });
    const message = await configError({ 'compatlint.config.yaml': 'frontMatter:\n  schema: s.json\n', 's.json': lookahead });
    expect(message).toMatch(/^Invalid config compatlint\.config\.yaml: frontMatter\.schema: s\.json is not a valid JSON Schema \(JSON Schema pattern: unsupported regular expression .*RE2/);
    expect(message.split('\n')).toHaveLength(1);
    // A nested quantifier, which a backtracking engine takes exponential time on, simply validates.
    const nested = JSON.stringify({ properties: { title: { type: 'string', pattern: '^(a+)+$' } } });
    const dir = tempTree({ 'compatlint.config.yaml': 'frontMatter:\n  schema: s.json\n', 's.json': nested, 'p.md': `---\ntitle: ${'a'.repeat(40)}b\n---\n# P\n` });
    const config = await loadConfig({ cwd: dir });
    const { result } = await lint({ cwd: dir, paths: ['p.md'], config });
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(['frontmatter-schema']);
  });

  test('an unknown preset', async () => {
    expect(await configError({ 'compatlint.config.yaml': 'extends: [nope]\n' })).toMatch(
      /^Invalid config compatlint\.config\.yaml: extends\[0\]: unknown preset "nope"/,
    );
  });
});

describe('config resolution', () => {
  test('an empty config file means the defaults', async () => {
    const dir = tempTree({ 'compatlint.config.yaml': '' });
    const config = await loadConfig({ cwd: dir });
    expect(config.rules['reference-unused']?.severity).toBe('warn');
    expect(config.include).toEqual(['**/*.md']);
  });

  test('a config given as data is validated like a file, and no file is looked up', async () => {
    const dir = tempTree({ 'compatlint.config.yaml': 'rules:\n  reference-unused: off\n' });
    const config = await loadConfig({ cwd: dir, config: { include: ['docs/**/*.md'] } });
    expect(config.file).toBeNull();
    expect(config.include).toEqual(['docs/**/*.md']);
    expect(config.rules['reference-unused']?.severity).toBe('warn');
    await expect(loadConfig({ cwd: dir, config: { inclde: [] } as never })).rejects.toThrow(/^Invalid config given as data: inclde: unknown key/);
  });

  test('the nearest config file above the working directory is found', async () => {
    const dir = tempTree({ 'compatlint.config.yaml': 'rules:\n  reference-unused: off\n', 'docs/a/x.md': '# x\n' });
    const config = await loadConfig({ cwd: path.join(dir, 'docs/a') });
    expect(config.file).toBe(path.join(dir, 'compatlint.config.yaml'));
    expect(config.rules['reference-unused']?.severity).toBe('off');
  });

  test('overrides apply by glob relative to the config file, later entries winning', async () => {
    const dir = tempTree({
      'compatlint.config.yaml': [
        'rules:',
        '  reference-unused: error',
        'overrides:',
        '  - files: ["content/ja/**"]',
        '    rules: { reference-unused: off }',
        '  - files: ["content/ja/special.md"]',
        '    rules: { reference-unused: warn }',
      ].join('\n'),
    });
    const config = await loadConfig({ cwd: dir });
    const sev = (f: string) => settingsFor(config, path.join(dir, f)).rules['reference-unused']?.severity;
    expect(sev('content/en/a.md')).toBe('error');
    expect(sev('content/ja/a.md')).toBe('off');
    expect(sev('content/ja/special.md')).toBe('warn');
  });

  test('values extend the built-in vocabulary', async () => {
    const dir = tempTree({ 'compatlint.config.yaml': 'values:\n  unsupported: ["非対応"]\n  preview: ["プレビュー"]\n' });
    const config = await loadConfig({ cwd: dir });
    expect(config.values.unsupported).toContain('非対応');
    expect(config.values.unsupported).toContain('not supported');
    expect(config.values.preview).toContain('プレビュー');
  });
});
