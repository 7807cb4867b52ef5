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

/** per computed value (the cache's own object, dropped with it), per variant: the body without `cache` */
const bodies = new WeakMap<object, Map<string, string>>();

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
  let body = byVariant.get(variant);
  if (body === undefined) {
    body = String(reply.serialize(build()));
    byVariant.set(variant, body);
  }
  const tail = `"cache":${JSON.stringify(cache)}}`;
  return sendJsonText(reply, body === '{}' ? `{${tail}` : `${body.slice(0, -1)},${tail}`);
}

/**
 * Sends JSON text a route built itself (from bytes already serialised, or JSON the store built),
 * bypassing the response serialiser: the route's tests hold the text to its response schema.
 */
export function sendJsonText(reply: FastifyReply, text: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(text);
}
