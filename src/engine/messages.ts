import type { MessageData, RuleMeta } from './types.js';

/**
 * Fill a rule's message template. An unknown message id or a placeholder without data is a
 * bug in the rule, so it throws rather than print a half-filled message.
 */
export function formatMessage(meta: RuleMeta, messageId: string, data: MessageData = {}): string {
  const template = meta.messages[messageId];
  if (template === undefined) throw new Error(`Rule ${meta.id} has no message "${messageId}"`);
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const value = data[name];
    if (value === undefined) throw new Error(`Rule ${meta.id} message "${messageId}" needs data "${name}"`);
    return String(value);
  });
}
