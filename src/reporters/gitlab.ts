import { createHash } from 'node:crypto';
import type { Severity } from '../engine/types.js';
import type { Reporter } from './types.js';

const severities: Record<Severity, 'major' | 'minor' | 'info'> = { error: 'major', warning: 'minor', info: 'info' };

/**
 * GitLab Code Quality report (a JSON array of issues), for merge-request widgets. GitLab tracks
 * an issue across pipelines by its fingerprint, so it hashes what identifies the finding (rule,
 * file, line, message), not its position in the list. GitLab also merges issues that share a
 * fingerprint, so a repeat of the same finding on the same line gets its occurrence number
 * hashed in too.
 */
export const gitlabReporter: Reporter = (result) => {
  const seen = new Map<string, number>();
  const issues = result.diagnostics.map((d) => {
    const key = [d.ruleId, d.file, String(d.line), d.message].join('\0');
    const repeat = seen.get(key) ?? 0;
    seen.set(key, repeat + 1);
    return {
      description: d.message,
      check_name: d.ruleId,
      fingerprint: createHash('sha256')
        .update(repeat === 0 ? key : `${key}\0${repeat}`)
        .digest('hex'),
      severity: severities[d.severity],
      location: { path: d.file, lines: { begin: d.line } },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
};
