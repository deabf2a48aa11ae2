import type { PageFacts } from '../model/facts.js';
import type { Value } from '../model/types.js';

/**
 * Makes facts with equal values share one value object. A tree's facts hold a few hundred
 * distinct values (`supported`, `>= 1.8`, ...) but each fact had its own copy: a fifth of the
 * memory the main thread keeps for corpus rules on the bench tree. Shared values also cross
 * from a worker thread once per message instead of once per fact. Values are plain data that
 * rules never change; two values with the same JSON text are the same value (extraction never
 * leaves a property set to `undefined`, the one difference JSON does not show).
 */
export class ValueInterner {
  private readonly byText = new Map<string, Value>();

  intern(facts: PageFacts | null): void {
    for (const table of facts?.tables ?? []) {
      for (const row of table.rows) {
        for (const fact of row.facts) {
          const text = JSON.stringify(fact.value);
          const shared = this.byText.get(text);
          if (shared === undefined) this.byText.set(text, fact.value);
          else fact.value = shared;
        }
      }
    }
  }
}
