/**
 * Heading anchors as Hugo's default (`autoHeadingIDType: github`) generates them:
 * letters, digits and `_` kept and lowercased, each space or `-` becomes `-`, anything else
 * dropped; a repeated anchor gets `-1`, `-2`, ...
 */
export function hugoAnchor(text: string): string {
  let out = '';
  for (const ch of text.trim()) {
    if (ch === ' ' || ch === '-') out += '-';
    else if (ch === '_' || /[\p{L}\p{Nd}]/u.test(ch)) out += ch.toLowerCase();
  }
  return out;
}

/** Hands out unique anchors for one page, in heading order. */
export class AnchorCounter {
  private readonly seen = new Map<string, number>();

  unique(anchor: string): string {
    const n = this.seen.get(anchor);
    if (n === undefined) {
      this.seen.set(anchor, 0);
      return anchor;
    }
    let next = n + 1;
    while (this.seen.has(`${anchor}-${next}`)) next++;
    this.seen.set(anchor, next);
    this.seen.set(`${anchor}-${next}`, 0);
    return `${anchor}-${next}`;
  }
}

/** One attribute of a heading's attribute list: `#id`, `.class`, `name`, `name=value`. */
const ATTRIBUTE = String.raw`(?:[#.][^\s{}]+|[\w-]+(?:=(?:"[^"]*"|'[^']*'|[^\s{}"']+))?)`;
/**
 * A heading's trailing attribute list: `{#id}` (Hugo), `{#id .class}` (Goldmark attributes),
 * `{: #id .class key=value}` (Python-Markdown's attr_list, as MkDocs writes it).
 */
const attributeListRe = new RegExp(String.raw`\s*\{:?\s*(${ATTRIBUTE}(?:\s+${ATTRIBUTE})*)\s*\}\s*$`);

/**
 * Split `Heading {#custom-id}` into its text and explicit id. An attribute list without an id
 * is split off too when it cannot be heading text (`{: .wide}`, `{.wide}`); `{word}` stays text.
 */
export function splitExplicitId(text: string): { text: string; id: string | null } {
  const m = attributeListRe.exec(text);
  if (!m) return { text, id: null };
  const attributes = (m[1] as string).split(/\s+/);
  const id = attributes.find((a) => a.startsWith('#') && a.length > 1);
  if (id !== undefined) return { text: text.slice(0, m.index), id: id.slice(1) };
  const attributeList = /^\s*\{:/.test(m[0]) || attributes.some((a) => a.startsWith('.'));
  return attributeList ? { text: text.slice(0, m.index), id: null } : { text, id: null };
}
