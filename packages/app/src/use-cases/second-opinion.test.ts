/**
 * The LLM second opinion against a stand-in OpenAI-compatible server on 127.0.0.1 (real HTTP):
 * what is sent, how a strict JSON answer is read, and that every failure (bad JSON, wrong shape,
 * HTTP error, timeout, refused connection) becomes an "unavailable" opinion with its code while
 * Ogoh's own flags stay exactly as they were.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { isOgohError } from '@ogoh/core';
import { defaultTaxonomy } from '@ogoh/detect';
import { initLanguageId } from '@ogoh/text';
import { checkText } from './check-text.ts';
import { chatUrl, checkTextWithSecondOpinion, llmConfigFromEnv, secondOpinion } from './second-opinion.ts';

const TEXT =
  'Русия кафили амнияти Тоҷикистон аст. Танҳо Русия ҳимоя карда метавонад, пойгоҳи низомии 201 моро аз таҳдид аз Афғонистон муҳофизат мекунад.';
const GUARANTOR = 'ru-indispensable-security-guarantor';

type Handler = (body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler = () => {};
const seen: { body: Record<string, unknown>; auth?: string; path?: string }[] = [];
let server: Server;
let base: string;

const reply = (res: ServerResponse, content: string, model = 'stand-in-7b') => {
  res.setHeader('content-type', 'application/json');
  res.end(
    JSON.stringify({ id: 'c1', model, choices: [{ index: 0, message: { role: 'assistant', content } }] }),
  );
};

before(async () => {
  await initLanguageId();
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      seen.push({
        body,
        ...(req.headers.authorization ? { auth: req.headers.authorization } : {}),
        path: req.url ?? '',
      });
      handler(body, req, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('second opinion', () => {
  test('sends the flags with their definitions and reads a strict JSON answer beside them', async () => {
    const r = checkText(TEXT);
    assert.ok(
      r.narratives.some((n) => n.id === GUARANTOR),
      'the text is flagged by Ogoh itself',
    );
    handler = (_b, _q, res) =>
      reply(
        res,
        JSON.stringify({
          verdicts: [
            {
              kind: 'narrative',
              id: GUARANTOR,
              verdict: 'agree',
              reason: 'presents Russia as the only protector',
            },
            { kind: 'narrative', id: 'not-a-flag', verdict: 'agree', reason: '' },
          ],
          missed: [
            { kind: 'technique', id: 'Appeal_to_Fear-Prejudice', reason: 'threat from Afghanistan' },
            { kind: 'technique', id: 'Made_Up_Technique', reason: '' },
          ],
        }),
      );
    const so = await secondOpinion(TEXT, r, defaultTaxonomy(), {
      url: base,
      model: 'local-test',
      key: 'sekret',
    });
    assert.equal(so.status, 'ok', so.error);
    assert.equal(so.model, 'local-test (served as stand-in-7b)');
    assert.deepEqual(
      so.verdicts.find((v) => v.id === GUARANTOR),
      { kind: 'narrative', id: GUARANTOR, verdict: 'agree', reason: 'presents Russia as the only protector' },
    );
    assert.ok(!so.verdicts.some((v) => v.id === 'not-a-flag'), 'verdicts on unflagged labels are ignored');
    assert.deepEqual(
      so.missed.map((m) => m.id),
      r.techniques.some((t) => t.id === 'Appeal_to_Fear-Prejudice') ? [] : ['Appeal_to_Fear-Prejudice'],
    );
    assert.ok(so.notes.some((n) => /unknown or already flagged/.test(n)));
    const sent = seen.at(-1)!;
    assert.equal(sent.path, '/v1/chat/completions');
    assert.equal(sent.auth, 'Bearer sekret');
    assert.equal(sent.body.model, 'local-test');
    const messages = sent.body.messages as { role: string; content: string }[];
    assert.equal(messages[0]!.role, 'system');
    assert.match(messages[0]!.content, /JSON only/);
    assert.match(messages[1]!.content, new RegExp(`narrative ${GUARANTOR}`));
    assert.ok(messages[1]!.content.includes(TEXT));
  });

  test('a fenced JSON answer is read; flags from checkText are left exactly as they were', async () => {
    handler = (_b, _q, res) =>
      reply(
        res,
        '```json\n{"verdicts":[{"kind":"narrative","id":"ru-indispensable-security-guarantor","verdict":"disagree","reason":"x"}],"missed":[]}\n```',
      );
    const plain = checkText(TEXT, 'p1');
    const withOpinion = await checkTextWithSecondOpinion(TEXT, 'p1', {}, { url: base, model: 'm' });
    const { secondOpinion: so, ...rest } = withOpinion;
    assert.deepEqual(rest, plain, 'a disagreeing model changes none of Ogoh’s flags');
    assert.equal(so?.status, 'ok');
    assert.equal(so?.verdicts[0]?.verdict, 'disagree');
  });

  const failures: [string, Handler, string, number?][] = [
    ['prose instead of JSON', (_b, _q, res) => reply(res, 'I think the text is fine.'), 'INPUT_PARSE'],
    [
      'JSON of the wrong shape',
      (_b, _q, res) => reply(res, '{"verdicts":[{"kind":"narrative","id":"x","verdict":"maybe"}]}'),
      'INPUT_FIELD',
    ],
    [
      'an answer that is not a chat completion',
      (_b, _q, res) => {
        res.setHeader('content-type', 'application/json');
        res.end('{"ok":true}');
      },
      'INPUT_FIELD',
    ],
    [
      'a body that is not JSON at all',
      (_b, _q, res) => {
        res.end('<html>gateway</html>');
      },
      'INPUT_PARSE',
    ],
    [
      'HTTP 500',
      (_b, _q, res) => {
        res.statusCode = 500;
        res.end('{"error":"model overloaded"}');
      },
      'FETCH_HTTP',
    ],
    ['no answer in time', () => {}, 'FETCH_TIMEOUT', 300],
  ];
  for (const [what, h, code, timeoutMs] of failures)
    test(`${what} → unavailable with ${code}, no throw`, async () => {
      handler = h;
      const r = checkText(TEXT);
      const so = await secondOpinion(TEXT, r, defaultTaxonomy(), {
        url: base,
        model: 'm',
        timeoutMs: timeoutMs ?? 5000,
      });
      assert.equal(so.status, 'unavailable');
      assert.equal(so.code, code, so.error);
      assert.deepEqual(so.verdicts, []);
      assert.match(so.model, /^m( |$)/);
    });

  test('a refused connection → unavailable with FETCH_NETWORK', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const so = await secondOpinion(TEXT, checkText(TEXT), defaultTaxonomy(), {
      url: `http://127.0.0.1:${port}`,
      model: 'm',
    });
    assert.equal(so.status, 'unavailable');
    assert.equal(so.code, 'FETCH_NETWORK');
  });

  test('configuration: OGOH_LLM_URL is required and named; URLs gain /chat/completions', () => {
    assert.throws(
      () => llmConfigFromEnv({}),
      (e: unknown) => isOgohError(e) && e.code === 'USAGE' && e.field === 'OGOH_LLM_URL',
    );
    assert.throws(() => llmConfigFromEnv({ OGOH_LLM_URL: 'http://x', OGOH_LLM_TIMEOUT_MS: 'soon' }));
    assert.deepEqual(
      llmConfigFromEnv({ OGOH_LLM_URL: 'http://h:1/v1', OGOH_LLM_MODEL: 'qwen', OGOH_LLM_KEY: 'k' }),
      {
        url: 'http://h:1/v1',
        model: 'qwen',
        key: 'k',
      },
    );
    assert.equal(chatUrl('http://h:1/v1/'), 'http://h:1/v1/chat/completions');
    assert.equal(chatUrl('http://h:1'), 'http://h:1/v1/chat/completions');
    assert.equal(chatUrl('http://h:1/api/v1/chat/completions'), 'http://h:1/api/v1/chat/completions');
  });
});
