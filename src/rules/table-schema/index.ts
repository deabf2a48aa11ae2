import { schemaErrorParts } from '../../util/json-schema.js';
import type { PageRule } from '../../engine/types.js';
import type { FactColumn, FactRow, FactTable } from '../../model/facts.js';
import type { Cell, Value } from '../../model/types.js';
import { code, quotedList } from '../../engine/wording.js';
import { tableAsRead } from '../../facts/orientation.js';

const expectedByType = {
  status: 'supported, unsupported or preview',
  version: 'a version (such as `1.2.0`, `>=2.0` or `3.5-3.11`), preview or unsupported',
  text: '',
} as const;

/**
 * Each row of a recognized table, as an object of normalized values, must fit its kind: the
 * column types (status, version, text) and the kind's JSON Schema.
 */
export const tableSchema: PageRule = {
  meta: {
    id: 'table-schema',
    description: "A cell of a recognized table breaks its column's type or the table kind's JSON Schema.",
    scope: 'page',
    category: 'tables',
    defaultSeverity: 'error',
    messages: {
      type: '`{{row}}` / `{{column}}`: expected {{expected}}, found `{{found}}`',
      notAllowed: (d: { row: string; column: string; allowed: string[]; found: string }) =>
        `\`${d.row}\` / \`${d.column}\`: expected one of ${quotedList(d.allowed, 10)} (the column's \`allowed\` values), found ${code(d.found)}`,
      schema: '`{{row}}` / `{{column}}`: {{problem}} (schema {{schema}} of table kind `{{kind}}`)',
      schemaRow: '`{{row}}`: {{problem}} (schema {{schema}} of table kind `{{kind}}`)',
    },
  },
  check(page, context) {
    // A translation words values in its own language; translation-drift compares it with its source.
    const locale = page.facts?.locale;
    const translated = locale != null && locale !== context.facts.site.defaultLocale;
    for (const table of page.facts?.tables ?? []) {
      if (table.file !== page.file) continue;
      const kind = context.facts.kinds.find((k) => k.id === table.kind);
      const written = page.tables[table.table];
      if (!kind || !written) continue;
      const source = tableAsRead(written, kind);
      for (const row of table.rows) {
        const cells = source.rows[row.index]?.cells ?? [];
        // A cell of the wrong type is reported once, by its type, not again by the schema.
        const mistyped = new Set<string>();
        for (const column of table.columns) {
          const cell = cells[column.index];
          if (translated || !cell) continue;
          const allowed = kind.allowed[column.id] ?? kind.allowed['*'];
          if (allowed && !allowed.includes(cell.raw.trim())) {
            mistyped.add(column.id);
            context.report({ messageId: 'notAllowed', span: cell.span, data: { row: row.keyText, column: column.header, allowed: [...allowed], found: cell.raw } });
            continue;
          }
          const fact = row.facts.find((f) => table.columns[f.column] === column);
          if (fitsType(fact?.value ?? cell.value, column)) continue;
          mistyped.add(column.id);
          context.report({
            messageId: 'type',
            span: cell.span,
            data: { row: row.keyText, column: column.header, expected: expectedByType[column.type], found: cell.raw },
          });
        }
        if (!kind.schema) continue;
        const object = rowObject(table, row, cells, kind.key);
        if (kind.schema.validate(object)) continue;
        for (const error of kind.schema.validate.errors ?? []) {
          if (error.keyword === 'anyOf' || error.keyword === 'oneOf' || error.keyword === 'if') continue;
          const { problem } = schemaErrorParts(error, object);
          const prop = error.instancePath.split('/')[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
          if (prop !== undefined && mistyped.has(prop)) continue;
          const column = table.columns.find((c) => c.id === prop);
          const cell = column ? cells[column.index] : prop === kind.key ? cells[kind.keyColumn] : undefined;
          const data = { row: row.keyText, problem, schema: kind.schema.source, kind: kind.id };
          if (cell) context.report({ messageId: 'schema', span: cell.span, data: { ...data, column: column?.header ?? table.keyHeader } });
          else context.report({ messageId: 'schemaRow', span: row.span, data });
        }
      }
    }
  },
};

function fitsType(value: Value, column: FactColumn): boolean {
  // A legend symbol the column's value vocabulary knows (`?` for unknown) is a value of its own.
  if (value.kind === 'text' && value.term) return true;
  switch (column.type) {
    case 'status':
      return value.kind === 'supported' || value.kind === 'unsupported' || value.kind === 'preview';
    case 'version':
      return value.kind === 'version' || value.kind === 'preview' || value.kind === 'unsupported';
    case 'text':
      return true;
  }
}

/**
 * The row as JSON Schemas see it: `{ <key dimension>: key, <column id>: value }`, where a value
 * is `supported`, `unsupported`, `preview` or `version`, or the cell's text for text values.
 */
export function rowObject(table: FactTable, row: FactRow, cells: Cell[], keyDimension: string): Record<string, string> {
  const object: Record<string, string> = { [keyDimension]: row.keyKnown ? row.keyId : row.keyText };
  for (const column of table.columns) {
    const cell = cells[column.index];
    if (!cell) continue;
    const fact = row.facts.find((f) => table.columns[f.column] === column);
    const value = fact?.value ?? cell.value;
    object[column.id] = value.kind === 'text' ? value.text : value.kind;
  }
  return object;
}
