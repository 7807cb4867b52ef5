/**
 * A JSON POST to an endpoint the operator configured (e.g. an OpenAI-compatible chat server for a
 * second opinion). It lives beside fetch.ts because this folder is the only network code in Ogoh.
 * Unlike the crawler's fetcher it follows no redirects, does not retry, ignores robots.txt and does
 * not apply the address guard: the URL is the operator's own setting (often a model on 127.0.0.1),
 * never a value from collected content. Limits: total time and response size.
 * Failures are coded: FETCH_TIMEOUT, FETCH_HTTP (with the status), FETCH_NETWORK, FETCH_TOO_LARGE,
 * INPUT_PARSE when the answer is not JSON.
 */
import http from 'node:http';
import https from 'node:https';
import { OgohError } from '@ogoh/core';
import { FetchError } from './fetch.ts';

export interface PostJsonOptions {
  headers?: Record<string, string>;
  /** connection to last byte. @default 60000 */
  timeoutMs?: number;
  /** response body limit. @default 4 MiB */
  maxBytes?: number;
}

export interface PostJsonResult {
  status: number;
  json: unknown;
  elapsedMs: number;
}

export function postJson(url: string, body: unknown, options: PostJsonOptions = {}): Promise<PostJsonResult> {
  let target: URL;
  try {
    target = new URL(url);
  } catch (e) {
    return Promise.reject(
      new OgohError('USAGE', `"${url}" is not a URL`, {
        field: 'url',
        hint: 'e.g. http://127.0.0.1:8080',
        cause: e,
      }),
    );
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    return Promise.reject(
      new OgohError('USAGE', `"${url}" is not an http(s) URL`, {
        field: 'url',
        hint: 'e.g. http://127.0.0.1:8080',
      }),
    );
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxBytes = options.maxBytes ?? 4 * 1024 * 1024;
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  const started = Date.now();
  return new Promise<PostJsonResult>((resolve, reject) => {
    let settled = false;
    const finish = (err: unknown, result?: PostJsonResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (err) reject(err);
      else resolve(result!);
    };
    const req = (target.protocol === 'https:' ? https : http).request(target, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'content-length': String(payload.length),
        ...options.headers,
      },
    });
    const deadline = setTimeout(() => {
      const e = new FetchError('FETCH_TIMEOUT', `no complete answer within ${timeoutMs} ms`, {
        url,
        hint: 'the endpoint is slow or busy; raise the timeout or try again',
      });
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
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBytes) {
          res.destroy();
          finish(
            new FetchError('FETCH_TOO_LARGE', `the answer is longer than ${maxBytes} bytes`, { url, status }),
          );
          return;
        }
        chunks.push(c);
      });
      res.on('error', (e) => finish(new FetchError('FETCH_NETWORK', e.message, { url, status, cause: e })));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (status < 200 || status >= 300)
          return finish(
            new FetchError(
              'FETCH_HTTP',
              `HTTP ${status}${text ? `: ${text.slice(0, 200).replace(/\s+/g, ' ')}` : ''}`,
              {
                url,
                status,
              },
            ),
          );
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch (e) {
          return finish(
            new OgohError('INPUT_PARSE', 'the answer is not JSON', {
              file: url,
              hint: 'is the URL an OpenAI-compatible API?',
              cause: e,
            }),
          );
        }
        finish(null, { status, json, elapsedMs: Date.now() - started });
      });
    });
    req.end(payload);
  });
}
