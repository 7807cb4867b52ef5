/**
 * The analyst views' API: the coordinated-sharing network as JSON (groups, communities, edges, names)
 * and as GEXF, and its bad-input errors.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listAlerts } from '@ogoh/app';
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

interface Trends {
  days: string[];
  series: Record<string, { key: string; total: number; counts: number[] }[]>;
  spikes: { by: string; key: string; day: string; value: number; baseline: number; itemIds: string[] }[];
}

describe('GET /api/trends', () => {
  test('series per dimension on one day axis; spikes name their items; nothing is stored', async () => {
    const storedBefore = (await listAlerts(f.app, { kind: 'spike', limit: 10_000 })).map((a) => a.id);
    const r = await get('/api/trends');
    assert.equal(r.status, 200, r.body);
    const b = r.json() as Trends;
    assert.ok(b.days.length > 1);
    for (const d of ['narrative', 'source', 'lang']) assert.ok(b.series[d]?.length, `series by ${d}`);
    for (const list of Object.values(b.series))
      for (const s of list) {
        assert.equal(s.counts.length, b.days.length);
        assert.equal(
          s.counts.reduce((x, y) => x + y, 0),
          s.total,
        );
      }
    // The language series add up to every item published in the range.
    const langTotal = (b.series.lang ?? []).reduce((n, s) => n + s.total, 0);
    const stats = (await get('/api/stats')).json() as { items: number };
    assert.ok(langTotal > 0 && langTotal <= stats.items);
    for (const sp of b.spikes) {
      assert.ok(b.days.includes(sp.day));
      assert.ok(sp.value > sp.baseline);
      assert.ok(sp.itemIds.length > 0);
    }
    const stored = await listAlerts(f.app, { kind: 'spike', limit: 10_000 });
    assert.deepEqual(
      stored.map((a) => a.id),
      storedBefore,
      'GET /api/trends stores nothing',
    );
  });

  test('by= limits the dimensions; a bad dimension is a 400 naming by', async () => {
    const b = (await get('/api/trends?by=lang,source&top=2')).json() as Trends;
    assert.deepEqual(Object.keys(b.series).sort(), ['lang', 'source']);
    assert.ok((b.series.lang ?? []).length <= 2);
    const bad = await get('/api/trends?by=mood');
    assert.equal(bad.status, 400);
    assert.equal(bad.json().error.field, 'by');
  });
});

describe('GET /api/convergence', () => {
  test('index per day, pairs with their mechanism, signals labelled as hypotheses with evidence items', async () => {
    const r = await get('/api/convergence');
    assert.equal(r.status, 200, r.body);
    const b = r.json() as {
      hypothesis: boolean;
      index: { day: string; items: number; converging: number; index: number }[];
      pairs: { pair: string; mechanism: string; items: number }[];
      signals: { pair: string; mechanism: string; hypothesis: boolean; narratives: { items: string[] }[] }[];
    };
    assert.equal(b.hypothesis, true);
    assert.ok(b.index.length > 0);
    for (const p of b.index) {
      assert.ok(p.converging <= p.items);
      assert.ok(Math.abs(p.index - (p.items ? p.converging / p.items : 0)) < 0.001);
    }
    assert.ok(b.signals.length > 0, 'the demo corpus carries converging narratives');
    for (const s of b.signals) {
      assert.equal(s.hypothesis, true);
      assert.ok(s.mechanism.length > 20);
      assert.ok(s.narratives.length >= 2 && s.narratives.every((n) => n.items.length > 0));
      assert.ok(b.pairs.some((p) => p.pair === s.pair));
    }
    const before = (await get('/api/convergence?until=1990-01-01')).json() as { index: unknown[] };
    assert.equal(before.index.length, 0);
  });

  test('?lang=tg|ru: the same pairs and signals with the mechanism in that language; an unknown one is a 400', async () => {
    type Body = {
      pairs: { pair: string; mechanism: string }[];
      signals: { pair: string; mechanism: string }[];
    };
    const en = (await get('/api/convergence')).json() as Body;
    const tg = (await get('/api/convergence?lang=tg')).json() as Body;
    const ru = (await get('/api/convergence?lang=ru')).json() as Body;
    assert.ok(en.signals.length > 0);
    assert.deepEqual(
      tg.signals.map((s) => s.pair),
      en.signals.map((s) => s.pair),
    );
    for (const [i, s] of tg.signals.entries()) {
      assert.match(s.mechanism, /[ҳҷқғӣӯ]/i, `${s.pair}: Tajik text`);
      assert.notEqual(s.mechanism, en.signals[i]!.mechanism);
      assert.match(ru.signals[i]!.mechanism, /[а-я]{4}/i);
      assert.ok(!/[ҳҷқғӣӯ]/i.test(ru.signals[i]!.mechanism), `${s.pair}: Russian, not Tajik`);
    }
    for (const p of tg.pairs) assert.match(p.mechanism, /[ҳҷқғӣӯ]/i);
    assert.equal((await get('/api/convergence?lang=uz')).status, 400);
  });
});
