import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Reading a site a real generator built: the ids a page's HTML has, and which of its links
 * lead nowhere. What compatlint says of the same pages is compared with this.
 */

/** Every `id` of a built page (headings and HTML alike), HTML entities in it decoded. */
export function builtIds(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => decodeEntities(m[1] as string)));
}

/** The heading ids of a built page, in order. */
export function builtHeadingIds(html: string): string[] {
  return [...html.matchAll(/<h[1-6][^>]*\sid="([^"]*)"/g)].map((m) => decodeEntities(m[1] as string));
}

/**
 * The texts of the links of a built page that lead to no built page, or to an id the page
 * lacks. `url` is where the page is served (`/docs/links/`); `out` the built site's folder.
 * Only links inside the site are looked at.
 */
export function brokenLinks(out: string, url: string, html: string): string[] {
  const broken: string[] = [];
  for (const m of html.matchAll(/<a\s[^>]*?href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)) {
    const href = decodeEntities(m[1] as string);
    const text = (m[2] as string).replace(/<[^>]+>/g, '').trim();
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue;
    const target = new URL(href, `http://site${url}`);
    const file = builtFile(out, decodeURIComponent(target.pathname));
    if (file === null) {
      broken.push(text);
      continue;
    }
    const fragment = decodeURIComponent(target.hash.slice(1));
    if (fragment !== '' && !builtIds(readFileSync(file, 'utf8')).has(fragment)) broken.push(text);
  }
  return broken.sort();
}

/** The file a URL path is served from: `/a/` is `a/index.html`, `/a` too when `a/` is a folder. */
function builtFile(out: string, urlPath: string): string | null {
  const abs = path.join(out, urlPath);
  const candidates = urlPath.endsWith('/') ? [path.join(abs, 'index.html')] : [abs, path.join(abs, 'index.html'), `${abs}.html`];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The link texts of a page's source lines that compatlint reports (`- [text](url)`, one a line). */
export function reportedLinks(source: string, lines: readonly number[]): string[] {
  const texts = source.split('\n');
  return lines.map((line) => /\[([^\]]+)\]/.exec(texts[line - 1] ?? '')?.[1] ?? `line ${line}`).sort();
}
