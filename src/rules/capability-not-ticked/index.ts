import type { CorpusRule } from '../../engine/types.js';
import { checkImplications, consistency, locatedFacts } from '../consistency/index.js';

/**
 * A capability with a minimum version that no deployment row ticks. The join is consistency's
 * (`checks`); this rule reports one part of it under its own id and severity.
 */
export const capabilityNotTicked: CorpusRule = {
  meta: {
    id: 'capability-not-ticked',
    description: 'A capability has a minimum version, but no deployment type ticks it.',
    scope: 'corpus',
    category: 'facts',
    defaultSeverity: 'warn',
    messages: {
      minVersionNotTicked:
        '{{capability}} has minimum version {{value}} for {{scope}} but no deployment type ticks it ({{count}} deployment rows, first at {{where}})',
      stated: consistency.meta.messages.stated as string,
    },
  },
  check(corpus, context) {
    checkImplications(locatedFacts(corpus, context.facts), context.facts, context, 'unticked');
  },
};
