import type { CorpusRule, RuleContext } from '../../engine/types.js';
import { factRef, factsOf, type LocatedFact, type Shown, showValue, sourcePages, type Subject, subject } from '../../facts/corpus.js';
import type { TruthFact, TruthSource } from '../../facts/truth.js';
import type { RecordProblem, Relation, TruthRecord } from '../../facts/truth-mapping.js';
import { checkRelation, type RelationFailure } from '../../facts/truth-relations.js';
import { code, counted, quotedList, subjectText, valueText } from '../../engine/wording.js';

/** Where a finding says the truth is: the file and the key (compatlint's format) or the record. */
type Place = { file: string; line: number; key?: string; pointer?: string; ordinal?: number };

type Finding = { subject: Subject; value: Shown; truth: string; place: Place };

function placeText(p: Place): string {
  if (p.key !== undefined) return `${p.file}, key ${code(p.key)}`;
  return `${p.file}, record ${recordName(p)}`;
}

function recordName(p: { pointer?: string | null; ordinal?: number }): string {
  return p.pointer ? code(p.pointer) : String(p.ordinal);
}

function start(d: Finding): string {
  return `${subjectText(d.subject)} is ${valueText(d.value)} here`;
}

function problemText(p: RecordProblem): string {
  switch (p.code) {
    case 'type': {
      const expected = p.field === 'entries' ? 'an object or an array' : p.field.startsWith('versions.') ? 'a version or a list of versions' : 'text';
      return `${code(p.field)} gives ${p.found}, expected ${expected}`;
    }
    case 'version':
      return `${code(p.field)} gives ${code(p.text)}, which is not one version (${p.syntax})`;
    case 'no-version':
      return '`versions` finds no version in it';
    case 'failed':
      return `${code(p.field)} fails (${p.error})`;
    case 'duplicate':
      return `it states ${code(p.key)} again, with a value other than record ${recordName(p.other)}'s`;
    case 'no-range':
      return `its value ${code(p.text)} states no range of versions, which the mapping's relations compare`;
  }
}

const MESSAGE_OF: Record<Relation, string> = {
  equal: 'differs',
  within: 'within',
  covers: 'covers',
  'min-not-below': 'minBelow',
  'max-not-above': 'maxAbove',
};

/**
 * Pages checked against sources of truth (config `truth`): each page fact a source states is
 * checked in every relation the source asks for (`equal`, `within`, `covers`, `min-not-below`,
 * `max-not-above`), each at the severity the source gives it; a failure names both values, the
 * file and the record. Records that do not map are reported in the truth file. With `missing:
 * true` (`--truth-missing`), truth facts that no page states, and page facts of a source's kind
 * that no record names, are reported too.
 */
export const truthDrift: CorpusRule<{ missing?: boolean }> = {
  meta: {
    id: 'truth-drift',
    description: 'A page states a fact otherwise than a source of truth (config `truth`) allows.',
    scope: 'corpus',
    category: 'facts',
    defaultSeverity: 'error',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { missing: { type: 'boolean', description: 'Also report truth facts that no page states, and page facts that no truth record names.' } },
    },
    defaultOptions: { missing: false },
    messages: {
      differs: (d: Finding) => `${start(d)} but ${code(d.truth)} in the source of truth (${placeText(d.place)})`,
      within: (d: Finding & { side: 'below' | 'above' | 'between'; bound: string | null }) => {
        const where = d.side === 'between' || d.bound === null ? 'between its parts' : `${d.side} ${code(d.bound)}, its ${d.side === 'below' ? 'lower' : 'upper'} bound`;
        return `${start(d)}, which reaches outside ${code(d.truth)} in the source of truth: it admits versions ${where} (\`within\`; ${placeText(d.place)})`;
      },
      covers: (d: Finding & { left: string[]; total: number | null }) => {
        const left =
          d.total !== null
            ? `${d.left.length} of the ${d.total} tested versions: ${quotedList(d.left, 3)}`
            : d.left.length > 0
              ? `${quotedList(d.left)} of the range ${code(d.truth)} in the source of truth`
              : `part of the range ${code(d.truth)} in the source of truth`;
        return `${start(d)}, which leaves out ${left} (\`covers\`; ${placeText(d.place)})`;
      },
      minBelow: (d: Finding & { pageBound: string | null; truthBound: string }) =>
        `${start(d)}, ${d.pageBound === null ? 'which has no lower bound, so it reaches' : `whose lower bound ${code(d.pageBound)} is`} below the source of truth's, ${code(d.truthBound)} (\`min-not-below\`; ${placeText(d.place)})`,
      maxAbove: (d: Finding & { pageBound: string | null; truthBound: string }) =>
        `${start(d)}, ${d.pageBound === null ? 'which has no upper bound, so it reaches' : `whose upper bound ${code(d.pageBound)} is`} above the source of truth's, ${code(d.truthBound)} (\`max-not-above\`; ${placeText(d.place)})`,
      unreadable: (d: Finding & { relations: string[] }) =>
        `${start(d)}, which states no range of versions to compare with ${code(d.truth)} in the source of truth (${d.relations.map(code).join(', ')}; ${placeText(d.place)})`,
      truth: 'The source of truth says `{{truth}}`',
      record: (d: { place: Place; problem: RecordProblem; mapping: string }) =>
        `Unexpected record ${recordName(d.place)} in the source of truth: ${problemText(d.problem)} (mapping ${code(d.mapping)})`,
      missing: 'Unexpected fact `{{key}}` (`{{truth}}`) that no checked page states',
      unmatched: (d: { count: number; dimensions: string[]; mapping: string }) =>
        `Unexpected source of truth that no checked page states a fact of: none of its ${counted(d.count, 'fact')} (${d.dimensions.map(code).join(', ')}) is about a page fact, so it checks nothing (mapping ${code(d.mapping)})`,
      unnamed: (d: { subject: Subject; value: Shown; file: string; mapping: string }) =>
        `${subjectText(d.subject)} is ${valueText(d.value)} here, and no record of the source of truth names it (${d.file}, mapping ${code(d.mapping)})`,
    },
  },
  check(corpus, context) {
    const sources = corpus.truth ?? [];
    if (sources.length === 0) return;
    for (const source of sources) {
      for (const { record, problem } of source.problems) {
        context.report({
          messageId: 'record',
          file: source.file,
          span: lineSpan(record.line),
          data: { place: placeOf(source, record), problem, mapping: source.mappingName },
        });
      }
    }
    const missing = context.options.missing === true && corpus.complete;
    const stated = new Map<TruthSource, Set<TruthFact>>(sources.map((s) => [s, new Set()]));
    for (const page of sourcePages(corpus.pages, context.facts)) {
      for (const f of factsOf(page)) {
        for (const source of sources) {
          const t = source.lookup(f.fact);
          if (t) {
            stated.get(source)?.add(t);
            checkFact(f, source, t, context);
          } else if (missing && source.missing !== 'off' && source.speaksOf(f.fact)) {
            context.report({
              messageId: 'unnamed',
              file: f.table.file,
              span: f.fact.span,
              data: { subject: subject(f), value: showValue(f), file: source.file, mapping: source.mappingName },
              facts: [factRef(f)],
              level: source.missing,
            });
          }
        }
      }
    }
    // A source whose facts name no page fact (a dimension misspelled, a vocabulary missing) checks
    // nothing: said in a whole-tree run, where every page that could state them was checked.
    if (corpus.complete) {
      for (const source of sources) {
        if (source.facts.length === 0 || (stated.get(source)?.size ?? 0) > 0) continue;
        const dimensions = [...new Set(source.facts.flatMap((f) => Object.keys(f.dimensions)))].sort();
        context.report({ messageId: 'unmatched', file: source.file, span: lineSpan(1), data: { count: source.facts.length, dimensions, mapping: source.mappingName } });
      }
    }
    if (!missing) return;
    for (const source of sources) {
      if (source.missing === 'off') continue;
      for (const t of source.facts) {
        if (stated.get(source)?.has(t)) continue;
        const record = t.records[0] as TruthRecord;
        context.report({ messageId: 'missing', file: source.file, span: lineSpan(record.line), data: { key: t.written, truth: t.text }, level: source.missing });
      }
    }
  },
  // A fact against the sources of truth; the findings on a truth file (`record`, `missing`, `unmatched`) are never on a page.
  reach: {},
};

/** Every relation the source asks for, on one page fact and the truth fact about it. */
function checkFact(f: LocatedFact, source: TruthSource, t: TruthFact, context: RuleContext<{ missing?: boolean }>): void {
  const base = { subject: subject(f), value: showValue(f), truth: t.text };
  const unreadable: { relations: string[]; level: 'warn' | 'error' } = { relations: [], level: 'warn' };
  for (const { relation, severity } of source.relations) {
    const outcome = checkRelation(relation, f.fact.value, t);
    if (outcome.holds === true) continue;
    if (outcome.holds === 'unreadable') {
      unreadable.relations.push(relation);
      if (severity === 'error') unreadable.level = 'error';
      continue;
    }
    context.report({
      messageId: MESSAGE_OF[relation],
      file: f.table.file,
      span: f.fact.span,
      data: { ...base, place: placeOf(source, outcome.record, t), ...failureData(outcome.failure) },
      related: [{ file: source.file, span: lineSpan(outcome.record.line), messageId: 'truth', data: { truth: t.text } }],
      facts: [factRef(f)],
      level: severity,
    });
  }
  if (unreadable.relations.length === 0) return;
  const record = t.records[0] as TruthRecord;
  context.report({
    messageId: 'unreadable',
    file: f.table.file,
    span: f.fact.span,
    data: { ...base, place: placeOf(source, record, t), relations: unreadable.relations },
    related: [{ file: source.file, span: lineSpan(record.line), messageId: 'truth', data: { truth: t.text } }],
    facts: [factRef(f)],
    level: unreadable.level,
  });
}

function failureData(failure: RelationFailure): Record<string, string | number | null | string[]> {
  switch (failure.relation) {
    case 'equal':
      return {};
    case 'within':
      return { side: failure.side, bound: failure.bound };
    case 'covers':
      return { left: failure.left, total: failure.total };
    case 'min-not-below':
    case 'max-not-above':
      return { pageBound: failure.page, truthBound: failure.truth };
  }
}

function placeOf(source: TruthSource, record: TruthRecord, fact?: TruthFact): Place {
  if (source.byKey && fact) return { file: source.file, line: record.line, key: fact.written };
  return { file: source.file, line: record.line, ordinal: record.ordinal, ...(record.pointer ? { pointer: record.pointer } : {}) };
}

function lineSpan(line: number) {
  return { line, column: 1, endLine: line, endColumn: 1, offset: 0, endOffset: 0 };
}
