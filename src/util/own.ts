/**
 * `record[key]` when the record holds that key itself. Names from config, pages or the command
 * line (`toString`, `constructor`, `__proto__`) must not find what every object inherits.
 */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
