import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { headingAnchors } from '../src/site/anchors.js';
import { loadPage } from '../src/load/page.js';
import { cli } from './helpers/cli.js';
import { corpusPages, corpusRoot, hasCorpus } from './helpers/corpus.js';

interface JsonDiagnostic {
  file: string;
  line: number;
  ruleId: string;
  severity: string;
  message: string;
}

const LINK_RULES = new Set(['link-page-missing', 'link-anchor-missing', 'partial-missing', 'image-missing']);
const site = path.join(corpusRoot, 'datadog');
const inSite = (page: string) => page.replace(/^datadog\//, '');

function lineOf(page: string, text: string): number {
  const index = readFileSync(path.join(corpusRoot, page), 'utf8').split('\n').findIndex((l) => l.includes(text));
  expect(index, `${text} in ${page}`).toBeGreaterThanOrEqual(0);
  return index + 1;
}

// ../shared/corpus/datadog is a partial tree: a few pages and partials of the Datadog docs site.
// Links and partials inside it must resolve; those that lead outside it are missing, as expected.
describe.skipIf(!hasCorpus)('links on the real tree (../shared/corpus/datadog)', () => {
  let findings: JsonDiagnostic[] = [];
  let all: JsonDiagnostic[] = [];
  beforeAll(async () => {
    const r = await cli(['check', '--preset', 'datadog', '--format', 'json'], site);
    expect(r.stderr).toBe('');
    all = JSON.parse(r.stdout).diagnostics as JsonDiagnostic[];
    findings = all.filter((d) => LINK_RULES.has(d.ruleId));
  });
  const at = (page: string, line: number) => findings.filter((d) => d.file === inSite(page) && d.line === line);

  test('the partials the Python pages include resolve', () => {
    for (const page of [corpusPages.scaPython, corpusPages.iastPython, corpusPages.jaScaPython]) {
      for (const partial of ['trace_collection/python/supported_versions.html', 'trace_collection/python/supported_runtimes.html']) {
        expect(at(page, lineOf(page, `{{< partial name="${partial}" >}}`))).toEqual([]);
      }
    }
    expect(findings.filter((d) => d.ruleId === 'partial-missing' && d.message.includes('trace_collection/'))).toEqual([]);
  });

  test('a partial that is not in the tree is reported with where it was looked for', () => {
    const page = corpusPages.tracingPython;
    const [finding] = at(page, lineOf(page, '{{< partial name="whats-next/whats-next.html" >}}'));
    expect(finding?.ruleId).toBe('partial-missing');
    expect(finding?.message).toBe('Unexpected missing partial `whats-next/whats-next.html`: no `layouts/partials/whats-next/whats-next.html`');
  });

  test('links to pages in the tree resolve, in English and from the Japanese page', () => {
    expect(at(corpusPages.scaPython, lineOf(corpusPages.scaPython, '[1]: /tracing/trace_collection/compatibility/python/'))).toEqual([]);
    expect(at(corpusPages.jaScaPython, lineOf(corpusPages.jaScaPython, '[1]: /ja/tracing/trace_collection/compatibility/python/'))).toEqual([]);
  });

  test('links to pages outside the tree are missing pages (warnings with the datadog preset)', () => {
    const page = corpusPages.aapPython;
    const [finding] = at(page, lineOf(page, '[2]: /agent/remote_config/'));
    expect(finding?.ruleId).toBe('link-page-missing');
    expect(finding?.severity).toBe('warning');
    expect(finding?.message).toMatch(/`\/agent\/remote_config\/.*`: no `agent\/remote_config\.md`, `agent\/remote_config\/_index\.md` or `agent\/remote_config\/index\.md` in content\/en/);
    // The Japanese page's broken target sits on a definition nothing uses: reference-unused explains
    // (and its fix removes) both, so that line holds one finding, not two.
    const ja = corpusPages.jaScaPython;
    const line = lineOf(ja, '[2]: /ja/remote_configuration#enabling-remote-configuration');
    expect(at(ja, line)).toEqual([]);
    expect(all.filter((d) => d.file === inSite(ja) && d.line === line).map((d) => d.ruleId)).toEqual(['reference-unused']);
  });

  test('image-card shortcodes: links to pages in the tree resolve, logos (no static folder in the tree) are missing', () => {
    const page = 'datadog/content/en/security/application_security/setup/compatibility/_index.md';
    const java = at(page, lineOf(page, 'image-card href="java/"'));
    expect(java.map((d) => d.ruleId)).toEqual(['image-missing']);
    expect(java[0]?.message).toBe(
      'Unexpected missing image `integrations_logos/java.png`: no `static/images/integrations_logos/java.png` or `content/en/images/integrations_logos/java.png`',
    );
    const go = at(page, lineOf(page, 'image-card href="go/"'));
    expect(go.map((d) => d.ruleId).sort()).toEqual(['image-missing', 'link-page-missing']);
  });

  test('no anchor problems: the tree links to no anchor of a page it holds', () => {
    expect(findings.filter((d) => d.ruleId === 'link-anchor-missing')).toEqual([]);
  });

  test('a page read as a link target has the anchors it has as a page being checked', async () => {
    const content = path.join(site, 'content');
    const files = readdirSync(content, { recursive: true }).map(String).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const abs = path.join(content, file);
      const model = await loadPage(abs, file, {});
      expect(headingAnchors(readFileSync(abs, 'utf8')), file).toEqual(model.headings.map((h) => h.anchor));
    }
  });
});
