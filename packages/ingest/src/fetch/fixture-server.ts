/**
 * A local HTTP server on 127.0.0.1 that serves fixtures for tests and benchmarks of the fetcher
 * and the poller: feeds with validators (answering 304), 429/503 with Retry-After, redirects,
 * gzip/brotli bodies, slow drips and endless bodies. Never listens beyond the loopback address.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

export interface FixtureRoute {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** answered with 304 when the request's If-None-Match equals it */
  etag?: string;
  /** answered with 304 when the request's If-Modified-Since equals it */
  lastModified?: string;
  /** compress the body with this Content-Encoding */
  encoding?: 'gzip' | 'br' | 'deflate';
  /** wait before answering */
  delayMs?: number;
  /** send the body in pieces of `bytes` every `everyMs` */
  drip?: { bytes: number; everyMs: number };
  /** never end the body (repeats `body`, or spaces) */
  endless?: boolean;
  /** redirect here (status 302 unless `status` says otherwise) */
  redirect?: string;
}

export type FixtureHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface FixtureRequest {
  path: string;
  at: number;
  headers: IncomingMessage['headers'];
}

export interface FixtureServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** 127.0.0.1:<port>, the fetcher's rate-limit key */
  host: string;
  url(path: string): string;
  /** add or replace a route; a function answers by itself */
  route(path: string, route: FixtureRoute | FixtureHandler): void;
  /** every request received, in order */
  requests: FixtureRequest[];
  hits(path: string): number;
  close(): Promise<void>;
}

function send(req: IncomingMessage, res: ServerResponse, r: FixtureRoute): void {
  if (r.redirect !== undefined) {
    res.writeHead(r.status ?? 302, { location: r.redirect, ...r.headers });
    res.end();
    return;
  }
  const headers: Record<string, string> = { ...r.headers };
  if (r.etag !== undefined) headers.etag = r.etag;
  if (r.lastModified !== undefined) headers['last-modified'] = r.lastModified;
  if (
    (r.etag !== undefined && req.headers['if-none-match'] === r.etag) ||
    (r.lastModified !== undefined && req.headers['if-modified-since'] === r.lastModified)
  ) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  let body: Uint8Array =
    typeof r.body === 'string' ? new TextEncoder().encode(r.body) : (r.body ?? new Uint8Array(0));
  if (r.endless) {
    const piece = body.length > 0 ? body : new TextEncoder().encode(' '.repeat(1024));
    res.writeHead(r.status ?? 200, headers);
    const pump = () => {
      while (res.write(piece)) {
        if (res.destroyed) return;
      }
      if (!res.destroyed) res.once('drain', pump);
    };
    res.on('close', () => res.removeAllListeners('drain'));
    pump();
    return;
  }
  if (r.encoding === 'gzip') body = zlib.gzipSync(body);
  else if (r.encoding === 'br') body = zlib.brotliCompressSync(body);
  else if (r.encoding === 'deflate') body = zlib.deflateSync(body);
  if (r.encoding) headers['content-encoding'] = r.encoding;
  if (!r.drip) headers['content-length'] = String(body.length);
  res.writeHead(r.status ?? 200, headers);
  if (!r.drip) {
    res.end(body);
    return;
  }
  const { bytes, everyMs } = r.drip;
  let at = 0;
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    res.write(body.subarray(at, at + bytes));
    at += bytes;
    if (at >= body.length) {
      clearInterval(timer);
      res.end();
    }
  }, everyMs);
  res.on('close', () => clearInterval(timer));
}

/**
 * Starts a fixture server on 127.0.0.1 (a free port). Unknown paths answer 404; `/robots.txt`
 * answers 404 (everything allowed) unless a route says otherwise.
 * @example
 *   const srv = await serveFixtures({ '/feed.xml': { body: rss, etag: '"v1"' } });
 *   await fetcher.fetch({ url: srv.url('/feed.xml') });
 *   await srv.close();
 */
export async function serveFixtures(
  routes: Record<string, FixtureRoute | FixtureHandler> = {},
): Promise<FixtureServer> {
  const table = new Map(Object.entries(routes));
  const requests: FixtureRequest[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, at: performance.now(), headers: req.headers });
    const r = table.get(path) ?? table.get(path.split('?')[0] ?? path);
    res.on('error', () => {});
    if (r === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    if (typeof r === 'function') return r(req, res);
    if (r.delayMs) setTimeout(() => send(req, res, r), r.delayMs);
    else send(req, res, r);
  });
  server.keepAliveTimeout = 2000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    host: `127.0.0.1:${port}`,
    url: (path) => `${origin}${path}`,
    route: (path, route) => {
      table.set(path, route);
    },
    requests,
    hits: (path) => requests.filter((r) => r.path === path).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
