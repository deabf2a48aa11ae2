import type { Diagnostic } from '../engine/types.js';

/** Diagnostics by file, keeping their sorted order (files in first-seen order). */
export function byFile(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const files = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const list = files.get(d.file);
    if (list) list.push(d);
    else files.set(d.file, [d]);
  }
  return files;
}
