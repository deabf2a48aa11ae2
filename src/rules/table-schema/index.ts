import { schemaErrorParts } from '../../util/json-schema.js';
import type { PageRule } from '../../engine/types.js';
import type { FactColumn, FactRow, FactTable } from '../../model/facts.js';
import type { Cell, Value, VersionSyntax } from '../../model/types.js';
import { code, quotedList } from '../../engine/wording.js';
import { own } from '../../util/own.js';
import { tableAsRead } from '../../facts/orientation.js';

const expectedStatus = 'supported, unsupported or preview';

const expectedVersion: Record<VersionSyntax, string> = {
  loose: 'a version (such as `1.2.0`, `>=2.0` or `3.5-3.11`), preview or unsupported',
  npm: 'an npm version range (such as `1.2.0`, `^1.2` or `>=1.0.0 <2`), preview or unsupported',
  pep440: 'a PEP 440 version or specifier (such as `3.8`, `~=3.0` or `>=3.8, <4`), preview or unsupported',
  maven: 'a Maven version or range (such as `1.0`, `[1.0,2.0)` or `[1.5,)`), preview or unsupported',
};

function expected(column: FactColumn): string {
  return column.type === 'version' ? expectedVersion[column.versionSyntax ?? 'loose'] : expectedStatus;
}

/**
 * Each row of a recognized table, as an object of normalized values, must fit its kind: the
 * column types (status, version in the column's version syntax, text) and the kind's JSON Schema.
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
          const allowed = own(kind.allowed, column.id) ?? own(kind.allowed, '*');
          if (allowed && !allowed.includes(cell.raw.trim())) {
            mistyped.add(column.id);
            context.report({ messageId: 'notAllowed', span: cell.span, data: { row: row.keyText, column: column.header, allowed: [...allowed], found: cell.raw } });
            continue;
          }
          if (fitsType(factValue(table, row, column) ?? cell.value, column)) continue;
          mistyped.add(column.id);
          context.report({
            messageId: 'type',
            span: cell.span,
            data: { row: row.keyText, column: column.header, expected: expected(column), found: cell.raw },
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

/** The value a fact gives a cell (read in its column's version syntax), if the cell states a fact. */
function factValue(table: FactTable, row: FactRow, column: FactColumn): Value | undefined {
  return row.facts.find((f) => table.columns[f.column] === column)?.value;
}

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
    const value = factValue(table, row, column) ?? cell.value;
    object[column.id] = value.kind === 'text' ? value.text : value.kind;
  }
  return object;
}
