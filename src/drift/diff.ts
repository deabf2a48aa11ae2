import { type Change, diffFacts, type FactsVersion, sortChanges } from '../facts/changes.js';
import type { Rename } from '../load/git.js';
import type { Snapshot, SnapshotPage } from './snapshot.js';

export interface DiffProblem {
  file: string;
  revision: string;
  message: string;
}

export interface DiffResult {
  base: string;
  head: string;
  /** Pages compared (present in either revision). */
  pages: number;
  changes: Change[];
  problems: DiffProblem[];
}

/** Compare two snapshots page by page. `renames` maps base keys to head keys (from git). */
export function diffSnapshots(base: Snapshot, head: Snapshot, renames: Rename[] = []): DiffResult {
  const headByKey = new Map(head.pages.map((p) => [p.key, p]));
  const renamed = new Map(renames.map((r) => [r.from, r.to]));
  const changes: Change[] = [];
  const problems: DiffProblem[] = [];
  const seenHead = new Set<SnapshotPage>();
  let pages = 0;
  const note = (p: SnapshotPage, revision: string) => {
    const broken = p.page.problems.find((x) => x.ruleId === 'parse-error');
    if (broken) problems.push({ file: p.page.file, revision, message: problemText(broken.messageId) });
    return broken !== undefined;
  };
  for (const b of base.pages) {
    const h = headByKey.get(b.key) ?? headByKey.get(renamed.get(b.key) ?? '\0');
    pages++;
    const brokenBase = note(b, base.label);
    if (h) {
      seenHead.add(h);
      const brokenHead = note(h, head.label);
      if (!brokenBase && !brokenHead) changes.push(...diffPage(b, h));
    } else if (!brokenBase) {
      changes.push(...diffFacts(facts(b), { file: b.page.file, headings: [], tables: [] }));
    }
  }
  for (const h of head.pages) {
    if (seenHead.has(h)) continue;
    pages++;
    if (!note(h, head.label)) changes.push(...diffFacts({ file: h.page.file, headings: [], tables: [] }, facts(h)));
  }
  return { base: base.label, head: head.label, pages, changes: sortChanges(changes), problems };
}

function problemText(messageId: string): string {
  switch (messageId) {
    case 'binary':
      return 'binary content, not a text page';
    case 'encoding':
      return 'not valid UTF-8';
    case 'utf16':
      return 'UTF-16 encoded, not UTF-8';
    case 'tooLarge':
      return 'too large to parse (limits.maxFileBytes)';
    default:
      return 'cannot be read';
  }
}

/** What changed on one page between the sides of a diff. */
function diffPage(b: SnapshotPage, h: SnapshotPage): Change[] {
  return diffFacts(facts(b), facts(h));
}

function facts(p: SnapshotPage): FactsVersion {
  return { file: p.page.file, headings: p.page.headings, tables: p.tables };
}
