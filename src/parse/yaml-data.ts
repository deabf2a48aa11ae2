import { parseDocument } from 'yaml';

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
  const doc = parseDocument(text, { schema: 'core', uniqueKeys: true, prettyErrors: false, logLevel: 'silent' });
  const problem = doc.errors[0] ?? (options.unknownTags === 'text' ? undefined : doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED'));
  if (problem) {
    const line = lineOf(text, problem.pos[0]);
    if (problem.code === 'TAG_RESOLVE_FAILED') throw new Error(`unsupported tag ${tagAt(text, problem.pos[0])} at line ${line}: plain data only`);
    throw new Error(`${firstLine(problem.message)} at line ${line}`);
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (isCyclic(data)) throw new Error('a value contains itself through an alias');
  return data;
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
