import type { CorpusPage, Span } from '../model/types.js';

/** An http(s) URL where a page writes it. */
export interface LinkTarget {
  url: string;
  span: Span;
}

export function isExternalUrl(url: string): boolean {
  return /^https?:\/\//i.test(url.trim());
}

/**
 * The external URLs of a page at the places they are written: definitions, inline links and
 * images. A link written as a reference (`[text][1]`) is not listed: its URL is written at the
 * definition, which is listed once however many references use it.
 */
export function externalTargets(page: CorpusPage): LinkTarget[] {
  const targets: LinkTarget[] = [];
  for (const d of page.definitions) if (isExternalUrl(d.url)) targets.push({ url: d.url, span: d.span });
  for (const l of [...page.links, ...page.images]) {
    if (l.reference === undefined && isExternalUrl(l.url)) targets.push({ url: l.url, span: l.span });
  }
  return targets;
}
