import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { checkExternalLinks, type LinkCheckOptions, parseRetryAfter } from '../src/net/external.js';
import { cli } from './helpers/cli.js';

// Every test talks to a server on 127.0.0.1 that this file starts; nothing leaves the machine.
// The server's routes are the cases: each path answers in one way that a link checker must handle.

interface Hit {
  method: string;
  path: string;
  host: string;
  at: number;
}

let server: http.Server;
let base = '';
let port = 0;
const hits: Hit[] = [];
let inFlight = new Map<string, number>();
let maxInFlight = new Map<string, number>();
const attempts = new Map<string, number>();

function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  hits.push({ method: req.method ?? '', path: url.pathname, host, at: Date.now() });
  const count = (attempts.get(url.pathname) ?? 0) + 1;
  attempts.set(url.pathname, count);
  const p = url.pathname;
  if (p === '/ok') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<p>ok</p>');
  if (p === '/missing') return void res.writeHead(404).end('not here');
  if (p === '/head-not-allowed') {
    if (req.method === 'HEAD') return void res.writeHead(405).end();
    return void res.writeHead(200).end('fine with GET');
  }
  if (p === '/hang') return; // never answers: the checker's timeout must end it
  if (p === '/loop/a') return void res.writeHead(302, { location: '/loop/b' }).end();
  if (p === '/loop/b') return void res.writeHead(301, { location: `${base}/loop/a` }).end();
  const chain = /^\/chain\/(\d+)$/.exec(p);
  if (chain) return void res.writeHead(302, { location: `/chain/${Number(chain[1]) + 1}` }).end();
  if (p === '/to-internal') return void res.writeHead(302, { location: `http://internal.test:${port}/ok` }).end();
  if (p === '/moved') return void res.writeHead(301, { location: '/ok' }).end();
  if (p === '/busy') {
    if (count === 1) return void res.writeHead(429, { 'retry-after': '1' }).end();
    return void res.writeHead(200).end();
  }
  if (p === '/busy-long') return void res.writeHead(429, { 'retry-after': '3600' }).end();
  // HEAD is refused so that the GET fallback has to read the body.
  if (p.startsWith('/big') && req.method === 'HEAD') return void res.writeHead(405).end();
  if (p === '/big') {
    // No content-length: the size cap must count the bytes as they arrive.
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    const chunk = Buffer.alloc(16 * 1024, 97);
    let sent = 0;
    const pump = (): void => {
      while (sent < 1024 * 1024) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('error', () => {});
    pump();
    return;
  }
  if (p === '/big-declared') return void res.writeHead(200, { 'content-length': String(1024 * 1024) }).end(Buffer.alloc(1024 * 1024));
  const slow = /^\/slow\/\d+$/.exec(p);
  if (slow) {
    inFlight.set(host, (inFlight.get(host) ?? 0) + 1);
    maxInFlight.set(host, Math.max(maxInFlight.get(host) ?? 0, inFlight.get(host) as number));
    setTimeout(() => {
      inFlight.set(host, (inFlight.get(host) as number) - 1);
      res.writeHead(200).end();
    }, 60);
    return;
  }
  res.writeHead(500).end();
}

beforeAll(async () => {
  server = http.createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  hits.length = 0;
  attempts.clear();
  inFlight = new Map();
  maxInFlight = new Map();
});

/** The local server is loopback: every test but the refusal ones allows exactly 127.0.0.1. */
const local: LinkCheckOptions = { allowPrivate: ['127.0.0.1'], timeoutMs: 2000, perHostIntervalMs: 0 };

async function one(pathname: string, options: LinkCheckOptions = {}) {
  const url = `${base}${pathname}`;
  const results = await checkExternalLinks([url], { ...local, ...options });
  return results.get(url);
}

describe('external link checker against a local server', () => {
  test('a working page is ok after one HEAD request', async () => {
    expect(await one('/ok')).toEqual({ kind: 'ok', status: 200 });
    expect(hits.map((h) => h.method)).toEqual(['HEAD']);
  });

  test('404 is reported with its status, after HEAD and then GET', async () => {
    expect(await one('/missing')).toEqual({ kind: 'status', status: 404 });
    expect(hits.map((h) => h.method)).toEqual(['HEAD', 'GET']);
  });

  test('a server that refuses HEAD is asked again with GET', async () => {
    expect(await one('/head-not-allowed')).toEqual({ kind: 'ok', status: 200 });
    expect(hits.map((h) => h.method)).toEqual(['HEAD', 'GET']);
  });

  test('a redirect is followed and the final URL is kept', async () => {
    expect(await one('/moved')).toEqual({ kind: 'ok', status: 200, finalUrl: `${base}/ok` });
  });

  test('a server that never answers times out', async () => {
    const started = Date.now();
    expect(await one('/hang', { timeoutMs: 150 })).toEqual({ kind: 'timeout', ms: 150 });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  test('a redirect loop is reported where it closes', async () => {
    expect(await one('/loop/a')).toEqual({ kind: 'redirect-loop', finalUrl: `${base}/loop/a` });
  });

  test('more redirects than maxRedirects stop at the limit', async () => {
    expect(await one('/chain/0', { maxRedirects: 3 })).toEqual({ kind: 'too-many-redirects', limit: 3, finalUrl: `${base}/chain/4` });
    expect(hits.filter((h) => h.method === 'HEAD')).toHaveLength(4);
  });

  test('429 is retried after Retry-After, and the wait is honoured', async () => {
    const started = Date.now();
    expect(await one('/busy')).toEqual({ kind: 'ok', status: 200 });
    const [first, second] = hits;
    expect(hits).toHaveLength(2);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  test('a Retry-After longer than maxRetryWaitMs gives up at once with the 429', async () => {
    const started = Date.now();
    expect(await one('/busy-long')).toEqual({ kind: 'status', status: 429 });
    expect(hits).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('a body larger than maxBytes is too large, with or without content-length', async () => {
    expect(await one('/big', { maxBytes: 64 * 1024 })).toEqual({ kind: 'too-large', limit: 64 * 1024 });
    expect(await one('/big-declared', { maxBytes: 64 * 1024 })).toEqual({ kind: 'too-large', limit: 64 * 1024 });
    expect(await one('/big', { maxBytes: 2 * 1024 * 1024 })).toEqual({ kind: 'ok', status: 200 });
  });

  test('exclude patterns (globs and /regular expressions/) are never requested', async () => {
    const urls = [`${base}/ok`, `${base}/missing`, `${base}/hang`];
    const results = await checkExternalLinks(urls, { ...local, exclude: [`${base}/miss*`, '/\\/hang$/'] });
    expect(results.get(urls[1]!)).toEqual({ kind: 'excluded', pattern: `${base}/miss*` });
    expect(results.get(urls[2]!)).toEqual({ kind: 'excluded', pattern: '/\\/hang$/' });
    expect(hits.map((h) => h.path)).toEqual(['/ok']);
  });

  test('one URL linked with different fragments is requested once', async () => {
    const urls = [`${base}/ok#a`, `${base}/ok#b`, `${base}/ok`];
    const results = await checkExternalLinks(urls, local);
    for (const u of urls) expect(results.get(u)).toEqual({ kind: 'ok', status: 200 });
    expect(hits).toHaveLength(1);
  });

  test('per-host concurrency and interval hold for each host name, not across hosts', async () => {
    const resolve = async () => [{ address: '127.0.0.1', family: 4 }];
    const urls = [0, 1, 2, 3, 4, 5].flatMap((i) => [`http://a.test:${port}/slow/${i}`, `http://b.test:${port}/slow/${i}`]);
    const results = await checkExternalLinks(urls, { ...local, resolve, perHostConcurrency: 1, perHostIntervalMs: 150 });
    for (const u of urls) expect(results.get(u)).toEqual({ kind: 'ok', status: 200 });
    expect(maxInFlight.get('a.test')).toBe(1);
    expect(maxInFlight.get('b.test')).toBe(1);
    for (const host of ['a.test', 'b.test']) {
      const starts = hits.filter((h) => h.host === host).map((h) => h.at);
      for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(120);
    }
    // Both hosts ran side by side: 12 requests one after another would take at least 1650 ms (the server sees a start up to a connection set-up late).
    const span = Math.max(...hits.map((h) => h.at)) - Math.min(...hits.map((h) => h.at));
    expect(span).toBeLessThan(1400);
  });

  test('overall concurrency is bounded', async () => {
    const resolve = async () => [{ address: '127.0.0.1', family: 4 }];
    const hosts = ['c', 'd', 'e', 'f', 'g', 'h'];
    let peak = 0;
    let now = 0;
    const urls = hosts.map((h) => `http://${h}.test:${port}/slow/1`);
    const probe = setInterval(() => {
      now = [...inFlight.values()].reduce((a, b) => a + b, 0);
      peak = Math.max(peak, now);
    }, 5);
    await checkExternalLinks(urls, { ...local, resolve, concurrency: 2 });
    clearInterval(probe);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(2);
  });
});

describe('private and loopback addresses', () => {
  test('a URL to 127.0.0.1 is refused without allowPrivate, and nothing is sent', async () => {
    const url = `${base}/ok`;
    const results = await checkExternalLinks([url], { timeoutMs: 2000 });
    expect(results.get(url)).toEqual({ kind: 'refused-private-address', host: '127.0.0.1', address: '127.0.0.1', range: 'loopback' });
    expect(hits).toHaveLength(0);
  });

  test('a host name is refused after DNS resolution when one of its addresses is private', async () => {
    const url = `http://rebind.test:${port}/ok`;
    const resolve = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    const results = await checkExternalLinks([url], { resolve });
    expect(results.get(url)).toEqual({ kind: 'refused-private-address', host: 'rebind.test', address: '127.0.0.1', range: 'loopback' });
    expect(hits).toHaveLength(0);
  });

  test('IPv4-mapped IPv6, link-local metadata and localhost are refused too', async () => {
    const urls = [`http://[::ffff:127.0.0.1]:${port}/ok`, 'http://169.254.169.254/latest/', `http://[::1]:${port}/ok`];
    const results = await checkExternalLinks(urls, {});
    expect([...results.values()].map((r) => r.kind === 'refused-private-address' && r.range)).toEqual(['loopback', 'link-local', 'loopback']);
    expect(hits).toHaveLength(0);
  });

  test.each([
    ['NAT64, well-known prefix (127.0.0.1 inside)', '64:ff9b::7f00:1', 'translated'],
    ['NAT64, local-use prefix', '64:ff9b:1::a00:1', 'translated'],
    ['6to4 (10.0.0.1 inside)', '2002:a00:1::1', 'translated'],
    ['Teredo', '2001:0:4136:e378:8000:63bf:3fff:fdd2', 'translated'],
    ['IPv4-translated (SIIT)', '::ffff:0:7f00:1', 'translated'],
    ['IETF protocol assignments', '192.0.0.170', 'reserved'],
    ['benchmarking', '198.19.255.1', 'reserved'],
    ['documentation', '203.0.113.7', 'reserved'],
    ['IPv6 documentation', '2001:db8::1', 'reserved'],
  ])('%s: %s is refused, directly and through DNS', async (_name, address, range) => {
    const literal = address.includes(':') ? `[${address}]` : address;
    const direct = `http://${literal}:${port}/ok`;
    const named = `http://translated.test:${port}/ok`;
    const resolve = async () => [{ address, family: address.includes(':') ? 6 : 4 }];
    const results = await checkExternalLinks([direct, named], { resolve, timeoutMs: 2000 });
    expect(results.get(direct)).toMatchObject({ kind: 'refused-private-address', range });
    expect(results.get(named)).toMatchObject({ kind: 'refused-private-address', host: 'translated.test', address, range });
    expect(hits).toHaveLength(0);
  });

  test('a redirect from an allowed address to a refused one is refused at the hop', async () => {
    const resolve = async (host: string) => [{ address: host === 'public.test' ? '127.0.0.1' : '10.0.0.1', family: 4 }];
    const url = `http://public.test:${port}/to-internal`;
    const results = await checkExternalLinks([url], { resolve, allowPrivate: ['127.0.0.1'] });
    expect(results.get(url)).toEqual({
      kind: 'refused-private-address',
      host: 'internal.test',
      address: '10.0.0.1',
      range: 'private',
      finalUrl: `http://internal.test:${port}/ok`,
    });
    expect(hits.map((h) => h.path)).toEqual(['/to-internal']);
  });
});

describe('the cache', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'compatlint-links-'));
  });

  test('answers are reused within the maximum age and checked again after it', async () => {
    const cacheLocation = path.join(dir, '.compatlint-cache', 'links.json');
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const options: LinkCheckOptions = { ...local, cacheLocation, cacheMaxAgeHours: 24, now: () => clock };
    const urls = [`${base}/ok`, `${base}/missing`, `${base}/hang`];
    const first = await checkExternalLinks(urls, { ...options, timeoutMs: 150 });
    expect(first.get(urls[2]!)).toEqual({ kind: 'timeout', ms: 150 });
    const stored = JSON.parse(readFileSync(cacheLocation, 'utf8'));
    // A timeout is not an answer from the server: it is tried again next time.
    expect(Object.keys(stored.entries)).toEqual([`${base}/missing`, `${base}/ok`]);
    expect(stored.entries[`${base}/missing`]).toEqual({ result: { kind: 'status', status: 404 }, checkedAt: '2026-01-01T00:00:00.000Z' });

    hits.length = 0;
    clock += 23 * 3_600_000;
    const second = await checkExternalLinks(urls.slice(0, 2), options);
    expect([...second.values()]).toEqual([first.get(urls[0]!), first.get(urls[1]!)]);
    expect(hits).toHaveLength(0);

    clock += 2 * 3_600_000;
    await checkExternalLinks(urls.slice(0, 2), options);
    expect(hits.map((h) => `${h.method} ${h.path}`).sort()).toEqual(['GET /missing', 'HEAD /missing', 'HEAD /ok']);
    expect(JSON.parse(readFileSync(cacheLocation, 'utf8')).entries[`${base}/ok`].checkedAt).toBe('2026-01-02T01:00:00.000Z');
  });

  test('a cache made under other settings, or not compatlint\'s, is ignored and replaced', async () => {
    const cacheLocation = path.join(dir, 'links.json');
    await checkExternalLinks([`${base}/ok`], { ...local, cacheLocation });
    hits.length = 0;
    await checkExternalLinks([`${base}/ok`], { ...local, cacheLocation, acceptStatus: [200, 403] });
    expect(hits).toHaveLength(1);
    writeFileSync(cacheLocation, '{"version": 1, "entries": {"x": 1}');
    hits.length = 0;
    await checkExternalLinks([`${base}/ok`], { ...local, cacheLocation });
    expect(hits).toHaveLength(1);
    expect(JSON.parse(readFileSync(cacheLocation, 'utf8')).kind).toBe('external-links');
  });

  test('a cache that cannot be written is a warning, not a failure', async () => {
    const blocker = path.join(dir, 'file');
    writeFileSync(blocker, '');
    const warnings: string[] = [];
    const url = `${base}/ok`;
    const results = await checkExternalLinks([url], { ...local, cacheLocation: path.join(blocker, 'links.json'), warn: (m) => warnings.push(m) });
    expect(results.get(url)).toEqual({ kind: 'ok', status: 200 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/cannot write the link cache/);
  });
});

describe('compatlint check --external-links', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'compatlint-links-cli-'));
    writeFileSync(
      path.join(dir, 'compatlint.config.json'),
      JSON.stringify({ externalLinks: { allowPrivate: ['127.0.0.1'], timeoutMs: 2000, exclude: ['/\\/hang/'] } }),
    );
    writeFileSync(
      path.join(dir, 'page.md'),
      `# Page\n\nSee [ok](${base}/ok), [gone](${base}/missing) and [slow](${base}/hang).\n\n[def]: ${base}/loop/a\n\nUse [def].\n`,
    );
  });

  test('without the flag nothing is contacted', async () => {
    const r = await cli(['check', '--format', 'json'], dir);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).diagnostics.filter((d: { ruleId: string }) => d.ruleId === 'link-external')).toEqual([]);
    expect(hits).toHaveLength(0);
    expect(existsSync(path.join(dir, '.compatlint-cache'))).toBe(false);
  });

  test('with the flag broken links are reported at their place, and the cache is written', async () => {
    const r = await cli(['check', '--external-links', '--format', 'json'], dir);
    expect(r.stderr).toBe('');
    const found = JSON.parse(r.stdout).diagnostics.filter((d: { ruleId: string }) => d.ruleId === 'link-external');
    expect(found.map((d: { line: number; message: string }) => `${d.line}: ${d.message}`)).toEqual([
      `3: Unexpected HTTP 404 from \`${base}/missing\``,
      `5: Unexpected redirect loop from \`${base}/loop/a\`: it leads back to \`${base}/loop/a\``,
    ]);
    expect(found.every((d: { severity: string }) => d.severity === 'warning')).toBe(true);
    expect(hits.some((h) => h.path === '/hang')).toBe(false);
    const cache = JSON.parse(readFileSync(path.join(dir, '.compatlint-cache', 'links.json'), 'utf8'));
    expect(Object.keys(cache.entries).sort()).toEqual([`${base}/loop/a`, `${base}/missing`, `${base}/ok`]);
  });
});

test('Retry-After as seconds and as an HTTP date', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  expect(parseRetryAfter('5', now)).toBe(5000);
  expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
  expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
  expect(parseRetryAfter('soon', now)).toBeNull();
  expect(parseRetryAfter(undefined, now)).toBeNull();
});

describe('externalLinks config', () => {
  test.each([
    [{ acceptStatus: ['2xx'] }, /externalLinks\.acceptStatus\[0\]: expected text matching/],
    [{ acceptStatus: ['299-200'] }, /externalLinks\.acceptStatus\[0\]: expected a status code/],
    [{ exclude: ['/(?!x)y/'] }, /externalLinks\.exclude\[0\]: unsupported regular expression/],
    [{ allowPrivate: ['10.0.0.0/99'] }, /externalLinks\.allowPrivate\[0\]: expected an IP address or CIDR range/],
    [{ timeoutMs: 'soon' }, /externalLinks\.timeoutMs/],
  ])('%j is a one-line config error (exit 2)', async (externalLinks, message) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'compatlint-links-config-'));
    writeFileSync(path.join(dir, 'compatlint.config.json'), JSON.stringify({ externalLinks }));
    writeFileSync(path.join(dir, 'page.md'), '# Page\n');
    const r = await cli(['check', '--external-links'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(hits).toHaveLength(0);
  });
});
