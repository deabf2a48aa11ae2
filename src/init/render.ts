import { Document, isMap, isScalar, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { GENERATOR_NAMES } from '../site/generators/index.js';
import { toolVersion } from '../util/paths.js';
import { toUserConfig } from './config.js';
import type { Alias, KindProposal } from './kinds.js';
import type { Proposal } from './propose.js';
import { at, plural } from './wording.js';

/** The comment above a term or key header that translations name: each alias, where it was paired. */
function reviewAliases(aliases: readonly Alias[]): string[] {
  return [`review: paired by position with \`${aliases[0]?.pairedWith ?? ''}\`:`, ...aliases.map((a) => `  ${a.text} (${a.locale}) at ${at(a.at)}`)];
}

/** What the site's config says, for the reader of the `site` key, as comments. */
function siteDescriptionLines(p: Proposal): string[] {
  const s = p.site;
  if (s.generator === 'markdown') return ['No generator config: pages link to files and folders of the tree, as GitHub shows them (see docs/sites.md).'];
  const lines = [`check reads ${s.configFiles[0] ?? 'the config'} for the layout, links and anchors, as init did (see docs/sites.md). It says:`];
  lines.push(`  content folders: ${s.contentRoots.map((f) => f || '.').join(', ')}`);
  if (s.versions.length > 0) lines.push(`  versions: ${s.versions.map((v) => `${v.name} (${v.folder}${v.present ? '' : ', not in the tree'})`).join(', ')}: each one's facts stand on their own`);
  if (s.locales.length > 0) {
    lines.push(`  locales: ${s.locales.map((l) => (l.locale === s.defaultLocale ? `${l.locale} (default)` : l.locale)).join(', ')}`);
    for (const l of s.locales.filter((x) => x.locale !== s.defaultLocale && x.folders.some((f) => f.folder !== f.source))) {
      lines.push(`  ${l.locale}: ${l.folders.filter((f) => f.folder !== f.source).map((f) => `${f.folder} (translates ${f.source})`).join(', ')}`);
    }
  }
  return lines;
}

function comment(lines: readonly string[]): string {
  return lines.map((l) => ` ${l}`).join('\n');
}

function pairOf(map: YAMLMap, key: string) {
  return map.items.find((item) => isScalar(item.key) && item.key.value === key);
}

/**
 * The proposal as `compatlint.config.yaml`: the config data of `toUserConfig`, with comments
 * that say where each part comes from, and `review` on what init guessed (status words,
 * translated headers paired by position). Written with the `yaml` library's document model, so
 * that every value is quoted as YAML needs.
 */
export function renderConfig(p: Proposal): string {
  const config = toUserConfig(p);
  const doc = new Document(config);
  const top = doc.contents as YAMLMap;
  const generator = GENERATOR_NAMES[p.site.generator];
  doc.commentBefore = comment([
    `compatlint config written by \`compatlint init\` (compatlint ${toolVersion}).`,
    p.site.generator === 'markdown' ? 'No site generator config was found: the tree is read as plain Markdown.' : `Site: ${generator}, read from ${p.site.configFiles.join(', ')}.`,
    'init guessed what is marked `review`: check those lines, then run `compatlint check`.',
    'Every key is described in the README (Configuration, Checking facts) and in docs/init.md.',
  ]);

  const include = pairOf(top, 'include');
  if (include && isScalar(include.key)) {
    const lines = [`Pages to check: what the ${p.site.generator === 'markdown' ? 'tree holds' : 'site builds'} (${plural(p.counts.published, 'page')}).`];
    if (p.outside.length > 0) {
      const left = p.outside.reduce((n, o) => n + o.pages, 0);
      lines.push(`Left out, as the site does not build them: ${plural(left, 'page')} in ${p.outside.slice(0, 6).map((o) => `${o.folder} (${o.pages})`).join(', ')}${p.outside.length > 6 ? ', ...' : ''}.`);
    }
    include.key.commentBefore = comment(lines);
  }

  const site = pairOf(top, 'site');
  if (site && isScalar(site.key)) {
    site.key.commentBefore = comment(siteDescriptionLines(p));
    if (isMap(site.value)) site.value.flow = true;
  }

  const values = pairOf(top, 'values');
  if (values && isScalar(values.key) && isMap(values.value)) {
    values.key.commentBefore = comment(['Status words of the tree\'s cells that the built-in lists lack (each one a guess).']);
    for (const item of values.value.items) {
      if (!isSeq(item.value)) continue;
      for (const node of item.value.items) {
        const word = p.values.find((w) => isScalar(node) && w.text === node.value);
        if (word && isScalar(node)) node.comment = ` review: ${plural(word.cells, 'cell')}, first at ${at(word.at)}`;
      }
    }
  }

  const dims = pairOf(top, 'pageDimensions');
  if (dims && isScalar(dims.key) && isMap(dims.value)) {
    dims.key.commentBefore = comment(['Dimensions read from each page: copies of these kinds\' tables disagree too much to be one fact.']);
    for (const item of dims.value.items) {
      const d = p.pageDimensions.find((x) => isScalar(item.key) && x.name === item.key.value);
      if (!d || !isMap(item.value)) continue;
      item.value.flow = true;
      (item.value as Node).comment = ` review: ${d.values.slice(0, 6).join(', ')}${d.values.length > 6 ? ', ...' : ''} (kinds ${d.kinds.join(', ')})`;
    }
  }

  const vocabulary = pairOf(top, 'vocabulary');
  if (vocabulary && isScalar(vocabulary.key) && isMap(vocabulary.value)) {
    vocabulary.key.commentBefore = comment([
      'The column headers of each table kind, one term each. A translated header is paired with',
      'the source page\'s header at the same position: check each one marked review.',
    ]);
    for (const item of vocabulary.value.items) {
      const kind = p.kinds.find((k) => isScalar(item.key) && k.columnDimension === item.key.value);
      if (!kind || !isMap(item.value)) continue;
      for (const term of item.value.items) {
        const column = kind.columns.find((c) => isScalar(term.key) && c.id === term.key.value);
        if (!isSeq(term.value)) continue;
        term.value.flow = true;
        if (column && column.aliases.length > 0 && isScalar(term.key)) term.key.commentBefore = comment(reviewAliases(column.aliases));
      }
    }
  }

  const tables = pairOf(top, 'tables');
  if (tables && isScalar(tables.key) && isSeq(tables.value)) {
    tables.key.commentBefore = comment(['Table kinds: one per shape of table (key header, column headers) found on the source pages.']);
    (tables.value as YAMLSeq).items.forEach((node, i) => {
      const kind = p.kinds[i];
      if (!kind || !isMap(node)) return;
      node.commentBefore = comment(kindLines(kind));
      const match = node.get('match', true);
      if (isMap(match)) {
        match.flow = kind.keyAliases.length === 0;
        const keyHeader = match.items.find((item) => isScalar(item.key) && item.key.value === 'keyHeader');
        if (keyHeader && isSeq(keyHeader.value)) keyHeader.value.flow = true;
        if (keyHeader && isScalar(keyHeader.key) && kind.keyAliases.length > 0) keyHeader.key.commentBefore = comment(reviewAliases(kind.keyAliases));
      }
      for (const key of ['columnTypes', 'pageDimensions']) {
        const value = node.get(key, true);
        if (isMap(value) || isSeq(value)) value.flow = true;
      }
    });
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function kindLines(kind: KindProposal): string[] {
  const lines = [`${plural(kind.tables.length, 'table')} on ${plural(kind.pages.length, 'page')} (${kind.tables.slice(0, 3).map(at).join(', ')}${kind.tables.length > 3 ? ', ...' : ''})`];
  if (kind.translatedTables.length > 0) lines.push(`and ${plural(kind.translatedTables.length, 'translated table')} (${kind.translatedTables.slice(0, 2).map(at).join(', ')}${kind.translatedTables.length > 2 ? ', ...' : ''})`);
  const types = kind.columns.map((c) => `${c.header.trim() || '(empty)'}: ${c.type}`);
  lines.push(`columns: ${types.slice(0, 8).join(', ')}${types.length > 8 ? ', ...' : ''}`);
  if (kind.copies) {
    const { pages, shared, disagree } = kind.copies;
    lines.push(
      kind.pageDimensions.length > 0
        ? `copies on ${pages} pages disagree in ${disagree} of ${shared} shared cells: told apart by ${kind.pageDimensions.join(', ')}`
        : shared === 0
          ? `copies on ${pages} pages share no cell`
          : `copies on ${pages} pages share ${plural(shared, 'cell')}${disagree > 0 ? `, ${disagree} differing (check reports them)` : ', all agreeing'}`,
    );
  }
  if (kind.minColumns !== null) lines.push(`other kinds have this key header: minColumns tells their tables apart`);
  return lines;
}
