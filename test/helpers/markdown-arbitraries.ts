import fc from 'fast-check';

/**
 * Generated Markdown for property-based tests: documentation pages as writers half-write
 * them. Tables with stray and escaped pipes, unterminated fences and front matter, nested and
 * broken shortcodes, HTML fragments, control comments, references, right-to-left text and
 * combining marks, deep nesting, long lines, mixed line endings; MDX (`mdxPage`): imports,
 * JSX around tables, expressions, MDX comments, and the same broken.
 */

/** Tokens that mean something to Markdown, GFM, Hugo or compatlint. */
const syntax = [
  '|', '\\|', '\\', '`', '``', '```', '~~~', '*', '_', '**', '#', '> ', '- ', '1. ', '[', ']', '(', ')', '!',
  '{{<', '>}}', '{{%', '%}}', '{{< X >}}', '{{< /tab >}}', '{{< tooltip text="N/A" tooltip="x" >}}',
  '{{< a "{{< b >}}" >}}', '{{< ci-details title="x" >}}', '{{% tab "Python" %}}', '{{< img src="a|b" >}}',
  '<!--', '-->', '<div>', '</div>', '<br>', '<i class="icon-check-bold"></i>', '<td>|</td>', '&amp;', '&#0;', '&#x110000;',
  '[x]', '[x][1]', '[x] [1]', '[1][]', '[1]: /a', '[^1]', '![i](/a.png)', '[l](/a "t")', '<https://a.b>', 'www.example.com',
  '---', '+++', '***', '===', '\t', '    ', ' ', '{#id}',
  // MDX: JSX, expressions, comments.
  '{', '}', '{v}', '{/* c */}', '{/* compatlint-disable-line */}', '<Tabs>', '</Tabs>', '<Yes />', '<a href="#x">', '</a>',
] as const;

/** Words that compatlint reads as cell values or table headers. */
const words = [
  '✓', '✔', '✅', '❌', 'Yes', 'No', '-', 'Preview', 'Beta', 'Preview (`>=2.21.0`)', '`>=2.21.0`', '1.5.0', '2.9.3',
  '3.5-3.11', '<2', '>=1.0,<2', '8 to 17', '3.4+, 4+', '7.0-9.x, 10.x', '^2.4.2', '1.6 以降', 'not supported', 'プレビュー',
  'Vista previa', 'Non', 'Oui', 'Aperçu', '4.18.0 for Node.js 16+, or 5.0.0 for Node.js 18+', '999999999999999999999.1',
  'Type', 'Docker', 'Kubernetes', 'AWS Lambda', 'Amazon ECS', 'Profiler capability', 'CPU profiling', 'Memory profiling',
  'Lock contention', 'Minimum Python library version', 'Python', 'Ruby', 'Java', 'Code Security capability',
  'Software Composition Analysis', 'Runtime Code Analysis (IAST)', 'Threat Detection', 'Minimum Python tracer version',
  'Fonctionnalité du profileur', 'Profilage CPU', 'ソフトウェア構成分析', 'タイプ',
] as const;

/** Text that trips up position arithmetic: other scripts, bidi controls, combining marks, astral characters. */
const unicode = [
  'مرحبا بالعالم', 'שלום', '\u202eevil\u202c', '\u200f', '\u200d', 'e\u0301', 'a\u0308\u0308\u0308\u0308', 'Z\u0335\u0321\u0327',
  '𝕏', '😀', '🏳️‍🌈', '\u00a0', '\u2028', '\u2029', '\ufeff', '\u0085', '\ud800', '\udfff', 'ｆｕｌｌ', '日本語', '한국어',
] as const;

const newlines = ['\n', '\r\n', '\r'] as const;

/** A short run of inline text. */
export const inline: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...words) },
      { weight: 4, arbitrary: fc.constantFrom(...syntax) },
      { weight: 2, arbitrary: fc.constantFrom(...unicode) },
      { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(' '));

/** A table: a header, a delimiter row (sometimes with the wrong count), rows of any width. */
export const table: fc.Arbitrary<string> = fc
  .record({
    header: fc.array(inline, { minLength: 1, maxLength: 6 }),
    align: fc.array(fc.constantFrom('---', ':---', '---:', ':-:', '-', '--', ':'), { minLength: 1, maxLength: 7 }),
    rows: fc.array(fc.array(inline, { maxLength: 7 }), { maxLength: 8 }),
    outerPipes: fc.boolean(),
  })
  .map(({ header, align, rows, outerPipes }) => {
    const row = (cells: string[]) => (outerPipes ? `| ${cells.join(' | ')} |` : cells.join(' | '));
    return [row(header), row(align), ...rows.map(row)].join('\n');
  });

const fence = fc
  .record({ marker: fc.constantFrom('```', '~~~', '````'), info: fc.constantFrom('', 'yaml', 'python', '{{< x >}}'), body: fc.array(inline, { maxLength: 3 }), closed: fc.boolean() })
  .map(({ marker, info, body, closed }) => [`${marker}${info}`, ...body, ...(closed ? [marker] : [])].join('\n'));

const html = fc.constantFrom(
  '<div class="x">\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n</div>',
  '<table><tr><td>| a |</td></tr></table>',
  '<!-- compatlint-disable table-column-count -->',
  '<!-- compatlint-enable -->',
  '<!-- compatlint-disable-next-line -->',
  '<!-- compatlint-disable-line reference-unused -- because -->',
  '<!-- compatlint-disable-file nope-rule -->',
  '<!-- unterminated comment',
  '<script>alert(1)</script>',
  '<details><summary>x</summary>',
);

/** MDX blocks, most of them valid MDX, some not. */
const mdxBlock = fc.constantFrom(
  "import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';",
  "export const v = '1.2';",
  '<Tabs>\n<TabItem value="a" label="A">\n\n| Type | CPU profiling |\n|---|---|\n| Docker | {v} |\n\n</TabItem>\n</Tabs>',
  '<Tabs groupId="x">\n  <TabItem value="b">\n\n  | Profiler capability | Minimum Python library version |\n  |---|---|\n  | CPU profiling | <Yes /> |\n\n  </TabItem>\n</Tabs>',
  '<TabItem value="unclosed">\n\n| a | b |\n|---|---|\n| 1 | 2 |',
  '</Tabs>',
  '{/* compatlint-disable-next-line table-column-count */}',
  '{/* compatlint-disable-line no-such-rule */}',
  'See <a href="#x" id="y">a link</a>, <a href={url}>another</a> and <img src="/a.png" alt="a" />.',
  '## Heading {/* #comment-id */}',
  '## Heading <Badge>beta</Badge> {#with-id}',
  '{1 +}',
  'Text {unclosed',
  'Text with <3 and a {"{{< tab >}}"} string.',
  '<!-- truncate -->',
);

const heading = fc
  .record({ depth: fc.integer({ min: 1, max: 7 }), text: inline, id: fc.constantFrom('', ' {#custom}', ' {#}') })
  .map(({ depth, text, id }) => `${'#'.repeat(depth)} ${text}${id}`);

const references = fc
  .record({ label: fc.constantFrom('1', '2', 'x', 'Label', ' 1 ', 'é'), url: fc.constantFrom('/a', '/b', '<>', 'https://e.x/|') })
  .chain(({ label, url }) =>
    fc.constantFrom(`[${label}]: ${url}`, `[text][${label}]`, `[text] [${label}]`, `[${label}][]`, `[${label}]`, `![img][${label}]`),
  );

const paragraph = fc.array(inline, { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n'));

const longLine = fc.record({ unit: inline, times: fc.integer({ min: 20, max: 150 }) }).map(({ unit, times }) => (unit || 'x').repeat(times));

const leaf = fc.oneof(
  { weight: 5, arbitrary: table },
  { weight: 3, arbitrary: paragraph },
  { weight: 2, arbitrary: heading },
  { weight: 2, arbitrary: references },
  { weight: 1, arbitrary: fence },
  { weight: 1, arbitrary: html },
  { weight: 1, arbitrary: longLine },
);

/** A block, sometimes inside blockquotes and list items (rarely past the nesting limit). */
const block = fc
  .record({
    leaf,
    prefix: fc.array(fc.constantFrom('> ', '- ', '* ', '1. ', '  ', '>'), { maxLength: 6 }),
    deep: fc.oneof({ weight: 30, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 90, max: 130 }) }),
  })
  .map(({ leaf: text, prefix, deep }) => {
    const p = prefix.join('') + '> '.repeat(deep);
    return text
      .split('\n')
      .map((l) => p + l)
      .join('\n');
  });

const frontMatter = fc
  .record({
    fence: fc.constantFrom('---', '+++'),
    lines: fc.array(
      fc.constantFrom('title: Python Compatibility', 'code_lang: python', 'code_lang: ruby', 'type: multi-code-lang', 'code_lang_weight: 10', 'title: "unclosed', 'a: [', ': x', 'x: !!js/function "function(){}"', 'aliases: &a [*a]', 'key: 1\nkey: 2', '- list'),
      { maxLength: 4 },
    ),
    closed: fc.boolean(),
  })
  .map(({ fence: f, lines, closed }) => [f, ...lines, ...(closed ? [f] : [])].join('\n'));

/** Join lines with LF, CRLF and CR in a generated mix. */
function mixNewlines(text: string, endings: readonly string[]): string {
  if (endings.length === 0) return text;
  let i = 0;
  return text.replace(/\n/g, () => endings[i++ % endings.length] as string);
}

/** A whole page of `blocks`: optional front matter, then blocks; line endings mixed; sometimes a BOM. */
function pageOf(blocks: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .record({
      frontMatter: fc.option(frontMatter, { freq: 3 }),
      blocks: fc.array(blocks, { maxLength: 10 }),
      separators: fc.array(fc.constantFrom('\n\n', '\n', '\n\n\n'), { minLength: 1, maxLength: 4 }),
      endings: fc.array(fc.constantFrom(...newlines), { maxLength: 5 }),
      bom: fc.boolean(),
      trailingNewline: fc.boolean(),
    })
    .map(({ frontMatter: fm, blocks, separators, endings, bom, trailingNewline }) => {
      let text = fm === null ? '' : `${fm}\n`;
      blocks.forEach((b, i) => {
        text += b + (i < blocks.length - 1 ? (separators[i % separators.length] as string) : '');
      });
      if (trailingNewline) text += '\n';
      return (bom ? '\ufeff' : '') + mixNewlines(text, endings);
    });
}

export const page: fc.Arbitrary<string> = pageOf(block);

/** Cell words that are not MDX syntax (`<2` opens a tag to MDX): tables that MDX reads. */
const mdxCell = fc.constantFrom(...words.filter((w) => !/[<{]/.test(w)));
const mdxTable = fc
  .record({ header: fc.array(mdxCell, { minLength: 1, maxLength: 4 }), rows: fc.array(fc.array(mdxCell, { minLength: 1, maxLength: 4 }), { maxLength: 5 }), indent: fc.constantFrom('', '  ') })
  .map(({ header, rows, indent }) => [header, header.map(() => '---'), ...rows].map((cells) => `${indent}| ${cells.join(' | ')} |`).join('\n'));

/**
 * A page with MDX blocks among Markdown ones (for `.mdx` pages; in a `.md` page they are HTML
 * and text). About a third of them parse: one broken block spoils a page.
 */
export const mdxPage: fc.Arbitrary<string> = pageOf(
  fc.oneof({ weight: 3, arbitrary: mdxBlock }, { weight: 3, arbitrary: mdxTable }, { weight: 1, arbitrary: heading }, { weight: 1, arbitrary: block }),
);

type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(inline, fc.constantFrom(...newlines, '|', '\\|', '`', '{{<', '>}}', '---\n', '```\n')) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
);

/** A page after random edits: characters inserted, ranges deleted or duplicated (positions wrap around the text). */
export function mutated(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.record({ text: base, edits: fc.array(mutation, { minLength: 1, maxLength: 8 }) }).map(({ text, edits }) => {
    let t = text;
    for (const e of edits) {
      const at = t.length === 0 ? 0 : e.at % (t.length + 1);
      if (e.kind === 'insert') t = t.slice(0, at) + e.text + t.slice(at);
      else if (e.kind === 'delete') t = t.slice(0, at) + t.slice(at + e.length);
      else t = t.slice(0, at) + t.slice(at, at + e.length) + t.slice(at);
    }
    return t;
  });
}
