// Headless Chromium for the browser tests and the screenshot script: Debian's /usr/bin/chromium
// driven by playwright-core, which downloads no browser of its own.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

/** Where Debian's `chromium` package installs the browser; CHROMIUM_PATH overrides it. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);

/** Nothing in a test run may reach the network, update itself or sync a profile. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Start Chromium headless with a fresh, throw-away profile. `close()` stops the browser and
 * removes the profile folder.
 */
export async function launchChromium(options = {}) {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'compatlint-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport: options.viewport ?? { width: 1400, height: 900 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    offline: true,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
