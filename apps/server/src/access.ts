/**
 * Who is asking and may they: every route declares `config.access` ('public' or the least role
 * allowed), and one onRequest hook enforces it before the body is even read.
 *
 * Credentials: `Authorization: Bearer ogoh_…` (API keys, for scripts) or the `ogoh_session`
 * cookie (the dashboard). The cookie is HttpOnly and SameSite=Strict, and Secure when the request
 * came over TLS (directly, or per X-Forwarded-Proto when the server trusts its proxy).
 *
 * CSRF, for cookie-authenticated requests that change state (anything but GET/HEAD/OPTIONS):
 * 1. the `X-CSRF-Token` header must equal the session's own random token (a synchroniser token
 *    kept server-side with the session; the dashboard reads it from GET /api/me, which another
 *    site cannot read because responses are same-origin only), and
 * 2. an `Origin` header, when present, must be this server's own origin, and `Sec-Fetch-Site`,
 *    when present, must not be `cross-site`.
 * SameSite=Strict already keeps the cookie off cross-site requests; the token also covers
 * same-site attackers (a sibling subdomain) and browsers without SameSite. Login, which has no
 * session yet, gets the Origin and Sec-Fetch-Site checks. API-key requests carry no ambient
 * credential, so they need no CSRF token.
 */
import { timingSafeEqual } from 'node:crypto';
import { type Auth, apiKeyFor, audit, sessionFor } from '@ogoh/app';
import { OgohError, type Role, roleAtLeast } from '@ogoh/core';
import type { FastifyReply, FastifyRequest } from 'fastify';

export type Access = 'public' | Role;

export interface Principal {
  kind: 'session' | 'key';
  /** username, or the key's name */
  name: string;
  role: Role;
  /** audit actor: the username or `key:<id>` */
  actor: string;
  session?: { token: string; csrf: string };
}

export const SESSION_COOKIE = 'ogoh_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const k = part.slice(0, eq).trim();
    if (!out.has(k)) out.set(k, part.slice(eq + 1).trim());
  }
  return out;
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** This server's origin as the browser sees it (honours X-Forwarded-* only with trustProxy). */
export function ownOrigin(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

/** Rejects a state-changing browser request that another site could have made. */
export function checkOrigin(req: FastifyRequest): void {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== ownOrigin(req))
    throw new OgohError('FORBIDDEN', `requests from ${origin} are not accepted`, {
      hint: 'use the dashboard served by this server, or an API key',
    });
  if (req.headers['sec-fetch-site'] === 'cross-site')
    throw new OgohError('FORBIDDEN', 'cross-site requests are not accepted', {
      hint: 'use the dashboard served by this server, or an API key',
    });
}

/**
 * Authenticated principals for a few seconds, by credential: a request would otherwise cost a
 * SHA-256 and one or two store lookups (a tenth of an API request's CPU at 1M items). Revocation
 * still takes effect: this process forgets every entry at once when it revokes a key, disables a
 * user or ends a session (`forgetPrincipals`), and a change made elsewhere (`ogoh keys revoke`,
 * another server process) is seen within `PRINCIPAL_TTL_MS`. A session entry never outlives its
 * session. Only successful lookups are kept, so a new key works at once.
 */
export const PRINCIPAL_TTL_MS = 5_000;
const PRINCIPAL_CACHE_MAX = 1_000;

interface CachedPrincipal {
  principal: Principal;
  until: number;
}

const principalCaches = new WeakMap<Auth, Map<string, CachedPrincipal>>();

function principalCache(auth: Auth): Map<string, CachedPrincipal> {
  let m = principalCaches.get(auth);
  if (!m) {
    m = new Map();
    principalCaches.set(auth, m);
  }
  return m;
}

/** Drops every cached principal: call after revoking a key, disabling a user or ending a session. */
export function forgetPrincipals(auth: Auth): void {
  principalCaches.get(auth)?.clear();
}

function remember(auth: Auth, credential: string, principal: Principal, until: number): Principal {
  const m = principalCache(auth);
  // a full cache starts over: entries are cheap to rebuild and this bounds memory against key spraying
  if (m.size >= PRINCIPAL_CACHE_MAX) m.clear();
  m.set(credential, { principal, until });
  return principal;
}

async function identify(auth: Auth, req: FastifyRequest): Promise<Principal | undefined> {
  const authz = req.headers.authorization;
  const token = authz === undefined ? parseCookies(req.headers.cookie).get(SESSION_COOKIE) : undefined;
  const credential = authz !== undefined ? `k ${authz}` : token ? `s ${token}` : undefined;
  if (credential === undefined) return undefined;
  // the app's clock, so a test that moves time past a session's end sees it end
  const now = auth.clock.now().getTime();
  const hit = principalCache(auth).get(credential);
  if (hit && hit.until > now) return hit.principal;
  if (authz !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authz);
    const key = m?.[1] ? await apiKeyFor(auth, m[1]) : undefined;
    if (!key)
      throw new OgohError('AUTH', 'the API key is not valid (unknown, revoked or mistyped)', {
        field: 'Authorization',
        hint: 'send "Authorization: Bearer ogoh_…" with a key from `ogoh keys create`',
      });
    return remember(
      auth,
      credential,
      { kind: 'key', name: key.name, role: key.role, actor: `key:${key.id}` },
      now + PRINCIPAL_TTL_MS,
    );
  }
  const s = await sessionFor(auth, token!);
  if (!s) return undefined;
  return remember(
    auth,
    credential,
    {
      kind: 'session',
      name: s.user.username,
      role: s.user.role,
      actor: s.user.username,
      session: { token: token!, csrf: s.session.csrf },
    },
    Math.min(now + PRINCIPAL_TTL_MS, Date.parse(s.session.expiresAt)),
  );
}

/** The onRequest hook: authenticates, then checks the route's access rule and CSRF. */
export function accessHook(auth: Auth) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const access = req.routeOptions.config.access;
    if (access === undefined) return; // no route matched: the not-found handler answers
    const unsafe = !SAFE_METHODS.has(req.method);
    if (access === 'public') {
      if (unsafe) checkOrigin(req);
      return;
    }
    const p = await identify(auth, req);
    if (!p)
      throw new OgohError('AUTH', 'log in first', {
        hint: 'POST /api/login, or send "Authorization: Bearer ogoh_…"',
      });
    req.principal = p;
    if (!roleAtLeast(p.role, access)) {
      await audit(auth, {
        event: 'access-denied',
        actor: p.actor,
        ip: req.ip,
        detail: { method: req.method, route: req.routeOptions.url ?? req.url, needs: access },
      });
      throw new OgohError('FORBIDDEN', `this needs the ${access} role; you are ${p.role}`);
    }
    if (unsafe && p.session) {
      checkOrigin(req);
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameString(sent, p.session.csrf))
        throw new OgohError('FORBIDDEN', 'missing or wrong CSRF token', {
          field: 'X-CSRF-Token',
          hint: 'send the csrf value from GET /api/me in the X-CSRF-Token header',
        });
    }
  };
}

export function sessionCookie(req: FastifyRequest, token: string, maxAgeSec: number): string {
  const secure = req.protocol === 'https' ? '; Secure' : '';
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSec}${secure}`;
}
