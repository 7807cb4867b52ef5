/**
 * OpenAPI 3.1 from the route registry: every /api route's TypeBox schemas (JSON Schema 2020-12
 * compatible, which 3.1 adopts) become its parameters, request body and responses, and its access
 * rule becomes its security requirement. Nothing is written by hand, so it cannot drift.
 */
import type { TSchema } from '@sinclair/typebox';
import { ErrorBody } from './schemas.ts';
import type { RouteRule } from './server.ts';

type Json = Record<string, unknown>;

/** Drops TypeBox's symbol keys and `$id`s (inline schemas only), keeping plain JSON Schema. */
function plain(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema, (k, v) => (k === '$id' ? undefined : v)));
}

function parameters(schema: TSchema | undefined, where: 'query' | 'path'): Json[] {
  if (!schema) return [];
  const props = (schema.properties ?? {}) as Record<string, TSchema>;
  const required = new Set<string>((schema.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, s]) => {
    const p: Json = { name, in: where, required: where === 'path' || required.has(name), schema: plain(s) };
    if (typeof s.description === 'string') p.description = s.description;
    return p;
  });
}

/** A body of files: raw bytes, or a form whose `file` parts are the files. */
function fileBody(type: string): Json {
  const binary = { type: 'string', format: 'binary' };
  if (type !== 'multipart/form-data') return binary;
  return {
    type: 'object',
    required: ['file'],
    properties: {
      file: { description: 'one part per file, each with its filename', type: 'array', items: binary },
    },
  };
}

export function openApiDocument(rules: readonly RouteRule[], version: string): Json {
  const paths: Record<string, Json> = {};
  for (const r of rules) {
    if (!r.url.startsWith('/api/')) continue;
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    const s = r.schema ?? {};
    const op: Json = {
      operationId: `${r.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[/.](\w)/g, (_m, c: string) => c.toUpperCase())}`,
      summary: s.summary ?? '',
      tags: s.tags ?? [],
      'x-access': r.access,
      parameters: [...parameters(s.params, 'path'), ...parameters(s.querystring, 'query')],
      responses: {} as Json,
    };
    if (r.access !== 'public') op.security = [{ session: [] }, { apiKey: [] }];
    const consumes = typeof s.consumes === 'string' ? [s.consumes] : (s.consumes ?? []);
    if (s.body)
      op.requestBody = {
        required: true,
        content: { [consumes[0] ?? 'application/json']: { schema: plain(s.body) } },
      };
    else if (consumes.length > 0)
      op.requestBody = {
        required: true,
        content: Object.fromEntries(consumes.map((type) => [type, { schema: fileBody(type) }])),
      };
    const responses = op.responses as Json;
    for (const [status, schema] of Object.entries(s.response ?? {})) {
      const isNull = (schema as TSchema).type === 'null';
      responses[status] = isNull
        ? { description: 'no content' }
        : { description: 'OK', content: { 'application/json': { schema: plain(schema) } } };
    }
    responses.default = {
      description: 'an error',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
    };
    paths[path] = { ...(paths[path] ?? {}), [r.method.toLowerCase()]: op };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Ogoh API',
      version,
      description:
        'Detect, trace and counter information manipulation in Central Asia. Every error has the body ' +
        '{ error: { code, message, field?, hint?, requestId } }. Lists page with `cursor` (pass `next` back).',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'ogoh_session' },
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'an API key from `ogoh keys create` (ogoh_…)',
        },
      },
      schemas: {
        ErrorBody: plain(ErrorBody),
      },
    },
    paths,
  };
}
