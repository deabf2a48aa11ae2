import { visibleText } from '../util/visible.js';
import type { Reporter } from './types.js';

/**
 * One line per finding, `file:line:col: severity message [rule]`, the form editors' problem
 * matchers and grep read (ESLint's `compact`, markdownlint-cli2's default). A message's line
 * breaks become spaces, so each finding stays one line; related locations are left to the
 * richer formats. Control characters show as escapes (`visibleText`).
 */
export const compactReporter: Reporter = (result) =>
  result.diagnostics
    .map((d) => `${visibleText(d.file)}:${d.line}:${d.column}: ${d.severity} ${visibleText(d.message.replace(/\s*[\r\n]+\s*/g, ' '))} [${visibleText(d.ruleId)}]\n`)
    .join('');
