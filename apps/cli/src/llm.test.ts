/**
 * `ogoh check --llm` end to end: the real binary asks a stand-in OpenAI-compatible server on
 * 127.0.0.1 and shows its opinion beside Ogoh's own flags; an endpoint failure is reported as an
 * unavailable opinion (exit 0), a missing OGOH_LLM_URL is a usage error naming the variable.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';

const BIN = new URL('../bin/ogoh.js', import.meta.url).pathname;
const TEXT =
  'Русия кафили амнияти Тоҷикистон аст. Танҳо Русия ҳимоя карда метавонад, пойгоҳи низомии 201 моро аз таҳдид аз Афғонистон муҳофизат мекунад.';
const GUARANTOR = 'ru-indispensable-security-guarantor';

/** Async spawn: the stand-in server lives in this process and must keep answering meanwhile. */
function ogoh(args: string[], env: Record<string, string>, input = '') {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, OGOH_DB: '/nonexistent/ogoh.db', OGOH_TAXONOMY: '', ...env },
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (c) => {
      out += c;
    });
    p.stderr.on('data', (c) => {
      err += c;
    });
    p.on('close', (code) => resolve({ code, out, err }));
    p.stdin.end(input);
  });
}

let mode: 'ok' | 'fail' = 'ok';
let server: Server;
let url: string;
const answer = (res: ServerResponse, content: string) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ model: 'stand-in', choices: [{ message: { role: 'assistant', content } }] }));
};
before(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (mode === 'fail') {
        res.statusCode = 503;
        res.end('busy');
        return;
      }
      answer(
        res,
        JSON.stringify({
          verdicts: [
            { kind: 'narrative', id: GUARANTOR, verdict: 'unsure', reason: 'could be plain reporting' },
          ],
          missed: [],
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

test('check --llm shows the model’s opinion beside the flags, labelled with the model', async () => {
  mode = 'ok';
  const env = { OGOH_LLM_URL: url, OGOH_LLM_MODEL: 'tiny-local' };
  const j = await ogoh(['--json', 'check', '--llm', TEXT], env);
  assert.equal(j.code, 0, j.err);
  const r = JSON.parse(j.out);
  assert.ok(
    r.narratives.some((n: { id: string }) => n.id === GUARANTOR),
    'Ogoh’s own flag stays',
  );
  assert.equal(r.secondOpinion.status, 'ok');
  assert.equal(r.secondOpinion.model, 'tiny-local (served as stand-in)');
  assert.deepEqual(r.secondOpinion.verdicts[0], {
    kind: 'narrative',
    id: GUARANTOR,
    verdict: 'unsure',
    reason: 'could be plain reporting',
  });
  const h = await ogoh(['check', '--llm', TEXT], env);
  assert.match(h.out, /narratives: ru-indispensable-security-guarantor/);
  assert.match(h.out, /second opinion from tiny-local/);
  assert.match(h.out, /narrative ru-indispensable-security-guarantor: unsure — could be plain reporting/);
  // batch mode: one line out per line in, each with its opinion
  const lines = `${JSON.stringify({ id: 'a', text: TEXT })}\n${JSON.stringify({ id: 'b', text: 'Ҳаво гарм аст.' })}\n`;
  const b = await ogoh(['check', '--jsonl', '--llm'], env, lines);
  const outs = b.out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    outs.map((o) => [o.id, o.secondOpinion.status]),
    [
      ['a', 'ok'],
      ['b', 'ok'],
    ],
  );
});

test('an endpoint failure is a noted, unavailable opinion; no URL is a usage error', async () => {
  mode = 'fail';
  const r = await ogoh(['--json', 'check', '--llm', TEXT], { OGOH_LLM_URL: url });
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.equal(j.secondOpinion.status, 'unavailable');
  assert.equal(j.secondOpinion.code, 'FETCH_HTTP');
  assert.ok(j.narratives.length > 0);
  const h = await ogoh(['check', '--llm', TEXT], { OGOH_LLM_URL: url });
  assert.match(h.out, /unavailable: FETCH_HTTP/);
  const u = await ogoh(['check', '--llm', TEXT], { OGOH_LLM_URL: '' });
  assert.equal(u.code, 2);
  assert.match(u.err, /OGOH_LLM_URL/);
});
