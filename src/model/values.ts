import { escapeRegex } from '../util/user-regex.js';
import type { Value, VersionExpr, VersionSyntax } from './types.js';
import { parseVersionExpr } from './version.js';

/** Words and marks that name a status, in any locale the docs use. Config extends these lists. */
export interface ValueVocabulary {
  supported: string[];
  unsupported: string[];
  preview: string[];
  /** Shortcodes whose displayed text is one of their parameters (`{{< tooltip text="N/A" >}}`). */
  shortcodeText: Record<string, string>;
}

export const defaultValueVocabulary: ValueVocabulary = {
  supported: [
    '{{< X >}}',
    '{{% X %}}',
    '✓',
    '✔',
    '✔️',
    '✅',
    '☑',
    '☑️',
    'Yes',
    'Y',
    'Supported',
    'Fully supported',
    '<i class="icon-check-bold"></i>',
  ],
  unsupported: ['', '-', '–', '—', 'No', 'N', '✗', '✘', '❌', 'not supported', 'unsupported', 'Not available'],
  preview: ['Preview', 'Beta', 'Public beta', 'Private beta', 'Limited availability', 'Experimental'],
  shortcodeText: { tooltip: 'text' },
};

export interface CompiledVocabulary {
  lookup: Map<string, 'supported' | 'unsupported' | 'preview'>;
  previewWords: string[];
  shortcodeText: Record<string, string>;
}

/** Status words compare case-insensitively, with inner whitespace collapsed. */
export function vocabularyKey(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim().toLowerCase();
}

export function compileVocabulary(vocab: ValueVocabulary): CompiledVocabulary {
  const lookup = new Map<string, 'supported' | 'unsupported' | 'preview'>();
  for (const kind of ['supported', 'unsupported', 'preview'] as const) {
    for (const word of vocab[kind]) lookup.set(vocabularyKey(word), kind);
  }
  const previewWords = vocab.preview.map(vocabularyKey).sort((a, b) => b.length - a.length);
  return { lookup, previewWords, shortcodeText: vocab.shortcodeText };
}

const shortcodeRe = /\{\{([<%])\s*(\/?)\s*([\w./-]+)((?:[^}]|\}(?!\}))*?)\s*[>%]\}\}/g;

/** Replace shortcodes that display one of their parameters by that parameter's text. */
function displayText(text: string, vocab: CompiledVocabulary): string {
  if (!text.includes('{{')) return text;
  return text.replace(shortcodeRe, (whole, _d: string, _c: string, name: string, params: string) => {
    // A page's shortcode name is data: `toString` is no parameter name, and a configured name is matched literally.
    const param = Object.hasOwn(vocab.shortcodeText, name) ? vocab.shortcodeText[name] : undefined;
    if (typeof param !== 'string') return whole;
    const m = new RegExp(`(?:^|[^\\w-])${escapeRegex(param)}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|(\\S+))`).exec(params);
    return m ? (m[1] ?? m[2] ?? m[3] ?? '') : whole;
  });
}

/**
 * Normalize a cell's plain text to a value: a status word, a preview (optionally with a
 * version: `Preview (>=2.21.0)`), a version expression (in `syntax`), or text. The raw text is
 * kept by the caller.
 */
export function normalizeValue(plain: string, vocab: CompiledVocabulary, syntax: VersionSyntax = 'loose'): Value {
  const shown = displayText(plain, vocab);
  const value = normalizeShown(shown, vocab, syntax);
  if (value.kind !== 'text') return value;
  // A footnote mark after a value (`✅<sup>2</sup>`, `3.9¹`, `Yes*`) points to a note: the cell states what it marks.
  const bare = shown.replace(FOOTNOTE_MARKS, '');
  if (bare === shown || bare.trim() === '') return value;
  const marked = normalizeShown(bare, vocab, syntax);
  return marked.kind === 'text' ? value : marked;
}

/** Footnote marks at the end of a cell: HTML superscripts (stacked or not), Unicode superscript digits, asterisks. */
const FOOTNOTE_MARKS = /(?:\s*<sup>[^<>]{1,12}<\/sup>)+$|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+$|\*{1,3}$/i;

function normalizeShown(shown: string, vocab: CompiledVocabulary, syntax: VersionSyntax): Value {
  const key = vocabularyKey(shown);
  const status = vocab.lookup.get(key);
  if (status === 'unsupported') return key === '' ? { kind: 'unsupported', empty: true } : { kind: 'unsupported' };
  if (status) return { kind: status };
  const preview = previewWithVersion(key, vocab, syntax);
  if (preview) return preview;
  const version = parseVersionExpr(shown, syntax);
  if (version) return { kind: 'version', version };
  return { kind: 'text', text: shown.replace(/[\s\u00a0]+/g, ' ').trim() };
}

/** `Preview (1.15.0)`, `Preview (>=2.21.0)`, `Beta 2.3+`, `2.9.3 (Preview)`. */
function previewWithVersion(key: string, vocab: CompiledVocabulary, syntax: VersionSyntax): Value | null {
  const bare = key.replace(/[()[\]]/g, ' ').replace(/\s+/g, ' ').trim();
  for (const word of vocab.previewWords) {
    let rest: string | null = null;
    if (bare.startsWith(`${word} `)) rest = bare.slice(word.length);
    else if (bare.endsWith(` ${word}`)) rest = bare.slice(0, bare.length - word.length);
    if (rest === null) continue;
    const inner = rest.trim().replace(/^[:\-–—]\s*/, '');
    if (inner === '') continue;
    const version = parseVersionExpr(inner, syntax);
    if (version) return { kind: 'preview', version };
  }
  return null;
}

/** A stable key for comparing values: equal keys mean equal facts. */
export function valueKey(value: Value): string {
  switch (value.kind) {
    case 'supported':
    case 'unsupported':
      return value.kind;
    case 'preview':
      return value.version ? `preview ${value.version.canonical}` : 'preview';
    case 'version':
      return `version ${value.version.canonical}`;
    case 'text':
      return `text ${value.text.toLowerCase()}`;
  }
}

/** Short human text for a value in messages: `supported`, `preview (>=2.21.0)`, `1.5.0`, `"Latest"`. */
export function describeValue(value: Value): string {
  switch (value.kind) {
    case 'supported':
      return 'supported';
    case 'unsupported':
      return value.empty ? 'unsupported (empty)' : 'unsupported';
    case 'preview':
      return value.version ? `preview (${value.version.canonical})` : 'preview';
    case 'version':
      return value.version.canonical;
    case 'text':
      return `"${value.text}"`;
  }
}

export function versionOf(value: Value): VersionExpr | undefined {
  return value.kind === 'version' || value.kind === 'preview' ? value.version : undefined;
}
