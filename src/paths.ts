import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's own folder (holds `schemas/`), whether running from `src/` or `dist/`. */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const toolVersion: string = (
  JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }
).version;

export const repositoryUrl = 'https://github.com/compatlint/compatlint';

/** Where a rule's documentation lives: its README beside the rule. */
export function ruleDocsUrl(id: string): string {
  return `${repositoryUrl}/blob/main/src/rules/${id}/README.md`;
}
