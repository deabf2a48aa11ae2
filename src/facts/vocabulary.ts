import { UsageError } from '../util/errors.js';
import { own } from '../util/own.js';
import { compilePattern, normalizeTerm, type TextPattern } from './patterns.js';

/** Terms of one dimension as written in config: `id: [aliases...]`, or `id: other-id` (another name for a term). */
export type VocabularyConfig = Record<string, string[] | string>;

export interface Term {
  id: string;
  /** A display name: the term's first alias. */
  label: string;
}

/** Canonicalizes the texts of one dimension (capability names, deployment types, languages...). */
export class Vocabulary {
  private readonly exact = new Map<string, string>();
  private readonly patterns: Array<{ pattern: TextPattern; id: string }> = [];
  private readonly labels = new Map<string, string>();
  private readonly order: string[] = [];

  constructor(
    readonly name: string,
    config: VocabularyConfig,
    where: string,
  ) {
    const target = resolveSynonyms(config, `${where}.${name}`);
    for (const [id, entry] of Object.entries(config)) {
      const canonical = target.get(id) as string;
      if (!this.order.includes(canonical)) this.order.push(canonical);
      this.addExact(id, canonical, `${where}.${name}.${id}`);
      if (typeof entry === 'string') continue;
      entry.forEach((alias, i) => {
        if (/^\/.+\/[a-z]*$/s.test(alias)) {
          this.patterns.push({ pattern: compilePattern(alias, `${where}.${name}.${id}[${i}]`), id: canonical });
        } else {
          this.addExact(alias, canonical, `${where}.${name}.${id}[${i}]`);
          if (!this.labels.has(canonical)) this.labels.set(canonical, alias);
        }
      });
    }
  }

  private addExact(text: string, id: string, where: string): void {
    const key = normalizeTerm(text);
    const existing = this.exact.get(key);
    if (existing !== undefined && existing !== id) {
      throw new UsageError(`${where}: "${text}" already names "${existing}"; an alias can name one term only`);
    }
    this.exact.set(key, id);
  }

  /** The term a text names, or null when the vocabulary does not know it. */
  lookup(text: string): string | null {
    const key = normalizeTerm(text);
    const hit = this.exact.get(key);
    if (hit !== undefined) return hit;
    for (const { pattern, id } of this.patterns) if (pattern.test(key)) return id;
    return null;
  }

  label(id: string): string {
    return this.labels.get(id) ?? id;
  }

  /** Term ids in the order the config lists them: the order a reader of the config expects. */
  ids(): readonly string[] {
    return this.order;
  }
}

/**
 * Add a layer's terms to a dimension's: a term's aliases add up; a second name (`id: other-id`)
 * replaces what was there. A map, so that a term named `constructor` is a term like any other.
 */
export function addTerms(target: Map<string, string[] | string>, terms: VocabularyConfig): void {
  for (const [id, entry] of Object.entries(terms)) {
    const before = target.get(id);
    target.set(id, typeof entry === 'string' || before === undefined || typeof before === 'string' ? entry : [...before, ...entry]);
  }
}

/** Follow `a: b` synonyms to their term; a chain that comes back to itself is a config error. */
function resolveSynonyms(config: VocabularyConfig, where: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const id of Object.keys(config)) {
    const seen = [id];
    let current = id;
    for (;;) {
      const entry = own(config, current);
      if (entry === undefined) throw new UsageError(`${where}.${seen[seen.length - 2] ?? id}: "${current}" is not a term of this vocabulary`);
      if (typeof entry !== 'string') break;
      if (seen.includes(entry)) throw new UsageError(`${where}.${id}: alias loop ${[...seen, entry].join(' → ')}`);
      seen.push(entry);
      current = entry;
    }
    out.set(id, current);
  }
  return out;
}

export class Vocabularies {
  private readonly byName = new Map<string, Vocabulary>();

  constructor(config: Record<string, VocabularyConfig>, where = 'vocabulary') {
    for (const [name, terms] of Object.entries(config)) this.byName.set(name, new Vocabulary(name, terms, where));
  }

  get(name: string): Vocabulary | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  /** Canonical id of a text in a dimension: the known term, or the normalized text itself. */
  canonical(dimension: string, text: string): { id: string; known: boolean } {
    const id = this.byName.get(dimension)?.lookup(text) ?? null;
    return id === null ? { id: normalizeTerm(text), known: false } : { id, known: true };
  }

  label(dimension: string, id: string): string {
    return this.byName.get(dimension)?.label(id) ?? id;
  }
}
