import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).freeze();

/** Parse Markdown (CommonMark + GFM + front matter) into mdast. The text must not start with a BOM. */
export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}
