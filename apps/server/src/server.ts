/**
 * `createServer(app, options)`: the HTTP API and the dashboard over one opened Ogoh. No logic of its
 * own beyond HTTP: routes call the same app use cases as the CLI. Tests use it in-process with
 * `inject()` or `listen({ port: 0 })`; `ogoh serve` listens on 127.0.0.1:8787.
 */
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type Auth, holdStores, type Ogoh, openAuth, openVolume } from '@ogoh/app';
import type { VolumeReader } from '@ogoh/core';
import type { TSchema } from '@sinclair/typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import { type Access, accessHook } from './access.ts';
import type { ViewServeOptions } from './background-views.ts';
import { errorBody, errorHandler } from './errors.ts';
import { registerViewEtags } from './etag.ts';
import { openServerJobs, type ServerJobs, type ServerWorkerOptions, sweepUploads } from './jobs.ts';
import { type LimiterOptions, LoginLimiter } from './limiter.ts';
import { openApiDocument } from './openapi.ts';
import { registerAdmin } from './routes/admin.ts';
import { registerAlerts } from './routes/alerts.ts';
import { registerCases } from './routes/cases.ts';
import { registerCatalogue } from './routes/catalogue.ts';
import { registerClaims } from './routes/claims.ts';
import { registerData } from './routes/data.ts';
import { registerExports } from './routes/exports.ts';
import { registerSession } from './routes/session.ts';
import { registerTriage } from './routes/triage.ts';
import { registerViews } from './routes/views.ts';
import { registerWork } from './routes/work.ts';
import { NoQuery } from './schemas.ts';
import { DEFAULT_WEB_DIR, registerStatic } from './static.ts';

export const API_VERSION = '0.1.0';

export interface ServeOptions {
  /** pino options, or false for silence (tests) @default { level: 'info' } */
  logger?: boolean | FastifyServerOptions['logger'];
  /** trust X-Forwarded-For/-Proto/-Host from a reverse proxy (only behind one) @default false */
  trustProxy?: boolean;
  /** the built dashboard; false serves the API only @default apps/web/dist */
  webDir?: string | false;
  /** largest upload to POST /api/ingest, bytes @default 64 MiB */
  uploadLimit?: number;
  /** largest JSON body, bytes @default 1 MiB */
  bodyLimit?: number;
  limiter?: LimiterOptions;
  /**
   * The worker loop this process runs for queued jobs; false leaves them to `ogoh worker`
   * processes (`ogoh serve --no-worker`) @default {}
   */
  worker?: ServerWorkerOptions | false;
  /**
   * Where uploads wait for the ingest job that reads them: every worker must see this path (a
   * shared mount when workers run on other machines), and it belongs to one store: the server
   * sweeps stale spools its store's queue no longer wants @default $OGOH_UPLOADS, else
   * `ogoh-uploads` beside an SQLite store, else a folder per store under the system temp dir
   */
  uploadDir?: string;
  /** an `x-ogoh-pid` header on every response: which of several processes on one port answered */
  pidHeader?: boolean;
  /** whole-store views computed on a thread of their own, slow ones served stale meanwhile; false: in place */
  views?: ViewServeOptions | false;
}

/** One registered route and who may call it: the registry the access matrix test reads. */
export interface RouteRule {
  method: string;
  url: string;
  access: Access;
  schema?: {
    summary?: string;
    tags?: string[];
    params?: TSchema;
    querystring?: TSchema;
    body?: TSchema;
    response?: Record<string, TSchema>;
    consumes?: string | readonly string[];
    hide?: boolean;
  };
}

/** What route modules get: the app, its auth tables, and shared server state. */
export interface ServerContext {
  app: Ogoh;
  auth: Auth;
  volume: VolumeReader;
  limiter: LoginLimiter;
  jobs: ServerJobs;
  options: Required<Pick<ServeOptions, 'uploadLimit' | 'uploadDir'>>;
  /** runs store-writing jobs (ingest, analyse) one at a time */
  exclusive<T>(job: () => Promise<T>): Promise<T>;
}

export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

declare module 'fastify' {
  /** documentation fields openapi.ts reads; fastify itself ignores them */
  interface FastifySchema {
    summary?: string;
    tags?: readonly string[];
    hide?: boolean;
    consumes?: string | readonly string[];
  }
  interface FastifyInstance {
    /** every route with its access rule, in registration order */
    routeRules: RouteRule[];
  }
}

/** Security headers on every response. CSP: scripts and styles from this origin only, no inline. */
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

const SECURITY_HEADER_LIST = Object.entries(SECURITY_HEADERS);

/** See ServeOptions.uploadDir. */
export function defaultUploadDir(location: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.OGOH_UPLOADS) return resolve(env.OGOH_UPLOADS);
  // one folder per store: the start-up sweep keeps only what this store's queue still wants
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location) || location === ':memory:')
    return join(tmpdir(), 'ogoh-uploads', createHash('sha256').update(location).digest('hex').slice(0, 16));
  return join(dirname(resolve(location)), 'ogoh-uploads');
}

export async function createServer(app: Ogoh, options: ServeOptions = {}): Promise<Api> {
  const auth = await openAuth(app);
  let volume: VolumeReader;
  try {
    volume = await openVolume(app);
  } catch (e) {
    await auth.close();
    throw e;
  }
  let reqSeq = randomBytes(6).readUIntBE(0, 6);
  const server = Fastify({
    logger: options.logger ?? { level: 'info' },
    trustProxy: options.trustProxy ?? false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // A random start per server, then counted: as unique in the logs as a random draw per request
    // (which cost 1–2 % of a list request's CPU), and distinct across the processes of one port.
    genReqId: () => {
      reqSeq = reqSeq >= 0xffff_ffff_ffff ? 0 : reqSeq + 1;
      return `r${reqSeq.toString(16).padStart(12, '0')}`;
    },
    requestIdHeader: false,
    exposeHeadRoutes: false,
    ajv: {
      // Unknown fields are errors, not silently dropped: a typo in a filter must not widen a query.
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false },
    },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as Api;

  const rules: RouteRule[] = [];
  server.decorate('routeRules', rules);
  server.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const access = route.config?.access;
    // Every API route validates its query string: routes that take none refuse any.
    if (route.url.startsWith('/api/') && !route.schema?.querystring)
      route.schema = { ...(route.schema ?? {}), querystring: NoQuery };
    for (const method of methods) {
      if (access === undefined)
        throw new Error(
          `route ${method} ${route.url} has no access rule: set config.access to 'public' or a role`,
        );
      const rule: RouteRule = { method, url: route.url, access };
      if (route.schema) rule.schema = route.schema as RouteRule['schema'] & object;
      rules.push(rule);
    }
  });

  const pid = options.pidHeader ? String(process.pid) : undefined;
  server.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    for (const [k, v] of SECURITY_HEADER_LIST) reply.header(k, v);
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    if (pid) reply.header('x-ogoh-pid', pid);
    done();
  });
  server.addHook('onRequest', accessHook(auth));
  registerViewEtags(server as unknown as FastifyInstance);
  server.setErrorHandler(errorHandler);
  server.setNotFoundHandler((req, reply) =>
    reply
      .status(404)
      .send(
        errorBody(req, { code: 'NOT_FOUND', message: `no route ${req.method} ${req.url.split('?')[0]}` }),
      ),
  );

  let jobs: ServerJobs;
  // alert and claim tables on connections held for the server's life, not opened per request
  let releaseStores: () => Promise<void>;
  try {
    releaseStores = await holdStores(app);
  } catch (e) {
    await Promise.allSettled([auth.close(), volume.close()]);
    throw e;
  }
  try {
    jobs = await openServerJobs(app, options.worker ?? {}, server.log);
  } catch (e) {
    await Promise.allSettled([auth.close(), volume.close(), releaseStores()]);
    throw e;
  }
  let chain: Promise<unknown> = Promise.resolve();
  const ctx: ServerContext = {
    app,
    auth,
    volume,
    limiter: new LoginLimiter(options.limiter),
    jobs,
    options: {
      uploadLimit: options.uploadLimit ?? 64 * 1024 * 1024,
      uploadDir: options.uploadDir ?? defaultUploadDir(app.location),
    },
    exclusive<T>(job: () => Promise<T>): Promise<T> {
      const run = chain.then(job, job);
      chain = run.catch(() => undefined);
      return run;
    },
  };

  // Spools a crashed worker left behind go at start (in the background: nothing waits on them).
  void sweepUploads(jobs.queue, ctx.options.uploadDir).then(
    (removed) => {
      if (removed.length > 0) server.log.info({ removed }, 'removed stale upload spools');
    },
    (e: unknown) => server.log.error({ err: e }, 'sweeping upload spools'),
  );
  registerSession(server, ctx);
  registerData(server, ctx);
  registerWork(server, ctx);
  registerAdmin(server, ctx);
  registerExports(server, ctx);
  registerCatalogue(server, ctx);
  registerCases(server, ctx);
  registerTriage(server, ctx);
  registerAlerts(server, ctx);
  registerViews(server, ctx, options.views);
  registerClaims(server, ctx);
  server.get(
    '/api/openapi.json',
    { config: { access: 'public' }, schema: { summary: 'this document', tags: ['meta'] } },
    async () => openApiDocument(rules, API_VERSION),
  );
  registerStatic(server as unknown as FastifyInstance, options.webDir ?? DEFAULT_WEB_DIR);

  server.addHook('onClose', async () => {
    // Running jobs get their grace period (then go back to the queue) before the store connections go.
    await ctx.jobs.close().catch((e: unknown) => server.log.error({ err: e }, 'closing the job worker'));
    await chain.catch(() => undefined);
    await Promise.allSettled([auth.close(), volume.close(), releaseStores()]);
  });
  return server;
}
