#!/usr/bin/env node
// Screenshot of the audit report, for the README: `npm run screenshot` builds, runs
// `compatlint audit` on the bundled example tree and saves docs/audit-report.png.
//
//   node scripts/screenshot.mjs [--cwd DIR] [--preset NAME] [--config FILE] [--out FILE]
//                               [--selector CSS] [--height PX] [paths...]
//
// --selector shoots one element (a matrix) instead of the top of the report; --height is how
// much of the report's top to keep (default 2100 px).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { hasChromium, chromiumPath, launchChromium } from './chromium.mjs';

const repo = path.resolve(import.meta.dirname, '..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    cwd: { type: 'string' },
    preset: { type: 'string' },
    config: { type: 'string' },
    out: { type: 'string', default: path.join(repo, 'docs/audit-report.png') },
    selector: { type: 'string' },
    height: { type: 'string', default: '2100' },
  },
});

if (!hasChromium) {
  console.error(`screenshot: no Chromium at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  process.exit(2);
}

const example = !values.cwd && !values.config && positionals.length === 0;
const cwd = values.cwd ? path.resolve(values.cwd) : repo;
const args = [
  ...(values.preset ? ['--preset', values.preset] : []),
  ...(values.config ? ['--config', path.resolve(values.config)] : []),
  ...(example ? ['--config', path.join(repo, 'fixtures/example-site/compatlint.config.yaml'), 'fixtures/example-site'] : positionals),
];
const work = mkdtempSync(path.join(tmpdir(), 'compatlint-screenshot-'));
const report = path.join(work, 'report.html');
const run = spawnSync(process.execPath, [path.join(repo, 'bin/compatlint.js'), 'audit', ...args, '--html', report], { cwd, encoding: 'utf8' });
if (run.status !== 0 && run.status !== 1) {
  console.error(run.stderr.trim());
  process.exit(2);
}

const out = path.resolve(values.out);
mkdirSync(path.dirname(out), { recursive: true });
const browser = await launchChromium({ viewport: { width: 1280, height: 900 } });
try {
  const { page } = browser;
  await page.goto(pathToFileURL(report).href);
  if (values.selector) {
    const target = page.locator(values.selector).first();
    // A tall viewport renders every item (items off screen use content-visibility: auto).
    const box = await target.boundingBox();
    if (!box) throw new Error(`screenshot: nothing matches ${values.selector}`);
    await page.setViewportSize({ width: 1280, height: Math.ceil(box.y + box.height + 40) });
    await target.screenshot({ path: out });
  } else {
    const height = Number.parseInt(values.height, 10);
    await page.setViewportSize({ width: 1280, height });
    await page.screenshot({ path: out, clip: { x: 0, y: 0, width: 1280, height } });
  }
  console.log(`screenshot: ${path.relative(process.cwd(), out) || out} (${run.stdout.trim()})`);
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
