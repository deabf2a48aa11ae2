import { describe, expect, test } from 'vitest';
import { compileVocabulary, defaultValueVocabulary, normalizeValue, valueKey } from '../src/model/values.js';
import { compareVersions, lowestVersion, parseVersionExpr, versionsOverlap } from '../src/model/version.js';

const vocab = compileVocabulary(defaultValueVocabulary);
const kind = (text: string) => normalizeValue(text, vocab).kind;
const canonical = (text: string) => parseVersionExpr(text)?.canonical ?? null;

describe('status values', () => {
  test.each(['{{< X >}}', '✓', '✔', '✅', 'Yes', 'yes', '<i class="icon-check-bold"></i>', 'Fully Supported'])(
    '%s is supported',
    (t) => expect(kind(t)).toBe('supported'),
  );
  test.each(['', '-', 'No', 'not supported', 'Not Supported', '❌'])('"%s" is unsupported', (t) =>
    expect(kind(t)).toBe('unsupported'),
  );
  test.each(['Preview', 'Beta', 'preview'])('%s is preview', (t) => expect(kind(t)).toBe('preview'));

  test('a footnote mark after a value leaves the value it marks', () => {
    expect(kind('✅<sup>2</sup>')).toBe('supported');
    expect(kind('✅<sup>4</sup><sup>5</sup>')).toBe('supported');
    expect(kind('No¹')).toBe('unsupported');
    expect(kind('Yes*')).toBe('supported');
    expect(normalizeValue('3.9<sup>1</sup>', vocab)).toMatchObject({ kind: 'version', version: { canonical: '3.9' } });
    // Text stays text, mark and all; a mark alone is no value.
    expect(normalizeValue('x86_64<sup>1</sup>', vocab)).toEqual({ kind: 'text', text: 'x86_64<sup>1</sup>' });
    expect(normalizeValue('<sup>1</sup>', vocab)).toEqual({ kind: 'text', text: '<sup>1</sup>' });
  });

  test('an empty cell is marked empty', () => {
    expect(normalizeValue('', vocab)).toEqual({ kind: 'unsupported', empty: true });
    expect(normalizeValue('No', vocab)).toEqual({ kind: 'unsupported' });
  });

  test('preview with a version, in either order', () => {
    expect(normalizeValue('Preview (>=2.21.0)', vocab)).toMatchObject({ kind: 'preview', version: { canonical: '>=2.21' } });
    expect(normalizeValue('Preview (1.15.0)', vocab)).toMatchObject({ kind: 'preview', version: { canonical: '1.15' } });
    expect(normalizeValue('2.9.3 (Preview)', vocab)).toMatchObject({ kind: 'preview', version: { canonical: '2.9.3' } });
    expect(valueKey(normalizeValue('Preview (4.18.0 for Node.js 16+, or 5.0.0 for Node.js 18+)', vocab))).toBe(
      'preview 4.18 (node.js 16+) || 5 (node.js 18+)',
    );
  });

  test('a tooltip shortcode shows its text parameter', () => {
    expect(normalizeValue('{{< tooltip text="No" tooltip="Blocking not yet available" >}}', vocab)).toEqual({
      kind: 'unsupported',
    });
  });

  test('shortcode and parameter names are data: no prototype key, no pattern syntax', () => {
    // `toString` names no displayed parameter; a configured name with pattern syntax is matched literally.
    expect(normalizeValue('{{< toString text="Yes" >}}', vocab)).toEqual({ kind: 'text', text: '{{< toString text="Yes" >}}' });
    const odd = compileVocabulary({ ...defaultValueVocabulary, shortcodeText: { tip: '(?:a|a)*c', bad: '(' } });
    expect(normalizeValue('{{< bad text="Yes" >}}', odd)).toMatchObject({ kind: 'text' });
    expect(normalizeValue('{{< tip (?:a|a)*c="Yes" >}}', odd)).toEqual({ kind: 'supported' });
  });

  test('config can extend the vocabulary', () => {
    const ja = compileVocabulary({
      ...defaultValueVocabulary,
      unsupported: [...defaultValueVocabulary.unsupported, '非対応', 'no compatible'],
      preview: [...defaultValueVocabulary.preview, 'プレビュー', 'Vista previa'],
    });
    expect(normalizeValue('非対応', ja).kind).toBe('unsupported');
    expect(normalizeValue('No compatible', ja).kind).toBe('unsupported');
    expect(normalizeValue('プレビュー', ja).kind).toBe('preview');
    expect(normalizeValue('Vista previa (1.2)', ja)).toMatchObject({ kind: 'preview', version: { canonical: '1.2' } });
    expect(normalizeValue('非対応', vocab).kind).toBe('text');
  });

  test('anything else stays text, with whitespace collapsed', () => {
    expect(normalizeValue('  Windows 8.1,   Windows Server 2012 ', vocab)).toEqual({
      kind: 'text',
      text: 'Windows 8.1, Windows Server 2012',
    });
    expect(kind('Latest')).toBe('text');
    expect(kind('N/A')).toBe('text');
  });
});

describe('version expressions from real compatibility tables', () => {
  test.each([
    ['1.5.0', '1.5'],
    ['`>=2.21.0`', null],
    ['>=2.21.0', '>=2.21'],
    ['>= 2.21.0', '>=2.21'],
    ['3.5-3.11', '>=3.5 <3.12'],
    ['<2', '<2'],
    ['>=1.0,<2', '>=1 <2'],
    ['>=3, <4', '>=3 <4'],
    ['>= 0.12.0, <= 0.16', '>=0.12 <0.17'],
    ['8 to 17', '>=8 <18'],
    ['3.4+, 4+', '>=3.4 || >=4'],
    ['2.3+, 3.0+', '>=2.3 || >=3'],
    ['7.0-9.x, 10.x', '>=7 <10 || >=10 <11'],
    ['3.4-3.9.x', '>=3.4 <3.10'],
    ['3.0-4.0+', '>=3'],
    ['3.0.x', '>=3 <3.1'],
    ['2.7, 3.5-3.11', '2.7 || >=3.5 <3.12'],
    ['4.18.0 for Node.js 16+, or 5.0.0 for Node.js 18+', '4.18 (node.js 16+) || 5 (node.js 18+)'],
    ['4.4.0 for Node.js 16+', '4.4 (node.js 16+)'],
    ['^2.4.2', '>=2.4.2 <3'],
    ['v1.50.0', '1.50'],
    ['1.6 以降', '>=1.6'],
    ['0.11 or later', '>=0.11'],
    ['1.9-2.29', '>=1.9 <2.30'],
    ['2.0.0-beta1', '2.0.0-beta1'],
  ])('%s → %s', (input, expected) => {
    expect(canonical(input)).toBe(expected);
  });

  test.each(['CentOS 7, Debian 9', 'Catalina (10.15)', 'all', 'Latest', 'N/A', '64bit, 32bit', 'x86-64, i686', ''])(
    '%s is not a version expression',
    (input) => expect(parseVersionExpr(input)).toBeNull(),
  );

  test('cosmetic spellings compare equal', () => {
    expect(canonical('1.8')).toBe(canonical('1.8.0'));
    expect(canonical('>=2.0')).toBe(canonical('>= 2'));
    expect(valueKey(normalizeValue('1.8', vocab))).toBe(valueKey(normalizeValue('1.8', vocab)));
  });

  test('versions compare numerically', () => {
    expect(compareVersions('1.10', '1.9')).toBe(1);
    expect(compareVersions('2.9.3', '2.21.0')).toBe(-1);
    expect(compareVersions('1.0', '1')).toBe(0);
    expect(compareVersions('2.0.0-beta1', '2.0.0')).toBe(-1);
  });

  test('lowest admitted version', () => {
    expect(lowestVersion(parseVersionExpr('4.18.0 for Node.js 16+, or 5.0.0 for Node.js 18+')!)).toBe('4.18.0');
    expect(lowestVersion(parseVersionExpr('>=2.21.0')!)).toBe('2.21.0');
    expect(lowestVersion(parseVersionExpr('<2')!)).toBeNull();
  });

  test('overlap between ranges (release branches keyed by version)', () => {
    const v = (s: string) => parseVersionExpr(s)!;
    expect(versionsOverlap(v('>=1.0,<2'), v('<2'))).toBe(true);
    expect(versionsOverlap(v('<1'), v('<2'))).toBe(true);
    expect(versionsOverlap(v('>=2.0,<3'), v('<2'))).toBe(false);
    expect(versionsOverlap(v('>=3.0,<4'), v('>=2.0,<3'))).toBe(false);
    expect(versionsOverlap(v('>=2,<3'), v('>=2.0,<3'))).toBe(true);
    expect(versionsOverlap(v('3.8+'), v('3.7-3.13'))).toBe(true);
  });
});
