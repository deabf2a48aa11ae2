import type { CorpusRule, PageRule, Rule, RuleMeta } from './types.js';

const SCOPES = new Set(['page', 'corpus']);
const SEVERITIES = new Set(['off', 'warn', 'error']);
const CATEGORIES = new Set(['tables', 'references', 'front-matter', 'files', 'facts', 'links', 'comments']);
/** `table-column-count`, or `my-plugin/my-rule` for a plugin's own rules. */
const RULE_ID = /^[a-z0-9][a-z0-9-]*(?:\/[a-z0-9][a-z0-9-]*)?$/;

/** A rule without an options schema accepts no options: `{ options: { bogus: 1 } }` is a config error. */
export const NO_OPTIONS: Record<string, unknown> = { type: 'object', additionalProperties: false, properties: {} };

/**
 * The rules a run knows: the built-in ones, plus those plugins add. A value, handed to config
 * loading, the runner, the worker threads and the reporters alike, so a plugin's rule is
 * configurable, runs wherever pages are checked and is listed wherever rules are.
 */
export class RuleSet {
  readonly all: readonly Rule[];
  readonly page: readonly PageRule[];
  readonly corpus: readonly CorpusRule[];
  readonly ids: ReadonlySet<string>;
  private readonly byId: ReadonlyMap<string, Rule>;

  constructor(rules: readonly Rule[]) {
    const byId = new Map<string, Rule>();
    for (const rule of rules) {
      const problem = ruleProblem(rule);
      if (problem) throw new Error(problem);
      if (byId.has(rule.meta.id)) throw new Error(`two rules have the id "${rule.meta.id}"`);
      byId.set(rule.meta.id, rule);
    }
    this.all = [...rules];
    this.page = rules.filter((r): r is PageRule => r.meta.scope === 'page');
    this.corpus = rules.filter((r): r is CorpusRule => r.meta.scope === 'corpus');
    this.byId = byId;
    this.ids = new Set(byId.keys());
  }

  get(id: string): Rule | undefined {
    return this.byId.get(id);
  }

  get metas(): RuleMeta[] {
    return this.all.map((r) => r.meta);
  }

  /** This set with `more` added after it (plugins after the built-ins). */
  with(more: readonly Rule[]): RuleSet {
    return more.length === 0 ? this : new RuleSet([...this.all, ...more]);
  }
}

/** Why a value is not a rule compatlint can run, or null when it is one. */
export function ruleProblem(rule: unknown): string | null {
  const r = rule as Partial<Rule> | null;
  const meta = r?.meta as Partial<RuleMeta> | undefined;
  if (typeof r !== 'object' || r === null || typeof meta !== 'object' || meta === null) return 'a rule is an object with `meta` and `check`';
  const id = typeof meta.id === 'string' ? meta.id : '';
  const name = id === '' ? 'a rule' : `rule "${id}"`;
  if (!RULE_ID.test(id)) return `${name}: meta.id must be lowercase words joined by dashes, optionally after a plugin name and a slash (my-plugin/my-rule)`;
  if (typeof r.check !== 'function') return `${name}: check must be a function`;
  if (!SCOPES.has(meta.scope as string)) return `${name}: meta.scope must be "page" or "corpus"`;
  if (!SEVERITIES.has(meta.defaultSeverity as string)) return `${name}: meta.defaultSeverity must be "off", "warn" or "error"`;
  if (typeof meta.description !== 'string') return `${name}: meta.description must be a string`;
  if (!CATEGORIES.has(meta.category as string)) return `${name}: meta.category must be one of ${[...CATEGORIES].join(', ')}`;
  if (typeof meta.messages !== 'object' || meta.messages === null) return `${name}: meta.messages must map message ids to wording`;
  for (const [messageId, message] of Object.entries(meta.messages)) {
    if (typeof message !== 'string' && typeof message !== 'function') return `${name}: meta.messages.${messageId} must be a template string or a function`;
  }
  if (meta.optionsSchema !== undefined && (typeof meta.optionsSchema !== 'object' || meta.optionsSchema === null)) return `${name}: meta.optionsSchema must be a JSON Schema object`;
  return null;
}
