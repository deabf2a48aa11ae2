import type { LspSummary } from './lsp.js';
import type { Sample } from './measure.js';

export type RowId =
  | 'compatlint-cold'
  | 'compatlint-bases'
  | 'compatlint-warm'
  | 'compatlint-edit'
  | 'compatlint-hook'
  | 'parse-floor'
  | 'markdownlint-cli2'
  | 'remark-cli'
  | 'compatlint-cold-large'
  | 'compatlint-hook-large';

export interface Row {
  id: RowId;
  label: string;
  /** What the row measures, for the JSON and the README. */
  measures: string;
  /** The command as run in the tree (peers and compatlint shown by name). */
  command: string;
  /** Why the row was not measured, when it was not. */
  notMeasured?: string;
  samples: Sample[];
}

export interface Ratios {
  markdownlint: number | null;
  remark: number | null;
  floor: number | null;
  floorPerCore: number | null;
}

export interface RowSummary {
  id: RowId;
  label: string;
  measures: string;
  command: string;
  notMeasured: string | null;
  wallMs: number | null;
  cpuMs: number | null;
  /** The highest peak over all runs. */
  peakRssKiB: number | null;
  /** Wall time of this row divided by the reference's. */
  ratios: Ratios;
  samples: Sample[];
}

export interface Target {
  id: string;
  description: string;
  status: 'PASS' | 'MISS' | 'n/a';
  actual: number | null;
  limit: number | null;
  unit: 's' | 'MiB';
  /** limit − actual: positive is headroom, negative is by how much the target is missed. */
  margin: number | null;
  detail: string;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function summarize(rows: readonly Row[], cores: number): RowSummary[] {
  const wall = (id: RowId): number | null => median(rows.find((r) => r.id === id)?.samples.map((s) => s.wallMs) ?? []);
  const floor = wall('parse-floor');
  const refs = { markdownlint: wall('markdownlint-cli2'), remark: wall('remark-cli'), floor, floorPerCore: floor === null ? null : floor / cores };
  return rows.map((row) => {
    const wallMs = median(row.samples.map((s) => s.wallMs));
    const ratio = (ref: number | null): number | null => (wallMs === null || ref === null || ref === 0 ? null : wallMs / ref);
    return {
      id: row.id,
      label: row.label,
      measures: row.measures,
      command: row.command,
      notMeasured: row.notMeasured ?? null,
      wallMs,
      cpuMs: median(row.samples.map((s) => s.cpuMs)),
      peakRssKiB: row.samples.length === 0 ? null : Math.max(...row.samples.map((s) => s.peakRssKiB)),
      ratios: { markdownlint: ratio(refs.markdownlint), remark: ratio(refs.remark), floor: ratio(refs.floor), floorPerCore: ratio(refs.floorPerCore) },
      samples: row.samples,
    };
  });
}

/** The project's performance targets, each checked against this run (`lsp`: the language server case, null when not run). */
export function evaluateTargets(summaries: readonly RowSummary[], cores: number, lsp: LspSummary | null): Target[] {
  const get = (id: RowId): RowSummary | undefined => summaries.find((s) => s.id === id);
  const secs = (id: RowId): number | null => {
    const ms = get(id)?.wallMs;
    return ms === null || ms === undefined ? null : ms / 1000;
  };
  const cold = secs('compatlint-cold');
  const floor = secs('parse-floor');
  const rssOf = (ids: readonly RowId[]) => ids.map((id) => get(id)?.peakRssKiB).filter((v): v is number => typeof v === 'number');
  const compatlintRss = rssOf(['compatlint-cold', 'compatlint-bases', 'compatlint-warm', 'compatlint-edit', 'compatlint-hook']);
  const largeRss = rssOf(['compatlint-cold-large', 'compatlint-hook-large']);
  return [
    target('cold-vs-markdownlint', 'cold ≤ 0.5 × markdownlint-cli2', cold, scaled(0.5, secs('markdownlint-cli2')), 's', 'compatlint cold', '0.5 × markdownlint-cli2'),
    target('cold-vs-remark', 'cold ≤ 0.5 × remark-cli', cold, scaled(0.5, secs('remark-cli')), 's', 'compatlint cold', '0.5 × remark-cli'),
    target('cold-vs-floor', `cold ≤ 1.2 × (parse floor ÷ ${cores} cores)`, cold, scaled(1.2 / cores, floor), 's', 'compatlint cold', `1.2 × parse floor ÷ ${cores}`),
    target('bases-vs-cold', 'translation bases ≤ 1.2 × cold', secs('compatlint-bases'), scaled(1.2, cold), 's', 'with translation bases', '1.2 × cold', get('compatlint-bases')?.notMeasured),
    target('warm-vs-cold', 'warm ≤ 5% of cold', secs('compatlint-warm'), scaled(0.05, cold), 's', 'compatlint warm', '5% of cold', get('compatlint-warm')?.notMeasured),
    target('edit', 'one edited page < 0.6 s', secs('compatlint-edit'), 0.6, 's', 'one edited page', 'the limit', get('compatlint-edit')?.notMeasured),
    target('hook', 'the hook (--staged, one edited page) ≤ 0.6 s', secs('compatlint-hook'), 0.6, 's', 'the hook', 'the limit', get('compatlint-hook')?.notMeasured),
    target('hook-large', 'the hook on the large tree ≤ 1.0 s', secs('compatlint-hook-large'), 1.0, 's', 'the hook', 'the limit', get('compatlint-hook-large')?.notMeasured),
    target('rss', 'peak RSS < 300 MiB', compatlintRss.length === 0 ? null : Math.max(...compatlintRss) / 1024, 300, 'MiB', 'compatlint peak RSS', 'the limit'),
    target('rss-large', 'peak RSS on the large tree ≤ 600 MiB', largeRss.length === 0 ? null : Math.max(...largeRss) / 1024, 600, 'MiB', 'compatlint peak RSS', 'the limit'),
    ...lspTargets(lsp),
  ];
}

function lspTargets(lsp: LspSummary | null): Target[] {
  const secs = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : ms / 1000);
  const skipped = lsp === null ? 'not run' : null;
  return [
    target('lsp-open', 'lsp: first diagnostics after open ≤ 1 s (warm cache)', secs(lsp?.openMs), 1, 's', 'open', 'the limit', skipped),
    target('lsp-keystroke-page', 'lsp: keystroke to page rules ≤ 150 ms', secs(lsp?.pageMs), 0.15, 's', 'keystroke', 'the limit', skipped),
    target('lsp-keystroke-all', 'lsp: keystroke to every rule ≤ 400 ms', secs(lsp?.allMs), 0.4, 's', 'keystroke', 'the limit', skipped),
  ];
}

/** The language server's latencies as a Markdown table. */
export function renderLsp(lsp: LspSummary): string {
  const ms = (v: number | null) => (v === null ? '–' : `${Math.round(v)} ms`);
  return [
    `Language server (${lsp.samples.length} run(s), ${lsp.keystrokes} keystrokes each; medians):`,
    '',
    '| Step | Latency |',
    '|---|---:|',
    `| didOpen → first diagnostics | ${ms(lsp.openMs)} |`,
    `| start → tree loaded | ${ms(lsp.loadMs)} |`,
    `| keystroke → page rules' diagnostics | ${ms(lsp.pageMs)} |`,
    `| keystroke → every rule's diagnostics | ${ms(lsp.allMs)} |`,
  ].join('\n');
}

function scaled(factor: number, value: number | null): number | null {
  return value === null ? null : factor * value;
}

function target(
  id: string,
  description: string,
  actual: number | null,
  limit: number | null,
  unit: 's' | 'MiB',
  actualName: string,
  limitName: string,
  notMeasured?: string | null,
): Target {
  if (actual === null || limit === null) {
    return { id, description, status: 'n/a', actual, limit, unit, margin: null, detail: notMeasured ?? 'not measured' };
  }
  const margin = limit - actual;
  const pass = actual <= limit;
  const relative = ((actual - limit) / limit) * 100;
  const detail = pass
    ? `${actualName} ${fmtUnit(actual, unit)} ≤ ${limitName} ${fmtUnit(limit, unit)}: ${fmtUnit(margin, unit)} to spare`
    : `${actualName} ${fmtUnit(actual, unit)} > ${limitName} ${fmtUnit(limit, unit)}: over by ${fmtUnit(-margin, unit)} (+${relative.toFixed(0)}%)`;
  return { id, description, status: pass ? 'PASS' : 'MISS', actual, limit, unit, margin, detail };
}

function fmtUnit(value: number, unit: 's' | 'MiB'): string {
  return unit === 's' ? fmtSeconds(value * 1000) : `${value.toFixed(0)} MiB`;
}

export function fmtSeconds(ms: number | null): string {
  if (ms === null) return '–';
  const s = ms / 1000;
  return s < 10 ? `${s.toFixed(2)} s` : `${s.toFixed(1)} s`;
}

function fmtRatio(r: number | null): string {
  if (r === null) return '–';
  return r < 10 ? `${r.toFixed(2)}×` : `${r.toFixed(1)}×`;
}

/** The results as a Markdown table, aligned for the terminal and pasteable into the README. */
export function renderTable(summaries: readonly RowSummary[], cores: number): string {
  const header = ['Row', 'Wall (median)', 'CPU (median)', 'Peak RSS', '× markdownlint-cli2', '× remark-cli', '× parse floor', `× (floor ÷ ${cores} cores)`];
  const body = summaries.map((s) =>
    s.notMeasured !== null
      ? [s.label, s.notMeasured, '', '', '', '', '', '']
      : [
          s.label,
          fmtSeconds(s.wallMs),
          fmtSeconds(s.cpuMs),
          s.peakRssKiB === null ? '–' : `${(s.peakRssKiB / 1024).toFixed(0)} MiB`,
          fmtRatio(s.ratios.markdownlint),
          fmtRatio(s.ratios.remark),
          fmtRatio(s.ratios.floor),
          fmtRatio(s.ratios.floorPerCore),
        ],
  );
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

export function renderTargets(targets: readonly Target[]): string {
  const width = Math.max(...targets.map((t) => t.description.length));
  return targets.map((t) => `${t.status.padEnd(4)}  ${t.description.padEnd(width)}  ${t.detail}`).join('\n');
}
