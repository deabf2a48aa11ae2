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

const explicitIdRe = /\s*\{#([^\s}]+)\}\s*$/;

/** Split `Heading {#custom-id}` into its text and explicit id. */
export function splitExplicitId(text: string): { text: string; id: string | null } {
  const m = explicitIdRe.exec(text);
  if (!m) return { text, id: null };
  return { text: text.slice(0, m.index), id: m[1] as string };
}
