/** Log in, log out, and who am I: the dashboard's session and its CSRF token. */
import { login, logout, SESSION_HOURS } from '@ogoh/app';
import { OgohError } from '@ogoh/core';
import { forgetPrincipals, parseCookies, SESSION_COOKIE, sessionCookie } from '../access.ts';
import { LoginBody, MeSchema, NoContent } from '../schemas.ts';
import type { Api, ServerContext } from '../server.ts';

const tags = ['session'];

export function registerSession(server: Api, ctx: ServerContext): void {
  server.post(
    '/api/login',
    {
      config: { access: 'public' },
      bodyLimit: 8 * 1024,
      schema: {
        summary: 'log in; sets the session cookie',
        tags,
        body: LoginBody,
        response: { 200: MeSchema },
      },
    },
    async (req, reply) => {
      const { username, password } = req.body;
      const wait = ctx.limiter.retryAfter(req.ip, username);
      if (wait > 0) {
        await ctx.auth.store.audit({
          at: ctx.app.clock.now().toISOString(),
          event: 'login-limited',
          subject: username.slice(0, 64),
          ip: req.ip,
        });
        reply.header('retry-after', String(Math.ceil(wait / 1000)));
        throw new OgohError('RATE_LIMITED', 'too many failed logins; wait before trying again', {
          hint: `retry after ${Math.ceil(wait / 60_000)} minute(s)`,
        });
      }
      let r: Awaited<ReturnType<typeof login>>;
      try {
        r = await login(ctx.auth, { username, password, ip: req.ip });
      } catch (e) {
        ctx.limiter.fail(req.ip, username);
        throw e;
      }
      ctx.limiter.succeed(req.ip, username);
      reply.header('set-cookie', sessionCookie(req, r.token, SESSION_HOURS * 3600));
      return { kind: 'session' as const, name: r.user.username, role: r.user.role, csrf: r.session.csrf };
    },
  );

  server.post(
    '/api/logout',
    {
      config: { access: 'viewer' },
      schema: { summary: 'end the session and clear its cookie', tags, response: { 204: NoContent } },
    },
    async (req, reply) => {
      const token = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
      if (token && req.principal?.kind === 'session') {
        await logout(ctx.auth, token, req.principal.actor, req.ip);
        forgetPrincipals(ctx.auth);
      }
      reply.header('set-cookie', sessionCookie(req, '', 0));
      return reply.status(204).send(null);
    },
  );

  server.get(
    '/api/me',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'who is calling, their role, and the CSRF token',
        tags,
        response: { 200: MeSchema },
      },
    },
    async (req) => {
      const p = req.principal!;
      return { kind: p.kind, name: p.name, role: p.role, ...(p.session ? { csrf: p.session.csrf } : {}) };
    },
  );
}
