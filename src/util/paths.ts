import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's own folder (holds `schemas/`): the nearest folder above this module with a
 * `package.json`, whether the module runs from `src/`, `dist/` or a chunk of `dist/bundle/`.
 */
export const packageRoot = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`compatlint: no package.json above ${start}`);
  }
}

export const toolVersion: string = (
  JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }
).version;

export const repositoryUrl = 'https://github.com/compatlint/compatlint';

/** Where a rule's documentation lives: its README beside the rule. */
export function ruleDocsUrl(id: string): string {
  return `${repositoryUrl}/blob/main/src/rules/${id}/README.md`;
}

/** A built-in rule's README (its documentation, Markdown), or null for a plugin's rule or a package without them. */
export function ruleReadme(id: string): string | null {
  if (!/^[a-z0-9-]+$/.test(id)) return null;
  try {
    return readFileSync(path.join(packageRoot, 'src', 'rules', id, 'README.md'), 'utf8');
  } catch {
    return null;
  }
}
