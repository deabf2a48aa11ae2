const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content and quoted attribute values: page text can never become markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => htmlEscapes[c] as string);
}

/**
 * JSON to embed in a `<script>` element. `<` is escaped so `</script>` and `<!--` cannot end or
 * change the script; `>` and `&` for parsers that read the page as XHTML; U+2028 and U+2029
 * because they end a line in older JavaScript engines. The JSON value is unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${(c.codePointAt(0) as number).toString(16).padStart(4, '0')}`);
}
