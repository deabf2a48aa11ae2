import type { CorpusRule } from '../../engine/types.js';
import type { Span } from '../../model/types.js';
import { againRelated, siteProblems } from '../site-problems.js';

/** A link (inline, definition, `ref`/`relref`) to a page of the site that does not exist. */
export const linkPageMissing: CorpusRule = {
  meta: {
    id: 'link-page-missing',
    description: 'A link to a page of the site that does not exist (URL, .md file, ref/relref, alias, route).',
    scope: 'corpus',
    category: 'links',
    defaultSeverity: 'error',
    messages: {
      again: 'Also links to `{{target}}`',
      missing: 'Unexpected link to missing page `{{target}}`: {{looked}}',
      folderMissing: (data) =>
        `Unexpected ${data.links === 1 ? 'link' : `${data.links} links`} into \`${data.folder}\` (the site's \`${data.at}\`)${data.pages === 1 ? '' : ` on ${data.pages} pages`}, a folder this checkout does not hold: ${data.links === 1 ? 'its target is' : 'their targets are'} not checked`,
    },
  },
  check(corpus, context) {
    // A folder the checkout lacks is one finding however many links lead into it, at the first:
    // every page's links count, in a run scoped to some pages too.
    const folders = new Map<string, { first: { file: string; span: Span }; at: string; links: number; pages: Set<string> }>();
    for (const group of siteProblems(corpus, 'folder-missing', context, { everyPage: true })) {
      const { page, found } = group;
      const seen = folders.get(found.folder.folder);
      if (seen) {
        seen.links += 1 + group.again.length;
        seen.pages.add(page.file);
      } else {
        folders.set(found.folder.folder, { first: { file: page.file, span: found.target.span }, at: found.folder.at, links: 1 + group.again.length, pages: new Set([page.file]) });
      }
    }
    for (const [folder, { first, at, links, pages }] of folders) {
      context.report({ messageId: 'folderMissing', data: { folder, at, links, pages: pages.size }, file: first.file, span: first.span });
    }
    for (const group of siteProblems(corpus, 'page-missing', context)) {
      const { page, found } = group;
      context.report({ messageId: 'missing', data: { target: found.target.written, looked: found.looked }, file: page.file, span: found.target.span, related: againRelated(group) });
    }
  },
  // The site stage resolved the page's links against the whole site: a missing page's finding
  // names only its page, a missing folder's gathers every page's links into it.
  reach: { site: ['folder-missing'] },
};
