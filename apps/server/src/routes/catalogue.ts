/**
 * The catalogue: narratives (by actor family) and the 23 techniques, their media-literacy cards as
 * JSON or as a printable self-contained HTML page, and the counter-message review. All read-only
 * and stateless, so any signed-in role may use them.
 */
import { createHash } from 'node:crypto';
import {
  catalogue,
  detectionCounts,
  getCard,
  MAX_REVIEW_CHARS,
  renderCards,
  reviewCounterMessage,
} from '@ogoh/app';
import { type TSchema, Type } from '@sinclair/typebox';
import type { Api, ServerContext } from '../server.ts';

const tags = ['catalogue'];
const Opt = <T extends TSchema>(t: T) => Type.Optional(t);
const CardLangSchema = Type.Unsafe<'en' | 'ru' | 'tg'>({ type: 'string', enum: ['en', 'ru', 'tg'] });
const LangQuery = Type.Object({ lang: Opt(CardLangSchema) }, { additionalProperties: false });
const ListQuery = Type.Object(
  {
    lang: Opt(CardLangSchema),
    counts: Opt(Type.Boolean({ description: 'add how many stored items carry each flag' })),
  },
  { additionalProperties: false },
);
const CardParams = Type.Object(
  { id: Type.String({ maxLength: 120, pattern: '^[A-Za-z0-9_-]+$' }) },
  { additionalProperties: false },
);

const NarrativeSchema = Type.Object({
  id: Type.String(),
  family: Type.String(),
  familyLabel: Type.String(),
  label: Type.String(),
  description: Type.String(),
  typicalTechniques: Type.Array(Type.String()),
  convergesWith: Type.Array(Type.String()),
  grounding: Type.String(),
  confidence: Type.String(),
  hasCard: Type.Boolean(),
  items: Opt(Type.Integer()),
});
const TechniqueSchema = Type.Object({
  id: Type.String(),
  category: Type.String(),
  categoryLabel: Type.String(),
  name: Type.String(),
  definition: Type.String(),
  hasCard: Type.Boolean(),
  items: Opt(Type.Integer()),
});
const Versions = { lang: Type.String(), taxonomyVersion: Type.String(), cardsVersion: Type.String() };
const NarrativesSchema = Type.Object({ ...Versions, narratives: Type.Array(NarrativeSchema) });
const TechniquesSchema = Type.Object({ ...Versions, techniques: Type.Array(TechniqueSchema) });

export const CardSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  lang: Type.String(),
  title: Type.String(),
  group: Type.String(),
  groupLabel: Type.String(),
  what: Type.String(),
  why: Type.String(),
  check: Type.String(),
  example: Type.String(),
  cardsVersion: Type.String(),
  taxonomyVersion: Type.String(),
  status: Type.String(),
});

const ReviewBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: MAX_REVIEW_CHARS }),
    lang: Opt(CardLangSchema),
  },
  { additionalProperties: false },
);
const Span = { start: Type.Integer(), end: Type.Integer(), text: Type.String() };
const ReviewSchema = Type.Object({
  ok: Type.Boolean(),
  lang: Type.String(),
  explainLang: Type.String(),
  version: Type.String(),
  findings: Type.Array(
    Type.Object({
      kind: Type.String(),
      rule: Type.String(),
      group: Type.Object({ type: Type.String(), ...Span }),
      trigger: Type.Object(Span),
      ...Span,
      why: Type.String(),
      suggestions: Type.Array(Type.String()),
      rewrite: Type.String(),
    }),
  ),
});

/**
 * The printable card carries one inline <style> and nothing else; instead of loosening the API's
 * CSP, the page gets its own that allows exactly that stylesheet (by hash) and nothing more.
 */
function cardCsp(html: string): string {
  const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  const hash = createHash('sha256').update(css, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

export function registerCatalogue(server: Api, ctx: ServerContext): void {
  const counted = async <T extends { id: string }>(
    list: T[],
    by: 'narrative' | 'technique',
    on: boolean | undefined,
  ) => {
    if (!on) return list;
    const n = await detectionCounts(ctx.app, by);
    return list.map((x) => ({ ...x, items: n.get(x.id) ?? 0 }));
  };
  server.get(
    '/api/narratives',
    {
      config: { access: 'viewer' },
      schema: {
        summary:
          'the narratives of the taxonomy in force, with their actor family, named in `lang`; `counts` adds flagged items',
        tags,
        querystring: ListQuery,
        response: { 200: NarrativesSchema },
      },
    },
    async (req) => {
      const c = catalogue(req.query.lang ?? 'en');
      return {
        lang: c.lang,
        taxonomyVersion: c.taxonomyVersion,
        cardsVersion: c.cardsVersion,
        narratives: await counted(c.narratives, 'narrative', req.query.counts),
      };
    },
  );

  server.get(
    '/api/techniques',
    {
      config: { access: 'viewer' },
      schema: {
        summary:
          'the 23 SemEval-2023 persuasion techniques by category, named in `lang`; `counts` adds flagged items',
        tags,
        querystring: ListQuery,
        response: { 200: TechniquesSchema },
      },
    },
    async (req) => {
      const c = catalogue(req.query.lang ?? 'en');
      return {
        lang: c.lang,
        taxonomyVersion: c.taxonomyVersion,
        cardsVersion: c.cardsVersion,
        techniques: await counted(c.techniques, 'technique', req.query.counts),
      };
    },
  );

  server.get(
    '/api/cards/:id',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'the media-literacy card of a technique label or narrative id',
        tags,
        params: CardParams,
        querystring: LangQuery,
        response: { 200: CardSchema },
      },
    },
    async (req) => getCard(req.params.id, req.query.lang ?? 'en'),
  );

  server.get(
    '/api/cards/:id.html',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'the card as one self-contained, printable HTML page',
        tags,
        params: CardParams,
        querystring: LangQuery,
      },
    },
    async (req, reply) => {
      const html = renderCards([req.params.id], { lang: req.query.lang ?? 'en', format: 'html' });
      reply.header('content-security-policy', cardCsp(html));
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );

  server.post(
    '/api/review',
    {
      config: { access: 'viewer' },
      bodyLimit: 512 * 1024,
      schema: {
        summary:
          'review a draft counter-message for stigmatising or generalising wording about ethnic, religious or regional groups',
        tags,
        body: ReviewBody,
        response: { 200: ReviewSchema },
      },
    },
    async (req) => reviewCounterMessage(req.body.text, req.body.lang ?? 'en'),
  );
}
