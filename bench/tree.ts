import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { globbySync } from 'globby';

/** A small Hugo-like site whose pages are multiplied into the benchmark tree. */
export interface SourceSite {
  name: string;
  root: string;
  /** Pages relative to `root/content`, with forward slashes, sorted. */
  pages: string[];
}

export interface GeneratedTree {
  root: string;
  /** Pages relative to `root`, with forward slashes, in generation order. */
  pages: string[];
  bytes: number;
  /** Pages taken from each source site. */
  perSource: Record<string, number>;
}

/** Read a source site, or null when it has no `content/` folder. */
export function readSourceSite(name: string, root: string): SourceSite | null {
  const content = path.join(root, 'content');
  if (!existsSync(content)) return null;
  const pages = globbySync('**/*.md', { cwd: content }).sort();
  return pages.length === 0 ? null : { name, root, pages };
}

/**
 * Build a tree of exactly `count` pages by copying the sources' pages round after round:
 * page `content/<locale>/<rest>` of source S becomes `content/<locale>/<S>-<k>/<rest>` in
 * round k, so locales stay locales and a translation still pairs with its English page within
 * each round, and the datadog preset's site logic (locale from the path, product from the
 * folders before `compatibility/`) applies unchanged. Each copy also ends with a comment
 * naming its round, so no two pages are byte-identical and no tool can profit from duplicate
 * content. `layouts/` and `static/` of every source are merged in once, for partials.
 */
export function generateTree(root: string, count: number, sources: readonly SourceSite[]): GeneratedTree {
  if (sources.length === 0) throw new Error('no source pages to build the tree from');
  mkdirSync(path.join(root, 'content'), { recursive: true });
  for (const source of sources) {
    for (const extra of ['layouts', 'static']) {
      const from = path.join(source.root, extra);
      if (existsSync(from)) cpSync(from, path.join(root, extra), { recursive: true });
    }
  }
  const texts = new Map(sources.map((s) => [s.name, s.pages.map((p) => readFileSync(path.join(s.root, 'content', p), 'utf8'))]));
  const pages: string[] = [];
  const perSource: Record<string, number> = Object.fromEntries(sources.map((s) => [s.name, 0]));
  let bytes = 0;
  for (let round = 1; pages.length < count; round++) {
    for (const source of sources) {
      const sourceTexts = texts.get(source.name) ?? [];
      for (const [i, page] of source.pages.entries()) {
        if (pages.length >= count) break;
        const slash = page.indexOf('/');
        const copyDir = `${source.name}-${round}`;
        const relative = slash === -1 ? `content/${copyDir}/${page}` : `content/${page.slice(0, slash)}/${copyDir}/${page.slice(slash + 1)}`;
        const text = withMarker(sourceTexts[i] ?? '', `compatlint bench: ${source.name} round ${round}`);
        const target = path.join(root, relative);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, text);
        pages.push(relative);
        perSource[source.name] = (perSource[source.name] ?? 0) + 1;
        bytes += Buffer.byteLength(text);
      }
    }
  }
  return { root, pages, bytes, perSource };
}

/** Append an HTML comment after a blank line, keeping whether the page ends with a newline. */
function withMarker(text: string, marker: string): string {
  const comment = `<!-- ${marker} -->`;
  if (text.endsWith('\n\n')) return `${text}${comment}\n`;
  if (text.endsWith('\n')) return `${text}\n${comment}\n`;
  return `${text}\n\n${comment}`;
}

/**
 * The page a writer edits in the pre-commit scenario: the first English compatibility page
 * (not an index) of the first round, a page with several tables and translations.
 */
export function pickEditTarget(tree: GeneratedTree): string {
  return tree.pages.find((p) => /^content\/en\/.*\/compatibility\/(?!_index\.md$)[^/]+\.md$/.test(p)) ?? tree.pages[0] ?? '';
}
