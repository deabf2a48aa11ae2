/** JSON Pointers (RFC 6901): `/integrations/3/name`, where `~1` is `/` and `~0` is `~` inside a segment. */

export function pointerOf(segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export function segmentsOf(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * The pointer of every object and array in a parsed document, by identity: a query library
 * (JMESPath) returns the document's own objects, not where it found them, so this is how a
 * record it selects is named in a finding. Iterative, so depth cannot overflow the stack; a
 * value reached twice (a YAML alias) keeps its first pointer.
 */
export function pointersByIdentity(root: unknown): Map<object, string> {
  const out = new Map<object, string>();
  const stack: Array<{ value: unknown; pointer: string }> = [{ value: root, pointer: '' }];
  while (stack.length > 0) {
    const { value, pointer } = stack.pop() as { value: unknown; pointer: string };
    if (value === null || typeof value !== 'object' || out.has(value)) continue;
    out.set(value, pointer);
    const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (const [key, child] of entries) stack.push({ value: child, pointer: `${pointer}${pointerOf([key])}` });
  }
  return out;
}
