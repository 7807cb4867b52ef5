/**
 * Routes that write: register a source, upload a file to ingest, run the analysis. Writers run one
 * at a time (`ctx.exclusive`). Analysis runs inside the request for now and returns its report;
 * background jobs with progress come with the job queue.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { addSource, analyse, ingestPaths } from '@ogoh/app';
import { type Format, OgohError } from '@ogoh/core';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import * as present from '../presenters.ts';
import {
  AnalyseBody,
  IdParams,
  IngestQuery,
  IngestReportSchema,
  JobSchema,
  SourceBody,
  SourceSchema,
} from '../schemas.ts';
import type { Api, ServerContext } from '../server.ts';

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

function tooLarge(limit: number): OgohError {
  return new OgohError(
    'INPUT_TOO_LARGE',
    `the upload is larger than ${Math.round(limit / 1024 / 1024)} MiB`,
    {
      hint: 'split the file, or ingest it from disk with `ogoh ingest`',
    },
  );
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
          'start analysing items not yet analysed (all with {"all": true}) as a background job; poll GET /api/jobs/:id',
        tags: ['work'],
        body: AnalyseBody,
        response: { 202: JobSchema },
      },
    },
    async (req, reply) => {
      const all = req.body.all === true;
      const job = ctx.jobs.start('analyse', req.principal!.actor, ctx.exclusive, async (progress) => {
        const report = await analyse(app, {
          ...(all ? { all: true } : {}),
          onProgress: (p) => progress(p.analysed),
        });
        progress(report.analysed);
        return { ...report };
      });
      return reply.status(202).send(job);
    },
  );

  server.get(
    '/api/jobs',
    {
      config: { access: 'analyst' },
      schema: {
        summary: 'recent background jobs, newest first',
        tags: ['work'],
        response: { 200: Type.Array(JobSchema) },
      },
    },
    async () => ctx.jobs.list(),
  );

  server.get(
    '/api/jobs/:id',
    {
      config: { access: 'analyst' },
      schema: {
        summary: 'one job: state, progress, result or error',
        tags: ['work'],
        params: IdParams,
        response: { 200: JobSchema },
      },
    },
    async (req) => {
      const job = ctx.jobs.get(req.params.id);
      if (!job)
        throw new OgohError('NOT_FOUND', `no job "${req.params.id}"`, {
          field: 'id',
          hint: 'jobs are kept in memory until the server restarts',
        });
      return job;
    },
  );

  // The upload route reads its body as a raw stream of any type, so it lives in its own scope.
  server.register(async (scope: FastifyInstance) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    (scope as unknown as Api).post(
      '/api/ingest',
      {
        config: { access: 'analyst' },
        schema: {
          summary: 'upload one file (the raw bytes as the body) and ingest it; returns the ingest report',
          tags: ['work'],
          querystring: IngestQuery,
          consumes: 'application/octet-stream',
          response: { 200: IngestReportSchema },
        },
      },
      async (req) => {
        const limit = ctx.options.uploadLimit;
        const declared = Number(req.headers['content-length'] ?? Number.NaN);
        if (declared > limit) throw tooLarge(limit);
        const body = req.body as NodeJS.ReadableStream | undefined;
        if (!body || typeof (body as { pipe?: unknown }).pipe !== 'function')
          throw new OgohError('INPUT_MISSING', 'no file in the request body', {
            hint: 'send the file bytes as the body, e.g. curl --data-binary @feed.xml',
          });
        const name = safeFilename(req.query.filename);
        const dir = await mkdtemp(join(tmpdir(), 'ogoh-upload-'));
        try {
          const path = join(dir, name);
          let seen = 0;
          const counter = new Transform({
            transform(chunk: Buffer, _enc, cb) {
              seen += chunk.length;
              cb(seen > limit ? tooLarge(limit) : null, chunk);
            },
          });
          await pipeline(body, counter, createWriteStream(path));
          if (seen === 0)
            throw new OgohError('INPUT_MISSING', 'the uploaded file is empty', { field: 'body' });
          const format = req.query.format as Format | 'auto' | undefined;
          const report = await ctx.exclusive(() =>
            ingestPaths(app, [path], {
              ...(req.query.source ? { sourceId: req.query.source } : {}),
              ...(format ? { format } : {}),
            }),
          );
          // Report the file by the name it was uploaded as, not the server's temporary path.
          const rename = <T extends { file: string }>(e: T): T => ({ ...e, file: name });
          const fr = report.files[0];
          return {
            new: report.new,
            duplicate: report.duplicate,
            rejected: report.rejected,
            skipped: report.skipped,
            ...(fr?.format ? { format: fr.format } : {}),
            errors: report.errors.map(rename),
          };
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    );
  });
}
