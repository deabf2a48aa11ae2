import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Pair, parseDocument, visit, type YAMLMap } from 'yaml';

/**
 * Parse YAML that must be plain data (config, truth files): the core schema only, unique
 * keys, bounded aliases. A tag the core schema does not know (`!!js/function`, `!!python/object`)
 * is an error, not a string, so that nobody can mistake config for code; so is an alias that
 * makes a value contain itself. Throws an Error whose message is one line.
 *
 * `unknownTags: 'text'` reads another tool's config instead (MkDocs writes `!ENV [VAR, default]`
 * and `!!python/name:module.function`): such a value is kept as the text or list it tags, and
 * nothing it names is resolved.
 */
export function parseYamlData(text: string, options: { unknownTags?: 'error' | 'text' } = {}): unknown {
  return readYaml(text, options).data;
}

/**
 * YAML data as `parseYamlData` reads it, with the line each value starts on. For data files
 * whose values are versions (truth files), `numbersAsWritten` keeps a plain number whose digits
 * the number would lose as the text written: `3.10` stays `"3.10"`, not 3.1.
 */
export function parseYamlWithLines(text: string, options: { numbersAsWritten?: boolean } = {}): { data: unknown; lineOf: (pointer: readonly string[]) => number | null } {
  const lineCounter = new LineCounter();
  const { doc, data } = readYaml(text, { ...options, lineCounter });
  const keys = new WeakMap<YAMLMap, Map<string, Pair>>();
  return { data, lineOf: (segments) => nodeLine(doc, segments, lineCounter, keys) };
}

function readYaml(
  text: string,
  options: { unknownTags?: 'error' | 'text'; numbersAsWritten?: boolean; lineCounter?: LineCounter },
): { doc: Document; data: unknown } {
  // Keys are checked for repeats below, in one pass: the parser's own check compares each key
  // with every earlier one, minutes for a truth file with tens of thousands of keys.
  const doc = parseDocument(text, {
    schema: 'core',
    uniqueKeys: false,
    prettyErrors: false,
    logLevel: 'silent',
    ...(options.lineCounter ? { lineCounter: options.lineCounter } : {}),
  });
  const problem = doc.errors[0] ?? (options.unknownTags === 'text' ? undefined : doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED'));
  if (problem) {
    const line = lineOf(text, problem.pos[0]);
    if (problem.code === 'TAG_RESOLVE_FAILED') throw new Error(`unsupported tag ${tagAt(text, problem.pos[0])} at line ${line}: plain data only`);
    throw new Error(`${firstLine(problem.message)} at line ${line}`);
  }
  const repeated = repeatedKey(doc);
  if (repeated !== null) throw new Error(`Map keys must be unique at line ${lineOf(text, repeated)}`);
  if (options.numbersAsWritten) {
    visit(doc, {
      Scalar(_key, node) {
        if (typeof node.value === 'number' && node.type === 'PLAIN' && node.source !== undefined && String(node.value) !== node.source) node.value = node.source;
      },
    });
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (isCyclic(data)) throw new Error('a value contains itself through an alias');
  return { doc, data };
}

/** The offset of the first key that a map repeats (scalars equal as the parser's own check compares them), or null. */
function repeatedKey(doc: Document): number | null {
  let at: number | null = null;
  visit(doc, {
    Map(_key, node) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        if (seen.has(pair.key.value)) {
          at = pair.key.range?.[0] ?? 0;
          return visit.BREAK;
        }
        seen.add(pair.key.value);
      }
      return undefined;
    },
  });
  return at;
}

/** The line a value starts on, by its path from the root (a map entry: its key's line); null when there is none. */
function nodeLine(doc: Document, segments: readonly string[], lines: LineCounter, keys: WeakMap<YAMLMap, Map<string, Pair>>): number | null {
  let node: unknown = doc.contents;
  let at: number | undefined = (node as { range?: [number] } | null)?.range?.[0];
  for (const segment of segments) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      // Each map's keys are indexed once, so naming every record of a large map stays linear.
      let byKey = keys.get(node);
      if (!byKey) {
        byKey = new Map(node.items.map((p) => [String(isScalar(p.key) ? p.key.value : p.key), p]));
        keys.set(node, byKey);
      }
      const pair = byKey.get(segment);
      if (!pair) return null;
      at = isScalar(pair.key) ? pair.key.range?.[0] : (pair.value as { range?: [number] } | null)?.range?.[0];
      node = pair.value;
    } else if (isSeq(node)) {
      node = node.items[Number(segment)];
      at = (node as { range?: [number] } | undefined)?.range?.[0];
    } else {
      return null;
    }
    if (node === undefined) return null;
  }
  return at === undefined ? null : lines.linePos(at).line;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function tagAt(text: string, offset: number): string {
  return /^!\S*/.exec(text.slice(offset))?.[0] ?? 'tag';
}

/** A YAML error message's first line, without the position the parser appends. */
export function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').trim();
}

/** True when a value contains itself (YAML aliases can do that); iterative, so depth cannot overflow the stack. */
export function isCyclic(root: unknown): boolean {
  const onPath = new Set<object>();
  const stack: Array<{ value: object; children: unknown[] | null }> = [];
  const enter = (value: unknown): boolean => {
    if (value === null || typeof value !== 'object') return false;
    if (onPath.has(value)) return true;
    onPath.add(value);
    stack.push({ value, children: null });
    return false;
  };
  if (enter(root)) return true;
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { value: object; children: unknown[] | null };
    top.children ??= Object.values(top.value);
    if (top.children.length === 0) {
      onPath.delete(top.value);
      stack.pop();
    } else if (enter(top.children.pop())) {
      return true;
    }
  }
  return false;
}
