import type { Severity, SeveritySetting } from '../engine/types.js';
import { repositoryUrl, ruleDocsUrl } from '../util/paths.js';
import type { Reporter } from './types.js';
import { encodePath } from './uri.js';
import { noticeText } from './wording.js';

/** The OASIS standard's schema with Errata 01; `schemas/vendor/` keeps a copy the tests validate against. */
const schemaUri = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const levels: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const defaultLevels: Record<SeveritySetting, 'error' | 'warning' | 'none'> = { error: 'error', warn: 'warning', off: 'none' };

interface Span {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

function physicalLocation(span: Span) {
  return {
    // Paths are relative to the working directory; %SRCROOT% lets a consumer (GitHub code
    // scanning, an editor) resolve them against its checkout.
    artifactLocation: { uri: encodePath(span.file), uriBaseId: '%SRCROOT%' },
    region: { startLine: span.line, startColumn: span.column, endLine: span.endLine, endColumn: span.endColumn },
  };
}

/**
 * SARIF 2.1.0, for GitHub code scanning and other SARIF viewers: one run whose driver lists
 * every rule (so `ruleIndex` is stable across runs), one result per diagnostic.
 */
export const sarifReporter: Reporter = (result, context) => {
  const ruleIndex = new Map(context.rules.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: schemaUri,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'compatlint',
            version: context.toolVersion,
            informationUri: repositoryUrl,
            rules: context.rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              helpUri: ruleDocsUrl(rule.id),
              ...(context.ruleHelp?.has(rule.id) ? { help: { text: rule.description, markdown: context.ruleHelp.get(rule.id) } } : {}),
              defaultConfiguration: { level: defaultLevels[rule.defaultSeverity] },
              properties: { tags: [rule.category] },
            })),
          },
        },
        // Columns count UTF-16 code units (see the README's Positions), which SARIF must be told.
        columnKind: 'utf16CodeUnits',
        // SARIF's place for what the tool says about the run itself, apart from its results.
        ...(result.notices.length === 0
          ? {}
          : {
              invocations: [
                {
                  executionSuccessful: true,
                  toolExecutionNotifications: result.notices.map((n) => ({ descriptor: { id: n.id }, level: 'note', message: { text: noticeText(n) } })),
                },
              ],
            }),
        results: result.diagnostics.map((d) => {
          const index = ruleIndex.get(d.ruleId);
          return {
            ruleId: d.ruleId,
            ...(index === undefined ? {} : { ruleIndex: index }),
            level: levels[d.severity],
            message: { text: withRelatedLinks(d.message, d.related) },
            locations: [{ physicalLocation: physicalLocation(d) }],
            ...(d.related.length === 0
              ? {}
              : {
                  relatedLocations: d.related.map((r, i) => ({
                    id: i + 1,
                    physicalLocation: physicalLocation(r),
                    message: { text: r.message },
                  })),
                }),
            // SARIF's property bag: what the rule reported, and the facts the finding is about (as in the JSON report).
            properties: { messageId: d.messageId, data: d.data, ...(d.facts.length > 0 ? { facts: d.facts } : {}) },
          };
        }),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

/** How many related locations a message links to; the rest are still in `relatedLocations`. */
const LINKED = 10;

/**
 * GitHub code scanning turns `[text](n)` in a message into a link to related location `n`:
 * the places a finding compares with become one click away.
 */
function withRelatedLinks(message: string, related: readonly Span[]): string {
  if (related.length === 0) return message;
  const links = related.slice(0, LINKED).map((r, i) => `[${escapeLinkText(`${r.file}:${r.line}`)}](${i + 1})`);
  const more = related.length > LINKED ? ` and ${related.length - LINKED} more` : '';
  return `${message} (related: ${links.join(', ')}${more})`;
}

function escapeLinkText(text: string): string {
  return text.replace(/[\\[\]]/g, (c) => `\\${c}`);
}
