/**
 * What the external link checker reports per URL, and the settings it runs with. Plain JSON:
 * results go into the cache file and, through the engine, to the `link-external` rule.
 */

/** Why an address is never contacted unless `allowPrivate` says so. */
export type AddressRange = 'loopback' | 'private' | 'link-local' | 'unspecified' | 'multicast' | 'reserved' | 'translated';

export type LinkResult =
  /** The final answer's status is accepted. */
  | { kind: 'ok'; status: number; finalUrl?: string }
  /** The final answer's status is not accepted (after HEAD, then GET). */
  | { kind: 'status'; status: number; finalUrl?: string }
  /** No complete answer within `timeoutMs` (name resolution, connection, headers and body). */
  | { kind: 'timeout'; ms: number; finalUrl?: string }
  /** More than `limit` redirects; `finalUrl` is the redirect not followed. */
  | { kind: 'too-many-redirects'; limit: number; finalUrl: string }
  /** A redirect back to a URL already visited (`finalUrl`). */
  | { kind: 'redirect-loop'; finalUrl: string }
  /** A body that had to be read (GET) was larger than `limit` bytes: the check gave up. */
  | { kind: 'too-large'; limit: number; finalUrl?: string }
  /** `host` resolves to `address`, which lies in a range that is never contacted. */
  | { kind: 'refused-private-address'; host: string; address: string; range: AddressRange; finalUrl?: string }
  /** The request failed below HTTP: host not found, connection refused, TLS... */
  | { kind: 'network'; reason: string; finalUrl?: string }
  /** Written as an http(s) URL but not a valid one. */
  | { kind: 'invalid-url' }
  /** Matched an `exclude` pattern: never checked. */
  | { kind: 'excluded'; pattern: string }
  /** Not an http or https URL: nothing to check. */
  | { kind: 'skipped'; reason: string };

/** The checker's settings: `externalLinks` in config, after defaults. */
export interface LinkCheckSettings {
  /** Per request (name resolution, connection, headers and body), in milliseconds. */
  timeoutMs: number;
  /** Requests in flight at once, over all hosts. */
  concurrency: number;
  /** Requests in flight at once to one host name. */
  perHostConcurrency: number;
  /** Minimum time between the starts of two requests to one host name. */
  perHostIntervalMs: number;
  /** Redirects followed per check; one more is `too-many-redirects`. */
  maxRedirects: number;
  /** Largest body read (GET only); a larger one is `too-large`. */
  maxBytes: number;
  /** Retries after `429 Too Many Requests`. */
  maxRetries: number;
  /** Longest wait before a retry; a longer `Retry-After` gives up at once with the 429. */
  maxRetryWaitMs: number;
  /** Statuses that count as working, sorted. */
  acceptStatus: number[];
  /** URLs never checked: `/regular expressions/` (searched) or globs (matched whole). */
  exclude: string[];
  /**
   * Contact loopback, private and link-local addresses too: `true` for all of them, or a list
   * of addresses and CIDR ranges (`127.0.0.1`, `10.1.0.0/16`) allowed while the rest stay refused.
   */
  allowPrivate: boolean | string[];
  /** Absolute path of the cache file; null for no cache. */
  cacheLocation: string | null;
  /** Cached answers younger than this are reused; 0 turns the cache off. */
  cacheMaxAgeHours: number;
}
