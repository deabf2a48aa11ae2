import type { CorpusRule, Location, MessageContext } from '../../engine/types.js';
import { code, counted, place } from '../../engine/wording.js';
import { checkImplications, consistency, perLocale } from '../consistency/index.js';

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
      minVersionNotTicked: (d: { capability: string; value: string; scope: string; count: number; firstAt: Location }, at: MessageContext) =>
        `${code(d.capability)} has minimum version ${d.value} for ${d.scope} but no deployment type ticks it (${counted(d.count, 'deployment row')}, first at ${place(d.firstAt, at)})`,
      stated: consistency.meta.messages.stated as string,
      alsoIn: consistency.meta.messages.alsoIn as string,
      sameInSource: consistency.meta.messages.sameInSource as string,
    },
  },
  check(corpus, context) {
    perLocale(corpus, context, (located, ctx) => checkImplications(located, ctx.facts, ctx, 'unticked'));
  },
};
