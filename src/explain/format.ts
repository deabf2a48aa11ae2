import { createColors } from 'picocolors';
import { counted } from '../engine/wording.js';
import stringWidth from 'string-width';
import { visibleText } from '../util/visible.js';
import { type ConditionWording, conditionText, type KindTrial } from '../facts/kind-match.js';
import type { Explanation, FactLine, TableExplanation, UnknownTerms } from './explain.js';

/** In the terminal, long lists of accepted headers are cut (JSON keeps them whole). */
const SHORT: ConditionWording = { maxPatterns: 3, maxPatternLength: 32 };

/**
 * Terminal text: each page's tables (location, headers), the kind that recognizes each and the
 * conditions that held, or every kind's first failed condition; then the unknown terms. Page
 * text shows control characters as escapes (`visibleText`).
 */
export function explanationText(explanation: Explanation, options: { color: boolean }): string {
  const c = createColors(options.color);
  const lines: string[] = [];
  for (const page of explanation.pages) {
    if (page.tables.length === 0 && page.parsed) continue;
    lines.push(c.underline(visibleText(page.file)));
    if (!page.parsed) lines.push(c.dim('  not parsed: `compatlint check` says why'));
    for (const table of page.tables) {
      const at = `${table.file === page.file ? '' : `${table.file}:`}${table.span.line}:${table.span.column}`;
      lines.push(`  ${visibleText(at)}  ${c.bold(visibleText(headerText(table.headers)))}`);
      lines.push(...tableLines(table, explanation.kinds.length, c));
    }
    lines.push('');
  }
  if (explanation.unknown.length > 0) {
    lines.push(c.bold('Terms that no vocabulary knows, in recognized tables (add them where shown):'));
    for (const group of explanation.unknown) lines.push(...unknownLines(group, c));
    lines.push('');
  }
  lines.push(summaryLine(explanation));
  return `${lines.join('\n')}\n`;
}

type Colors = ReturnType<typeof createColors>;

function headerText(headers: readonly string[]): string {
  return headers.length === 0 ? '(no header)' : headers.map((h) => (h === '' ? '(empty)' : h)).join(' | ');
}

function tableLines(table: TableExplanation, kinds: number, c: Colors): string[] {
  const indent = ' '.repeat(6);
  if (kinds === 0) return [`${indent}${c.dim('no table kind is configured (config `tables`)')}`];
  const matched = table.trials.at(-1);
  if (table.kind !== null && matched) {
    const held = matched.conditions.map((cond) => `${indent}  ${c.green('✓')} ${visibleText(conditionText(cond, SHORT))}`);
    return [`${indent}${c.green('kind')} ${c.bold(table.kind)}`, ...(held.length > 0 ? held : [`${indent}  ${c.dim('its `match` sets no condition')}`])];
  }
  const width = Math.max(...table.trials.map((t) => t.kind.id.length));
  return [
    `${indent}${c.yellow('no kind recognizes it')}${table.nearest === null ? '' : `; nearest ${c.bold(table.nearest)}`}`,
    ...table.trials.map((t) => `${indent}  ${c.red('✗')} ${t.kind.id.padEnd(width)}  ${failedText(t)}`),
  ];
}

function failedText(trial: KindTrial): string {
  return trial.failed === null ? '' : visibleText(conditionText(trial.failed, SHORT));
}

function unknownLines(group: UnknownTerms, c: Colors): string[] {
  const cells = group.terms.reduce((n, t) => n + t.count, 0);
  const quoted = group.terms.map((t) => visibleText(JSON.stringify(t.text)));
  const width = Math.min(40, Math.max(...quoted.map((q) => stringWidth(q))));
  const countWidth = Math.max(...group.terms.map((t) => String(t.count).length));
  const places = group.terms.map((t) => t.places.join(', '));
  const placeWidth = Math.max(...places.map((p) => p.length));
  return [
    `  ${c.bold(group.config)}: ${counted(group.terms.length, 'term')} in ${counted(cells, 'cell')}`,
    ...group.terms.map((t, i) => {
      const where = visibleText(`${t.first.file}:${t.first.line}:${t.first.column}`);
      return `    ${pad(quoted[i] as string, width)}  ${String(t.count).padStart(countWidth)}×  ${(places[i] as string).padEnd(placeWidth)}  ${c.dim(where)}`;
    }),
  ];
}

/** Pad to a width in terminal columns: a CJK character takes two. */
function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

function summaryLine(explanation: Explanation): string {
  const tables = explanation.pages.flatMap((p) => p.tables);
  const byKind = new Map<string, number>();
  for (const t of tables) if (t.kind !== null) byKind.set(t.kind, (byKind.get(t.kind) ?? 0) + 1);
  const recognized = [...byKind.values()].reduce((a, b) => a + b, 0);
  // Kinds in declared order: the order a reader of the config expects.
  const kinds = explanation.kinds.filter((k) => byKind.has(k)).map((k) => `${k} ${byKind.get(k)}`);
  const pages = explanation.pages.length;
  return `${counted(tables.length, 'table')} on ${counted(pages, 'page')}: ${recognized} recognized${kinds.length > 0 ? ` (${kinds.join(', ')})` : ''}, ${tables.length - recognized} not recognized`;
}

/** The stable JSON shape of `explain --format json`. */
export function explanationJson(explanation: Explanation, tool: { name: string; version: string }): unknown {
  return {
    version: 1,
    tool,
    kinds: explanation.kinds,
    pages: explanation.pages.map((page) => ({
      file: page.file,
      parsed: page.parsed,
      tables: page.tables.map((t) => ({
        file: t.file,
        line: t.span.line,
        column: t.span.column,
        endLine: t.span.endLine,
        endColumn: t.span.endColumn,
        headers: t.headers,
        section: t.section,
        kind: t.kind,
        nearest: t.nearest,
        trials: t.trials.map((trial) => ({
          kind: trial.kind.id,
          matched: trial.failed === null,
          conditions: trial.conditions.map((cond) => ({ ...cond, text: conditionText(cond) })),
        })),
      })),
    })),
    unknown: explanation.unknown,
  };
}

const TSV_COLUMNS = ['file', 'line', 'column', 'kind', 'dimensions', 'raw', 'value'] as const;

/** One line per fact, with a header line. */
export function factsTsv(lines: readonly FactLine[]): string {
  const rows = lines.map((l) => TSV_COLUMNS.map((name) => tsvField(String(l[name]))).join('\t'));
  return `${[TSV_COLUMNS.join('\t'), ...rows].join('\n')}\n`;
}

/**
 * TSV has no quoting (text/tab-separated-values forbids tabs and line breaks in a field), so a
 * cell's tab, line break or backslash is written as `\t`, `\n`, `\r`, `\\`, as PostgreSQL's and
 * MySQL's text formats do: four replacements, no library needed.
 */
function tsvField(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (ch) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[ch] as string);
}
