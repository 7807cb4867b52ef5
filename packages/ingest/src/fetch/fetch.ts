/**
 * The only network code in Ogoh. Everything that leaves the machine goes through `createFetcher`,
 * which adds, on every request and every redirect hop:
 * - the address guard (address.ts): the host is resolved here and the socket connects to the very
 *   address that was checked, so DNS rebinding cannot slip a private address past the check;
 * - robots.txt per origin (cached), with Crawl-delay feeding the host's rate limit;
 * - per-host rate and concurrency limits (limiter.ts), Retry-After honoured host-wide;
 * - conditional GET (ETag, Last-Modified), gzip/deflate/brotli, a clear User-Agent;
 * - limits: time per attempt, idle time, body size on the wire and after decompression (bombs);
 * - retries with exponential backoff and jitter for transient failures (network, 408, 429, 5xx).
 * Failures are coded OgohErrors (`FETCH_*`) naming the URL.
 */

import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { type ErrorCode, OgohError } from '@ogoh/core';
import { type AllowRule, assertAddressAllowed, parseIp } from './address.ts';
import { HostLimiter, type HostStats, type LimiterOptions } from './limiter.ts';
import {
  ALLOW_ALL,
  DISALLOW_ALL,
  isAllowedByRobots,
  parseRobots,
  ROBOTS_MAX_BYTES,
  type RobotsRules,
} from './robots.ts';

export const DEFAULT_USER_AGENT =
  'Ogoh/0.1 (open-source monitor of information manipulation in Central Asia; honours robots.txt)';
/** The product token robots.txt groups are matched against. */
const ROBOTS_AGENT = 'ogoh';

export interface FetcherOptions {
  /** hosts and ranges the address guard lets through (from OGOH_FETCH_ALLOW or the config file) */
  allow?: readonly AllowRule[];
  userAgent?: string;
  /** a shared limiter, or options for a new one */
  limiter?: HostLimiter | LimiterOptions;
  /** one attempt, connection to last byte. @default 30000 */
  timeoutMs?: number;
  /** silence on the socket. @default 15000 */
  idleTimeoutMs?: number;
  /** body limit in bytes, on the wire and decompressed. @default 20 MiB */
  maxBytes?: number;
  /** @default 5 */
  maxRedirects?: number;
  /** retries after the first attempt for transient failures. @default 2 */
  retries?: number;
  /** first backoff; doubles per retry, with jitter. @default 500 */
  backoffMs?: number;
  /** a longer Retry-After is not waited for: the error is returned with `retryAfterMs`. @default 60000 */
  maxRetryAfterMs?: number;
  /** consult robots.txt. @default true */
  robots?: boolean;
  /** how long a fetched robots.txt is trusted. @default 6 h */
  robotsTtlMs?: number;
  /** Crawl-delay above this is capped. @default 60000 */
  maxCrawlDelayMs?: number;
  /** DNS: host → addresses. Injectable so tests can map names to chosen addresses. */
  resolve?: (host: string) => Promise<string[]>;
}

export interface FetchRequest {
  url: string;
  /** validators from the previous fetch: the server answers 304 when nothing changed */
  etag?: string;
  lastModified?: string;
  accept?: string;
  /** overrides the fetcher's body limit */
  maxBytes?: number;
  signal?: AbortSignal;
}

export interface FetchResult {
  /** the URL asked for */
  url: string;
  /** where the body came from after redirects */
  finalUrl: string;
  status: number;
  /** true for 304: the validators matched, `body` is empty */
  notModified: boolean;
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer>;
  contentType?: string;
  /** charset parameter of Content-Type, as written */
  charset?: string;
  etag?: string;
  lastModified?: string;
  redirects: string[];
  attempts: number;
  /** bytes received on the wire (compressed) */
  wireBytes: number;
  elapsedMs: number;
}

/** A fetch failure: an OgohError with the HTTP status and the server's Retry-After when there was one. */
export class FetchError extends OgohError {
  readonly url: string;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  constructor(
    code: ErrorCode,
    message: string,
    init: { url: string; status?: number; retryAfterMs?: number; hint?: string; cause?: unknown },
  ) {
    super(code, message, {
      file: init.url,
      ...(init.hint ? { hint: init.hint } : {}),
      ...(init.cause !== undefined ? { cause: init.cause } : {}),
    });
    this.name = 'FetchError';
    this.url = init.url;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
  }
}

export interface Fetcher {
  /** GET with every guard and limit; throws FetchError / OgohError(FETCH_*). */
  fetch(request: FetchRequest): Promise<FetchResult>;
  /** per-host request starts and the smallest gap between them */
  stats(): HostStats[];
  readonly limiter: HostLimiter;
  /** closes kept-alive connections */
  close(): void;
}

/** Retry-After: delta-seconds or an HTTP date → milliseconds from now (undefined when unreadable). */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** The charset parameter of a Content-Type header. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const m = contentType ? /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType) : null;
  return m?.[1];
}

const RETRY_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

function retryable(e: unknown): boolean {
  if (!(e instanceof OgohError)) return false;
  // a name that does not exist will not exist a second later (EAI_AGAIN, a DNS hiccup, is retried)
  if ((e.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOTFOUND') return false;
  if (e.code === 'FETCH_NETWORK' || e.code === 'FETCH_TIMEOUT') return true;
  return e.code === 'FETCH_HTTP' && e instanceof FetchError && RETRY_STATUSES.has(e.status ?? 0);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function networkError(e: unknown, url: string): OgohError {
  if (e instanceof OgohError) return e;
  const err = e as NodeJS.ErrnoException;
  const code = err?.code ?? '';
  const what =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? 'the host name does not resolve'
      : code === 'ECONNREFUSED'
        ? 'the connection was refused'
        : code === 'ECONNRESET'
          ? 'the connection was reset'
          : code === 'HPE_INVALID_CONSTANT' || code.startsWith('HPE_')
            ? 'the server sent a malformed HTTP response'
            : code.startsWith('ERR_TLS') || /certificate|SSL|TLS/i.test(err?.message ?? '')
              ? `TLS failed (${err?.message})`
              : (err?.message ?? String(e));
  return new FetchError('FETCH_NETWORK', what, { url, cause: e });
}

interface Hop {
  status: number;
  headers: Record<string, string>;
  location?: string;
  body: Uint8Array<ArrayBuffer>;
  wireBytes: number;
}

interface ExchangeOptions {
  headers: Record<string, string>;
  maxBytes: number;
  /** stop reading at maxBytes instead of failing (robots.txt: parse what fits) */
  truncate?: boolean;
  signal: AbortSignal | undefined;
}

function flatHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** Decoders for Content-Encoding, outermost last (as listed). */
function decoders(encoding: string | undefined, url: string, firstByte: number | undefined): zlib.Zlib[] {
  if (!encoding) return [];
  const out: zlib.Zlib[] = [];
  for (const raw of encoding.split(',').reverse()) {
    const e = raw.trim().toLowerCase();
    if (e === '' || e === 'identity') continue;
    if (e === 'gzip' || e === 'x-gzip') out.push(zlib.createGunzip());
    else if (e === 'br') out.push(zlib.createBrotliDecompress());
    // "deflate" is meant to be zlib-wrapped; some servers send it raw (no 0x78 header byte)
    else if (e === 'deflate')
      out.push(
        firstByte !== undefined && (firstByte & 0x0f) !== 8 ? zlib.createInflateRaw() : zlib.createInflate(),
      );
    else
      throw new FetchError('FETCH_NETWORK', `the server used an unsupported content encoding "${e}"`, {
        url,
      });
  }
  return out;
}

export function createFetcher(options: FetcherOptions = {}): Fetcher {
  const allow = options.allow ?? [];
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const limiter =
    options.limiter instanceof HostLimiter ? options.limiter : new HostLimiter(options.limiter ?? {});
  const timeoutMs = options.timeoutMs ?? 30_000;
  const idleTimeoutMs = options.idleTimeoutMs ?? 15_000;
  const defaultMaxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  const maxRedirects = options.maxRedirects ?? 5;
  const retries = options.retries ?? 2;
  const backoffMs = options.backoffMs ?? 500;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const useRobots = options.robots ?? true;
  const robotsTtlMs = options.robotsTtlMs ?? 6 * 3600_000;
  const maxCrawlDelayMs = options.maxCrawlDelayMs ?? 60_000;
  const resolve =
    options.resolve ??
    (async (host: string) =>
      (await dnsLookup(host, { all: true, verbatim: true })).map((a: LookupAddress) => a.address));

  const agentOptions = { keepAlive: true, maxSockets: 4, maxFreeSockets: 2, timeout: idleTimeoutMs };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  const robotsCache = new Map<string, { rules: Promise<RobotsRules>; until: number }>();

  /** DNS with the guard: every resolved address must pass, and the socket uses a checked one. */
  function guardedLookup(url: string) {
    return (
      hostname: string,
      opts: { family?: number | string; all?: boolean },
      callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void,
    ) => {
      resolve(hostname).then(
        (addresses) => {
          try {
            if (addresses.length === 0) throw Object.assign(new Error('no addresses'), { code: 'ENOTFOUND' });
            for (const a of addresses) assertAddressAllowed(hostname, a, allow, url);
            const family = (a: string) => (parseIp(a)?.version === 6 && !a.includes('.') ? 6 : 4);
            const wanted = Number(opts.family) || 0;
            const usable = addresses.filter((a) => wanted === 0 || family(a) === wanted);
            const chosen = usable.length > 0 ? usable : addresses;
            if (opts.all)
              callback(
                null,
                chosen.map((a) => ({ address: a, family: family(a) })),
              );
            else callback(null, chosen[0]!, family(chosen[0]!));
          } catch (e) {
            callback(e as Error, '', 4);
          }
        },
        (e: unknown) => callback(e as Error, '', 4),
      );
    };
  }

  /** One HTTP exchange (no redirects, no retries): status, headers and the decoded body. */
  function exchange(target: URL, o: ExchangeOptions): Promise<Hop> {
    const url = target.href;
    const literal = parseIp(target.hostname);
    if (literal) assertAddressAllowed(target.hostname, target.hostname.replace(/^\[|\]$/g, ''), allow, url);
    const isHttps = target.protocol === 'https:';
    return new Promise<Hop>((resolvePromise, reject) => {
      let settled = false;
      const finish = (err: unknown, hop?: Hop) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        o.signal?.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else resolvePromise(hop!);
      };
      const req = (isHttps ? https : http).request(target, {
        method: 'GET',
        headers: o.headers,
        agent: isHttps ? httpsAgent : httpAgent,
        lookup: guardedLookup(url) as unknown as typeof import('node:dns').lookup,
        timeout: idleTimeoutMs,
      });
      const deadline = setTimeout(() => {
        const e = new FetchError('FETCH_TIMEOUT', `no complete response within ${timeoutMs} ms`, {
          url,
          hint: 'the server is slow or the body never ends; it is retried on the next poll',
        });
        req.destroy(e);
        finish(e);
      }, timeoutMs);
      const onAbort = () => {
        req.destroy(o.signal?.reason as Error);
        finish(o.signal?.reason);
      };
      o.signal?.addEventListener('abort', onAbort, { once: true });
      req.on('timeout', () => {
        const e = new FetchError('FETCH_TIMEOUT', `the server sent nothing for ${idleTimeoutMs} ms`, { url });
        req.destroy(e);
        finish(e);
      });
      req.on('error', (e) => finish(networkError(e, url)));
      req.on('response', (res) => {
        const headers = flatHeaders(res.headers);
        const status = res.statusCode ?? 0;
        const location = status >= 300 && status < 400 ? headers.location : undefined;
        // Redirects, 304s and errors: the body is not wanted; drop the connection's remaining bytes.
        if (location !== undefined || status === 304 || status >= 400) {
          // A 304 has no body, so its connection can be reused; an error page may never end.
          res.on('error', () => {});
          if (status === 304) res.resume();
          else res.destroy();
          return finish(null, {
            status,
            headers,
            ...(location !== undefined ? { location } : {}),
            body: new Uint8Array(0),
            wireBytes: 0,
          });
        }
        const declared = Number(headers['content-length']);
        if (!o.truncate && Number.isFinite(declared) && declared > o.maxBytes) {
          res.destroy();
          return finish(
            new FetchError(
              'FETCH_TOO_LARGE',
              `the response declares ${declared} bytes; the limit is ${o.maxBytes}`,
              {
                url,
                status,
              },
            ),
          );
        }
        readBody(res, headers['content-encoding'], url, o).then(
          ({ body, wireBytes }) => finish(null, { status, headers, body, wireBytes }),
          (e: unknown) => {
            res.destroy();
            finish(e);
          },
        );
      });
      req.end();
    });
  }

  /** Reads and decompresses a body within the limits. */
  function readBody(
    res: Readable,
    encoding: string | undefined,
    url: string,
    o: ExchangeOptions,
  ): Promise<{ body: Uint8Array<ArrayBuffer>; wireBytes: number }> {
    return new Promise((resolvePromise, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let wire = 0;
      let chain: zlib.Zlib[] | undefined;
      let done = false;
      const fail = (e: unknown) => {
        if (done) return;
        done = true;
        for (const d of chain ?? []) (d as unknown as Readable).destroy();
        reject(e);
      };
      const succeed = () => {
        if (done) return;
        done = true;
        resolvePromise({ body: new Uint8Array(Buffer.concat(chunks, size)), wireBytes: wire });
      };
      const take = (chunk: Buffer) => {
        if (done) return;
        if (size + chunk.length > o.maxBytes) {
          if (o.truncate) {
            chunks.push(chunk.subarray(0, o.maxBytes - size));
            size = o.maxBytes;
            return succeed();
          }
          const bomb = chain && chain.length > 0;
          return fail(
            new FetchError(
              'FETCH_TOO_LARGE',
              bomb
                ? `the body decompresses to more than ${o.maxBytes} bytes (after ${wire} compressed bytes); refused as a possible decompression bomb`
                : `the body is longer than the limit of ${o.maxBytes} bytes`,
              { url },
            ),
          );
        }
        chunks.push(chunk);
        size += chunk.length;
      };
      const setup = (first: Buffer) => {
        try {
          chain = decoders(encoding, url, first[0]);
        } catch (e) {
          return fail(e);
        }
        for (let i = 0; i < chain.length; i++) {
          const d = chain[i] as unknown as Readable & NodeJS.WritableStream;
          const next = chain[i + 1] as unknown as NodeJS.WritableStream | undefined;
          d.on('error', (e: Error) =>
            fail(
              new FetchError('FETCH_NETWORK', `the compressed body is corrupt (${e.message})`, {
                url,
                cause: e,
              }),
            ),
          );
          if (next) d.pipe(next);
        }
        const last = chain.at(-1) as unknown as Readable | undefined;
        if (last) {
          last.on('data', take);
          last.on('end', succeed);
        }
      };
      res.on('data', (chunk: Buffer) => {
        if (done) return;
        wire += chunk.length;
        if (!o.truncate && wire > o.maxBytes)
          return fail(
            new FetchError('FETCH_TOO_LARGE', `the body is longer than the limit of ${o.maxBytes} bytes`, {
              url,
            }),
          );
        if (chain === undefined) setup(chunk);
        if (done) return;
        const first = chain![0] as unknown as NodeJS.WritableStream | undefined;
        if (first) first.write(chunk);
        else take(chunk);
      });
      res.on('end', () => {
        if (done) return;
        if (chain === undefined) return succeed();
        const first = chain[0] as unknown as NodeJS.WritableStream | undefined;
        if (first) first.end();
        else succeed();
      });
      res.on('aborted', () =>
        fail(new FetchError('FETCH_NETWORK', 'the connection closed before the body ended', { url })),
      );
      res.on('error', (e) => fail(networkError(e, url)));
    });
  }

  function baseHeaders(accept: string): Record<string, string> {
    return { 'user-agent': userAgent, accept, 'accept-encoding': 'gzip, deflate, br' };
  }

  /** Follows redirects, each hop through the limiter, the guard and robots.txt. */
  async function follow(
    start: URL,
    headers: Record<string, string>,
    o: Omit<ExchangeOptions, 'headers'>,
    checkRobots: boolean,
  ): Promise<{ hop: Hop; finalUrl: URL; redirects: string[] }> {
    const redirects: string[] = [];
    let target = start;
    for (;;) {
      if (target.protocol !== 'http:' && target.protocol !== 'https:')
        throw new FetchError(
          'FETCH_BLOCKED',
          `only http and https URLs are fetched, not ${target.protocol}`,
          {
            url: target.href,
          },
        );
      if (target.username || target.password)
        throw new FetchError('FETCH_BLOCKED', 'URLs carrying a user name or password are not fetched', {
          url: target.href,
        });
      if (checkRobots && useRobots) await assertRobots(target, o.signal);
      const release = await limiter.acquire(target.host, o.signal);
      let hop: Hop;
      try {
        hop = await exchange(target, { ...o, headers });
      } finally {
        release();
      }
      if (hop.location === undefined) return { hop, finalUrl: target, redirects };
      if (redirects.length >= maxRedirects)
        throw new FetchError('FETCH_NETWORK', `more than ${maxRedirects} redirects`, { url: start.href });
      let next: URL;
      try {
        next = new URL(hop.location, target);
      } catch (e) {
        throw new FetchError(
          'FETCH_NETWORK',
          `the server redirected to an unreadable location "${hop.location}"`,
          {
            url: target.href,
            cause: e,
          },
        );
      }
      next.hash = '';
      if (next.href === target.href || redirects.includes(next.href))
        throw new FetchError('FETCH_NETWORK', `redirect loop at ${next.href}`, { url: start.href });
      redirects.push(next.href);
      target = next;
    }
  }

  async function robotsFor(origin: URL, signal: AbortSignal | undefined): Promise<RobotsRules> {
    const key = origin.origin;
    const now = Date.now();
    const hit = robotsCache.get(key);
    if (hit && hit.until > now) return hit.rules;
    const entry: { rules: Promise<RobotsRules>; until: number } = {
      until: now + robotsTtlMs,
      rules: Promise.resolve(ALLOW_ALL),
    };
    entry.rules = (async (): Promise<RobotsRules> => {
      try {
        const { hop } = await follow(
          new URL('/robots.txt', origin),
          baseHeaders('text/plain, */*;q=0.5'),
          { maxBytes: ROBOTS_MAX_BYTES, truncate: true, signal },
          false,
        );
        if (hop.status >= 200 && hop.status < 300) {
          const rules = parseRobots(new TextDecoder('utf-8').decode(hop.body), ROBOTS_AGENT);
          if (rules.crawlDelaySec !== undefined)
            limiter.setInterval(origin.host, Math.min(rules.crawlDelaySec * 1000, maxCrawlDelayMs));
          return rules;
        }
        if (hop.status >= 400 && hop.status < 500) return ALLOW_ALL;
        entry.until = Date.now() + 10 * 60_000;
        return DISALLOW_ALL;
      } catch (e) {
        // A refused address, or a host that cannot be reached at all: the request itself would fail
        // the same way, so say why instead of blaming robots.txt (and do not cache it).
        if (
          e instanceof OgohError &&
          (e.code === 'FETCH_BLOCKED' || e.code === 'FETCH_NETWORK' || e.code === 'FETCH_TIMEOUT')
        ) {
          robotsCache.delete(key);
          throw e;
        }
        // robots.txt answered but unreadable (too many redirects, a broken body): assume complete
        // disallow (RFC 9309), but look again soon
        entry.until = Date.now() + 10 * 60_000;
        return DISALLOW_ALL;
      }
    })();
    robotsCache.set(key, entry);
    return entry.rules;
  }

  async function assertRobots(target: URL, signal: AbortSignal | undefined): Promise<void> {
    if (target.pathname === '/robots.txt') return;
    let rules: RobotsRules;
    try {
      rules = await robotsFor(target, signal);
    } catch (e) {
      // the host was refused or unreachable while asking for robots.txt: report it for the URL asked
      if (e instanceof OgohError && e.file?.endsWith('/robots.txt'))
        throw new FetchError(e.code, e.message, {
          url: target.href,
          ...(e.hint ? { hint: e.hint } : {}),
          cause: e.cause ?? e,
        });
      throw e;
    }
    if (!isAllowedByRobots(rules, target.pathname + target.search))
      throw new FetchError(
        'FETCH_ROBOTS',
        rules === DISALLOW_ALL
          ? `robots.txt of ${target.host} answered with a server error, so nothing there is fetched for now (RFC 9309)`
          : `robots.txt of ${target.host} disallows ${target.pathname} for Ogoh`,
        {
          url: target.href,
          hint: 'respect the site owner’s wishes: use an allowed feed URL or a saved file',
        },
      );
  }

  async function attempt(req: FetchRequest, url: URL): Promise<FetchResult> {
    const started = performance.now();
    const headers = baseHeaders(
      req.accept ??
        'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5',
    );
    if (req.etag) headers['if-none-match'] = req.etag;
    if (req.lastModified) headers['if-modified-since'] = req.lastModified;
    const { hop, finalUrl, redirects } = await follow(
      url,
      headers,
      { maxBytes: req.maxBytes ?? defaultMaxBytes, signal: req.signal },
      true,
    );
    if (hop.status >= 400 || (hop.status >= 300 && hop.status !== 304) || hop.status < 200) {
      const retryAfterMs = parseRetryAfter(hop.headers['retry-after']);
      throw new FetchError('FETCH_HTTP', `the server answered HTTP ${hop.status}`, {
        url: finalUrl.href,
        status: hop.status,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        ...(hop.status === 404 || hop.status === 410
          ? { hint: 'the URL is gone; check the source with `ogoh sources show`' }
          : {}),
      });
    }
    const contentType = hop.headers['content-type'];
    const charset = charsetOf(contentType);
    const out: FetchResult = {
      url: req.url,
      finalUrl: finalUrl.href,
      status: hop.status,
      notModified: hop.status === 304,
      headers: hop.headers,
      body: hop.body,
      redirects,
      attempts: 1,
      wireBytes: hop.wireBytes,
      elapsedMs: performance.now() - started,
    };
    if (contentType !== undefined) out.contentType = contentType;
    if (charset !== undefined) out.charset = charset;
    if (hop.headers.etag !== undefined) out.etag = hop.headers.etag;
    if (hop.headers['last-modified'] !== undefined) out.lastModified = hop.headers['last-modified'];
    return out;
  }

  async function fetchWithRetries(req: FetchRequest): Promise<FetchResult> {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch (e) {
      throw new FetchError('USAGE', `"${req.url}" is not a URL`, { url: req.url, cause: e });
    }
    url.hash = '';
    for (let n = 0; ; n++) {
      try {
        const res = await attempt(req, url);
        res.attempts = n + 1;
        return res;
      } catch (e) {
        if (!retryable(e) || n >= retries) throw e;
        const after = e instanceof FetchError ? e.retryAfterMs : undefined;
        if (after !== undefined && after > maxRetryAfterMs) throw e;
        const delay = after ?? backoffMs * 2 ** n * (0.75 + Math.random() * 0.5);
        // A 429/503 speaks for the whole host: nobody else asks it before the delay either.
        if (after !== undefined) limiter.pause(url.host, after);
        await sleep(delay, req.signal);
      }
    }
  }

  return {
    fetch: fetchWithRetries,
    stats: () => limiter.stats(),
    limiter,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
