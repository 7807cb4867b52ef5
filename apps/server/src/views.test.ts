/**
 * The analyst views' API: the coordinated-sharing network as JSON (groups, communities, edges, names)
 * and as GEXF, and its bad-input errors.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Fixture, fixture } from './testing.ts';

let f: Fixture;
before(async () => {
  f = await fixture({ demoItems: 200 });
});
after(async () => {
  await f?.close();
});

async function get(url: string, role: 'viewer' | 'analyst' = 'viewer') {
  const res = await f.server.inject({ url, headers: { authorization: `Bearer ${f.keys[role]}` } });
  return { status: res.statusCode, body: res.body, headers: res.headers, json: () => res.json() };
}

interface Coord {
  groups: { id: string; accounts: string[]; communities?: string[]; topObjects: { id: string }[] }[];
  communities: { id: string; group: string; accounts: string[] }[];
  edges: { a: string; b: string; weight: number }[];
  names: Record<string, string>;
  counts: { groups: number; communities: number; keptEdges: number; events: number };
  params: { timeWindow: number; edgeQuantile: number };
}

describe('GET /api/coordination', () => {
  test('the demo corpus has coordinated accounts: groups, communities covering them, edges inside', async () => {
    const r = await get('/api/coordination?window=600&edge-quantile=0');
    assert.equal(r.status, 200, r.body);
    const b = r.json() as Coord;
    assert.equal(b.params.timeWindow, 600);
    assert.equal(b.params.edgeQuantile, 0);
    assert.ok(b.counts.events > 0);
    assert.ok(b.groups.length > 0, 'at least one group');
    assert.equal(b.counts.groups, b.groups.length);
    assert.ok(b.communities.length > 0);
    const inGroups = new Set(b.groups.flatMap((g) => g.accounts));
    const inCommunities = b.communities.flatMap((c) => c.accounts);
    // Louvain partitions each group: every grouped account is in exactly one community.
    assert.equal(inCommunities.length, inGroups.size);
    assert.deepEqual(new Set(inCommunities), inGroups);
    for (const c of b.communities)
      assert.ok(b.groups.some((g) => g.id === c.group && g.communities?.includes(c.id)));
    for (const e of b.edges) {
      assert.ok(inGroups.has(e.a) && inGroups.has(e.b));
      assert.ok(e.a < e.b && e.weight >= 1);
    }
    for (const a of inGroups) assert.equal(typeof b.names[a], 'string', `a name for ${a}`);
  });

  test('stricter parameters keep fewer edges; a window before the data has no events', async () => {
    const loose = (await get('/api/coordination?window=600&edge-quantile=0')).json() as Coord;
    const strict = (
      await get('/api/coordination?window=600&edge-quantile=0&min-weight=1000')
    ).json() as Coord;
    assert.ok(loose.counts.keptEdges > 0);
    assert.equal(strict.counts.keptEdges, 0);
    assert.equal(strict.groups.length, 0);
    const none = (await get('/api/coordination?until=1990-01-01')).json() as Coord;
    assert.equal(none.counts.events, 0);
  });

  test('bad parameters are 400 naming the field', async () => {
    for (const [q, field] of [
      ['edge-quantile=1', 'edge-quantile'],
      ['window=0', 'window'],
      ['bogus=1', 'bogus'],
      ['since=yesterday', 'since'],
      ['since=2026-02-01&until=2026-01-01', 'since'],
    ] as const) {
      const r = await get(`/api/coordination?${q}`);
      assert.equal(r.status, 400, q);
      assert.match(JSON.stringify(r.json()), new RegExp(field), q);
    }
  });

  test('anonymous callers are refused', async () => {
    const res = await f.server.inject({ url: '/api/coordination' });
    assert.equal(res.statusCode, 401);
  });
});

describe('GET /api/coordination.gexf', () => {
  test('GEXF 1.3 with one node per grouped account and their communities', async () => {
    const json = (await get('/api/coordination?window=600&edge-quantile=0')).json() as Coord;
    const r = await get('/api/coordination.gexf?window=600&edge-quantile=0');
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /gexf\+xml/);
    assert.match(String(r.headers['content-disposition']), /attachment; filename=".+\.gexf"/);
    assert.match(r.body, /<gexf [^>]*version="1\.3"/);
    const nodes = r.body.match(/<node /g)?.length ?? 0;
    assert.equal(nodes, new Set(json.groups.flatMap((g) => g.accounts)).size);
    assert.equal(r.body.match(/<edge /g)?.length ?? 0, json.edges.length);
    assert.ok(json.communities.every((c) => r.body.includes(c.id)));
  });
});
