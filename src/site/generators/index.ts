import { DOCUSAURUS_CONFIGS, describeDocusaurus } from './docusaurus.js';
import { describeHugo, hugoConfigFiles } from './hugo.js';
import { describeMdbook } from './mdbook.js';
import { describeMkdocs, MKDOCS_CONFIGS } from './mkdocs.js';
import { described, joinFolder, TreeReader } from './read.js';
import type { Generator, SiteDescription } from './types.js';

export type { DocsVersion, Generator, LocaleDescription, MarkdownSettings, Mount, Route, SiteDescription, SiteNote } from './types.js';

/** How deep below the tree a generator's config is looked for (`website/`, `book/`, `docs/site/`). */
const SEARCH_DEPTH = 2;
/** Folders that hold other projects' files or build output, never the site's own config. */
const SKIPPED = new Set(['node_modules', 'themes', 'public', 'resources', '_vendor', 'vendor', 'build', 'dist', 'target']);

export const GENERATOR_NAMES: Record<Generator, string> = {
  hugo: 'Hugo',
  docusaurus: 'Docusaurus',
  mkdocs: 'MkDocs',
  mdbook: 'mdBook',
  markdown: 'plain Markdown',
};

interface Found {
  generator: Generator;
  dir: string;
  describe: (reader: TreeReader) => SiteDescription;
}

/** The generators whose config is in `dir` (relative to the tree), in the order they are tried. */
function foundIn(reader: TreeReader, dir: string): Found[] {
  const out: Found[] = [];
  const docusaurus = DOCUSAURUS_CONFIGS.find((name) => reader.isFile(joinFolder(dir, name)));
  if (docusaurus) out.push({ generator: 'docusaurus', dir, describe: (r) => describeDocusaurus(r, dir, docusaurus) });
  const mkdocs = MKDOCS_CONFIGS.find((name) => reader.isFile(joinFolder(dir, name)));
  if (mkdocs) out.push({ generator: 'mkdocs', dir, describe: (r) => describeMkdocs(r, dir, mkdocs) });
  if (reader.isFile(joinFolder(dir, 'book.toml'))) out.push({ generator: 'mdbook', dir, describe: (r) => describeMdbook(r, dir) });
  const hugo = hugoConfigFiles(reader, dir);
  if (hugo.length > 0) out.push({ generator: 'hugo', dir, describe: (r) => describeHugo(r, dir, hugo) });
  return out;
}

/**
 * What the config of `generator` in the folder `tree` (absolute) says; null when the folder holds
 * no config of that generator. Plain Markdown has none, so it is always described.
 */
export function describeSiteAs(tree: string, generator: Generator): SiteDescription | null {
  const reader = new TreeReader(tree);
  if (generator === 'markdown') return described(reader, 'markdown', '', { contentRoots: [''] });
  const found = foundIn(reader, '').find((f) => f.generator === generator);
  return found ? found.describe(reader) : null;
}

/** The config files each generator is recognized by, for messages. */
export const GENERATOR_CONFIGS: Record<Exclude<Generator, 'markdown'>, string> = {
  hugo: 'hugo.{toml,yaml,json}, config.* or config/_default/',
  docusaurus: 'docusaurus.config.{js,mjs,cjs,ts,mts,cts}',
  mkdocs: 'mkdocs.yml or properdocs.yml',
  mdbook: 'book.toml',
};

/**
 * Which site generator builds the tree at `tree` (an absolute folder), and what its config says.
 * The config is looked for in the tree, then in its folders (two levels down), shallowest
 * first and in name order; without one, the tree is plain Markdown (as GitHub shows it). A
 * second generator found as near is named in a note, not read.
 */
export function describeSite(tree: string): SiteDescription {
  const reader = new TreeReader(tree);
  let level = [''];
  for (let depth = 0; depth <= SEARCH_DEPTH && level.length > 0; depth++) {
    const found = level.flatMap((dir) => foundIn(reader, dir));
    const [first, ...others] = found;
    if (first) {
      const description = first.describe(reader);
      for (const other of others) {
        description.notes.push({ file: other.dir || '.', message: `a ${GENERATOR_NAMES[other.generator]} config is here too; only the ${GENERATOR_NAMES[first.generator]} one${first.dir ? ` in ${first.dir}/` : ''} is read` });
      }
      return description;
    }
    level = level.flatMap((dir) => reader.dirs(dir).filter((name) => !SKIPPED.has(name)).map((name) => joinFolder(dir, name)));
  }
  return described(reader, 'markdown', '', { contentRoots: [''] });
}
