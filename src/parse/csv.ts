/**
 * CSV as RFC 4180 writes it: fields separated by commas, records by line breaks (CRLF, LF or
 * CR), a field in double quotes may hold commas, line breaks and `""` for a quote. The first
 * record is the header; every other record must have as many fields. Blank lines are skipped.
 *
 * Written here because none of the project's dependencies reads CSV, and a reader this small
 * (one pass, no options) is less to trust than a new dependency; it also knows the line each
 * record starts on, which findings name.
 */
export interface CsvTable {
  header: string[];
  /** The records after the header, each with the 1-based line it starts on. */
  rows: Array<{ fields: string[]; line: number }>;
}

/** Read CSV text; throws an Error whose message is one line naming the line of the problem. */
export function readCsv(input: string): CsvTable {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: Array<{ fields: string[]; line: number }> = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        const opened = line;
        i++;
        for (;;) {
          if (i >= text.length) throw new Error(`a quoted field opened at line ${opened} is never closed`);
          const c = text[i] as string;
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
          field += c;
          i++;
        }
        if (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          throw new Error(`unexpected text after a closing quote at line ${line}`);
        }
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          if (text[i] === '"') throw new Error(`a quote inside an unquoted field at line ${line} (quote the whole field and write "" for a quote)`);
          field += text[i];
          i++;
        }
      }
      fields.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    if (fields.length === 1 && fields[0] === '') continue;
    records.push({ fields, line: start });
  }
  const head = records.shift();
  if (!head) throw new Error('no header line');
  const seen = new Set<string>();
  for (const name of head.fields) {
    if (name.trim() === '') throw new Error(`an empty column name in the header at line ${head.line}`);
    if (seen.has(name)) throw new Error(`column "${name}" is named twice in the header at line ${head.line}`);
    seen.add(name);
  }
  for (const r of records) {
    if (r.fields.length !== head.fields.length) {
      throw new Error(`the record at line ${r.line} has ${r.fields.length} fields, the header ${head.fields.length}`);
    }
  }
  return { header: head.fields, rows: records };
}
