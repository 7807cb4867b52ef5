/**
 * Routes that write: register a source, upload files to ingest, run the analysis. Uploads and
 * analyses are jobs on the store's persistent queue (see ../jobs.ts): the POST answers 202 with
 * the job at once; GET /api/jobs/:id follows it from any API process over the same store.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import { addSource, jobRequest, UPLOAD_SPOOL_PREFIX, uploadJobRequest } from '@ogoh/app';
import { isOgohError, type JobKind, type JobStatus, OgohError } from '@ogoh/core';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { presentJob } from '../jobs.ts';
import * as present from '../presenters.ts';
import {
  AnalyseBody,
  IdParams,
  IngestQuery,
  JobSchema,
  JobsQuery,
  SourceBody,
  SourceSchema,
} from '../schemas.ts';
import type { Api, ServerContext } from '../server.ts';

/** Files one multipart upload may carry. */
export const MAX_UPLOAD_FILES = 20;

/** A safe file name for the upload: letters, digits, dot, dash, underscore; the extension kept. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '');
  if (!clean)
    throw new OgohError('INPUT_FIELD', `"${name}" is not a usable file name`, {
      field: 'filename',
      hint: 'e.g. ?filename=feed.xml',
    });
  return clean.slice(-120);
}

function tooLarge(limit: number, what = 'the upload'): OgohError {
  return new OgohError('INPUT_TOO_LARGE', `${what} is larger than ${Math.round(limit / 1024 / 1024)} MiB`, {
    hint: 'split the file, or ingest it from disk with `ogoh ingest`',
  });
}

interface Spooled {
  path: string;
  name: string;
}

/**
 * Streams `body` to `path`, counting against what the request may still send; an empty file is
 * refused with `empty`'s message.
 */
async function spool(
  body: NodeJS.ReadableStream,
  path: string,
  budget: { left: number; limit: number; what: string },
  empty: () => OgohError,
  signal?: AbortSignal,
): Promise<void> {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length;
      budget.left -= chunk.length;
      cb(budget.left < 0 ? tooLarge(budget.limit, budget.what) : null, chunk);
    },
  });
  try {
    await pipeline(body, counter, createWriteStream(path), ...(signal ? [{ signal }] : []));
  } catch (e) {
    throw signal?.aborted ? signal.reason : e;
  }
  if (seen === 0) throw empty();
}

/** A raw body: the bytes of one file, named by ?filename=. */
async function rawUpload(
  req: FastifyRequest,
  dir: string,
  limit: number,
  filename?: string,
): Promise<Spooled[]> {
  if (filename === undefined)
    throw new OgohError('USAGE', 'a raw upload needs ?filename=', {
      field: 'filename',
      hint: 'e.g. /api/ingest?filename=feed.xml, or send a multipart form with the file in the part "file"',
    });
  const body = req.body as NodeJS.ReadableStream | undefined;
  if (!body || typeof (body as { pipe?: unknown }).pipe !== 'function')
    throw new OgohError('INPUT_MISSING', 'no file in the request body', {
      hint: 'send the file bytes as the body, e.g. curl --data-binary @feed.xml',
    });
  const name = safeFilename(filename);
  const path = join(dir, name);
  await spool(
    body,
    path,
    { left: limit, limit, what: 'the upload' },
    () => new OgohError('INPUT_MISSING', 'the uploaded file is empty', { field: 'body' }),
  );
  return [{ path, name }];
}

/**
 * A multipart/form-data body: every part must be a file in the field `file`; each is stored in a
 * folder of its own (two parts may share a name). The limit holds for all files together.
 */
async function formUpload(req: FastifyRequest, dir: string, limit: number): Promise<Spooled[]> {
  const files: Spooled[] = [];
  const budget = { left: limit, limit, what: 'the upload' };
  let n = 0;
  try {
    for await (const part of req.parts({ limits: { fileSize: limit + 1, files: MAX_UPLOAD_FILES } })) {
      n++;
      if (part.type !== 'file')
        throw new OgohError('INPUT_FIELD', `part ${n} is the form field "${part.fieldname}", not a file`, {
          field: part.fieldname,
          hint: 'send each file in a part named "file"; give source and format in the query string',
        });
      if (part.fieldname !== 'file')
        throw new OgohError('INPUT_FIELD', `part ${n} is a file in the field "${part.fieldname}"`, {
          field: part.fieldname,
          hint: 'name every file part "file" (e.g. curl -F file=@feed.xml)',
        });
      let name: string;
      try {
        name = safeFilename(part.filename ?? '');
      } catch {
        throw new OgohError('INPUT_FIELD', `part ${n} has no usable file name ("${part.filename ?? ''}")`, {
          field: 'file',
          hint: 'give each part a filename (curl -F file=@feed.xml does); its extension helps format detection',
        });
      }
      const sub = join(dir, String(n));
      await mkdir(sub);
      const path = join(sub, name);
      budget.what = `the upload (at part ${n}, "${name}")`;
      // A form cut off inside a part never ends that part's stream (busboy waits for a boundary
      // that will not come): once the request has ended, or nothing arrived for a minute, give up.
      let last = Date.now();
      const file = part.file;
      file.on('data', () => {
        last = Date.now();
      });
      const cut = new AbortController();
      const watchdog = setInterval(() => {
        const idle = Date.now() - last;
        if ((req.raw.readableEnded && idle > 1000) || idle > 60_000)
          cut.abort(
            new OgohError('INPUT_PARSE', `part ${n} ("${name}") ends before its closing boundary`, {
              field: 'file',
              hint: 'the form was cut off (or stalled); send it again',
            }),
          );
      }, 250);
      try {
        await spool(
          file,
          path,
          budget,
          () => new OgohError('INPUT_MISSING', `part ${n} ("${name}") is an empty file`, { field: 'file' }),
          cut.signal,
        );
      } finally {
        clearInterval(watchdog);
      }
      files.push({ path, name });
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT')
      throw new OgohError('INPUT_TOO_LARGE', `more than ${MAX_UPLOAD_FILES} files in one upload`, {
        field: 'file',
        hint: 'send the rest in another request',
      });
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(limit, `part ${n}`);
    if (
      code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' ||
      (!isOgohError(e) && e instanceof Error && /multipart|boundary|unexpected end/i.test(e.message))
    )
      throw new OgohError('INPUT_PARSE', `the multipart body cannot be read: ${(e as Error).message}`, {
        field: 'Content-Type',
        hint: 'send multipart/form-data with its boundary (curl -F file=@feed.xml does)',
      });
    throw e;
  }
  if (files.length === 0)
    throw new OgohError('INPUT_MISSING', 'the form has no file', {
      field: 'file',
      hint: 'put each file in a part named "file" (curl -F file=@feed.xml)',
    });
  return files;
}

export function registerWork(server: Api, ctx: ServerContext): void {
  const { app } = ctx;

  server.post(
    '/api/sources',
    {
      config: { access: 'analyst' },
      schema: {
        summary: 'register a source (or update the one with this id)',
        tags: ['sources'],
        body: SourceBody,
        response: { 200: SourceSchema },
      },
    },
    async (req) => present.source(await addSource(app, req.body)),
  );

  server.post(
    '/api/analyse',
    {
      config: { access: 'analyst' },
      schema: {
        summary:
          'queue an analysis of items not yet analysed (all with {"all": true}); poll GET /api/jobs/:id. Asking again while it is unfinished returns the same job',
        tags: ['work'],
        body: AnalyseBody,
        response: { 202: JobSchema },
      },
    },
    async (req, reply) => {
      const { all, batchSize } = req.body;
      const request = jobRequest(
        'analyze',
        { ...(all === true ? { all: true } : {}), ...(batchSize ? { batchSize } : {}) },
        req.principal!.actor,
      );
      return reply.status(202).send(presentJob(await ctx.jobs.enqueue(request)));
    },
  );

  server.get(
    '/api/jobs',
    {
      config: { access: 'analyst' },
      schema: {
        summary: 'background jobs (from the store: every API process sees the same), newest first',
        tags: ['work'],
        querystring: JobsQuery,
        response: { 200: Type.Array(JobSchema) },
      },
    },
    async (req) => {
      const q = req.query;
      const list = await ctx.jobs.queue.list({
        limit: q.limit ?? 100,
        ...(q.state ? { status: q.state as JobStatus } : {}),
        ...(q.kind ? { kind: q.kind as JobKind } : {}),
      });
      return list.map(presentJob);
    },
  );

  server.get(
    '/api/jobs/:id',
    {
      config: { access: 'analyst' },
      schema: {
        summary: 'one job: state, progress, attempts, result or error',
        tags: ['work'],
        params: IdParams,
        response: { 200: JobSchema },
      },
    },
    async (req) => {
      const job = await ctx.jobs.queue.get(req.params.id);
      if (!job)
        throw new OgohError('NOT_FOUND', `no job "${req.params.id}"`, {
          field: 'id',
          hint: 'GET /api/jobs lists the jobs',
        });
      return presentJob(job);
    },
  );

  // The upload route reads its body as a stream (raw bytes of any type, or a multipart form), so it
  // lives in its own scope with only those parsers.
  server.register(async (scope: FastifyInstance) => {
    scope.removeAllContentTypeParsers();
    await scope.register(multipart);
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    (scope as unknown as Api).post(
      '/api/ingest',
      {
        config: { access: 'analyst' },
        schema: {
          summary:
            'upload files to ingest: the raw bytes of one file as the body (?filename=), or a multipart form with one or more parts "file"; queues an ingest job whose result is the ingest report',
          tags: ['work'],
          querystring: IngestQuery,
          consumes: ['application/octet-stream', 'multipart/form-data'],
          response: { 202: JobSchema },
        },
      },
      async (req, reply) => {
        const limit = ctx.options.uploadLimit;
        const form = req.isMultipart();
        const declared = Number(req.headers['content-length'] ?? Number.NaN);
        // a form's boundaries and part headers are allowed on top of the files themselves
        if (declared > limit + (form ? 64 * 1024 : 0)) throw tooLarge(limit);
        await mkdir(ctx.options.uploadDir, { recursive: true });
        const dir = await mkdtemp(join(ctx.options.uploadDir, UPLOAD_SPOOL_PREFIX));
        try {
          const files = form
            ? await formUpload(req, dir, limit)
            : await rawUpload(req, dir, limit, req.query.filename);
          const request = uploadJobRequest(
            {
              files,
              spool: dir,
              ...(req.query.source ? { sourceId: req.query.source } : {}),
              ...(req.query.format ? { format: req.query.format } : {}),
            },
            req.principal!.actor,
          );
          return reply.status(202).send(presentJob(await ctx.jobs.enqueue(request)));
        } catch (e) {
          await rm(dir, { recursive: true, force: true });
          throw e;
        }
      },
    );
  });
}
