/** Admin routes: users, API keys and the audit log (the dashboard's settings page). */
import { addUser, createApiKey, listApiKeys, listUsers, revokeApiKey, setUserDisabled } from '@ogoh/app';
import { OgohError } from '@ogoh/core';
import { Type } from '@sinclair/typebox';
import { forgetPrincipals } from '../access.ts';
import * as present from '../presenters.ts';
import {
  ApiKeySchema,
  AuditQuery,
  AuditSchema,
  IdParams,
  NewKeyBody,
  NewUserBody,
  UsernameParams,
  UserSchema,
} from '../schemas.ts';
import type { Api, ServerContext } from '../server.ts';

const tags = ['admin'];

export function registerAdmin(server: Api, ctx: ServerContext): void {
  const { auth } = ctx;
  const config = { access: 'admin' as const };

  server.get(
    '/api/users',
    { config, schema: { summary: 'list users', tags, response: { 200: Type.Array(UserSchema) } } },
    async () => listUsers(auth),
  );
  server.post(
    '/api/users',
    { config, schema: { summary: 'add a user', tags, body: NewUserBody, response: { 200: UserSchema } } },
    async (req) => addUser(auth, req.body, req.principal!.actor),
  );
  server.post(
    '/api/users/:username/disable',
    {
      config,
      schema: {
        summary: 'disable a user and end their sessions',
        tags,
        params: UsernameParams,
        response: { 200: UserSchema },
      },
    },
    async (req) => {
      // An admin locking themselves out leaves nobody to undo it from the dashboard.
      if (req.principal!.kind === 'session' && req.principal!.name === req.params.username)
        throw new OgohError('CONFLICT', 'you cannot disable yourself', {
          field: 'username',
          hint: 'another admin can, or `ogoh users disable` on the server',
        });
      const user = await setUserDisabled(auth, req.params.username, true, req.principal!.actor);
      forgetPrincipals(auth);
      return user;
    },
  );
  server.get(
    '/api/keys',
    {
      config,
      schema: { summary: 'list API keys (no secrets)', tags, response: { 200: Type.Array(ApiKeySchema) } },
    },
    async () => (await listApiKeys(auth)).map(present.apiKey),
  );
  server.post(
    '/api/keys',
    {
      config,
      schema: {
        summary: 'create an API key; the key is in this response only',
        tags,
        body: NewKeyBody,
        response: { 200: Type.Object({ key: Type.String(), record: ApiKeySchema }) },
      },
    },
    async (req) => {
      const { key, record } = await createApiKey(auth, req.body, req.principal!.actor);
      return { key, record: present.apiKey(record) };
    },
  );
  server.post(
    '/api/keys/:id/revoke',
    {
      config,
      schema: { summary: 'revoke an API key', tags, params: IdParams, response: { 204: Type.Null() } },
    },
    async (req, reply) => {
      await revokeApiKey(auth, req.params.id, req.principal!.actor);
      forgetPrincipals(auth);
      return reply.status(204).send(null);
    },
  );
  server.get(
    '/api/audit',
    {
      config,
      schema: {
        summary: 'the audit log, newest first',
        tags,
        querystring: AuditQuery,
        response: { 200: Type.Array(AuditSchema) },
      },
    },
    async (req) =>
      (
        await auth.store.listAudit({
          limit: req.query.limit ?? 100,
          ...(req.query.before !== undefined ? { beforeSeq: req.query.before } : {}),
        })
      ).map((e) => ({ ...e, seq: e.seq ?? 0 })),
  );
}
