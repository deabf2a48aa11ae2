import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { PageFix } from './fix.js';

/**
 * A unified diff of the fixes, as `git diff` writes it (`a/` and `b/` prefixes), so it can be
 * reviewed, or applied with `git apply` or `patch -p1`. A byte order mark is part of the first
 * line, as it is in the file.
 */
export function fixesDiff(fixes: readonly PageFix[]): string {
  return fixes
    .map((f) => {
      const bom = f.bom ? '\uFEFF' : '';
      return createTwoFilesPatch(`a/${f.file}`, `b/${f.file}`, bom + f.before, bom + f.after, undefined, undefined, {
        headerOptions: FILE_HEADERS_ONLY,
      });
    })
    .join('');
}
