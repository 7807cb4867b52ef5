/**
 * Conditional GETs for the cached whole-store views (trends, convergence, coordination): their
 * bodies carry `cache: { dataVersion, computedAt }`, which together name one computed value, so
 * that pair is the entity tag. A dashboard polling a view it already holds gets `304 Not
 * Modified` with no body: nothing serialised, nothing sent, nothing parsed in the browser. The
 * tag is weak because the body's `ageSeconds` and `hit` change between requests while the data
 * does not. Each server process keeps its own cache, so with several processes on one port a
 * view computed in another process has another tag (a 200, never a wrong 304).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const NOT_MODIFIED = Symbol('ogoh.notModified');

interface CacheFields {
  dataVersion: number;
  computedAt: string;
}

function cacheOf(payload: unknown): CacheFields | undefined {
  if (payload === null || typeof payload !== 'object') return undefined;
  const c = (payload as { cache?: unknown }).cache;
  if (c === null || typeof c !== 'object') return undefined;
  const { dataVersion, computedAt } = c as Partial<CacheFields>;
  return typeof dataVersion === 'number' && typeof computedAt === 'string'
    ? { dataVersion, computedAt }
    : undefined;
}

/** The weak entity tag of a view computed at this data version and time. */
export function viewEtag(c: CacheFields): string {
  const at = Date.parse(c.computedAt);
  return `W/"v${c.dataVersion}.${Number.isFinite(at) ? at.toString(36) : '0'}"`;
}

/** RFC 9110 If-None-Match: `*` or a list of tags, compared weakly. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === bare);
}

/** Adds ETag (and revalidation instead of no-store) to view responses and answers 304 on a match. */
export function registerViewEtags(server: FastifyInstance): void {
  server.addHook(
    'preSerialization',
    (req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: null, p: unknown) => void) => {
      if (req.method !== 'GET' || reply.statusCode !== 200) return done(null, payload);
      const c = cacheOf(payload);
      if (!c) return done(null, payload);
      const etag = viewEtag(c);
      reply.header('etag', etag);
      // the browser may keep it, but must ask (cheaply, with If-None-Match) before each use
      reply.header('cache-control', 'private, no-cache');
      if (!etagMatches(req.headers['if-none-match'], etag)) return done(null, payload);
      (reply as FastifyReply & { [NOT_MODIFIED]?: true })[NOT_MODIFIED] = true;
      reply.code(304);
      done(null, {});
    },
  );
  server.addHook('onSend', (_req, reply, payload, done) => {
    if (!(reply as FastifyReply & { [NOT_MODIFIED]?: true })[NOT_MODIFIED]) return done(null, payload);
    reply.removeHeader('content-type');
    reply.removeHeader('content-length');
    done(null, null);
  });
}
