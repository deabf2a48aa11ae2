import { type Token, type TokenType, tokenizer } from 'acorn';

/**
 * Data read from a JavaScript or TypeScript module without running it: the literal parts of
 * the value it exports (strings, numbers, booleans, arrays, objects, and top-level consts they
 * name). Whatever is computed (a call, a condition, a template with `${}`) is an `Unread`
 * holding its source, so a caller can say what it could not read.
 *
 * Why by hand on acorn's tokens, not on a syntax tree: Docusaurus configs are JavaScript or
 * TypeScript, and no installed parser reads TypeScript short of the TypeScript compiler. Acorn's
 * tokenizer reads both (type annotations are ordinary tokens), so literal values are read from
 * tokens and the types around them (`: Config`, `satisfies Preset.Options`, `as const`) are skipped.
 */
export class Unread {
  constructor(readonly source: string) {}
}

export type Literal = string | number | boolean | null | Literal[] | LiteralObject | Unread;
export interface LiteralObject {
  [key: string]: Literal;
}

export interface ModuleExport {
  /** The default export (`export default`, `module.exports =`); null when the module has none that could be found. */
  value: Literal | null;
  /** Why the module could be read only in part: a token acorn could not read. */
  problem: string | null;
}

/** A token as acorn makes it: its types leave out the value and the binary operator precedence. */
type ReadToken = Token & { value?: unknown; type: TokenType & { binop?: number | null } };

const CLOSERS = new Set([')', ']', '}']);
const OPENERS = new Set(['(', '[', '{', '${']);
const ENDS = new Set([',', ')', ']', '}', ';']);
/** Tokens that continue an expression onto the next line (no automatic semicolon before them). */
const CONTINUES = new Set(['.', '?.', '(', '[', '`', '?', '=>', '=', '+/-', '*', '/', '%', '**']);
const SHOWN = 60;

/** Read the default export of a module's source as literal data. */
export function readModuleExport(source: string): ModuleExport {
  return new LiteralReader(source).read();
}

class LiteralReader {
  private readonly tokens: ReadToken[] = [];
  private problem: string | null = null;
  /** Top-level `const`/`let`/`var` bindings: name → token index of the value. */
  private readonly bindings = new Map<string, number>();
  private readonly resolving = new Set<string>();

  constructor(private readonly source: string) {
    try {
      for (const token of tokenizer(source, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true, locations: true })) this.tokens.push(token as ReadToken);
    } catch (error) {
      const e = error as SyntaxError & { loc?: { line: number } };
      this.problem = `read up to line ${e.loc?.line ?? '?'} only (${e.message.replace(/ \(\d+:\d+\)$/, '')})`;
    }
  }

  read(): ModuleExport {
    let exported: number | null = null;
    let depth = 0;
    for (let i = 0; i < this.tokens.length; i++) {
      const label = this.label(i);
      if (OPENERS.has(label)) depth++;
      else if (CLOSERS.has(label)) depth--;
      if (depth !== 0) continue;
      const word = this.word(i);
      if ((word === 'const' || word === 'let' || word === 'var') && this.label(i + 1) === 'name') {
        const at = this.initializer(i + 2);
        if (at !== null) this.bindings.set(this.word(i + 1) as string, at);
      } else if (word === 'export' && this.word(i + 1) === 'default') {
        exported = i + 2;
      } else if (word === 'module' && this.label(i + 1) === '.' && this.word(i + 2) === 'exports' && this.label(i + 3) === '=') {
        exported = i + 4;
      }
    }
    return { value: exported === null ? null : this.value(exported).value, problem: this.problem };
  }

  /** After `const name`: skip a type annotation up to `=`; the index of the value, or null without one. */
  private initializer(i: number): number | null {
    if (this.label(i) === '=') return i + 1;
    if (this.label(i) !== ':') return null;
    const end = this.skipType(i + 1);
    return this.label(end) === '=' ? end + 1 : null;
  }

  /**
   * The index just past a type (`Record<string, number>`, `{ a: string }[]`): like `skip`, but
   * `<` and `>` nest too, and `=` ends it (`const x: T = ...`).
   */
  private skipType(i: number): number {
    let depth = 0;
    let j = i;
    for (; j < this.tokens.length; j++) {
      const label = this.label(j);
      const text = String(this.tokens[j]?.value ?? '');
      if (depth === 0 && (ENDS.has(label) || label === '=')) return j;
      if (OPENERS.has(label) || text === '<') depth++;
      else if (CLOSERS.has(label)) depth--;
      else if (/^>+$/.test(text)) depth -= text.length;
      if (depth < 0) return j;
    }
    return j;
  }

  private label(i: number): string {
    return this.tokens[i]?.type.label ?? 'eof';
  }

  /** The text of a name or keyword token. */
  private word(i: number): string | null {
    const t = this.tokens[i];
    if (!t) return null;
    return t.type.label === 'name' || t.type.keyword !== undefined ? String(t.value) : null;
  }

  /** The value starting at token `i`, and the index of the token after it. */
  private value(i: number): { value: Literal; next: number } {
    const primary = this.primary(i);
    let next = primary.next;
    // `x satisfies Type`, `x as const`: the type says nothing about the value.
    while (this.word(next) === 'satisfies' || this.word(next) === 'as') next = this.skipType(next + 1);
    if (this.ends(next)) return { value: primary.value, next };
    const end = this.skip(i);
    return { value: this.unread(i, end), next: end };
  }

  /** Whether the expression is over before token `i`: an end token, or a new line that does not continue it. */
  private ends(i: number): boolean {
    const t = this.tokens[i];
    if (!t) return true;
    if (ENDS.has(t.type.label)) return true;
    const before = this.tokens[i - 1];
    const newLine = before !== undefined && t.loc !== undefined && before.loc !== undefined && t.loc.start.line > before.loc.end.line;
    return newLine && !CONTINUES.has(t.type.label) && t.type.binop == null && this.word(i) !== 'satisfies' && this.word(i) !== 'as';
  }

  private primary(i: number): { value: Literal; next: number } {
    const t = this.tokens[i];
    if (!t) return { value: new Unread(''), next: i };
    const label = t.type.label;
    if (label === 'string' || label === 'num') return { value: t.value as string | number, next: i + 1 };
    if (label === 'true' || label === 'false') return { value: label === 'true', next: i + 1 };
    if (label === 'null') return { value: null, next: i + 1 };
    if (label === '`') return this.template(i);
    if (label === '[') return this.array(i);
    if (label === '{') return this.object(i);
    if (label === '(') {
      const inner = this.value(i + 1);
      if (this.label(inner.next) === ')') return { value: inner.value, next: inner.next + 1 };
      const end = this.skip(i);
      return { value: this.unread(i, end), next: end };
    }
    if (label === 'name') {
      const next = this.label(i + 1);
      // A call or a member (`path.join(...)`, `process.env.X`) is computed.
      if (next === '.' || next === '?.' || next === '(' || next === '[' || next === '`') {
        const end = this.skip(i);
        return { value: this.unread(i, end), next: end };
      }
      return { value: this.identifier(String(t.value), i), next: i + 1 };
    }
    const end = this.skip(i);
    return { value: this.unread(i, Math.max(end, i + 1)), next: Math.max(end, i + 1) };
  }

  /** A top-level const's value, read where it is declared. */
  private identifier(name: string, at: number): Literal {
    if (name === 'undefined') return null;
    const start = this.bindings.get(name);
    if (start === undefined || this.resolving.has(name)) return this.unread(at, at + 1);
    this.resolving.add(name);
    try {
      return this.value(start).value;
    } finally {
      this.resolving.delete(name);
    }
  }

  private template(i: number): { value: Literal; next: number } {
    let text = '';
    let j = i + 1;
    for (; j < this.tokens.length && this.label(j) !== '`'; j++) {
      if (this.label(j) !== 'template') {
        const end = this.skip(i);
        return { value: this.unread(i, end), next: end };
      }
      text += String(this.tokens[j]?.value ?? '');
    }
    return { value: text, next: j + 1 };
  }

  private array(i: number): { value: Literal; next: number } {
    const out: Literal[] = [];
    let j = i + 1;
    while (j < this.tokens.length && this.label(j) !== ']') {
      if (this.label(j) === ',') {
        j++;
        continue;
      }
      if (this.label(j) === '...') {
        const spread = this.value(j + 1);
        if (Array.isArray(spread.value)) out.push(...spread.value);
        else out.push(spread.value instanceof Unread ? spread.value : this.unread(j, spread.next));
        j = spread.next;
        continue;
      }
      const element = this.value(j);
      out.push(element.value);
      if (element.next === j) break;
      j = element.next;
    }
    return { value: out, next: j + 1 };
  }

  private object(i: number): { value: Literal; next: number } {
    const out: LiteralObject = {};
    let j = i + 1;
    while (j < this.tokens.length && this.label(j) !== '}') {
      const label = this.label(j);
      if (label === ',') {
        j++;
        continue;
      }
      if (label === '...') {
        const spread = this.value(j + 1);
        if (isLiteralObject(spread.value)) Object.assign(out, spread.value);
        else out['...'] = this.unread(j, spread.next);
        j = spread.next;
        continue;
      }
      let key: string | null = null;
      let after = j + 1;
      if (label === '[') {
        const computed = this.value(j + 1);
        if (typeof computed.value === 'string' || typeof computed.value === 'number') key = String(computed.value);
        after = this.label(computed.next) === ']' ? computed.next + 1 : this.skip(j);
      } else if (label === 'string' || label === 'num' || this.word(j) !== null) {
        key = String(this.tokens[j]?.value);
      }
      const sep = this.label(after);
      if (key !== null && sep === ':') {
        const entry = this.value(after + 1);
        out[key] = entry.value;
        j = entry.next;
      } else if (key !== null && (sep === ',' || sep === '}')) {
        out[key] = this.identifier(key, j);
        j = after;
      } else {
        // A method (`editUrl(x) { ... }`), a getter or a computed key that is not a literal.
        const end = this.skip(j);
        if (key !== null) out[key] = this.unread(j, end);
        j = end === j ? j + 1 : end;
      }
    }
    return { value: out, next: j + 1 };
  }

  /** The index just past the expression that starts at `i`: up to an end token at its own depth. */
  private skip(i: number): number {
    let depth = 0;
    let j = i;
    for (; j < this.tokens.length; j++) {
      const label = this.label(j);
      if (depth === 0 && j > i && this.ends(j)) return j;
      if (OPENERS.has(label)) depth++;
      else if (CLOSERS.has(label)) {
        if (depth === 0) return j;
        depth--;
      }
    }
    return j;
  }

  private unread(from: number, to: number): Unread {
    const start = this.tokens[from]?.start ?? this.source.length;
    const end = this.tokens[Math.max(from, to - 1)]?.end ?? this.source.length;
    const text = this.source.slice(start, end).replace(/\s+/g, ' ').trim();
    return new Unread(text.length > SHOWN ? `${text.slice(0, SHOWN - 1)}…` : text);
  }
}

export function isLiteralObject(value: Literal | undefined): value is LiteralObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Unread);
}
