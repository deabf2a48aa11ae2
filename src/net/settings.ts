import path from 'node:path';
import picomatch from 'picomatch';
import { UsageError } from '../util/errors.js';
import { UserRegex } from '../util/user-regex.js';
import { addressList } from './address.js';
import type { LinkCheckSettings } from './types.js';

/** `externalLinks` as written in config; every key optional. */
export interface ExternalLinksUserConfig {
  timeoutMs?: number;
  concurrency?: number;
  perHostConcurrency?: number;
  perHostIntervalMs?: number;
  maxRedirects?: number;
  maxBytes?: number;
  maxRetries?: number;
  maxRetryWaitMs?: number;
  /** Status codes (`403`) and ranges (`"200-299"`). */
  acceptStatus?: Array<number | string>;
  exclude?: string[];
  allowPrivate?: boolean | string[];
  cacheLocation?: string;
  cacheMaxAgeHours?: number;
}

export const DEFAULT_CACHE_LOCATION = '.compatlint-cache/links.json';

/**
 * The defaults, documented in the README and the config schema. The cache lives under `root`
 * (the config file's folder); without a root there is no cache.
 */
export function defaultLinkSettings(root: string | null): LinkCheckSettings {
  return {
    timeoutMs: 10_000,
    concurrency: 16,
    perHostConcurrency: 2,
    perHostIntervalMs: 100,
    maxRedirects: 5,
    maxBytes: 5 * 1024 * 1024,
    maxRetries: 2,
    maxRetryWaitMs: 10_000,
    acceptStatus: range(200, 299),
    exclude: [],
    allowPrivate: false,
    cacheLocation: root === null ? null : path.resolve(root, DEFAULT_CACHE_LOCATION),
    cacheMaxAgeHours: 24,
  };
}

/**
 * Merge the `externalLinks` of each config layer (presets, extended files, the file) over the
 * defaults: later layers win key by key, `exclude` lists add up, and `cacheLocation` is relative
 * to the layer that names it.
 */
export function resolveLinkSettings(
  layers: ReadonlyArray<{ config: ExternalLinksUserConfig; base: string; where: string }>,
  root: string,
): LinkCheckSettings {
  const settings = defaultLinkSettings(root);
  for (const { config, base, where } of layers) {
    const at = (key: string) => `Invalid config ${where}: externalLinks.${key}`;
    const { acceptStatus, exclude, allowPrivate, cacheLocation, ...numbers } = config;
    Object.assign(settings, numbers);
    if (acceptStatus !== undefined) settings.acceptStatus = parseStatusList(acceptStatus, at('acceptStatus'));
    if (exclude !== undefined) {
      exclude.forEach((pattern, i) => compileUrlPattern(pattern, at(`exclude[${i}]`)));
      settings.exclude = [...settings.exclude, ...exclude];
    }
    if (allowPrivate !== undefined) {
      if (Array.isArray(allowPrivate)) {
        allowPrivate.forEach((entry, i) => {
          try {
            addressList([entry]);
          } catch (error) {
            throw new UsageError(`${at(`allowPrivate[${i}]`)}: ${(error as Error).message}`);
          }
        });
      }
      settings.allowPrivate = allowPrivate;
    }
    if (cacheLocation !== undefined) settings.cacheLocation = path.resolve(base, cacheLocation);
  }
  return settings;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function parseStatusList(entries: ReadonlyArray<number | string>, where: string): number[] {
  const codes = new Set<number>();
  entries.forEach((entry, i) => {
    const m = typeof entry === 'number' ? [String(entry), String(entry), String(entry)] : /^(\d{3})-(\d{3})$/.exec(entry);
    const from = Number(m?.[1]);
    const to = Number(m?.[2]);
    if (!m || from < 100 || to > 599 || from > to) {
      throw new UsageError(`${where}[${i}]: expected a status code (100-599) or a range such as "200-299", found ${JSON.stringify(entry)}`);
    }
    for (const code of range(from, to)) codes.add(code);
  });
  return [...codes].sort((a, b) => a - b);
}

/** An `exclude` entry: `/regex/flags` is searched anywhere in the URL; anything else is a glob matched against the whole URL. */
export interface UrlPattern {
  source: string;
  test(url: string): boolean;
}

export function compileUrlPattern(source: string, where: string): UrlPattern {
  const m = /^\/(.+)\/([a-z]*)$/s.exec(source);
  if (!m) {
    const isMatch = picomatch(source, { dot: true });
    return { source, test: (url) => isMatch(url) };
  }
  const body = m[1] as string;
  const flags = m[2] as string;
  const re = UserRegex.compile(body, flags, where, source);
  return { source, test: (url) => re.test(url) };
}

