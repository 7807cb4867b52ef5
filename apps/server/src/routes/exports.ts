/**
 * Exports for partners: `GET /api/export/:format` (a query, the /api/items filters) and
 * `GET /api/cases/:id/export?format=` (a case), as a file download with the format's media type.
 *
 * Who may: viewers read every item and detection through the API already, so exporting them in
 * another shape is open to viewers too. A TLP:RED export is the exception: RED means named
 * recipients only, and choosing them is a dissemination decision, so it needs the analyst role —
 * whether RED was asked for or comes from the case. Every export is recorded by the use case (the
 * audit log: who, from where, what, which marking; a case's own trail too), because an export is
 * data leaving the system; the CLI records its exports through the same call.
 */
import { createReadStream } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  EXPORT_FILE_PREFIX,
  EXPORT_FORMATS,
  EXPORT_MAX,
  type ExportOptions,
  type ExportQuery,
  exportData,
  exportJobFile,
  exportJobRequest,
} from '@ogoh/app';
import { OgohError, roleAtLeast, TLP_LEVELS, type Tlp } from '@ogoh/core';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { presentJob } from '../jobs.ts';
import { IdParams, JobSchema, LangSchema } from '../schemas.ts';
import type { Api, ServerContext } from '../server.ts';

/**
 * Where export jobs write their files: $OGOH_EXPORTS, else `ogoh-exports` beside the upload spool
 * (beside an SQLite store by default). A store named by URL has its spool in a per-store folder
 * under `ogoh-uploads` (see defaultUploadDir): its exports get the same per-store folder under
 * `ogoh-exports`, so two PostgreSQL stores on one machine never sweep or overwrite each other's
 * files. Like the spool, every worker must see it.
 */
export function exportDir(uploadDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.OGOH_EXPORTS) return resolve(env.OGOH_EXPORTS);
  const parent = dirname(uploadDir);
  return basename(parent) === 'ogoh-uploads'
    ? join(dirname(parent), 'ogoh-exports', basename(uploadDir))
    : join(parent, 'ogoh-exports');
}

/** Export files are kept this long after they were written; a later download is a 404 (queue it again). */
export const EXPORT_KEEP_MS = 7 * 24 * 3600 * 1000;

/** Deletes export files (and half-written ones) older than `keepMs` from `dir`; returns the names removed. */
export async function sweepExports(
  dir: string,
  options: { now?: Date; keepMs?: number } = {},
): Promise<string[]> {
  const cutoff = (options.now ?? new Date()).getTime() - (options.keepMs ?? EXPORT_KEEP_MS);
  const removed: string[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(EXPORT_FILE_PREFIX)) continue;
    const st = await stat(join(dir, name)).catch(() => undefined);
    if (!st?.isFile() || st.mtimeMs > cutoff) continue;
    await rm(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

const literals = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
const FormatSchema = literals(EXPORT_FORMATS);
const TlpSchema = literals(TLP_LEVELS);
const Time = Type.String({ maxLength: 40, description: 'YYYY-MM-DD or an ISO-8601 time' });

const ExportParams = Type.Object({ format: FormatSchema }, { additionalProperties: false });
/** What selects and labels an export: the query string of a direct export, the body of a queued one. */
const exportQueryFields = {
  q: Type.Optional(Type.String({ maxLength: 500 })),
  lang: Type.Optional(LangSchema),
  source: Type.Optional(Type.String({ maxLength: 64 })),
  story: Type.Optional(Type.String({ maxLength: 100 })),
  narrative: Type.Optional(Type.String({ maxLength: 200, description: 'a narrative or technique id' })),
  since: Type.Optional(Time),
  until: Type.Optional(Time),
  tlp: Type.Optional(TlpSchema),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: EXPORT_MAX })),
  window: Type.Optional(Type.Integer({ minimum: 1, maximum: 86_400, description: 'gexf: seconds' })),
};
const ExportQuerySchema = Type.Object(exportQueryFields, { additionalProperties: false });
const ExportJobBody = Type.Object(
  {
    format: FormatSchema,
    case: Type.Optional(Type.String({ maxLength: 100, description: 'export this case (else the query)' })),
    ...exportQueryFields,
  },
  { additionalProperties: false },
);
const CaseParams = Type.Object({ id: Type.String({ maxLength: 100 }) }, { additionalProperties: false });
const CaseExportQuery = Type.Object(
  {
    format: FormatSchema,
    tlp: Type.Optional(TlpSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: EXPORT_MAX })),
    window: Type.Optional(Type.Integer({ minimum: 1, maximum: 86_400 })),
  },
  { additionalProperties: false },
);

function time(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime()))
    throw new OgohError('USAGE', `${field} "${value}" is not a date`, {
      field,
      hint: 'YYYY-MM-DD or ISO-8601',
    });
  return d.toISOString();
}

export function registerExports(server: Api, ctx: ServerContext): void {
  const { app, auth } = ctx;
  const tags = ['exports'];

  async function send(
    req: FastifyRequest,
    reply: FastifyReply,
    format: (typeof EXPORT_FORMATS)[number],
    query: ExportQuery,
    options: ExportOptions,
  ) {
    // The use case refuses RED for non-analysts, refuses a broken STIX bundle, and records the export
    // (audit log; the case's trail) before anything is sent.
    const r = await exportData(app, format, query, options, {
      actor: req.principal!.actor,
      ip: req.ip,
      red: roleAtLeast(req.principal!.role, 'analyst'),
      auth,
    });
    reply.header('content-disposition', `attachment; filename="${r.filename}"`);
    reply.header('x-ogoh-tlp', `TLP:${r.tlp.toUpperCase()}`);
    reply.header('x-ogoh-items', String(r.items));
    reply.header('x-ogoh-truncated', String(r.truncated));
    reply.header('content-type', r.contentType);
    // a Buffer, so fastify sends the media type exactly as registered (it rewrites it for strings)
    return reply.send(Buffer.from(r.body, 'utf8'));
  }

  server.get(
    '/api/export/:format',
    {
      config: { access: 'viewer' },
      schema: {
        summary:
          'export the items a query selects (the /api/items filters) as STIX 2.1, MISP, ClaimReview, CSV, JSONL or GEXF; TLP:RED needs an analyst',
        tags,
        params: ExportParams,
        querystring: ExportQuerySchema,
      },
    },
    async (req, reply) => {
      const q = req.query as Static<typeof ExportQuerySchema>;
      const since = time(q.since, 'since');
      const until = time(q.until, 'until');
      return send(
        req,
        reply,
        req.params.format,
        {
          ...(q.q !== undefined ? { q: q.q } : {}),
          ...(q.lang !== undefined ? { lang: q.lang } : {}),
          ...(q.source !== undefined ? { sourceId: q.source } : {}),
          ...(q.story !== undefined ? { storyId: q.story } : {}),
          ...(q.narrative !== undefined ? { narrative: q.narrative } : {}),
          ...(since ? { since } : {}),
          ...(until ? { until } : {}),
        },
        {
          ...(q.tlp !== undefined ? { tlp: q.tlp as Tlp } : {}),
          ...(q.limit !== undefined ? { limit: q.limit } : {}),
          ...(q.window !== undefined ? { window: q.window } : {}),
        },
      );
    },
  );

  server.get(
    '/api/cases/:id/export',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'export a case (its evidence, notes and TLP) in one format; a TLP:RED case needs an analyst',
        tags,
        params: CaseParams,
        querystring: CaseExportQuery,
      },
    },
    async (req, reply) => {
      const q = req.query as Static<typeof CaseExportQuery>;
      return send(
        req,
        reply,
        q.format,
        {},
        {
          caseId: req.params.id,
          ...(q.tlp !== undefined ? { tlp: q.tlp as Tlp } : {}),
          ...(q.limit !== undefined ? { limit: q.limit } : {}),
          ...(q.window !== undefined ? { window: q.window } : {}),
        },
      );
    },
  );

  const dir = exportDir(ctx.options.uploadDir);
  // old export files go at start (in the background: nothing waits on them)
  void sweepExports(dir).then(
    (removed) => {
      if (removed.length > 0) server.log.info({ removed }, 'removed old export files');
    },
    (e: unknown) => server.log.error({ err: e }, 'sweeping export files'),
  );

  server.post(
    '/api/exports',
    {
      config: { access: 'analyst' },
      schema: {
        summary:
          'queue an export of a case ({"case": id}) or of the items a query selects, for big ones: 202 with the job; poll GET /api/jobs/:id, then download GET /api/exports/:id/file. Asking again while it is unfinished returns the same job',
        tags,
        body: ExportJobBody,
        response: { 202: JobSchema },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const since = time(b.since, 'since');
      const until = time(b.until, 'until');
      if (b.case !== undefined)
        for (const k of ['q', 'lang', 'source', 'story', 'narrative', 'since', 'until'] as const)
          if (b[k] !== undefined)
            throw new OgohError('USAGE', `a case export takes no query filter (${k})`, {
              field: k,
              hint: 'leave the filters out, or leave case out to export a query',
            });
      const request = exportJobRequest(
        {
          format: b.format,
          query: {
            ...(b.q !== undefined ? { q: b.q } : {}),
            ...(b.lang !== undefined ? { lang: b.lang } : {}),
            ...(b.source !== undefined ? { sourceId: b.source } : {}),
            ...(b.story !== undefined ? { storyId: b.story } : {}),
            ...(b.narrative !== undefined ? { narrative: b.narrative } : {}),
            ...(since ? { since } : {}),
            ...(until ? { until } : {}),
          },
          options: {
            ...(b.case !== undefined ? { caseId: b.case } : {}),
            ...(b.tlp !== undefined ? { tlp: b.tlp as Tlp } : {}),
            ...(b.limit !== undefined ? { limit: b.limit } : {}),
            ...(b.window !== undefined ? { window: b.window } : {}),
          },
          by: { actor: req.principal!.actor, ip: req.ip, red: roleAtLeast(req.principal!.role, 'analyst') },
          dir,
        },
        req.principal!.actor,
      );
      return reply.status(202).send(presentJob(await ctx.jobs.enqueue(request)));
    },
  );

  server.get(
    '/api/exports/:id/file',
    {
      config: { access: 'analyst' },
      schema: {
        summary: "a finished export job's file, with its format's media type (409 while it runs)",
        tags,
        params: IdParams,
      },
    },
    async (req, reply) => {
      const job = await ctx.jobs.queue.get(req.params.id);
      if (!job)
        throw new OgohError('NOT_FOUND', `no job "${req.params.id}"`, {
          field: 'id',
          hint: 'GET /api/jobs?kind=export lists the exports',
        });
      const f = exportJobFile(job);
      const st = await stat(f.path).catch(() => undefined);
      if (!st?.isFile())
        throw new OgohError('NOT_FOUND', `the file of export ${job.id} is gone`, {
          field: 'id',
          hint: 'queue the export again',
        });
      reply.header('content-disposition', `attachment; filename="${f.filename}"`);
      reply.header('x-ogoh-tlp', `TLP:${f.tlp.toUpperCase()}`);
      reply.header('x-ogoh-items', String(f.items));
      reply.header('x-ogoh-truncated', String(f.truncated));
      reply.header('content-type', f.contentType);
      reply.header('content-length', String(st.size));
      return reply.send(createReadStream(f.path));
    },
  );
}
