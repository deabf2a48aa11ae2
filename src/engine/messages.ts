import type { MessageContext, MessageData, RuleMeta } from './types.js';

/**
 * Word a rule's report: its message for `messageId`, filled from `data`. An unknown message id,
 * or a template placeholder without string or number data, is a bug in the rule, so it throws
 * rather than print a half-filled message.
 */
export function formatMessage(meta: RuleMeta, messageId: string, data: MessageData, at: MessageContext): string {
  const message = Object.hasOwn(meta.messages, messageId) ? meta.messages[messageId] : undefined;
  if (message === undefined) throw new Error(`Rule ${meta.id} has no message "${messageId}"`);
  if (typeof message === 'function') return message(data, at);
  return message.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const value = Object.hasOwn(data, name) ? data[name] : undefined;
    if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`Rule ${meta.id} message "${messageId}" needs text data "${name}"`);
    return String(value);
  });
}
