import type { DocumentLink, Location, Range } from 'vscode-languageserver/node';
import type { CorpusPage, Span } from '../model/types.js';
import { DocumentScopes } from '../rules/scopes.js';
import { type SiteLinks, type SiteTarget, siteTargets } from '../site/resolve.js';
import type { Site } from '../site/types.js';
import { relativeName } from '../util/posix.js';
import { type PageText, plainRange, uriOf } from './text.js';

export interface Navigation {
  /** The page under the cursor (an open buffer's model) and its text. */
  page: CorpusPage;
  text: PageText;
  site: Site;
  links: SiteLinks;
  /** The tree's pages by file name, for the headings an anchor names. */
  pageOf: (file: string) => CorpusPage | undefined;
  cwd: string;
}

const inside = (span: Span, offset: number) => offset >= span.offset && offset <= span.endOffset;

/**
 * Where the thing under the cursor is defined: a link reference's definition (in its own
 * document, as the reference rules match labels), else the page, anchor, partial or file a link,
 * a definition, an image, a `ref` or a `partial` shortcode leads to, as the site stage resolves it.
 */
export function definitionAt(nav: Navigation, offset: number): Location | null {
  const { page, text } = nav;
  const reference = page.references.find((r) => inside(r.span, offset));
  if (reference) {
    const scopes = DocumentScopes.for(page, nav.site);
    const key = scopes.key(reference.identifier, reference.span.offset);
    // The first definition of a label is the one CommonMark uses.
    const definition = page.definitions.find((d) => scopes.key(d.identifier, d.span.offset) === key);
    return definition ? { uri: text.document.uri, range: text.range(definition.span) } : null;
  }
  const target = siteTargets(page, nav.site.shortcodeLinks).find((t) => inside(t.span, offset));
  return target ? destinationOf(nav, target) : null;
}

/** Links to the pages, partials and files that the page's links, images, `ref`s and partials lead to. */
export function documentLinks(nav: Navigation): DocumentLink[] {
  const out: DocumentLink[] = [];
  for (const target of siteTargets(nav.page, nav.site.shortcodeLinks)) {
    const location = destinationOf(nav, target);
    if (!location) continue;
    const line = location.range.start.line;
    out.push({ range: nav.text.range(target.span), target: line > 0 ? `${location.uri}#L${line + 1}` : location.uri });
  }
  return out;
}

function destinationOf(nav: Navigation, target: SiteTarget): Location | null {
  const found = nav.links.destination(nav.page, target);
  if (!found) return null;
  const file = relativeName(nav.cwd, found.file);
  const heading = found.anchor === null ? undefined : nav.pageOf(file)?.headings.find((h) => h.anchor === found.anchor);
  const top: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const same = file === nav.page.file;
  const range = heading ? (same ? nav.text.range(heading.span) : plainRange(heading.span)) : top;
  return { uri: same ? nav.text.document.uri : uriOf(found.file), range };
}
