import dns, { type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { type BlockList, isIP, type LookupFunction } from 'node:net';
import { repositoryUrl, toolVersion } from '../util/paths.js';
import { addressList, bareAddress, nonPublicRange } from './address.js';
import { LinkCache } from './cache.js';
import { RequestScheduler } from './schedule.js';
import { compileUrlPattern, defaultLinkSettings, type UrlPattern } from './settings.js';
import type { LinkCheckSettings, LinkResult } from './types.js';

/**
 * The external link checker: given http(s) URLs, it answers for each whether it works, within
 * bounds (timeouts, concurrency, per-host limits, redirect and size limits) and without ever
 * contacting a loopback, private or link-local address unless allowed.
 *
 * How one URL is checked:
 * 1. `exclude` patterns, then the URL's syntax and scheme; then the cache.
 * 2. HEAD, following redirects by hand up to `maxRedirects` and stopping at a loop. When the
 *    final status is not accepted (and not 429), GET decides instead: many servers answer HEAD
 *    with 405, 501, 403 or even 404 while GET works, and GET is what a reader's browser does.
 * 3. Every request (each redirect hop, each retry) resolves the host, refuses it if any address
 *    is non-public, and then connects to exactly the addresses it checked: the request's
 *    `lookup` returns them instead of asking DNS again, so a name cannot be re-pointed
 *    (DNS rebinding) between the check and the connection.
 * 4. `429 Too Many Requests` is retried up to `maxRetries` times after `Retry-After` (seconds
 *    or an HTTP date), and the whole host waits meanwhile; a wait longer than `maxRetryWaitMs`
 *    gives up at once with the 429.
 * 5. A body is read only for a GET whose status is accepted, and at most `maxBytes` of it:
 *    like a timeout, a larger body means the check ran out of budget (`too-large`).
 */

export interface LinkCheckHooks {
  /** Host name to addresses; default `dns.promises.lookup(host, { all: true })`. Tests point names at 127.0.0.1. */
  resolve?: (host: string) => Promise<LookupAddress[]>;
  /** The clock for cache ages and `Retry-After` dates. */
  now?: () => number;
  /** Told about problems that do not stop the check, such as a cache file that cannot be written. */
  warn?: (message: string) => void;
}

/** Settings (defaults for any left out; no cache unless `cacheLocation` is given) and hooks. */
export type LinkCheckOptions = Partial<LinkCheckSettings> & LinkCheckHooks;

/** Check `urls` (as written in pages) and return a result for each, in the order given. */
export function checkExternalLinks(urls: readonly string[], options: LinkCheckOptions = {}): Promise<Map<string, LinkResult>> {
  return new ExternalLinkChecker(options).check(urls);
}

type Method = 'HEAD' | 'GET';

/** What one HTTP exchange says: a status, where it redirects, when to retry. */
interface Answer {
  status: number;
  location?: string;
  retryAfter?: string;
}

const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
const HEADERS = {
  'user-agent': `compatlint/${toolVersion} (+${repositoryUrl})`,
  accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
};

export class ExternalLinkChecker {
  readonly settings: LinkCheckSettings;
  private readonly exclude: UrlPattern[];
  private readonly accept: ReadonlySet<number>;
  /** `all`: no address is refused; otherwise the non-public addresses still allowed. */
  private readonly allowed: 'all' | BlockList;
  private readonly resolveHost: (host: string) => Promise<LookupAddress[]>;
  private readonly now: () => number;
  private readonly warn: (message: string) => void;

  constructor(options: LinkCheckOptions = {}) {
    const { resolve, now, warn, ...settings } = options;
    this.settings = { ...defaultLinkSettings(null), ...settings };
    this.exclude = this.settings.exclude.map((p, i) => compileUrlPattern(p, `externalLinks.exclude[${i}]`));
    this.accept = new Set(this.settings.acceptStatus);
    const allow = this.settings.allowPrivate;
    this.allowed = allow === true ? 'all' : addressList(allow === false ? [] : allow);
    this.resolveHost = resolve ?? ((host) => dns.promises.lookup(host, { all: true, verbatim: true }));
    this.now = now ?? Date.now;
    this.warn = warn ?? (() => {});
  }

  async check(urls: readonly string[]): Promise<Map<string, LinkResult>> {
    const unique = [...new Set(urls)];
    const settled = new Map<string, LinkResult>();
    // The same page, linked with different fragments, is one check.
    const targets = new Map<string, URL>();
    const targetOf = new Map<string, string>();
    for (const url of unique) {
      const target = this.prepare(url);
      if (target instanceof URL) {
        targets.set(target.href, target);
        targetOf.set(url, target.href);
      } else {
        settled.set(url, target);
      }
    }
    const byTarget = new Map<string, LinkResult>();
    if (targets.size > 0) {
      const { cacheLocation, cacheMaxAgeHours } = this.settings;
      const cache =
        cacheLocation !== null && cacheMaxAgeHours > 0
          ? await LinkCache.load(cacheLocation, this.cacheSettings(), cacheMaxAgeHours * 3_600_000, this.now)
          : null;
      const run = new CheckRun(this.settings, this.accept, this.allowed, this.resolveHost, this.now);
      try {
        await Promise.all(
          [...targets].map(async ([key, url]) => {
            const cached = cache?.get(key);
            const result = cached ?? (await run.check(url));
            if (!cached) cache?.set(key, result);
            byTarget.set(key, result);
          }),
        );
      } finally {
        run.close();
      }
      await cache?.save().catch((error: Error) => this.warn(`cannot write the link cache ${cacheLocation}: ${error.message}`));
    }
    const results = new Map<string, LinkResult>();
    for (const url of unique) results.set(url, settled.get(url) ?? (byTarget.get(targetOf.get(url) as string) as LinkResult));
    return results;
  }

  /** A URL to request, or the result that needs no request. */
  private prepare(written: string): URL | LinkResult {
    const pattern = this.exclude.find((p) => p.test(written));
    if (pattern) return { kind: 'excluded', pattern: pattern.source };
    if (!/^https?:/i.test(written.trim())) return { kind: 'skipped', reason: 'not an http or https URL' };
    let url: URL;
    try {
      url = new URL(written.trim());
    } catch {
      return { kind: 'invalid-url' };
    }
    url.hash = '';
    return url;
  }

  private cacheSettings() {
    const { acceptStatus, maxRedirects, maxBytes, allowPrivate } = this.settings;
    return { acceptStatus, maxRedirects, maxBytes, allowPrivate };
  }
}

/** The state of one `check` call: its scheduler, connection pools and resolved host names. */
class CheckRun {
  private readonly scheduler: RequestScheduler;
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true }),
  };
  private readonly lookups = new Map<string, Promise<LookupAddress[]>>();

  constructor(
    private readonly settings: LinkCheckSettings,
    private readonly accept: ReadonlySet<number>,
    private readonly allowed: 'all' | BlockList,
    private readonly resolveHost: (host: string) => Promise<LookupAddress[]>,
    private readonly now: () => number,
  ) {
    this.scheduler = new RequestScheduler(
      { concurrency: settings.concurrency, perHost: settings.perHostConcurrency, perHostIntervalMs: settings.perHostIntervalMs },
      now,
    );
  }

  async check(url: URL): Promise<LinkResult> {
    const head = await this.follow(url, 'HEAD');
    if (head.kind === 'status' && head.status !== 429) return this.follow(url, 'GET');
    return head;
  }

  close(): void {
    this.agents['http:'].destroy();
    this.agents['https:'].destroy();
  }

  /** One method, following redirects by hand. */
  private async follow(start: URL, method: Method): Promise<LinkResult> {
    const seen = new Set([start.href]);
    let current = start;
    const via = () => (current === start ? {} : { finalUrl: current.href });
    for (let hops = 0; ; hops++) {
      const answer = await this.requestWithRetries(current, method);
      if ('kind' in answer) return { ...answer, ...via() } as LinkResult;
      if (!REDIRECTS.has(answer.status) || answer.location === undefined) {
        return { kind: this.accept.has(answer.status) ? 'ok' : 'status', status: answer.status, ...via() };
      }
      let next: URL;
      try {
        next = new URL(answer.location, current);
      } catch {
        return { kind: 'network', reason: `invalid redirect to ${JSON.stringify(answer.location.slice(0, 100))}`, ...via() };
      }
      next.hash = '';
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        return { kind: 'network', reason: `redirect to an unsupported scheme (${next.protocol})`, ...via() };
      }
      if (seen.has(next.href)) return { kind: 'redirect-loop', finalUrl: next.href };
      if (hops + 1 > this.settings.maxRedirects) return { kind: 'too-many-redirects', limit: this.settings.maxRedirects, finalUrl: next.href };
      seen.add(next.href);
      current = next;
    }
  }

  private async requestWithRetries(url: URL, method: Method): Promise<Answer | LinkResult> {
    for (let attempt = 0; ; attempt++) {
      const answer = await this.scheduler.run(url.hostname, () => this.request(url, method));
      if ('kind' in answer || answer.status !== 429 || attempt >= this.settings.maxRetries) return answer;
      const wait = parseRetryAfter(answer.retryAfter, this.now()) ?? 1000 * 2 ** attempt;
      if (wait > this.settings.maxRetryWaitMs) return answer;
      this.scheduler.deferHost(url.hostname, this.now() + wait);
    }
  }

  /** One HTTP exchange under the per-request timeout, which covers resolving, connecting, headers and body. */
  private async request(url: URL, method: Method): Promise<Answer | LinkResult> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.settings.timeoutMs);
    try {
      const addresses = await untilAborted(this.resolve(url.hostname), controller.signal);
      const refused = this.refusal(url.hostname, addresses);
      if (refused) return refused;
      return await this.exchange(url, method, addresses, controller.signal);
    } catch (error) {
      if (controller.signal.aborted) return { kind: 'timeout', ms: this.settings.timeoutMs };
      return { kind: 'network', reason: describeNetworkError(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  private resolve(hostname: string): Promise<LookupAddress[]> {
    const literal = bareAddress(hostname);
    const family = isIP(literal);
    if (family !== 0) return Promise.resolve([{ address: literal, family }]);
    let addresses = this.lookups.get(hostname);
    if (!addresses) {
      addresses = this.resolveHost(hostname).then((list) => {
        if (list.length === 0) throw Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' });
        return list;
      });
      // Rejections are handled by each request that awaits this; the memo itself must not be "unhandled".
      addresses.catch(() => {});
      this.lookups.set(hostname, addresses);
    }
    return addresses;
  }

  /** Refuse when any address is non-public: a name with one public and one private address is not safe to contact. */
  private refusal(hostname: string, addresses: readonly LookupAddress[]): LinkResult | null {
    if (this.allowed === 'all') return null;
    for (const { address, family } of addresses) {
      const range = nonPublicRange(address);
      if (range && !this.allowed.check(bareAddress(address), family === 6 ? 'ipv6' : 'ipv4')) {
        return { kind: 'refused-private-address', host: bareAddress(hostname), address, range };
      }
    }
    return null;
  }

  private exchange(url: URL, method: Method, addresses: LookupAddress[], signal: AbortSignal): Promise<Answer | LinkResult> {
    const { maxBytes } = this.settings;
    const tooLarge: LinkResult = { kind: 'too-large', limit: maxBytes };
    return new Promise((resolve, reject) => {
      const client = url.protocol === 'https:' ? https : http;
      const request = client.request(
        url,
        { method, signal, headers: HEADERS, agent: this.agents[url.protocol as 'http:' | 'https:'], lookup: pinnedLookup(addresses) },
        (response) => {
          const status = response.statusCode ?? 0;
          const answer: Answer = { status };
          if (response.headers.location !== undefined) answer.location = response.headers.location;
          if (response.headers['retry-after'] !== undefined) answer.retryAfter = response.headers['retry-after'];
          if (method === 'HEAD') {
            response.resume();
            resolve(answer);
            return;
          }
          if (REDIRECTS.has(status) || !this.accept.has(status)) {
            response.destroy();
            resolve(answer);
            return;
          }
          if (Number(response.headers['content-length']) > maxBytes) {
            response.destroy();
            resolve(tooLarge);
            return;
          }
          let received = 0;
          response.on('data', (chunk: Buffer) => {
            received += chunk.length;
            if (received > maxBytes) {
              response.destroy();
              resolve(tooLarge);
            }
          });
          response.on('end', () => resolve(answer));
          response.on('error', reject);
          response.on('close', () => reject(new Error('connection closed before the response ended')));
        },
      );
      request.on('error', reject);
      request.end();
    });
  }
}

/**
 * A `lookup` for `http.request` that answers with addresses already resolved and checked,
 * so the connection goes exactly where the check looked.
 */
function pinnedLookup(addresses: readonly LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) {
      callback(null, [...addresses]);
      return;
    }
    const pick = addresses.find((a) => !options.family || a.family === options.family) ?? (addresses[0] as LookupAddress);
    callback(null, pick.address, pick.family);
  };
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** `Retry-After` in milliseconds from `now`: delay-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

const NETWORK_REASONS: Record<string, string> = {
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
};

/** A short reason for a message: "connection refused", "TLS: CERT_HAS_EXPIRED". */
export function describeNetworkError(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (NETWORK_REASONS[code]) return NETWORK_REASONS[code] as string;
    if (code.startsWith('HPE_')) return 'invalid HTTP response';
    if (/CERT|TLS|SSL/.test(code)) return `TLS: ${code}`;
    return code;
  }
  return String(message ?? error).split('\n')[0]?.slice(0, 120) ?? 'unknown error';
}
