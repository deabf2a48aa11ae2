import { compareStrings } from '../util/strings.js';
import type { Diagnostic } from '../engine/types.js';
import { byFile } from './group.js';
import type { Reporter } from './types.js';
import { relatedText } from './wording.js';
import { xmlAttribute, xmlText } from './xml.js';

function details(d: Diagnostic): string {
  return [`${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId}`, d.message, ...d.related.map((r) => relatedText(d, r))].join('\n');
}

/**
 * JUnit XML for CI test-report views: one test case per checked file (a clean file is a
 * passing test), plus one per other file with findings (the config file), one `<failure>`
 * per error. Warnings and infos go to the test case's `<system-out>`: they do not fail the
 * run, so they do not fail the test either. `tests` counts test cases, `failures` the test
 * cases with a failure (JUnit's meaning), `errors` is 0: compatlint reports a file it cannot
 * read as a `parse-error` failure, not as a test that could not run.
 */
export const junitReporter: Reporter = (result) => {
  const grouped = byFile(result.diagnostics);
  const files = [...new Set([...result.checked, ...grouped.keys()])].sort(compareStrings);
  const cases = files.map((file) => {
    const diagnostics = grouped.get(file) ?? [];
    return {
      file,
      failures: diagnostics.filter((d) => d.severity === 'error'),
      others: diagnostics.filter((d) => d.severity !== 'error'),
    };
  });
  const failed = cases.filter((c) => c.failures.length > 0).length;
  const suite = `<testsuite name="compatlint" tests="${cases.length}" failures="${failed}" errors="0"`;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  if (cases.length === 0) {
    lines.push(`${suite}/>`);
  } else {
    lines.push(`${suite}>`);
    for (const { file, failures, others } of cases) {
      const open = `  <testcase classname="compatlint" name="${xmlAttribute(file)}" file="${xmlAttribute(file)}"`;
      if (failures.length === 0 && others.length === 0) {
        lines.push(`${open}/>`);
        continue;
      }
      lines.push(`${open}>`);
      for (const d of failures) {
        lines.push(`    <failure type="${xmlAttribute(d.ruleId)}" message="${xmlAttribute(d.message)}">${xmlText(details(d))}</failure>`);
      }
      if (others.length > 0) lines.push(`    <system-out>${xmlText(others.map(details).join('\n\n'))}</system-out>`);
      lines.push('  </testcase>');
    }
    lines.push('</testsuite>');
  }
  return `${lines.join('\n')}\n`;
};
