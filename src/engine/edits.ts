import type { Edit } from './types.js';

export interface ApplyResult {
  text: string;
  /** Fixes applied in this pass. */
  applied: number;
  /** Fixes left for the next pass because they overlap one applied before them. */
  deferred: number;
}

/**
 * Apply one pass of fixes to a text. A fix is all of its edits or none. Fixes are taken in
 * document order (first edit's offset, then the order given, which is the sorted diagnostic
 * order), and a fix that overlaps one already taken waits for the next pass, when its rule
 * has seen the new text: the same input always gives the same output.
 */
export function applyFixes(text: string, fixes: readonly (readonly Edit[])[]): ApplyResult {
  const candidates = fixes
    .map((edits, order) => ({
      edits: edits.map((e) => resolveLineEnd(text, e)).sort((a, b) => a.offset - b.offset || a.endOffset - b.endOffset),
      order,
    }))
    .filter((f) => f.edits.length > 0 && wellFormed(f.edits, text.length));
  candidates.sort((a, b) => (a.edits[0] as Edit).offset - (b.edits[0] as Edit).offset || a.order - b.order);
  const taken: Edit[] = [];
  let deferred = 0;
  for (const fix of candidates) {
    if (fix.edits.some((e) => taken.some((t) => overlaps(e, t)))) {
      deferred++;
      continue;
    }
    taken.push(...fix.edits);
  }
  taken.sort((a, b) => a.offset - b.offset || a.endOffset - b.endOffset);
  let out = '';
  let at = 0;
  for (const e of taken) {
    out += text.slice(at, e.offset) + e.text;
    at = e.endOffset;
  }
  out += text.slice(at);
  return { text: out, applied: candidates.length - deferred, deferred };
}

/** An edit with `throughLineEnd` turned into plain offsets for this text. */
export function resolveLineEnd(text: string, e: Edit): Edit {
  if (!e.throughLineEnd) return e;
  let end = e.endOffset;
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  return { offset: e.offset, endOffset: end, text: e.text };
}

/**
 * Two edits conflict when their ranges share a character, or when both insert at one point
 * (their order would be a guess). Removing two adjacent lines does not conflict.
 */
function overlaps(a: Edit, b: Edit): boolean {
  if (a.offset === a.endOffset && b.offset === b.endOffset) return a.offset === b.offset;
  if (a.offset === a.endOffset) return a.offset > b.offset && a.offset < b.endOffset;
  if (b.offset === b.endOffset) return b.offset > a.offset && b.offset < a.endOffset;
  return a.offset < b.endOffset && b.offset < a.endOffset;
}

/** A rule's edits lie inside the text and do not overlap each other (sorted by offset). */
function wellFormed(edits: readonly Edit[], length: number): boolean {
  let end = 0;
  for (const e of edits) {
    if (e.offset < end || e.endOffset < e.offset || e.endOffset > length) return false;
    end = e.endOffset;
  }
  return true;
}
