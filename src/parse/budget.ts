/**
 * What a page may hold before parsing it would take too long or too much memory: micromark's
 * time and memory grow with lines, with the length of one block (a paragraph or a table is
 * one), and faster than linearly with the emphasis and strikethrough runs in one block
 * (`*a*a*a…`: 10,000 runs take 3 s, 20,000 take 45 s). A page over a limit is reported, not
 * parsed. Measured on the development VM: at the default limits a page parses in a few seconds
 * and a few hundred MiB at worst; real docs pages are far below them (the largest page of the
 * corpora has under 2,000 lines, and its largest block under 60 KB).
 */
export interface PageLimits {
  /** Lines in the page. */
  maxLines: number;
  /** Characters in one block: consecutive non-blank lines outside fenced code. */
  maxBlockChars: number;
  /** `*`, `_` and `~` in one block, in runs (emphasis pairing searches each run, and splits long runs). */
  maxDelimiterRuns: number;
  /** Link reference definitions (`[label]: url` lines): micromark keeps their labels in a list it searches for each one. */
  maxDefinitions: number;
}

export const DEFAULT_PAGE_LIMITS: PageLimits = { maxLines: 50_000, maxBlockChars: 262_144, maxDelimiterRuns: 10_000, maxDefinitions: 5_000 };

export interface BudgetProblem {
  limit: keyof PageLimits;
  found: number;
  max: number;
  /** Where to report it: the block's first line, or the first line past the limit. */
  offset: number;
  endOffset: number;
}

/** The first limit the page breaks, with where (the block's first line), or null; one linear pass, it never parses. */
export function overBudget(text: string, limits: PageLimits): BudgetProblem | null {
  const n = text.length;
  let lines = 1;
  let fence: string | null = null;
  let blockStart = -1;
  let blockChars = 0;
  let runs = 0;
  let definitions = 0;
  let i = 0;
  const endBlock = (): BudgetProblem | null => {
    if (blockStart === -1) return null;
    const start = blockStart;
    blockStart = -1;
    if (blockChars > limits.maxBlockChars) return { limit: 'maxBlockChars', found: blockChars, max: limits.maxBlockChars, offset: start, endOffset: lineEnd(text, start) };
    if (runs > limits.maxDelimiterRuns) return { limit: 'maxDelimiterRuns', found: runs, max: limits.maxDelimiterRuns, offset: start, endOffset: lineEnd(text, start) };
    return null;
  };
  while (i < n) {
    const start = i;
    const end = lineEnd(text, i);
    const line = text.slice(start, end);
    const fenceMatch = /^[ \t]{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== null) {
      if (fenceMatch && fenceMatch[1]!.startsWith(fence[0]!) && fenceMatch[1]!.length >= fence.length) fence = null;
    } else if (fenceMatch) {
      const problem = endBlock();
      if (problem) return problem;
      fence = fenceMatch[1]!;
    } else if (/^[ \t]*$/.test(line)) {
      const problem = endBlock();
      if (problem) return problem;
    } else {
      if (blockStart === -1) {
        blockStart = start;
        blockChars = 0;
        runs = 0;
      }
      blockChars += end - start + 1;
      if (definitionRe.test(line) && ++definitions > limits.maxDefinitions) {
        return { limit: 'maxDefinitions', found: definitions, max: limits.maxDefinitions, offset: start, endOffset: end };
      }
      // A table row's cells are inline contexts of their own: its emphasis does not pair with the next row's.
      if (line.includes('|')) runs = Math.max(runs, delimiterRuns(line));
      else runs += delimiterRuns(line);
    }
    i = end;
    if (i < n) {
      i += text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      lines++;
      if (lines > limits.maxLines) return { limit: 'maxLines', found: countLines(text), max: limits.maxLines, offset: i, endOffset: lineEnd(text, i) };
    }
  }
  return endBlock();
}

// A line that starts a link reference definition (an over-estimate: a footnote, or a line in a
// paragraph, counts too; it never parses).
const definitionRe = /^ {0,3}\[[^\]]+\]:/;

function lineEnd(text: string, from: number): number {
  let j = from;
  while (j < text.length && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
  return j;
}

/**
 * The emphasis work a line brings: one per run of `*`, `_` or `~`, and one per character of a
 * run, since a run of 10,000 `*` nests (and costs) like 10,000 runs.
 */
function delimiterRuns(line: string): number {
  let weight = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 42 || c === 95 || c === 126) weight++;
  }
  return weight;
}

function countLines(text: string): number {
  let lines = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lines++;
  }
  return lines;
}
