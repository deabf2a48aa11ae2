import { existsSync } from 'node:fs';
import path from 'node:path';

/** Real pages from DataDog/documentation, beside the repository; absent on a user's clone. */
export const corpusRoot = path.resolve(import.meta.dirname, '../../../shared/corpus');
export const hasCorpus = existsSync(path.join(corpusRoot, 'datadog'));

if (!hasCorpus) {
  console.warn(`[compatlint tests] ../shared/corpus not found at ${corpusRoot}: corpus acceptance tests are skipped.`);
}

export const corpusPages = {
  seed: 'seed/000_daf546810ffea69c.md',
  scaPython: 'datadog/content/en/security/code_security/software_composition_analysis/setup_runtime/compatibility/python.md',
  scaNode: 'datadog/content/en/security/code_security/software_composition_analysis/setup_runtime/compatibility/nodejs.md',
  iastPython: 'datadog/content/en/security/code_security/iast/setup/compatibility/python.md',
  iastNode: 'datadog/content/en/security/code_security/iast/setup/compatibility/nodejs.md',
  aapPython: 'datadog/content/en/security/application_security/setup/compatibility/python.md',
  tracingPython: 'datadog/content/en/tracing/trace_collection/compatibility/python.md',
  jaProfilerDotnet: 'datadog-more/content/ja/profiler/enabling/dotnet.md',
  jaScaPython: 'datadog/content/ja/security/code_security/software_composition_analysis/setup_runtime/compatibility/python.md',
};
