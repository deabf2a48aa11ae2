/**
 * The parse floor: read and parse every page of a tree with the parser compatlint uses
 * (remark-parse + remark-gfm + remark-frontmatter), one file after another in one thread, and
 * nothing else. No linter built on this parser can check a tree in less CPU time than this;
 * divided by the number of cores it is the best wall time a parallel linter could reach.
 *
 * Usage: node bench/dist/parse-floor.js CONTENT_DIR
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { globbySync } from 'globby';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const dir = process.argv[2];
if (dir === undefined) {
  console.error('Usage: parse-floor CONTENT_DIR');
  process.exit(2);
}
const files = globbySync('**/*.md', { cwd: dir }).sort();
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter).freeze();
let bytes = 0;
let nodes = 0;
for (const file of files) {
  const text = readFileSync(path.join(dir, file), 'utf8');
  bytes += Buffer.byteLength(text);
  // Counting top-level nodes keeps the tree observably used.
  nodes += processor.parse(text).children.length;
}
console.log(`${files.length} files, ${bytes} bytes, ${nodes} top-level nodes parsed`);
