import type { BaseOrigin, TranslationBase, TranslationBases } from '../facts/bases.js';
import { basesConfigured, translationPairs } from '../facts/bases.js';
import type { FactsSetup } from '../facts/config.js';
import type { Diagnostic } from '../engine/types.js';
import type { CorpusPage } from '../model/types.js';
import { BASE_MESSAGES, STALE_MESSAGES } from '../rules/translation-drift/index.js';
import { compareStrings } from '../util/strings.js';

/**
 * Where each translation stands against its base, from one run's translation-drift findings and
 * translation bases: what `compatlint i18n` and the audit's drift section show.
 */

/**
 * - `current`: the source is as it was at the base, and the translation agrees with it.
 * - `stale`: the source changed facts since the base that the translation still has as they were.
 * - `mistranslated`: the translation differs from the source at its base (and is not stale).
 * - `text-drift`: the source changed since the base, only in what is not a fact (prose, markup),
 *   or in facts the translation already follows.
 * - `no-base`: no base is known (no pin, no `base: history`, never committed): compared with the source now.
 * - `base-missing`: the pinned commit is not in the repository (a shallow clone) or the pin names
 *   no commit: compared with the source now.
 */
export type TranslationState = 'current' | 'stale' | 'mistranslated' | 'text-drift' | 'no-base' | 'base-missing';

export interface TranslationStatus {
  file: string;
  source: string;
  locale: string;
  state: TranslationState;
  /** The base found: how, which commit and its date. */
  base: { origin: BaseOrigin; commit: string; date: string } | null;
  /** Why there is no usable base (null when there is one). */
  noBase: 'missing' | 'invalid' | 'no-key' | 'untracked' | 'no-source-at-base' | 'no-repository' | null;
  /** Whether the source page changed since the base (null without one). */
  sourceChanged: boolean | null;
  /** Stale findings: the source's changes since the base that the translation lacks (values, rows, columns, tables). */
  behind: number;
  /** Findings that are not stale, nor about the base: the translation differs from its source (at the base, when there is one). */
  differences: number;
  /** The page's translation-drift findings, in the engine's order. */
  findings: Diagnostic[];
}

export interface LocaleTranslations {
  locale: string;
  pages: number;
  current: number;
  /** Pages with at least one stale fact, and how many stale facts they have in all. */
  stale: number;
  behind: number;
  /** Pages with a base whose translation differs from it (a page can be stale too). */
  mistranslated: number;
  textDrift: number;
  /** Pages compared with the source now: no base known, or the base is missing or invalid. */
  withoutBase: number;
  baseMissing: number;
}

export interface TranslationReport {
  /** Whether the config names a base (`translation.baseKey`, `translation.base`). */
  basesConfigured: boolean;
  locales: LocaleTranslations[];
  pages: TranslationStatus[];
}

export interface TranslationReportOptions {
  pages: readonly CorpusPage[];
  diagnostics: readonly Diagnostic[];
  bases: TranslationBases | undefined;
  setup: FactsSetup;
  /** Only these translations (files as diagnostics name them); all when absent. */
  include?: (translation: string, source: string) => boolean;
}

export function translationReport(options: TranslationReportOptions): TranslationReport {
  const { setup } = options;
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of options.diagnostics) {
    if (d.ruleId !== 'translation-drift') continue;
    byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  }
  const pages: TranslationStatus[] = [];
  for (const { translation, source } of translationPairs(options.pages, setup)) {
    if (options.include && !options.include(translation.file, source.file)) continue;
    pages.push(statusOf(translation, source, options.bases?.get(translation.file), byFile.get(translation.file) ?? []));
  }
  const order = setup.site.locales;
  const rank = (l: string) => (order.includes(l) ? order.indexOf(l) : order.length);
  pages.sort((a, b) => rank(a.locale) - rank(b.locale) || compareStrings(a.locale, b.locale) || compareStrings(a.file, b.file));
  const locales = new Map<string, LocaleTranslations>();
  for (const p of pages) {
    let l = locales.get(p.locale);
    if (!l) {
      l = { locale: p.locale, pages: 0, current: 0, stale: 0, behind: 0, mistranslated: 0, textDrift: 0, withoutBase: 0, baseMissing: 0 };
      locales.set(p.locale, l);
    }
    l.pages++;
    l.behind += p.behind;
    if (p.state === 'current') l.current++;
    if (p.state === 'text-drift') l.textDrift++;
    if (p.state === 'no-base' || p.state === 'base-missing') l.withoutBase++;
    if (p.state === 'base-missing') l.baseMissing++;
    if (p.behind > 0) l.stale++;
    if (p.base !== null && p.differences > 0) l.mistranslated++;
  }
  return { basesConfigured: basesConfigured(setup), locales: [...locales.values()], pages };
}

function statusOf(translation: CorpusPage, source: CorpusPage, base: TranslationBase | undefined, findings: Diagnostic[]): TranslationStatus {
  const behind = findings.filter((d) => STALE_MESSAGES.has(d.messageId)).length;
  const differences = findings.filter((d) => !STALE_MESSAGES.has(d.messageId) && !BASE_MESSAGES.has(d.messageId)).length;
  const common = { file: translation.file, source: source.file, locale: translation.facts?.locale ?? '', behind, differences, findings };
  if (base?.state === 'found') {
    const state: TranslationState = behind > 0 ? 'stale' : differences > 0 ? 'mistranslated' : base.changed ? 'text-drift' : 'current';
    return { ...common, state, base: { origin: base.origin, ...base.base }, noBase: null, sourceChanged: base.changed };
  }
  const noBase = base === undefined ? 'no-key' : base.state === 'none' ? base.reason : base.state;
  return { ...common, state: base?.state === 'missing' || base?.state === 'invalid' ? 'base-missing' : 'no-base', base: null, noBase, sourceChanged: null };
}
