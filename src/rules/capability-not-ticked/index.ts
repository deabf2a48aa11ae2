import type { CorpusRule, Location, Message, MessageContext } from '../../engine/types.js';
import type { Shown } from '../../facts/corpus.js';
import { code, counted, place, valueText } from '../../engine/wording.js';
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
      minVersionNotTicked: (d: { capability: string; value: Shown; scope: string; count: number; firstAt: Location }, at: MessageContext) =>
        `${code(d.capability)} has minimum version ${valueText(d.value)} for ${d.scope} but no deployment type ticks it (${counted(d.count, 'deployment row')}, first at ${place(d.firstAt, at)})`,
      stated: consistency.meta.messages.stated as Message,
      alsoIn: consistency.meta.messages.alsoIn as string,
      sameInSource: consistency.meta.messages.sameInSource as string,
    },
  },
  check(corpus, context) {
    perLocale(corpus, context, (located, ctx, wants) => checkImplications(located, ctx.facts, ctx, 'unticked', wants));
  },
  reach: consistency.reach,
};
