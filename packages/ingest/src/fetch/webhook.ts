/**
 * A webhook POST to a URL a user gave (alert rules), under the crawler's address guard: every
 * address the host resolves to is checked at connect time (no DNS-rebinding gap between a check and
 * the connection), so a rule cannot point the server at itself, its network or a cloud metadata
 * service. `allowPrivate` (an operator's explicit choice) lets loopback and private-network
 * addresses through — never link-local or metadata ones. Redirects are not followed (a 3xx is an
 * answer like any other, and not a success), nothing is retried here: the caller owns retries.
 */
import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { OgohError } from '@ogoh/core';
import { type AllowRule, assertAddressAllowed, classifyAddress, parseIp } from './address.ts';
import { FetchError } from './fetch.ts';

export interface WebhookOptions {
  headers?: Record<string, string>;
  /** hosts and ranges the guard lets through (OGOH_FETCH_ALLOW) */
  allow?: readonly AllowRule[];
  /** also allow loopback and private-network addresses */
  allowPrivate?: boolean;
  /** connection to last byte. @default 10000 */
  timeoutMs?: number;
  /** DNS: host → addresses (tests map names to chosen addresses) */
  resolve?: (host: string) => Promise<string[]>;
}

export interface WebhookResult {
  status: number;
  elapsedMs: number;
  /** the start of the answer, for the delivery log */
  snippet: string;
}

const SNIPPET = 300;

function check(host: string, ip: string, o: WebhookOptions, url: string): void {
  const cls = classifyAddress(ip);
  if (o.allowPrivate && (cls === 'loopback' || cls === 'private')) return;
  assertAddressAllowed(host, ip, o.allow ?? [], url);
}

/** POSTs `body` (sent byte for byte, so a signature over it stays valid); resolves with any HTTP answer. */
export function postWebhook(url: string, body: string, options: WebhookOptions = {}): Promise<WebhookResult> {
  let target: URL;
  try {
    target = new URL(url);
  } catch (e) {
    return Promise.reject(new OgohError('USAGE', `"${url}" is not a URL`, { field: 'targetUrl', cause: e }));
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    return Promise.reject(
      new OgohError('USAGE', `"${url}" is not an http(s) URL`, {
        field: 'targetUrl',
        hint: 'e.g. https://hooks.example.org/ogoh',
      }),
    );
  const host = target.hostname.replace(/^\[|\]$/g, '');
  try {
    if (parseIp(host)) check(host, host, options, url);
  } catch (e) {
    return Promise.reject(e);
  }
  const resolve =
    options.resolve ??
    (async (h: string) =>
      (await dnsLookup(h, { all: true, verbatim: true })).map((a: LookupAddress) => a.address));
  const lookup = (
    hostname: string,
    opts: { all?: boolean },
    callback: (
      err: Error | null,
      address: string | { address: string; family: number }[],
      family?: number,
    ) => void,
  ) => {
    resolve(hostname).then(
      (addresses) => {
        try {
          if (addresses.length === 0) throw Object.assign(new Error('no addresses'), { code: 'ENOTFOUND' });
          for (const a of addresses) check(hostname, a, options, url);
          const fam = (a: string) => (parseIp(a)?.version === 6 && !a.includes('.') ? 6 : 4);
          if (opts.all)
            callback(
              null,
              addresses.map((a) => ({ address: a, family: fam(a) })),
            );
          else callback(null, addresses[0]!, fam(addresses[0]!));
        } catch (e) {
          callback(e as Error, '', 4);
        }
      },
      (e: unknown) => callback(e as Error, '', 4),
    );
  };
  const timeoutMs = options.timeoutMs ?? 10_000;
  const payload = Buffer.from(body, 'utf8');
  const started = performance.now();
  return new Promise<WebhookResult>((resolvePromise, reject) => {
    let settled = false;
    const finish = (err: unknown, result?: WebhookResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (err) reject(err);
      else resolvePromise(result!);
    };
    const req = (target.protocol === 'https:' ? https : http).request(target, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': String(payload.length),
        'user-agent': 'Ogoh-Alerts/1',
        ...options.headers,
      },
      agent: false,
      lookup: lookup as unknown as typeof import('node:dns').lookup,
    });
    const deadline = setTimeout(() => {
      const e = new FetchError('FETCH_TIMEOUT', `no complete answer within ${timeoutMs} ms`, { url });
      req.destroy(e);
      finish(e);
    }, timeoutMs);
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (e instanceof OgohError) return finish(e);
      const what =
        e.code === 'ECONNREFUSED'
          ? 'the connection was refused'
          : e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN'
            ? 'the host name does not resolve'
            : e.code === 'ECONNRESET'
              ? 'the connection was reset'
              : e.message;
      finish(new FetchError('FETCH_NETWORK', what, { url, cause: e }));
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        // only the start is kept; the rest is drained so the connection closes cleanly
        if (size < SNIPPET) chunks.push(c);
        size += c.length;
      });
      res.on('error', (e) => finish(new FetchError('FETCH_NETWORK', e.message, { url, cause: e })));
      res.on('end', () =>
        finish(null, {
          status: res.statusCode ?? 0,
          elapsedMs: performance.now() - started,
          snippet: Buffer.concat(chunks).toString('utf8').slice(0, SNIPPET),
        }),
      );
    });
    req.end(payload);
  });
}
