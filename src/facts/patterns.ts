import { UserRegex } from '../util/user-regex.js';

/**
 * A text pattern from config: `/regex/flags`, or plain text matched whole, case-insensitively,
 * after normalization (see `normalizeTerm`).
 */
export interface TextPattern {
  source: string;
  test(normalized: string): boolean;
}

export function normalizeTerm(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .replace(/\s*[?:*]+$/, '')
    .toLowerCase();
}

export function compilePattern(source: string, where: string): TextPattern {
  const m = /^\/(.+)\/([a-z]*)$/s.exec(source);
  if (!m) {
    const want = normalizeTerm(source);
    return { source, test: (normalized) => normalized === want };
  }
  const body = m[1] as string;
  const flags = m[2] as string;
  const re = UserRegex.compile(body, flags.includes('i') ? flags : `${flags}i`, where, source);
  return { source, test: (normalized) => re.test(normalized) };
}
