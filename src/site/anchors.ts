import type { Heading as MdHeading } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { AnchorCounter, hugoAnchor, splitExplicitId } from '../model/anchor.js';
import type { CorpusPage } from '../model/types.js';
import { parseMarkdown } from '../parse/markdown.js';

/**
 * Anchors of a page that is a link target but not one of the pages being checked. Parsing the
 * whole page would cost as much as checking it; instead the heading lines are picked out (outside
 * fenced code and front matter) and only they are parsed, so heading text is read by the same
 * parser and turned into anchors by the same code as for checked pages.
 */
export function headingAnchors(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const picked: string[] = [];
  let i = skipFrontMatter(lines);
  let fence: string | null = null;
  for (; i < lines.length; i++) {
    const line = lines[i] as string;
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== null) {
      if (fenceMatch && (fenceMatch[1] as string)[0] === fence[0] && (fenceMatch[1] as string).length >= fence.length && /^ {0,3}[`~]+\s*$/.test(line)) {
        fence = null;
      }
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1] as string;
      continue;
    }
    if (/^ {0,3}#{1,6}(\s|$)/.test(line)) {
      picked.push(line);
    } else if (/^ {0,3}(=+|-+)\s*$/.test(lines[i + 1] ?? '') && isParagraphLine(line, lines[i - 1])) {
      picked.push(line, lines[i + 1] as string);
      i++;
    } else {
      continue;
    }
    picked.push('');
  }
  const counter = new AnchorCounter();
  const anchors: string[] = [];
  for (const node of parseMarkdown(picked.join('\n')).children) {
    if (node.type !== 'heading') continue;
    const { text: headingText, id } = splitExplicitId(toString(node as MdHeading).replace(/\s+/g, ' ').trim());
    anchors.push(id ?? counter.unique(hugoAnchor(headingText)));
  }
  return anchors;
}

/** `id="..."` and `<a name="...">` in a page's HTML: anchors too. */
export function htmlIds(text: string): string[] {
  const ids: string[] = [];
  for (const m of text.matchAll(/<[a-z][^>]*?\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) ids.push((m[1] ?? m[2]) as string);
  return ids;
}

/** The anchors of a page being checked, from its model. */
export function modelAnchors(page: CorpusPage): Set<string> {
  return new Set([...page.headings.map((h) => h.anchor), ...page.html.flatMap((h) => htmlIds(h.value))]);
}

function skipFrontMatter(lines: readonly string[]): number {
  const open = lines[0]?.trim();
  if (open !== '---' && open !== '+++') return 0;
  for (let i = 1; i < lines.length; i++) if (lines[i]?.trim() === open) return i + 1;
  return 0;
}

/** A setext underline makes a heading only of a paragraph's single line (enough for headings in docs). */
function isParagraphLine(line: string, before: string | undefined): boolean {
  return line.trim() !== '' && (before === undefined || before.trim() === '') && !/^\s*([|>*+-]|\d+[.)]\s|<)/.test(line);
}
