/**
 * Cached whole-store views sent as bytes already serialised: a view's value changes once per data
 * version, but every request used to run it through the response serialiser again (convergence:
 * ~2 ms of CPU per request at 1M items, most of the view routes' cost). The body without its
 * `cache` block is serialised once per computed value (and per variant, e.g. the asker's language),
 * with the route's own compiled response schema so it says exactly what the schema allows; each
 * request only splices in its `cache` block (age, hit, stale). Conditional GETs are answered here
 * (the ETag hook in etag.ts only sees objects, and this sends a string).
 */
import type { CachedView } from '@ogoh/app';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { etagMatches, viewEtag } from './etag.ts';

/**
 * per computed value (the cache's own object, dropped with it), per variant: the body without its
 * opening brace, as UTF-8 bytes (a view is up to ~170 kB: encoding and measuring it per request
 * cost more than copying the bytes)
 */
const bodies = new WeakMap<object, Map<string, Buffer>>();

/** The JSON body of a view, serialised once per value and variant, with this request's `cache` block. */
export function sendView(
  req: FastifyRequest,
  reply: FastifyReply,
  c: CachedView<object>,
  cache: object,
  variant: string,
  build: () => object,
): FastifyReply {
  const etag = viewEtag(c);
  reply.header('etag', etag);
  // the browser may keep it, but must ask (cheaply, with If-None-Match) before each use
  reply.header('cache-control', 'private, no-cache');
  if (etagMatches(req.headers['if-none-match'], etag)) return reply.code(304).send();
  let byVariant = bodies.get(c.value);
  if (!byVariant) {
    byVariant = new Map();
    bodies.set(c.value, byVariant);
  }
  let rest = byVariant.get(variant);
  if (rest === undefined) {
    const text = String(reply.serialize(build()));
    // `{…}` → `…}`, or `}` for an empty object; the cache block goes first
    rest = Buffer.from(text === '{}' ? '}' : `,${text.slice(1)}`);
    byVariant.set(variant, rest);
  }
  return sendJsonBytes(reply, Buffer.concat([Buffer.from(`{"cache":${JSON.stringify(cache)}`), rest]));
}

/** per cached value: its whole body as UTF-8 bytes (see serialisedOnce) */
const whole = new WeakMap<object, Buffer>();

/**
 * A cached value's body, serialised with the route's response schema the first time it is sent
 * and sent as the same bytes while the cache holds that value (a page the route caches by data
 * version, such as the triage queue: ~70 kB serialised per request before).
 */
export function sendSerialisedOnce(reply: FastifyReply, value: object, build: () => object): FastifyReply {
  let body = whole.get(value);
  if (body === undefined) {
    body = Buffer.from(String(reply.serialize(build())));
    whole.set(value, body);
  }
  return sendJsonBytes(reply, body);
}

/**
 * Sends JSON a route built itself (bytes already serialised, or JSON the store built), bypassing
 * the response serialiser: the route's tests hold it to its response schema.
 */
export function sendJsonBytes(reply: FastifyReply, json: string | Buffer): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}
