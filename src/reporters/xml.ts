/**
 * Text for XML 1.0. Characters XML 1.0 cannot hold at all (most C0 controls, lone
 * surrogates, U+FFFE/U+FFFF) are dropped: no escape exists for them.
 */
const illegal = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // A parser turns a raw CR into LF, and raw tabs and newlines in attributes into spaces.
  '\r': '&#13;',
  '\n': '&#10;',
  '\t': '&#9;',
};

/** Element content: markup characters escaped, CR kept. */
export function xmlText(text: string): string {
  return text.replace(illegal, '').replace(/[&<>"'\r]/g, (c) => entities[c] as string);
}

/** An attribute value (in double quotes): also keeps newlines and tabs, which parsers would turn into spaces. */
export function xmlAttribute(text: string): string {
  return text.replace(illegal, '').replace(/[&<>"'\r\n\t]/g, (c) => entities[c] as string);
}
