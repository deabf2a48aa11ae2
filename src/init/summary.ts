import { GENERATOR_NAMES } from '../site/generators/index.js';
import { joinFolder } from '../site/generators/read.js';
import type { KindProposal } from './kinds.js';
import type { Proposal } from './propose.js';
import { list, plural } from './wording.js';
import type { Undecided } from './translations.js';

/** Words that keep mostly-status columns from being status columns, per kind. */
function undecidedWords(kind: KindProposal): Undecided[] {
  const words = new Map<string, { text: string; cells: number; at: { file: string; line: number }; columns: string[] }>();
  for (const column of kind.columns) {
    for (const w of column.undecided) {
      const seen = words.get(w.text);
      if (seen) {
        seen.cells += w.cells;
        seen.columns.push(column.header);
      } else words.set(w.text, { ...w, columns: [column.header] });
    }
  }
  return [...words.values()]
    .sort((a, b) => b.cells - a.cells)
    .slice(0, 5)
    .map((w) => ({
      ...w.at,
      message: `\`${w.text}\` (${plural(w.cells, 'cell')}) in ${list(w.columns.map((c) => `\`${c}\``), 3)} of kind \`${kind.id}\`: not a status word compatlint knows, so ${w.columns.length === 1 ? 'that column is' : 'those columns are'} text; if it is one, add it to values and type the column status`,
    }));
}

/** What init found and what it could not decide, for standard error: the reader's to-do list. */
export function summarize(p: Proposal): string {
  const s = p.site;
  const out: string[] = [];
  const place = s.root === '' ? '' : ` in ${s.root}/`;
  out.push(s.generator === 'markdown' ? 'compatlint init: no site generator config found: plain Markdown' : `compatlint init: ${GENERATOR_NAMES[s.generator]} site${place} (${s.configFiles.join(', ')})`);
  const left = p.outside.reduce((n, o) => n + o.pages, 0);
  out.push(
    `  pages: ${p.counts.published} built by the site${p.counts.translations > 0 ? ` (${p.counts.translations} translated)` : ''}${left > 0 ? `; ${left} left out (${list(p.outside.map((o) => `${o.folder} ${o.pages}`), 4)})` : ''}; ${plural(p.counts.tables, 'table')} on source pages`,
  );
  const content = s.contentRoots.map((f) => joinFolder(s.root, f) || '.');
  const locales = s.locales.length > 1 ? `; locales ${s.locales.map((l) => l.locale).join(', ')}${s.defaultLocale ? ` (source ${s.defaultLocale})` : ''}` : '';
  out.push(`  site: generator ${s.generator}; content ${content.join(', ')}${locales}`);
  if (s.versions.length > 0) out.push(`  versions: ${s.versions.map((v) => `${v.name}${v.present ? '' : ' (not in the tree)'}`).join(', ')}`);
  out.push(p.kinds.length === 0 ? '  table kinds: none' : '  table kinds:');
  const width = Math.max(0, ...p.kinds.map((k) => k.id.length));
  for (const k of p.kinds) {
    const types = ['status', 'version', 'text'].map((t) => [t, k.columns.filter((c) => c.type === t).length] as const).filter(([, n]) => n > 0);
    const parts = [
      `${plural(k.tables.length, 'table')} on ${plural(k.pages.length, 'page')}${k.translatedTables.length > 0 ? ` + ${k.translatedTables.length} translated` : ''}`,
      `key \`${k.keyHeader}\``,
      `columns ${types.map(([t, n]) => `${n} ${t}`).join(', ')}`,
    ];
    if (k.copies) parts.push(k.pageDimensions.length > 0 ? `per ${k.pageDimensions.join(', ')}` : `copies share ${plural(k.copies.shared, 'cell')}, ${k.copies.disagree} differing`);
    out.push(`    ${k.id.padEnd(width)}  ${parts.join('; ')}`);
  }
  if (p.values.length > 0) out.push(`  value words: ${list(p.values.map((w) => `${w.text} (${w.kind}, ${w.cells})`))}`);
  if (p.pageDimensions.length > 0) out.push(`  page dimensions: ${p.pageDimensions.map((d) => `${d.name} (${list(d.values, 4)}) for ${d.kinds.join(', ')}`).join('; ')}`);
  if (p.skipped.length > 0) {
    const tables = p.skipped.reduce((n, sk) => n + sk.tables.length, 0);
    out.push(`  not proposed: ${plural(tables, 'table')} of ${plural(p.skipped.length, 'shape')} with no status or version column, on one page each (${list(p.skipped.map((sk) => `\`${sk.keyHeader || '(empty)'}\` ${sk.tables[0]?.file}:${sk.tables[0]?.line}`), 3)})`);
  }
  const undecided = [
    ...s.notes.map((n) => `${n.file}: ${n.message}`),
    ...[...p.undecided, ...p.kinds.flatMap(undecidedWords)].map((u) => `${u.file}:${u.line}: ${u.message}`),
  ];
  if (undecided.length > 0) {
    out.push('  could not decide:');
    for (const u of undecided) out.push(`    - ${u}`);
  }
  return `${out.join('\n')}\n`;
}
