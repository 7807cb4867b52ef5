/**
 * GET /api/detections sends the JSON text SQLite builds (`listDetectionsJson`), bypassing the
 * response serialiser: it must say exactly what the object path (`listDetections`, the route's
 * mapping) says, for every filter, page and review state, including verdicts with and without a
 * new label and a reason.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openFeedback } from '@ogoh/app';
import type { DetectionQuery, FeedbackStore } from '@ogoh/core';
import { type Fixture, fixture } from './testing.ts';

let f: Fixture;
let store: FeedbackStore;
before(async () => {
  f = await fixture({ demoItems: 120 });
  store = await openFeedback(f.app);
});
after(async () => {
  await store?.close();
  await f?.close();
});

const headers = () => ({ authorization: `Bearer ${f.keys.analyst}` });

/** What the route sends through the object path, as the client parses it. */
async function expected(q: DetectionQuery) {
  const page = await store.listDetections(q);
  return {
    detections: page.detections.map((r) => ({
      ...r.detection,
      lang: r.lang,
      sourceId: r.sourceId,
      ...(r.published !== undefined ? { published: r.published } : {}),
      ...(r.latest ? { review: r.latest } : {}),
    })),
    ...(page.next ? { next: page.next } : {}),
  };
}

test('the store builds the same JSON as the object path', async () => {
  assert.equal(typeof store.listDetectionsJson, 'function', 'the SQLite store builds the JSON itself');
  const first = (await store.listDetections({ limit: 6 })).detections;
  assert.ok(first.length >= 3, 'demo detections to review');
  // relabel to another label of the same kind
  const target = first[2]!.detection;
  const sameKind = (await store.listDetections({ kind: target.kind, limit: 500 })).detections;
  const other = sameKind.find((d) => d.detection.label !== target.label)?.detection.label ?? target.label;
  const verdicts = [
    { verdict: 'accept' },
    { verdict: 'reject', reason: 'a quote of the narrative, not the narrative' },
    { verdict: 'relabel', label: other, reason: 'same family' },
  ];
  for (const [k, body] of verdicts.entries()) {
    const res = await f.server.inject({
      method: 'POST',
      url: `/api/detections/${encodeURIComponent(first[k]!.detection.id)}/feedback`,
      headers: headers(),
      payload: body,
    });
    assert.equal(res.statusCode, 201, res.body);
  }
  const queries: [string, DetectionQuery][] = [
    ['limit=500', { limit: 500 }],
    ['kind=narrative&limit=500', { kind: 'narrative', limit: 500 }],
    ['review=unreviewed&limit=20', { review: 'unreviewed', limit: 20 }],
    ['review=reject', { review: 'reject', limit: 50 }],
    ['review=relabel', { review: 'relabel', limit: 50 }],
    ['minScore=0.6&limit=30', { minScore: 0.6, limit: 30 }],
  ];
  let reviewed = 0;
  for (const [url, q] of queries) {
    const res = await f.server.inject({ url: `/api/detections?${url}`, headers: headers() });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    const body = res.json() as { detections: { review?: unknown }[] };
    assert.deepEqual(body, await expected(q), url);
    reviewed += body.detections.filter((d) => d.review).length;
  }
  assert.ok(reviewed >= 3, `verdicts listed: ${reviewed}`);
  // pages: the same cursors, the same rows
  let cursor: string | undefined;
  let pages = 0;
  do {
    const q: DetectionQuery = { limit: 7, ...(cursor ? { cursor } : {}) };
    const res = await f.server.inject({
      url: `/api/detections?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      headers: headers(),
    });
    const body = res.json() as { next?: string };
    assert.deepEqual(body, await expected(q), `page ${pages}`);
    cursor = body.next;
    pages++;
  } while (cursor && pages < 50);
  assert.ok(pages > 1, 'several pages');
  // an empty page is still a well-formed body
  const none = await f.server.inject({ url: '/api/detections?label=no-such-label', headers: headers() });
  assert.deepEqual(none.json(), { detections: [] });
});
