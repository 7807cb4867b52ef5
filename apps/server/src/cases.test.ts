/**
 * /api/cases over the demo store: analysts open and change cases, viewers read them and their
 * briefs; every change lands in the audit trail under the caller (username or key); status rules
 * and validation answer with coded errors; the HTML brief is served with a CSP of its own that
 * forbids everything but inline styles; a TLP:RED brief needs an analyst.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Fixture, fixture } from './testing.ts';

type Role = 'viewer' | 'analyst' | 'admin';
let f: Fixture;
let itemId: string;
let storyId: string;

before(async () => {
  f = await fixture({ demoItems: 150 });
  const stories = await f.app.store.listStories({ minSize: 2, limit: 1 });
  storyId = stories.stories[0]!.id;
  itemId = stories.stories[0]!.firstItemId;
});
after(async () => {
  await f?.close();
});

async function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, role: Role, payload?: unknown) {
  const res = await f.server.inject({
    method,
    url,
    headers: { authorization: `Bearer ${f.keys[role]}` },
    ...(payload !== undefined ? { payload: payload as string } : {}),
  });
  const json = /json/.test(String(res.headers['content-type'])) ? res.json() : undefined;
  return { status: res.statusCode, body: json, text: res.body, headers: res.headers };
}

describe('/api/cases', () => {
  let id: string;

  test('an analyst opens a case from an item and a story; a viewer may not', async () => {
    const denied = await call('POST', '/api/cases', 'viewer', { title: 'x' });
    assert.equal(denied.status, 403);
    const r = await call('POST', '/api/cases', 'analyst', {
      title: 'Квотаҳо: иддаои бардурӯғ',
      items: [itemId],
      stories: [storyId],
      note: 'flagged on Telegram',
    });
    assert.equal(r.status, 201, r.text);
    assert.match(r.body.id, /^ca_/);
    assert.equal(r.body.tlp, 'amber');
    assert.equal(r.body.createdBy, 'key:' + (await keyId('analyst')));
    id = r.body.id;
    const holding = await call('GET', `/api/cases?item=${itemId}`, 'viewer');
    assert.deepEqual(
      holding.body.cases.map((c: { id: string }) => c.id),
      [id],
    );
    assert.deepEqual((await call('GET', '/api/cases?item=it_none', 'viewer')).body.cases, []);
    const list = await call('GET', '/api/cases', 'viewer');
    assert.deepEqual(
      list.body.cases.map((c: { id: string }) => c.id),
      [id],
    );
  });

  test('show: evidence resolved for viewers', async () => {
    const r = await call('GET', `/api/cases/${id}`, 'viewer');
    assert.equal(r.status, 200);
    const [item, story] = r.body.evidence;
    assert.equal(item.kind, 'item');
    assert.equal(item.item.id, itemId);
    assert.ok(item.item.excerpt.length > 0);
    assert.equal(item.note, 'flagged on Telegram');
    assert.equal(story.story.id, storyId);
    assert.ok(story.story.size >= 2);
    assert.equal((await call('GET', '/api/cases/ca_none', 'viewer')).status, 404);
  });

  test('validation: unknown evidence 404 naming the field, bad TLP 400, unknown fields refused', async () => {
    const missing = await call('POST', '/api/cases', 'analyst', { title: 't', items: ['it_nope'] });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.field, 'item');
    assert.equal((await call('POST', '/api/cases', 'analyst', { title: 't', tlp: 'orange' })).status, 400);
    assert.equal((await call('POST', '/api/cases', 'analyst', { title: 't', colour: 1 })).status, 400);
    assert.equal((await call('PATCH', `/api/cases/${id}`, 'analyst', {})).status, 400);
    assert.equal((await call('GET', '/api/cases?status=done', 'viewer')).status, 400);
  });

  test('status rules, assignee, TLP, notes and evidence changes; the log names who did what', async () => {
    const jump = await call('PATCH', `/api/cases/${id}`, 'analyst', { status: 'published' });
    assert.equal(jump.status, 409);
    assert.equal(jump.body.error.field, 'status');
    const upd = await call('PATCH', `/api/cases/${id}`, 'analyst', {
      status: 'in_review',
      assignee: 'analyst',
      tlp: 'green',
    });
    assert.equal(upd.status, 200, upd.text);
    assert.deepEqual([upd.body.status, upd.body.assignee, upd.body.tlp], ['in_review', 'analyst', 'green']);
    assert.equal((await call('PATCH', `/api/cases/${id}`, 'viewer', { tlp: 'red' })).status, 403);
    const note = await call('POST', `/api/cases/${id}/notes`, 'analyst', { text: 'Манбаъро санҷидем' });
    assert.equal(note.status, 201);
    const dets = await f.app.store.detectionsFor(
      (await f.app.store.getStory(storyId))!.members.map((m) => m.itemId),
    );
    if (dets[0]) {
      const add = await call('POST', `/api/cases/${id}/evidence`, 'analyst', { detections: [dets[0].id] });
      assert.deepEqual(add.body, { added: 1, already: 0 });
    }
    const del = await call('DELETE', `/api/cases/${id}/evidence/item/${itemId}`, 'analyst');
    assert.deepEqual(del.body, { removed: true });
    assert.equal((await call('DELETE', `/api/cases/${id}/evidence/item/${itemId}`, 'analyst')).status, 404);
    await call('PATCH', `/api/cases/${id}`, 'analyst', { status: 'closed' });
    const frozen = await call('POST', `/api/cases/${id}/evidence`, 'analyst', { items: [itemId] });
    assert.equal(frozen.status, 409);
    assert.match(frozen.body.error.message, /closed/);
    await call('PATCH', `/api/cases/${id}`, 'analyst', { status: 'open', assignee: null });

    const log = await call('GET', `/api/cases/${id}/log`, 'viewer');
    const actions = log.body.map((e: { action: string }) => e.action);
    assert.deepEqual(actions.slice(0, 3), ['created', 'evidence-added', 'evidence-added']);
    assert.ok(
      actions.includes('note-added') &&
        actions.includes('evidence-removed') &&
        actions.includes('tlp-changed'),
    );
    const analyst = `key:${await keyId('analyst')}`;
    assert.ok(log.body.every((e: { actor: string }) => e.actor === analyst));
    const statuses = log.body
      .filter((e: { action: string }) => e.action === 'status-changed')
      .map((e: { before: string; after: string }) => `${e.before}>${e.after}`);
    assert.deepEqual(statuses, ['open>in_review', 'in_review>closed', 'closed>open']);
    const unassign = log.body.at(-1);
    assert.deepEqual([unassign.action, unassign.before, unassign.after], ['assigned', 'analyst', undefined]);
  });

  test('briefs: HTML with its own CSP, framable by the dashboard only; Markdown download; languages', async () => {
    const html = await call('GET', `/api/cases/${id}/brief?lang=tg`, 'viewer');
    assert.equal(html.status, 200);
    assert.equal(html.headers['content-type'], 'text/html; charset=utf-8');
    assert.match(
      String(html.headers['content-security-policy']),
      /^default-src 'none'; style-src 'unsafe-inline';/,
    );
    assert.match(String(html.headers['content-security-policy']), /frame-ancestors 'self'/);
    assert.equal(html.headers['x-frame-options'], 'SAMEORIGIN');
    assert.equal(html.headers['x-ogoh-tlp'], 'TLP:GREEN');
    assert.match(html.text, /ЛОИҲА — барои баррасии инсон/);
    assert.doesNotMatch(html.text, /<script/);
    const md = await call('GET', `/api/cases/${id}/brief?format=md&lang=ru&download=1`, 'viewer');
    assert.equal(md.headers['content-type'], 'text/markdown; charset=utf-8');
    assert.equal(md.headers['content-disposition'], `attachment; filename="${id}-brief-ru.md"`);
    assert.match(md.text, /^\*\*TLP:GREEN\*\*/);
    assert.match(md.text, /ЧЕРНОВИК/);
    assert.equal((await call('GET', `/api/cases/${id}/brief?lang=uz`, 'viewer')).status, 400);
  });

  test('a TLP:RED case is for analysts: hidden from viewers, its page, log and brief refused', async () => {
    await call('PATCH', `/api/cases/${id}`, 'analyst', { tlp: 'red' });
    for (const url of [`/api/cases/${id}`, `/api/cases/${id}/log`, `/api/cases/${id}/brief`]) {
      const denied = await call('GET', url, 'viewer');
      assert.equal(denied.status, 403, url);
      assert.match(denied.body.error.message, /TLP:RED/);
      assert.equal((await call('GET', url, 'analyst')).status, 200, url);
    }
    assert.deepEqual((await call('GET', '/api/cases', 'viewer')).body.cases, []);
    assert.deepEqual((await call('GET', `/api/cases?item=${itemId}`, 'viewer')).body.cases, []);
    assert.equal((await call('GET', '/api/cases', 'analyst')).body.cases.length, 1);
  });
});

/** The id of a role's API key, as actors name it. */
async function keyId(role: Role): Promise<string> {
  const res = await f.server.inject({
    url: '/api/keys',
    headers: { authorization: `Bearer ${f.keys.admin}` },
  });
  const keys = res.json() as { id: string; name: string }[];
  return keys.find((k) => k.name === `${role} key`)!.id;
}
