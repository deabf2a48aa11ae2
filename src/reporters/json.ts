import type { Reporter } from './types.js';
import { noticeText } from './wording.js';

/** The stable machine format, documented by `schemas/report.schema.json`. */
export const jsonReporter: Reporter = (result, context) => {
  const report = {
    version: 1,
    tool: { name: 'compatlint', version: context.toolVersion },
    files: result.files,
    diagnostics: result.diagnostics.map((d) => ({
      file: d.file,
      line: d.line,
      column: d.column,
      endLine: d.endLine,
      endColumn: d.endColumn,
      ruleId: d.ruleId,
      severity: d.severity,
      message: d.message,
      messageId: d.messageId,
      data: d.data,
      facts: d.facts,
      related: d.related.map((r) => ({ file: r.file, line: r.line, column: r.column, message: r.message, messageId: r.messageId, data: r.data })),
    })),
    summary: { errors: result.summary.errors, warnings: result.summary.warnings },
    notices: result.notices.map((notice) => {
      const { id, ...data } = notice;
      return { id, message: noticeText(notice), data };
    }),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
};
