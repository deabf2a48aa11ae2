import { schemaErrorParts } from '../../util/json-schema.js';
import type { PageRule } from '../../engine/types.js';

/** Front matter drives Hugo's layouts and menus; a wrong type or value breaks the page quietly. */
export const frontmatterSchema: PageRule = {
  meta: {
    id: 'frontmatter-schema',
    description: 'Front matter that breaks the JSON Schema named in config (`frontMatter.schema`).',
    scope: 'page',
    category: 'front-matter',
    defaultSeverity: 'error',
    messages: {
      invalid: 'Unexpected front matter `{{path}}`: {{problem}} (schema {{schema}})',
    },
  },
  check(page, context) {
    const schema = context.settings.frontMatterSchema;
    if (!schema || page.problems.length > 0) return;
    const fm = page.frontMatter;
    if (fm && fm.data === null) return;
    const data = fm?.data ?? {};
    if (schema.validate(data)) return;
    const lineOne = { line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, endOffset: 0 };
    const seen = new Set<string>();
    for (const error of schema.validate.errors ?? []) {
      if (error.keyword === 'anyOf' || error.keyword === 'oneOf' || error.keyword === 'if') continue;
      const { path, problem } = schemaErrorParts(error, data);
      if (seen.has(path + problem)) continue;
      seen.add(path + problem);
      const topKey = error.instancePath.split('/')[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
      const key = topKey ?? (error.keyword === 'additionalProperties' ? String(error.params.additionalProperty) : undefined);
      const span = (key !== undefined ? fm?.keys[key] : undefined) ?? fm?.span ?? lineOne;
      context.report({ messageId: 'invalid', data: { path, problem, schema: schema.source }, span });
    }
  },
};
