import type { RuleSet } from '../engine/rule-set.js';
import type { CorpusReach, CorpusRule, TreeSummary } from '../engine/types.js';
import type { FactsSetup } from '../facts/config.js';
import { factsOf, type LocatedFact } from '../facts/corpus.js';
import { type Fact, type FactColumn, type FactRow, type FactTable, factKey } from '../model/facts.js';
import type { ControlComment, CorpusPage, Span, Value, VersionExpr } from '../model/types.js';
import { knownPage } from '../site/anchors.js';
import type { KnownPage } from '../site/link-site.js';
import { relativeName } from '../util/posix.js';
import { recent, type Stamp } from '../util/stamp.js';
import { compareStrings } from '../util/strings.js';
import type { PageDependency } from './sources.js';

/**
 * The facts index: what a scoped run needs of the pages it does not load. For every page of the
 * tree: the bytes and partials it was read from, its file's stamp then, its locale and paths, the
 * table kinds it matched, its anchors and control comments, the keys of its rules' `reach`, and
 * every fact with its row and table. A tree holds a hundred thousand facts and more; as objects
 * they took most of the 120 MiB a run read from the cache to compare one page with the others.
 * Here they are packed, so that reading the index costs one file read and only the facts a run
 * asks for (those sharing a key with the pages it reports on) become objects. Written by hand: it
 * is a layout of our own model that no serialization library packs this small.
 *
 * - Strings are stored once, UTF-8, one after the other (`strings`, `stringEnds`); records hold
 *   their ids. Dimension sets are stored once, as name and value ids (`dims`, `dimEnds`).
 * - A page is a record of int32 slots: file, hash, deps (JSON), locale, localPath (-1 without
 *   facts), configPath, dimensions (JSON), table kinds (JSON), anchors (NUL-separated), control
 *   comments (JSON), [start, end) ranges: of its tables in `blob`, of its page keys, of its
 *   facts' keys; then its include shortcodes (JSON; what it tells the site, with its anchors).
 * - A page's tables, rows and facts are one run of unsigned LEB128 numbers in `blob` (string ids
 *   are stored + 1, so that 0 is "none"; spans as line, column, endLine − line, endColumn,
 *   offset, endOffset − offset, the differences zigzag-encoded). `readTables` and `copyTables`
 *   read it in the order `writeTables` writes it:
 *   tables: count, then each: file, kind, index, section, key header, columns (JSON), span, rows:
 *   count, then each: index, key text, key id, key known, key signature, key range (JSON), span,
 *   key span, facts: count, then each: column, dimension set, value (JSON), raw, text, span,
 *   number of keys (the keys themselves are in `factKeys`, in fact order).
 * Keys are 32-bit hashes (`ReachKeys`): two keys that collide only make a run load more facts.
 */

const PAGE_SIZE = 17;
const P = { file: 0, hash: 1, deps: 2, locale: 3, localPath: 4, configPath: 5, dims: 6, kinds: 7, anchors: 8, comments: 9, blob: 10, keys: 12, factKeys: 14, includes: 16 } as const;
const PAGE_STRINGS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 16];

/** One packed set of pages, as stored. */
export interface PackedSegment {
  strings: Uint8Array;
  /** String `i` ends at byte `stringEnds[i]` of `strings`. */
  stringEnds: Int32Array;
  /** Dimension sets: count, then name and value string ids; set `i` ends at byte `dimEnds[i]`. */
  dims: Uint8Array;
  dimEnds: Int32Array;
  pages: Int32Array;
  blob: Uint8Array;
  pageKeys: Int32Array;
  factKeys: Int32Array;
  /** Per page, the stamp of its file when its bytes were read (size, mtimeMs, ctimeMs, ino); NaN when none. */
  pageStamps: Float64Array;
}

/** Whether stored data has the segment's layout (a file written by another version may not). */
export function isPackedSegment(value: unknown): value is PackedSegment {
  const v = value as Partial<Record<keyof PackedSegment, unknown>> | null;
  if (typeof v !== 'object' || v === null || !(v.pageStamps instanceof Float64Array)) return false;
  if (![v.strings, v.dims, v.blob].every((a) => a instanceof Uint8Array)) return false;
  if (![v.stringEnds, v.dimEnds, v.pages, v.pageKeys, v.factKeys].every((a) => a instanceof Int32Array)) return false;
  return (v.pages as Int32Array).length / PAGE_SIZE === v.pageStamps.length / 4;
}

/**
 * A page as the index takes it in: what corpus rules read of it, the partials it was built
 * from, and its file's stamp when the bytes were read (see `current`).
 */
export interface IndexedPage {
  page: CorpusPage;
  deps: readonly PageDependency[];
  stamp?: Stamp | undefined;
}

/** A growing run of LEB128 numbers. */
class Bytes {
  private buf = new Uint8Array(1 << 16);
  length = 0;

  uint(n: number): void {
    if (this.length + 8 > this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    while (n >= 0x80) {
      this.buf[this.length++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.length++] = n;
  }

  int(n: number): void {
    this.uint(n >= 0 ? n * 2 : -n * 2 - 1);
  }

  /** A string id (or -1 for none). */
  str(id: number): void {
    this.uint(id + 1);
  }

  span(s: Span): void {
    this.uint(s.line);
    this.uint(s.column);
    this.int(s.endLine - s.line);
    this.uint(s.endColumn);
    this.uint(s.offset);
    this.int(s.endOffset - s.offset);
  }

  done(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** Reads what `Bytes` wrote. */
class Cursor {
  constructor(
    private readonly b: Uint8Array,
    public at: number,
  ) {}

  uint(): number {
    let n = 0;
    let scale = 1;
    for (;;) {
      const byte = this.b[this.at++] as number;
      n += (byte & 0x7f) * scale;
      if (byte < 0x80) return n;
      scale *= 0x80;
    }
  }

  int(): number {
    const u = this.uint();
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }

  str(): number {
    return this.uint() - 1;
  }

  span(): Span {
    const line = this.uint();
    const column = this.uint();
    const endLine = line + this.int();
    const endColumn = this.uint();
    const offset = this.uint();
    return { line, column, endLine, endColumn, offset, endOffset: offset + this.int() };
  }

  /** Copy a span as it is stored. */
  copySpan(to: Bytes): void {
    to.uint(this.uint());
    to.uint(this.uint());
    to.int(this.int());
    to.uint(this.uint());
    to.uint(this.uint());
    to.int(this.int());
  }
}

/** 32-bit FNV-1a: cheap, and a collision only widens what a run loads. */
function hashKey(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/**
 * The `reach` keys of a rule set, hashed. Rules that share one key function (capability-not-
 * ticked uses consistency's) share a key space; each space has a number that prefixes its keys,
 * so that two rules' keys never meet by accident.
 */
export class ReachKeys {
  private readonly pageSpaces: Array<NonNullable<CorpusReach['pages']>> = [];
  private readonly factSpaces: Array<NonNullable<CorpusReach['facts']>> = [];

  constructor(
    rules: RuleSet,
    readonly setup: FactsSetup,
  ) {
    for (const rule of rules.corpus) {
      const { pages, facts } = rule.reach ?? {};
      if (pages && !this.pageSpaces.includes(pages)) this.pageSpaces.push(pages);
      if (facts && !this.factSpaces.includes(facts)) this.factSpaces.push(facts);
    }
  }

  /** What the keys are made by, for the index's own key: a change to a key function makes another index. */
  get identity(): string[] {
    return [...this.pageSpaces.map((f) => `pages:${String(f)}`), ...this.factSpaces.map((f) => `facts:${String(f)}`)];
  }

  /** Every page key of a page, in every space. */
  pageKeys(page: CorpusPage): number[] {
    const out: number[] = [];
    this.pageSpaces.forEach((keys, space) => {
      for (const key of keys(page, this.setup)) out.push(hashKey(`${space}\u0000${key}`));
    });
    return out;
  }

  /** Every fact key of a fact, in every space. */
  factKeys(fact: LocatedFact): number[] {
    const out: number[] = [];
    this.factSpaces.forEach((keys, space) => {
      for (const key of keys(fact, this.setup)) out.push(hashKey(`${space}\u0000${key}`));
    });
    return out;
  }

  /** The page keys of `rule`'s space on some pages; null when the rule compares no whole pages. */
  pageKeysOf(rule: CorpusRule, pages: readonly CorpusPage[]): Set<number> | null {
    const keys = rule.reach?.pages;
    if (!keys) return null;
    const space = this.pageSpaces.indexOf(keys);
    const out = new Set<number>();
    for (const page of pages) for (const key of keys(page, this.setup)) out.add(hashKey(`${space}\u0000${key}`));
    return out;
  }

  /** The fact keys of `rule`'s space on the facts of some pages; null when the rule compares no facts. */
  factKeysOf(rule: CorpusRule, pages: readonly CorpusPage[]): Set<number> | null {
    const keys = rule.reach?.facts;
    if (!keys) return null;
    const space = this.factSpaces.indexOf(keys);
    const out = new Set<number>();
    for (const page of pages) for (const f of factsOf(page)) for (const key of keys(f, this.setup)) out.add(hashKey(`${space}\u0000${key}`));
    return out;
  }
}

/** Builds a segment: pages taken from their models, or copied from another segment. */
class SegmentWriter {
  private readonly ids = new Map<string, number>();
  private readonly list: string[] = [];
  private readonly dimIds = new Map<string, number>();
  private readonly dims = new Bytes();
  private readonly dimEnds: number[] = [];
  private readonly pages: number[] = [];
  private readonly blob = new Bytes();
  private readonly pageKeys: number[] = [];
  private readonly factKeys: number[] = [];
  private readonly pageStamps: number[] = [];
  /** JSON of values and column lists, by object: equal values are shared objects (see `ValueInterner`). */
  private readonly json = new WeakMap<object, number>();

  constructor(private readonly keys: ReachKeys) {}

  str(text: string | null | undefined): number {
    if (text === null || text === undefined) return -1;
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.list.length;
      this.list.push(text);
      this.ids.set(text, id);
    }
    return id;
  }

  /** A dimension set's id, from its names' and values' string ids in order. */
  dimSet(pairs: readonly number[]): number {
    const key = pairs.join(',');
    let id = this.dimIds.get(key);
    if (id === undefined) {
      id = this.dimEnds.length;
      this.dims.uint(pairs.length / 2);
      for (const n of pairs) this.dims.uint(n);
      this.dimEnds.push(this.dims.length);
      this.dimIds.set(key, id);
    }
    return id;
  }

  private jsonOf(value: object): number {
    let id = this.json.get(value);
    if (id === undefined) {
      id = this.str(JSON.stringify(value));
      this.json.set(value, id);
    }
    return id;
  }

  add({ page, deps, stamp }: IndexedPage): void {
    // A stamp taken moments after a write is not to be trusted (see `recent`).
    if (stamp && !recent(stamp)) this.pageStamps.push(stamp.size, stamp.mtimeMs, stamp.ctimeMs, stamp.ino);
    else this.pageStamps.push(NaN, NaN, NaN, NaN);
    const facts = page.facts;
    const kinds = [...new Set((facts?.tables ?? []).map((t) => t.kind))].sort();
    const blobStart = this.blob.length;
    const factKeyStart = this.factKeys.length;
    this.writeTables(page, facts?.tables ?? []);
    const keyStart = this.pageKeys.length;
    this.pageKeys.push(...this.keys.pageKeys(page));
    const site = this.keys.setup.site;
    const known = knownPage(page, site.anchors);
    // What the site reads of a known page's shortcodes: those that include a file.
    const includes = new Set(site.includeShortcodes.map((i) => i.shortcode));
    const included = known.shortcodes.filter((sc) => includes.has(sc.name));
    this.pages.push(
      this.str(page.file),
      this.str(page.hash),
      deps.length === 0 ? -1 : this.str(JSON.stringify(deps)),
      this.str(facts?.locale),
      facts ? this.str(facts.localPath) : -1,
      facts ? this.str(facts.configPath) : -1,
      facts ? this.str(JSON.stringify(facts.dimensions)) : -1,
      this.str(JSON.stringify(kinds)),
      this.str([...known.anchors].join('\u0000')),
      page.comments.length === 0 ? -1 : this.str(JSON.stringify(page.comments)),
      blobStart,
      this.blob.length,
      keyStart,
      this.pageKeys.length,
      factKeyStart,
      this.factKeys.length,
      included.length === 0 ? -1 : this.str(JSON.stringify(included)),
    );
  }

  private writeTables(page: CorpusPage, tables: readonly FactTable[]): void {
    const b = this.blob;
    b.uint(tables.length);
    for (const table of tables) {
      b.str(this.str(table.file));
      b.str(this.str(table.kind));
      b.uint(table.table);
      b.str(this.str(table.section));
      b.str(this.str(table.keyHeader));
      b.str(this.jsonOf(table.columns));
      b.span(table.span);
      b.uint(table.rows.length);
      for (const row of table.rows) {
        b.uint(row.index);
        b.str(this.str(row.keyText));
        b.str(this.str(row.keyId));
        b.uint(row.keyKnown ? 1 : 0);
        b.str(this.str(row.keySignature));
        b.str(row.keyRange ? this.jsonOf(row.keyRange) : -1);
        b.span(row.span);
        b.span(row.keySpan);
        b.uint(row.facts.length);
        for (const fact of row.facts) {
          const column = table.columns[fact.column] as FactColumn;
          const keys = this.keys.factKeys({ page, table, row, column, fact });
          this.factKeys.push(...keys);
          b.uint(fact.column);
          b.uint(this.dimSet(Object.entries(fact.dimensions).flatMap(([name, value]) => [this.str(name), this.str(value)])));
          b.str(this.jsonOf(fact.value));
          b.str(this.str(fact.raw));
          b.str(this.str(fact.text));
          b.span(fact.span);
          b.uint(keys.length);
        }
      }
    }
  }

  /**
   * Copy page `p` of `from` as it is stored (its keys too, which another rule set may not make
   * again), with a new stamp when given. `remap` turns `from`'s string and dimension set ids
   * into this segment's.
   */
  copy(from: Segment, p: number, remap: { strings: Int32Array; dims: Int32Array }, stamp?: Stamp): void {
    const str = (id: number): number => {
      if (id < 0) return -1;
      let to = remap.strings[id] as number;
      if (to < 0) {
        to = this.str(from.str(id));
        remap.strings[id] = to;
      }
      return to;
    };
    const dimSet = (id: number): number => {
      let to = remap.dims[id] as number;
      if (to < 0) {
        to = this.dimSet(from.dimPairs(id).map(str));
        remap.dims[id] = to;
      }
      return to;
    };
    const d = from.data;
    if (stamp) this.pageStamps.push(stamp.size, stamp.mtimeMs, stamp.ctimeMs, stamp.ino);
    else for (let i = 0; i < 4; i++) this.pageStamps.push(d.pageStamps[p * 4 + i] as number);
    const page = Array.from(d.pages.subarray(p * PAGE_SIZE, (p + 1) * PAGE_SIZE));
    for (const i of PAGE_STRINGS) page[i] = str(page[i] as number);
    page[P.blob] = this.blob.length;
    copyTables(new Cursor(d.blob, from.page(p, P.blob)), this.blob, str, dimSet);
    page[P.blob + 1] = this.blob.length;
    page[P.keys] = this.pageKeys.length;
    for (let k = from.page(p, P.keys); k < from.page(p, P.keys + 1); k++) this.pageKeys.push(d.pageKeys[k] as number);
    page[P.keys + 1] = this.pageKeys.length;
    page[P.factKeys] = this.factKeys.length;
    for (let k = from.page(p, P.factKeys); k < from.page(p, P.factKeys + 1); k++) this.factKeys.push(d.factKeys[k] as number);
    page[P.factKeys + 1] = this.factKeys.length;
    this.pages.push(...page);
  }

  finish(): PackedSegment {
    const ends = new Int32Array(this.list.length);
    let end = 0;
    this.list.forEach((s, i) => {
      end += Buffer.byteLength(s);
      ends[i] = end;
    });
    const strings = Buffer.from(this.list.join(''));
    if (strings.length !== end) throw new Error('facts index: string table length mismatch');
    return {
      strings,
      stringEnds: ends,
      dims: this.dims.done(),
      dimEnds: Int32Array.from(this.dimEnds),
      pages: Int32Array.from(this.pages),
      blob: this.blob.done(),
      pageKeys: Int32Array.from(this.pageKeys),
      factKeys: Int32Array.from(this.factKeys),
      pageStamps: Float64Array.from(this.pageStamps),
    };
  }
}

/** Re-write a page's tables (see the layout above) with other string and dimension set ids. */
function copyTables(c: Cursor, to: Bytes, str: (id: number) => number, dimSet: (id: number) => number): void {
  const tables = c.uint();
  to.uint(tables);
  for (let t = 0; t < tables; t++) {
    for (let i = 0; i < 2; i++) to.str(str(c.str()));
    to.uint(c.uint());
    for (let i = 0; i < 3; i++) to.str(str(c.str()));
    c.copySpan(to);
    const rows = c.uint();
    to.uint(rows);
    for (let r = 0; r < rows; r++) {
      to.uint(c.uint());
      for (let i = 0; i < 2; i++) to.str(str(c.str()));
      to.uint(c.uint());
      for (let i = 0; i < 2; i++) to.str(str(c.str()));
      c.copySpan(to);
      c.copySpan(to);
      const facts = c.uint();
      to.uint(facts);
      for (let f = 0; f < facts; f++) {
        to.uint(c.uint());
        to.uint(dimSet(c.uint()));
        for (let i = 0; i < 3; i++) to.str(str(c.str()));
        c.copySpan(to);
        to.uint(c.uint());
      }
    }
  }
}

/**
 * The record (of `size` slots) whose range, starting at slot `field`, holds item `item`: ranges
 * are contiguous and in order, so it is the last record whose range starts at or before it.
 */
function owner(a: Int32Array, size: number, field: number, item: number): number {
  let lo = 0;
  let hi = a.length / size - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((a[mid * size + field] as number) <= item) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A stored segment, read: strings and objects are made only when asked for, once. */
class Segment {
  private readonly buffer: Buffer;
  private readonly strings = new Map<number, string>();
  private readonly parsed = new Map<number, unknown>();
  private readonly dimSets = new Map<number, { dimensions: Record<string, string>; key: string }>();

  constructor(readonly data: PackedSegment) {
    this.buffer = Buffer.from(data.strings.buffer, data.strings.byteOffset, data.strings.byteLength);
  }

  get pageCount(): number {
    return this.data.pages.length / PAGE_SIZE;
  }

  /** The string `id`; its bytes are decoded once. */
  str(id: number): string {
    let s = this.strings.get(id);
    if (s === undefined) {
      const start = id === 0 ? 0 : (this.data.stringEnds[id - 1] as number);
      s = this.buffer.toString('utf8', start, this.data.stringEnds[id]);
      this.strings.set(id, s);
    }
    return s;
  }

  strOrNull(id: number): string | null {
    return id < 0 ? null : this.str(id);
  }

  /** The JSON string `id`, parsed once: equal values stay one object, as extraction shares them. */
  json<T>(id: number): T {
    let v = this.parsed.get(id);
    if (v === undefined) {
      v = JSON.parse(this.str(id));
      this.parsed.set(id, v);
    }
    return v as T;
  }

  /** Dimension set `id` as name and value string ids. */
  dimPairs(id: number): number[] {
    const c = new Cursor(this.data.dims, id === 0 ? 0 : (this.data.dimEnds[id - 1] as number));
    const pairs: number[] = [];
    for (let n = c.uint() * 2; n > 0; n--) pairs.push(c.uint());
    return pairs;
  }

  /** Dimension set `id` as a fact's dimensions and key, made once. */
  dimSet(id: number): { dimensions: Record<string, string>; key: string } {
    let set = this.dimSets.get(id);
    if (!set) {
      const dimensions: Record<string, string> = {};
      const pairs = this.dimPairs(id);
      for (let i = 0; i < pairs.length; i += 2) dimensions[this.str(pairs[i] as number)] = this.str(pairs[i + 1] as number);
      set = { dimensions, key: factKey(dimensions) };
      this.dimSets.set(id, set);
    }
    return set;
  }

  page(p: number, field: number): number {
    return this.data.pages[p * PAGE_SIZE + field] as number;
  }

  /**
   * Page `p`'s tables with the facts `wanted` accepts (by the index of a fact's first key in
   * `factKeys`, and its number of keys), each in its row and table; rows and tables left with
   * no fact are left out.
   */
  readTables(p: number, wanted: (firstKey: number, keys: number) => boolean): FactTable[] {
    const c = new Cursor(this.data.blob, this.page(p, P.blob));
    let key = this.page(p, P.factKeys);
    const out: FactTable[] = [];
    const tables = c.uint();
    for (let t = 0; t < tables; t++) {
      const file = this.str(c.str());
      const kind = this.str(c.str());
      const index = c.uint();
      const section = this.strOrNull(c.str());
      const keyHeader = this.str(c.str());
      const columns = this.json<FactColumn[]>(c.str());
      const span = c.span();
      const rows: FactRow[] = [];
      const rowCount = c.uint();
      for (let r = 0; r < rowCount; r++) {
        const rowIndex = c.uint();
        const keyText = c.str();
        const keyId = c.str();
        const keyKnown = c.uint() === 1;
        const keySignature = c.str();
        const range = c.str();
        const rowSpan = c.span();
        const keySpan = c.span();
        const facts: Fact[] = [];
        const factCount = c.uint();
        for (let f = 0; f < factCount; f++) {
          const column = c.uint();
          const dims = c.uint();
          const value = c.str();
          const raw = c.str();
          const text = c.str();
          const factSpan = c.span();
          const keys = c.uint();
          if (wanted(key, keys)) {
            const { dimensions, key: factKeyText } = this.dimSet(dims);
            facts.push({ column, dimensions, key: factKeyText, value: this.json<Value>(value), raw: this.str(raw), text: this.str(text), span: factSpan });
          }
          key += keys;
        }
        if (facts.length === 0) continue;
        rows.push({
          index: rowIndex,
          span: rowSpan,
          keyText: this.str(keyText),
          keyId: this.str(keyId),
          keyKnown,
          keySpan,
          keySignature: this.str(keySignature),
          ...(range < 0 ? {} : { keyRange: this.json<VersionExpr>(range) }),
          facts,
        });
      }
      if (rows.length > 0) out.push({ kind, table: index, file, span, section, keyHeader, columns, rows });
    }
    return out;
  }
}

/** Where the latest record of a file is. */
interface Place {
  segment: Segment;
  page: number;
}

/** A page of the index that a scoped run gives a rule in place of the page (see `CorpusReach`). */
function skeleton(place: Place, tables: FactTable[]): CorpusPage {
  const { segment, page } = place;
  const localPath = segment.page(page, P.localPath);
  const comments = segment.page(page, P.comments);
  return {
    file: segment.str(segment.page(page, P.file)),
    hash: segment.str(segment.page(page, P.hash)),
    bom: false,
    lineEnding: 'none',
    lineCount: 0,
    frontMatter: null,
    headings: [],
    definitions: [],
    references: [],
    footnotes: { definitions: [], references: [] },
    links: [],
    images: [],
    shortcodes: [],
    html: [],
    comments: comments < 0 ? [] : segment.json<ControlComment[]>(comments),
    problems: [],
    facts:
      localPath < 0
        ? null
        : {
            locale: segment.strOrNull(segment.page(page, P.locale)),
            localPath: segment.str(localPath),
            configPath: segment.str(segment.page(page, P.configPath)),
            dimensions: segment.json<Record<string, string>>(segment.page(page, P.dims)),
            tables,
          },
  };
}

/** Pages (one or more) whose fact keys are stored after the base, until the next compaction. */
const DELTA_SHARE = 0.1;
const DELTA_MIN = 256;

/**
 * The facts index of a tree, as read from the cache and updated by a run: a base segment and a
 * delta of the pages changed since (a run that loads a few pages writes only the delta; one that
 * loads every page, or finds the delta grown, writes a new base). A page's latest record is the
 * one that counts; a record of bytes or partials that changed since is not current, and the run
 * loads that page instead.
 */
export class FactsIndex {
  private readonly latest = new Map<string, Place>();
  private readonly added: IndexedPage[] = [];
  private readonly restamped = new Map<string, Stamp>();
  private readonly live = new Set<string>();
  private byLocalPath: Map<string, Array<{ file: string; locale: string | null }>> | null = null;
  private readonly masks = new Map<Segment, Uint8Array>();

  private constructor(
    private readonly keys: ReachKeys,
    private readonly base: Segment | null,
    private readonly delta: Segment | null,
  ) {
    for (const segment of [base, delta]) {
      if (!segment) continue;
      for (let p = 0; p < segment.pageCount; p++) this.latest.set(segment.str(segment.page(p, P.file)), { segment, page: p });
    }
  }

  static empty(keys: ReachKeys): FactsIndex {
    return new FactsIndex(keys, null, null);
  }

  static of(keys: ReachKeys, base: PackedSegment | null, delta: PackedSegment | null): FactsIndex {
    return new FactsIndex(keys, base ? new Segment(base) : null, delta ? new Segment(delta) : null);
  }

  /**
   * The bytes' hash in the stored record of `file`, when the file's stamp now is the one its
   * bytes had when read (one `stat` tells, without reading the file) and its partials are
   * unchanged; null otherwise.
   */
  currentHash(file: string, stamp: Stamp | null, depsUnchanged: (deps: readonly PageDependency[]) => boolean): string | null {
    const place = this.latest.get(file);
    if (!place || stamp === null) return null;
    const { segment, page } = place;
    const s = segment.data.pageStamps;
    const at = page * 4;
    if (s[at] !== stamp.size || s[at + 1] !== stamp.mtimeMs || s[at + 2] !== stamp.ctimeMs || s[at + 3] !== stamp.ino) return null;
    const hash = segment.str(segment.page(page, P.hash));
    return this.current(file, hash, depsUnchanged) ? hash : null;
  }

  /** Whether the stored record of `file` is of these bytes, and of partials that are unchanged. */
  current(file: string, hash: string, depsUnchanged: (deps: readonly PageDependency[]) => boolean): boolean {
    const place = this.latest.get(file);
    if (!place || hash === '') return false;
    const { segment, page } = place;
    if (segment.str(segment.page(page, P.hash)) !== hash) return false;
    const deps = segment.page(page, P.deps);
    return deps < 0 || depsUnchanged(segment.json<PageDependency[]>(deps));
  }

  /**
   * The pages the run takes from the index (current, and not loaded): what the queries below
   * look at. The run's other pages are loaded whole.
   */
  useLive(files: Iterable<string>): void {
    this.byLocalPath = null;
    this.masks.clear();
    this.live.clear();
    for (const file of files) if (this.latest.has(file)) this.live.add(file);
  }

  /** Take in pages the run loaded whose records were not current: they are stored with the index. */
  add(pages: readonly IndexedPage[]): void {
    for (const p of pages) if (p.page.hash !== '') this.added.push(p);
  }

  /**
   * Note the stamp a file has now, for a record that is current (its bytes were read and are the
   * record's) but was stamped otherwise, or not at all: the next run then need not read it.
   */
  restamp(file: string, stamp: Stamp | undefined): void {
    const place = this.latest.get(file);
    if (!place || !stamp || recent(stamp)) return;
    const s = place.segment.data.pageStamps;
    const at = place.page * 4;
    if (s[at] === stamp.size && s[at + 1] === stamp.mtimeMs && s[at + 2] === stamp.ctimeMs && s[at + 3] === stamp.ino) return;
    this.restamped.set(file, stamp);
  }

  /** Whether anything was added or restamped since the index was read. */
  get changed(): boolean {
    return this.added.length > 0 || this.restamped.size > 0;
  }

  /** The live pages (current, not loaded by the run) that share one of `keys` as a page key. */
  pagesSharing(keys: ReadonlySet<number>): string[] {
    const out: string[] = [];
    if (keys.size === 0) return out;
    for (const file of this.live) {
      const { segment, page } = this.latest.get(file) as Place;
      const d = segment.data;
      for (let k = segment.page(page, P.keys); k < segment.page(page, P.keys + 1); k++) {
        if (keys.has(d.pageKeys[k] as number)) {
          out.push(file);
          break;
        }
      }
    }
    return out.sort();
  }

  /**
   * Of the live pages, the facts that share one of `keys` as a fact key, each page as a
   * skeleton holding only those facts (in their rows and tables), in file order. The keys of
   * every fact sit in one array: it is scanned once, and only the pages with a fact found are
   * read, only the facts found becoming objects.
   */
  factPages(keys: ReadonlySet<number>): CorpusPage[] {
    const out: CorpusPage[] = [];
    if (keys.size === 0) return out;
    for (const segment of [this.base, this.delta]) {
      if (!segment) continue;
      const d = segment.data;
      const live = this.liveIn(segment);
      const found = new Map<number, Set<number>>();
      for (let k = 0; k < d.factKeys.length; k++) {
        if (!keys.has(d.factKeys[k] as number)) continue;
        const p = owner(d.pages, PAGE_SIZE, P.factKeys, k);
        if (live[p] !== 1) continue;
        let at = found.get(p);
        if (!at) {
          at = new Set();
          found.set(p, at);
        }
        at.add(k);
      }
      for (const [page, at] of found) {
        const wanted = (first: number, count: number): boolean => {
          for (let k = first; k < first + count; k++) if (at.has(k)) return true;
          return false;
        };
        out.push(skeleton({ segment, page }, segment.readTables(page, wanted)));
      }
    }
    return out.sort((a, b) => compareStrings(a.file, b.file));
  }

  /** Which pages of a segment are the live records: 1 at their index. */
  private liveIn(segment: Segment): Uint8Array {
    let mask = this.masks.get(segment);
    if (!mask) {
      mask = new Uint8Array(segment.pageCount);
      for (const file of this.live) {
        const place = this.latest.get(file) as Place;
        if (place.segment === segment) mask[place.page] = 1;
      }
      this.masks.set(segment, mask);
    }
    return mask;
  }

  /** A live page without its facts' tables: what `sourcePages` reads of a source page (its locale and path). */
  skeleton(file: string): CorpusPage | null {
    const place = this.live.has(file) ? this.latest.get(file) : undefined;
    return place ? skeleton(place, []) : null;
  }

  /** The files of the live pages in `locales` (null: outside the content folder) with this path inside the locale folder. */
  livePagesAt(localPath: string, locales: ReadonlyArray<string | null>): string[] {
    if (!this.byLocalPath) {
      this.byLocalPath = new Map();
      for (const file of [...this.live].sort()) {
        const { segment, page } = this.latest.get(file) as Place;
        const at = segment.page(page, P.localPath);
        if (at < 0) continue;
        const entry = { file, locale: segment.strOrNull(segment.page(page, P.locale)) };
        const list = this.byLocalPath.get(segment.str(at));
        if (list) list.push(entry);
        else this.byLocalPath.set(segment.str(at), [entry]);
      }
    }
    return (this.byLocalPath.get(localPath) ?? []).filter((e) => locales.includes(e.locale)).map((e) => e.file);
  }

  /** The table kinds the live pages matched. */
  liveKinds(): Set<string> {
    const kinds = new Set<string>();
    for (const file of this.live) {
      const { segment, page } = this.latest.get(file) as Place;
      for (const kind of segment.json<string[]>(segment.page(page, P.kinds))) kinds.add(kind);
    }
    return kinds;
  }

  /** What a live page tells the site of itself (see `KnownPage`), by absolute path (`cwd` is what page files are relative to). */
  knownPageOf(abs: string, cwd: string): KnownPage | undefined {
    const file = relativeName(cwd, abs);
    const place = this.live.has(file) ? this.latest.get(file) : undefined;
    if (!place) return undefined;
    const { segment, page } = place;
    const text = segment.str(segment.page(page, P.anchors));
    const includes = segment.page(page, P.includes);
    return { anchors: new Set(text === '' ? [] : text.split('\u0000')), shortcodes: includes < 0 ? [] : segment.json<KnownPage['shortcodes']>(includes) };
  }


  /**
   * What to store: the delta alone (the pages added, and those the delta held that were not
   * added again), or a new base of every page of `files` when the delta has grown past a share
   * of the base or there is no base.
   */
  pack(files: readonly string[]): { base: PackedSegment | null; delta: PackedSegment | null } {
    const addedFiles = new Set(this.added.map((p) => p.page.file));
    const wanted = new Set(files);
    const isLatest = (segment: Segment, p: number, file: string): boolean => {
      const place = this.latest.get(file);
      return place?.segment === segment && place.page === p;
    };
    /** The pages of a segment whose records are the latest of a wanted file not added again. */
    const kept = (segment: Segment | null): number[] => {
      const out: number[] = [];
      if (!segment) return out;
      for (let p = 0; p < segment.pageCount; p++) {
        const file = segment.str(segment.page(p, P.file));
        if (!addedFiles.has(file) && wanted.has(file) && isLatest(segment, p, file)) out.push(p);
      }
      return out;
    };
    const fromDelta = kept(this.delta);
    const fromBase = kept(this.base);
    // Without a new base, restamped records of the base move to the delta with their new stamps.
    const restampedBase = fromBase.filter((p) => this.restamped.has((this.base as Segment).str((this.base as Segment).page(p, P.file))));
    const deltaPages = fromDelta.length + restampedBase.length + this.added.length;
    const basePages = this.base?.pageCount ?? 0;
    const rebase = this.base === null || deltaPages > Math.max(DELTA_MIN, DELTA_SHARE * basePages);
    const writer = new SegmentWriter(this.keys);
    const copyAll = (segment: Segment | null, pages: readonly number[]): void => {
      if (!segment) return;
      const remap = { strings: new Int32Array(segment.data.stringEnds.length).fill(-1), dims: new Int32Array(segment.data.dimEnds.length).fill(-1) };
      for (const p of pages) writer.copy(segment, p, remap, this.restamped.get(segment.str(segment.page(p, P.file))));
    };
    copyAll(this.base, rebase ? fromBase : restampedBase);
    copyAll(this.delta, fromDelta);
    for (const p of this.added) writer.add(p);
    return rebase ? { base: writer.finish(), delta: null } : { base: null, delta: writer.finish() };
  }

  /** The tree summary of a run whose listed pages are the live ones and `loaded`. */
  treeSummary(loaded: readonly CorpusPage[]): TreeSummary {
    const tableKinds = this.liveKinds();
    for (const page of loaded) for (const t of page.facts?.tables ?? []) tableKinds.add(t.kind);
    return { pages: this.live.size + loaded.length, tableKinds };
  }

  /** Files of the live pages. */
  get liveFiles(): ReadonlySet<string> {
    return this.live;
  }
}
