import { UsageError } from '../util/errors.js';

/**
 * A link to a source line from a template such as
 * `https://github.com/ORG/REPO/blob/SHA/{file}#L{line}`: `{file}` is the path relative to the
 * working directory (each segment URL-encoded, slashes kept), `{line}` and `{column}` are 1-based.
 * Returns null without a template, so reports show plain locations.
 */
export function sourceLink(template: string | undefined, file: string, line: number, column = 1): string | null {
  const link = fileLink(template, file);
  return link === null ? null : link.replaceAll('{line}', String(line)).replaceAll('{column}', String(column));
}

/**
 * The template with `{file}` filled and `{line}` and `{column}` left for the report's script.
 * An encoded path holds no brace, so the placeholders left are the template's own.
 */
export function fileLink(template: string | undefined, file: string): string | null {
  if (!template) return null;
  return template.replaceAll('{file}', file.split('/').map(encodeURIComponent).join('/'));
}

/** A template must say where the file goes, or every link would point to the same place. */
export function checkLinkTemplate(template: string): string {
  if (!template.includes('{file}')) {
    throw new UsageError(`--link-template must contain {file} (and usually {line}), got "${template}"`);
  }
  return template;
}
