import type { CorpusPage } from '../model/types.js';
import type { Change } from './changes.js';
import type { FactsSetup } from './config.js';

/**
 * A translation's base: the source page it was translated from, read from git before the rules
 * run (see `load/translation-bases.ts`), so translation-drift can tell a stale translation (the
 * source changed since) from a mistranslated one (it differs from the source it was made from).
 */

/** A commit, as findings name it: its id and its committer date (ISO 8601, UTC). A type, not an interface: findings carry it as data. */
export type CommitRef = { commit: string; date: string };

/** How the base was found: the front matter key (`translation.baseKey`), or the translation's last commit (`translation.base: history`). */
export type BaseOrigin = 'key' | 'history';

/** A change of the source page since the base, with the commit that made it (null: not committed yet, in the working tree). */
export interface SourceChange extends Change {
  commit: CommitRef | null;
}

export type TranslationBase =
  | {
      state: 'found';
      origin: BaseOrigin;
      base: CommitRef;
      /** The source page at the base (the current page itself when its bytes are the same). */
      source: CorpusPage;
      /** Whether the source page's bytes changed since the base (facts or prose). */
      changed: boolean;
      /** What changed in the source's facts since the base, in page order. */
      changes: SourceChange[];
    }
  | {
      /** The base commit is not in the repository (a shallow clone, a commit never fetched), or the history that would give it is cut off. */
      state: 'missing';
      origin: BaseOrigin;
      /** The commit as pinned, or the shallow boundary commit the history stops at. */
      commit: string;
      /** The clone is shallow: `git fetch --unshallow` brings the history. */
      shallow: boolean;
      /** No git repository at all. */
      noRepository: boolean;
    }
  | {
      /** The front matter value names no commit. */
      state: 'invalid';
      value: string;
    }
  | {
      state: 'none';
      /** No key in the page (and no `base: history`), the translation was never committed, or its source did not exist (under its name) at the base. */
      reason: 'no-key' | 'untracked' | 'no-source-at-base' | 'no-repository';
    };

/** Each translation's base, by the translation's file. */
export type TranslationBases = ReadonlyMap<string, TranslationBase>;

/** A translated page and its source page (`content/<locale>/X.md` and `content/<default>/X.md`). */
export interface TranslationPair {
  translation: CorpusPage;
  source: CorpusPage;
}

/** Every translation of the pages that has its source page among them, in page order. */
export function translationPairs(pages: readonly CorpusPage[], setup: FactsSetup): TranslationPair[] {
  const sources = new Map<string, CorpusPage>();
  for (const p of pages) if (p.facts?.locale === setup.site.defaultLocale) sources.set(p.facts.localPath, p);
  const out: TranslationPair[] = [];
  for (const page of pages) {
    const facts = page.facts;
    if (!facts || facts.locale === null || facts.locale === setup.site.defaultLocale) continue;
    const source = sources.get(facts.localPath);
    if (source?.facts) out.push({ translation: page, source });
  }
  return out;
}

/** Whether translations have a base to find: a front matter key or the history. */
export function basesConfigured(setup: FactsSetup): boolean {
  return setup.translationBase.key !== null || setup.translationBase.history;
}

/**
 * The commit a front matter value names: a commit id (hex, 4 to 64 digits), with any trailing
 * `# comment` (`abc1234 # patched`) left out; null when it names none. YAML reads an id of
 * digits only as a number, taken as written when it is a whole number (`12e4567` is not).
 */
export function pinnedCommit(value: unknown): string | null {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) return null;
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value).replace(/\s*#.*$/s, '').trim();
  return /^[0-9a-f]{4,64}$/i.test(text) ? text.toLowerCase() : null;
}
