import type { Site } from '../site/types.js';
import type { Shortcode } from '../model/types.js';

/**
 * The separate Markdown documents of a page: the page itself (scope 0) and the body of each
 * shortcode the site renders on its own (`site.scopedShortcodes`, such as tabs; scopes 1, 2,
 * ...). A link reference resolves only against the definitions of its own document, as Hugo
 * renders it: a tab's `[1]` is not the page's `[1]`, and the page's `[2]` is not defined in a tab.
 */
export class DocumentScopes {
  private static readonly byPage = new WeakMap<object, DocumentScopes>();

  /** The scopes of a page, computed once however many rules ask (pages are not changed once built). */
  static for(page: { shortcodes: readonly Shortcode[] }, site: Pick<Site, 'scopedShortcodes'>): DocumentScopes {
    let scopes = DocumentScopes.byPage.get(page);
    if (!scopes) {
      scopes = new DocumentScopes(page.shortcodes, site);
      DocumentScopes.byPage.set(page, scopes);
    }
    return scopes;
  }

  /** Body ranges `[start, end)` by scope number - 1, innermost last among those that nest. */
  private readonly ranges: Array<{ start: number; end: number }> = [];

  constructor(shortcodes: readonly Shortcode[], site: Pick<Site, 'scopedShortcodes'>) {
    const scoped = new Set(site.scopedShortcodes);
    if (scoped.size === 0) return;
    const open: Shortcode[] = [];
    for (const s of shortcodes) {
      if (!scoped.has(s.name)) continue;
      if (!s.closing) {
        open.push(s);
        continue;
      }
      // The closing tag closes the nearest open one of its name; an unclosed one scopes nothing.
      const at = open.map((o) => o.name).lastIndexOf(s.name);
      if (at === -1) continue;
      const [opener] = open.splice(at, 1) as [Shortcode];
      this.ranges.push({ start: opener.span.endOffset, end: s.span.offset });
    }
    this.ranges.sort((a, b) => a.start - b.start);
  }

  /** The scope of a place on the page: the innermost scoped body that holds it, or 0 for the page. */
  of(offset: number): number {
    let found = 0;
    let size = Number.POSITIVE_INFINITY;
    this.ranges.forEach((r, i) => {
      if (offset >= r.start && offset < r.end && r.end - r.start < size) {
        found = i + 1;
        size = r.end - r.start;
      }
    });
    return found;
  }

  /** A key that names a label within its document. */
  key(identifier: string, offset: number): string {
    return `${this.of(offset)}\u0000${identifier}`;
  }
}
