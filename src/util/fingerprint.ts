import { createHash } from 'node:crypto';

/**
 * A stable hash of resolved configuration: the same settings always give the same digest,
 * whatever order object keys were written in. Compiled parts hash by what they were compiled
 * from: a regular expression by its source and flags, an ajv validator by its schema. Written
 * by hand because the resolved config holds class instances, maps and compiled validators,
 * which no JSON canonicalizer walks.
 */
export function fingerprint(value: unknown): string {
  const hash = createHash('sha256');
  feed(hash, value, new Set());
  return hash.digest('hex');
}

type Hash = ReturnType<typeof createHash>;

function feed(hash: Hash, value: unknown, path: Set<object>): void {
  if (value === null || value === undefined) {
    hash.update(value === null ? 'n;' : 'u;');
    return;
  }
  switch (typeof value) {
    case 'string':
      hash.update(`s${value.length}:`).update(value);
      return;
    case 'number':
    case 'boolean':
    case 'bigint':
      hash.update(`${typeof value}:${String(value)};`);
      return;
    case 'function': {
      // An ajv ValidateFunction carries the schema it was compiled from. Other functions are
      // matchers compiled from data that sits beside them (a pattern's `source`): their code
      // is enough.
      const schema = (value as { schema?: unknown }).schema;
      hash.update('f');
      if (schema === undefined) hash.update(String(value));
      else feed(hash, schema, path);
      return;
    }
    case 'symbol':
      throw new Error('Cannot fingerprint a symbol');
  }
  const object = value as object;
  // A cycle cannot change between two runs with the same settings; mark it and stop.
  if (path.has(object)) {
    hash.update('cycle;');
    return;
  }
  path.add(object);
  if (object instanceof RegExp) {
    hash.update(`r${object.source}/${object.flags};`);
  } else if (Array.isArray(object)) {
    hash.update(`a${object.length}[`);
    for (const item of object) feed(hash, item, path);
    hash.update(']');
  } else if (object instanceof Map) {
    hash.update(`m${object.size}{`);
    for (const [k, v] of [...object].sort(([a], [b]) => compareKeys(a, b))) {
      feed(hash, k, path);
      feed(hash, v, path);
    }
    hash.update('}');
  } else if (object instanceof Set) {
    hash.update(`t${object.size}{`);
    for (const item of [...object].sort(compareKeys)) feed(hash, item, path);
    hash.update('}');
  } else {
    const keys = Object.keys(object).sort();
    hash.update(`o${object.constructor?.name ?? ''}${keys.length}{`);
    for (const key of keys) {
      hash.update(`k${key.length}:${key}`);
      feed(hash, (object as Record<string, unknown>)[key], path);
    }
    hash.update('}');
  }
  path.delete(object);
}

function compareKeys(a: unknown, b: unknown): number {
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
