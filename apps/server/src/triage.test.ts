/**
 * The review API over a real SQLite store with the analysed demo corpus: detections with filters
 * and cursors, the triage queue, verdicts recorded with the caller as actor (analysts only, CSRF
 * for sessions), validation errors in the one error shape, and the verdict history.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Fixture, fixture } from './testing.ts';

let f: Fixture;
before(async () => {
  f = await fixture({ demoItems: 150 });
});
after(async () => {
  await f?.close();
});

const bearer = (role: 'viewer' | 'analyst' | 'admin') => ({ authorization: `Bearer ${f.keys[role]}` });

interface Det {
  id: string;
  itemId: string;
  kind: string;
  label: string;
  score: number;
  lang: string;
  sourceId: string;
  review?: { verdict: string; actor: string };
}

test('GET /api/detections filters by kind, language and review state, and pages with a cursor', async () => {
  const all = await f.server.inject({ url: '/api/detections?limit=500', headers: bearer('viewer') });
  assert.equal(all.statusCode, 200, all.body);
  const dets = all.json().detections as Det[];
  assert.ok(dets.length > 5, `demo detections: ${dets.length}`);
  const narratives = (
    await f.server.inject({ url: '/api/detections?kind=narrative&limit=500', headers: bearer('viewer') })
  ).json().detections as Det[];
  assert.ok(narratives.length > 0 && narratives.every((d) => d.kind === 'narrative'));
  const lang = dets[0]!.lang;
  const byLang = (
    await f.server.inject({ url: `/api/detections?lang=${lang}&limit=500`, headers: bearer('viewer') })
  ).json().detections as Det[];
  assert.ok(byLang.every((d) => d.lang === lang));
  const seen: string[] = [];
  let cursor = '';
  for (let i = 0; i < 100; i++) {
    const res = await f.server.inject({
      url: `/api/detections?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      headers: bearer('viewer'),
    });
    const body = res.json();
    seen.push(...body.detections.map((d: Det) => d.id));
    if (!body.next) break;
    cursor = body.next;
  }
  assert.deepEqual(
    seen,
    dets.map((d) => d.id),
  );
  const bad = await f.server.inject({ url: '/api/detections?review=maybe', headers: bearer('viewer') });
  assert.equal(bad.statusCode, 400);
  const badCursor = await f.server.inject({ url: '/api/detections?cursor=zzz', headers: bearer('viewer') });
  assert.equal(badCursor.statusCode, 400);
  assert.equal(badCursor.json().error.field, 'cursor');
});

test('triage queue, a verdict by an analyst session, and the history', async () => {
  const q = await f.server.inject({ url: '/api/triage?limit=5', headers: bearer('viewer') });
  assert.equal(q.statusCode, 200, q.body);
  const page = q.json();
  assert.ok(page.entries.length > 0);
  for (let i = 1; i < page.entries.length; i++)
    assert.ok(page.entries[i - 1].priority >= page.entries[i].priority);
  const entry = page.entries[0];
  assert.ok(entry.why.reasons.length > 0 && entry.text.length > 0 && entry.models.length > 0);
  const target = entry.detections.find((d: { review?: unknown }) => !d.review);

  const { cookie, csrf } = f.sessions.analyst;
  const noCsrf = await f.server.inject({
    method: 'POST',
    url: `/api/detections/${target.id}/feedback`,
    headers: { cookie },
    payload: { verdict: 'reject' },
  });
  assert.equal(noCsrf.statusCode, 403);
  const viewer = await f.server.inject({
    method: 'POST',
    url: `/api/detections/${target.id}/feedback`,
    headers: bearer('viewer'),
    payload: { verdict: 'reject' },
  });
  assert.equal(viewer.statusCode, 403);

  const res = await f.server.inject({
    method: 'POST',
    url: `/api/detections/${target.id}/feedback`,
    headers: { cookie, 'x-csrf-token': csrf },
    payload: { verdict: 'reject', reason: 'satire, not a claim' },
  });
  assert.equal(res.statusCode, 201, res.body);
  const rec = res.json();
  assert.equal(rec.actor, 'analyst', 'the actor is the principal, not something the body says');
  assert.equal(rec.verdict, 'reject');
  assert.equal(rec.itemId, entry.itemId);

  const relabelMissing = await f.server.inject({
    method: 'POST',
    url: `/api/detections/${target.id}/feedback`,
    headers: bearer('analyst'),
    payload: { verdict: 'relabel' },
  });
  assert.equal(relabelMissing.statusCode, 400);
  assert.equal(relabelMissing.json().error.field, 'label');
  const unknown = await f.server.inject({
    method: 'POST',
    url: '/api/detections/dt_nope/feedback',
    headers: bearer('analyst'),
    payload: { verdict: 'accept' },
  });
  assert.equal(unknown.statusCode, 404);
  const extra = await f.server.inject({
    method: 'POST',
    url: `/api/detections/${target.id}/feedback`,
    headers: bearer('analyst'),
    payload: { verdict: 'accept', actor: 'someone-else' },
  });
  assert.equal(extra.statusCode, 400, 'the body cannot name the actor');

  const reviewed = (
    await f.server.inject({
      url: `/api/detections?item=${entry.itemId}&review=reject`,
      headers: bearer('viewer'),
    })
  ).json().detections as Det[];
  assert.deepEqual(
    reviewed.map((d) => [d.id, d.review?.verdict, d.review?.actor]),
    [[target.id, 'reject', 'analyst']],
  );
  const history = await f.server.inject({
    url: `/api/feedback?detection=${target.id}`,
    headers: bearer('viewer'),
  });
  assert.equal(history.statusCode, 200);
  assert.deepEqual(
    history.json().feedback.map((x: { verdict: string; reason?: string }) => [x.verdict, x.reason]),
    [['reject', 'satire, not a claim']],
  );
  // once every flag of the item is reviewed, it leaves the queue
  for (const d of entry.detections)
    if (d.id !== target.id && !d.review)
      await f.server.inject({
        method: 'POST',
        url: `/api/detections/${d.id}/feedback`,
        headers: bearer('analyst'),
        payload: { verdict: 'accept' },
      });
  const after = (await f.server.inject({ url: '/api/triage?limit=200', headers: bearer('viewer') })).json();
  assert.equal(
    after.entries.some((e: { itemId: string }) => e.itemId === entry.itemId),
    false,
  );
});

test('the review routes are in the OpenAPI document', async () => {
  const doc = (await f.server.inject({ url: '/api/openapi.json' })).json();
  for (const path of ['/api/detections', '/api/triage', '/api/detections/{id}/feedback', '/api/feedback'])
    assert.ok(doc.paths[path], path);
});
