import type { BrowserContext, Page } from 'playwright-core';

export const chromiumPath: string;
export const hasChromium: boolean;
export const chromiumArgs: readonly string[];

export interface Chromium {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export interface LaunchOptions {
  viewport?: { width: number; height: number };
  deviceScaleFactor?: number;
  javaScriptEnabled?: boolean;
}

export function launchChromium(options?: LaunchOptions): Promise<Chromium>;
