/**
 * The fact-check database over HTTP: list and open claims, match a text against them (scores are
 * calibrated 0..1), and import a fact-check file (ClaimReview JSON(-LD), Fact Check Tools JSON or
 * CSV) sent as the raw request body, like POST /api/ingest. Reading is for viewers; importing
 * changes the database, so it is for analysts.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getClaims, importClaims, listClaims, matchClaims } from '@ogoh/app';
import { OgohError } from '@ogoh/core';
import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { presentClaim as present } from '../presenters.ts';
import { ClaimSchema } from '../schemas.ts';
import type { Api, ServerContext } from '../server.ts';
import { safeFilename } from './work.ts';

const tags = ['claims'];
const Opt = <T extends TSchema>(t: T) => Type.Optional(t);

const ListQuery = Type.Object(
  {
    limit: Opt(Type.Integer({ minimum: 1, maximum: 200 })),
    cursor: Opt(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
const ClaimParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
const MatchBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 100_000 }),
    k: Opt(Type.Integer({ minimum: 1, maximum: 50 })),
    minScore: Opt(Type.Number({ minimum: 0, maximum: 1 })),
    lang: Opt(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);
const MatchSchema = Type.Object({
  matches: Type.Array(Type.Object({ score: Type.Number(), claim: ClaimSchema })),
  /** claims in the database: 0 means nothing can match yet */
  total: Type.Integer(),
});
const ImportQuery = Type.Object(
  {
    filename: Type.String({ minLength: 1, maxLength: 200, description: 'e.g. factcheck.json or claims.csv' }),
  },
  { additionalProperties: false },
);
const ImportSchema = Type.Object({
  files: Type.Array(
    Type.Object({
      file: Type.String(),
      format: Type.String(),
      claims: Type.Integer(),
      issues: Type.Integer(),
    }),
  ),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  issues: Type.Array(
    Type.Object({
      file: Type.String(),
      line: Opt(Type.Integer()),
      path: Opt(Type.String()),
      field: Opt(Type.String()),
      reason: Type.String(),
    }),
  ),
});

export function registerClaims(server: Api, ctx: ServerContext): void {
  const { app } = ctx;

  server.get(
    '/api/claims',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'fact-checked claims in id order, a page at a time',
        tags,
        querystring: ListQuery,
        response: {
          200: Type.Object({
            claims: Type.Array(ClaimSchema),
            next: Opt(Type.String()),
            total: Type.Integer(),
          }),
        },
      },
    },
    async (req) => {
      const page = await listClaims(app, {
        limit: req.query.limit ?? 50,
        ...(req.query.cursor !== undefined ? { cursor: req.query.cursor } : {}),
      });
      return { ...page, claims: page.claims.map(present) };
    },
  );

  server.get(
    '/api/claims/:id',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'one fact-checked claim',
        tags,
        params: ClaimParams,
        response: { 200: ClaimSchema },
      },
    },
    async (req) => {
      const [claim] = await getClaims(app, [req.params.id]);
      if (!claim) throw new OgohError('NOT_FOUND', `no claim "${req.params.id}"`, { field: 'id' });
      return present(claim);
    },
  );

  server.post(
    '/api/claims/match',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'the fact-checked claims a text most likely repeats, best first, with 0..1 scores',
        tags,
        body: MatchBody,
        response: { 200: MatchSchema },
      },
    },
    async (req) => {
      const b = req.body;
      const matches = await matchClaims(app, b.text, b.k ?? 10, {
        ...(b.lang !== undefined ? { lang: b.lang } : {}),
        ...(b.minScore !== undefined ? { minScore: b.minScore } : {}),
      });
      const claims = new Map(
        (
          await getClaims(
            app,
            matches.map((m) => m.id),
          )
        ).map((c) => [c.id, c]),
      );
      const total = (await listClaims(app, { limit: 1 })).total;
      return {
        matches: matches.flatMap((m) => {
          const c = claims.get(m.id);
          return c ? [{ score: m.score, claim: present(c) }] : [];
        }),
        total,
      };
    },
  );

  // The import reads its body raw (any content type), so it lives in its own scope.
  server.register(async (scope: FastifyInstance) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: ctx.options.uploadLimit },
      (_req, body, done) => done(null, body),
    );
    (scope as unknown as Api).post(
      '/api/claims/import',
      {
        config: { access: 'analyst' },
        bodyLimit: ctx.options.uploadLimit,
        schema: {
          summary:
            'import a fact-check file sent as the body (ClaimReview JSON(-LD), Fact Check Tools JSON, CSV)',
          tags,
          querystring: ImportQuery,
          consumes: 'application/octet-stream',
          response: { 200: ImportSchema },
        },
      },
      async (req) => {
        const body = req.body as Buffer | undefined;
        if (!body || body.length === 0)
          throw new OgohError('INPUT_MISSING', 'no file in the request body', {
            field: 'body',
            hint: 'send the file as the body, e.g. curl --data-binary @claims.csv',
          });
        const name = safeFilename(req.query.filename);
        const dir = await mkdtemp(join(tmpdir(), 'ogoh-claims-'));
        try {
          const path = join(dir, name);
          await writeFile(path, body);
          const report = await ctx.exclusive(() => importClaims(app, [path]));
          // Report the file by the name it was uploaded as, not the server's temporary path.
          return {
            ...report,
            files: report.files.map((f) => ({ ...f, file: name })),
            issues: report.issues.map((i) => ({ ...i, file: name })),
          };
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    );
  });
}
