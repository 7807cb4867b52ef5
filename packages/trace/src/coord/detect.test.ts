import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isOgohError, makeId, type ShareEvent } from '@ogoh/core';
import { DEFAULT_COORD, detectCoordination, quantile7 } from './detect.ts';
import { ShareTableBuilder } from './table.ts';
import type { CoordParams, CoordResult } from './types.ts';

let seq = 0;
function ev(objectId: string, accountId: string, timestamp: number, contentId = `c${seq++}`): ShareEvent {
  return { objectId, accountId, contentId, timestamp };
}

/** Every listed account shares each object, `gap` seconds apart, objects an hour apart. */
function burst(accounts: string[], objects: string[], gap = 1, t0 = 0): ShareEvent[] {
  const out: ShareEvent[] = [];
  objects.forEach((o, k) => {
    accounts.forEach((a, i) => {
      out.push(ev(o, a, t0 + k * 3600 + i * gap));
    });
  });
  return out;
}

const ALL: Partial<CoordParams> = { minParticipation: 1, edgeQuantile: 0 };

function edgeMap(r: CoordResult): Record<string, number> {
  return Object.fromEntries(r.edges.map((e) => [`${e.a}-${e.b}`, e.weight]));
}

/**
 * Brute force over all pairs of shares, with the documented semantics: the fast detector must agree
 * with it exactly (no cap is reached in these sizes).
 */
function reference(
  events: ShareEvent[],
  p: { timeWindow: number; minParticipation: number; edgeQuantile: number },
) {
  const kept = events.filter((e) => e.contentId !== e.objectId);
  const total = new Map<string, number>();
  for (const e of kept) total.set(e.accountId, (total.get(e.accountId) ?? 0) + 1);
  const seen = new Set<string>();
  const uniq: ShareEvent[] = [];
  for (const e of kept) {
    if ((total.get(e.accountId) ?? 0) < p.minParticipation) continue;
    const k = `${e.objectId}\u0000${e.accountId}\u0000${e.timestamp}`;
    if (seen.has(k)) continue;
    seen.add(k);
    uniq.push(e);
  }
  const coordinated = new Set<number>();
  const pairObjects = new Map<string, Set<string>>();
  for (let i = 0; i < uniq.length; i++) {
    for (let j = i + 1; j < uniq.length; j++) {
      const x = uniq[i]!;
      const y = uniq[j]!;
      if (x.objectId !== y.objectId || x.accountId === y.accountId) continue;
      if (Math.abs(x.timestamp - y.timestamp) > p.timeWindow) continue;
      coordinated.add(i);
      coordinated.add(j);
      const key =
        x.accountId < y.accountId ? `${x.accountId}-${y.accountId}` : `${y.accountId}-${x.accountId}`;
      const s = pairObjects.get(key) ?? new Set<string>();
      pairObjects.set(key, s);
      s.add(x.objectId);
    }
  }
  const part = new Map<string, number>();
  for (const i of coordinated) part.set(uniq[i]!.accountId, (part.get(uniq[i]!.accountId) ?? 0) + 1);
  const ok = (a: string) => (part.get(a) ?? 0) >= p.minParticipation;
  const cand = [...pairObjects].filter(([k]) => {
    const [a, b] = k.split('-');
    return ok(a!) && ok(b!);
  });
  const sorted = cand.map(([, s]) => s.size).sort((x, y) => x - y);
  const thr = p.edgeQuantile > 0 ? quantile7(sorted, p.edgeQuantile) : 0;
  return Object.fromEntries(cand.filter(([, s]) => s.size > thr).map(([k, s]) => [k, s.size]));
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('detectCoordination', () => {
  test('both window edges are inclusive, one second past is out', () => {
    const at = (dt: number, w: number) =>
      detectCoordination([ev('o', 'a', 100), ev('o', 'b', 100 + dt)], { timeWindow: w, ...ALL }).edges.length;
    assert.equal(at(10, 10), 1, 'Δt = window pairs');
    assert.equal(at(10.5, 10), 0, 'Δt just above the window does not');
    assert.equal(at(11, 10), 0);
    assert.equal(at(0, 0), 1, 'simultaneous shares pair at window 0');
    assert.equal(at(1, 0), 0);
    // order in the input does not matter
    const r = detectCoordination([ev('o', 'b', 110), ev('o', 'a', 100)], { timeWindow: 10, ...ALL });
    assert.deepEqual(edgeMap(r), { 'a-b': 1 });
  });

  test('an account never pairs with itself, and repeat shares of one object count once', () => {
    const self = detectCoordination([ev('o', 'a', 0), ev('o', 'a', 1), ev('o', 'a', 2)], {
      timeWindow: 10,
      ...ALL,
    });
    assert.equal(self.counts.pairs, 0);
    assert.equal(self.groups.length, 0);
    // a shares o twice within the window of b's share: one object co-shared, weight 1
    const r = detectCoordination([ev('o', 'a', 0), ev('o', 'a', 3), ev('o', 'b', 1)], {
      timeWindow: 10,
      ...ALL,
    });
    assert.deepEqual(edgeMap(r), { 'a-b': 1 });
    // exact repeat rows (same object, account, time) are ignored and counted
    const d = detectCoordination(
      [ev('o', 'a', 0), ev('o', 'a', 0), ev('o', 'b', 1), ev('p', 'a', 5), ev('p', 'b', 6)],
      {
        timeWindow: 10,
        ...ALL,
      },
    );
    assert.equal(d.counts.duplicates, 1);
    assert.deepEqual(edgeMap(d), { 'a-b': 2 });
    assert.equal(d.counts.coordinatedShares, 4);
  });

  test('a row whose content is the object itself (the original post) is not a share', () => {
    const r = detectCoordination(
      [ev('o', 'author', 0, 'o'), ev('o', 'b', 1), ev('p', 'author', 0, 'p'), ev('p', 'b', 1)],
      { timeWindow: 10, ...ALL },
    );
    assert.equal(r.counts.pairs, 0);
    assert.equal(r.counts.events, 4);
  });

  test('min participation drops accounts with too few coordinated shares, and their edges', () => {
    const events = [
      ...burst(['a', 'b'], ['o1', 'o2', 'o3']),
      // c co-shares o1 with a and b once, and shares other things alone
      ev('o1', 'c', 2),
      ev('lonely1', 'c', 50_000),
      ev('lonely2', 'c', 60_000),
      // d has a single share in all: dropped before pairing
      ev('o2', 'd', 3600 + 1),
    ];
    const r1 = detectCoordination(events, { timeWindow: 10, minParticipation: 1, edgeQuantile: 0 });
    assert.deepEqual(edgeMap(r1), { 'a-b': 3, 'a-c': 1, 'b-c': 1, 'a-d': 1, 'b-d': 1 });
    const r2 = detectCoordination(events, { timeWindow: 10, minParticipation: 2, edgeQuantile: 0 });
    assert.deepEqual(edgeMap(r2), { 'a-b': 3 });
    assert.equal(r2.counts.participants, 2);
    const r4 = detectCoordination(events, { timeWindow: 10, minParticipation: 4, edgeQuantile: 0 });
    assert.equal(r4.edges.length, 0);
  });

  test('the edge quantile keeps edges strictly above the quantile; 0 keeps all', () => {
    // weights: a-b 5, c-d 2, e-f 1, g-h 1
    const events = [
      ...burst(['a', 'b'], ['1', '2', '3', '4', '5']),
      ...burst(['c', 'd'], ['6', '7']),
      ...burst(['e', 'f'], ['8']),
      ...burst(['g', 'h'], ['9']),
    ];
    const q = (edgeQuantile: number) =>
      detectCoordination(events, { timeWindow: 10, minParticipation: 1, edgeQuantile });
    assert.deepEqual(edgeMap(q(0)), { 'a-b': 5, 'c-d': 2, 'e-f': 1, 'g-h': 1 });
    const half = q(0.5); // type-7 median of [1,1,2,5] is 1.5
    assert.equal(half.params.weightThreshold, 1.5);
    assert.deepEqual(edgeMap(half), { 'a-b': 5, 'c-d': 2 });
    const high = q(0.9); // 2 + 0.7·3 = 4.1
    assert.ok(Math.abs(high.params.weightThreshold - 4.1) < 1e-9, `threshold ${high.params.weightThreshold}`);
    assert.deepEqual(edgeMap(high), { 'a-b': 5 });
    // an absolute floor on top of the quantile
    assert.deepEqual(
      edgeMap(
        detectCoordination(events, { timeWindow: 10, minParticipation: 1, edgeQuantile: 0, minWeight: 2 }),
      ),
      {
        'a-b': 5,
        'c-d': 2,
      },
    );
    const both = detectCoordination(events, {
      timeWindow: 10,
      minParticipation: 1,
      edgeQuantile: 0.5,
      minWeight: 3,
    });
    assert.deepEqual(edgeMap(both), { 'a-b': 5 });
    assert.equal(both.params.minWeight, 3);
    // all weights equal: nothing is above the median
    assert.equal(detectCoordination(burst(['a', 'b', 'c'], ['1', '2']), { timeWindow: 10 }).edges.length, 0);
  });

  test('groups are connected components with stable ids and their co-shared objects', () => {
    const events = [
      ...burst(['a', 'b', 'c'], ['o1', 'o2']),
      ...burst(['x', 'y'], ['p1', 'p2', 'p3'], 2, 100),
    ];
    const r = detectCoordination(events, { timeWindow: 10, ...ALL });
    assert.equal(r.groups.length, 2);
    const [g1, g2] = r.groups;
    assert.deepEqual(g1!.accounts, ['a', 'b', 'c']);
    assert.equal(g1!.id, makeId('cg', 'a', 'b', 'c'));
    assert.equal(g1!.edges, 3);
    assert.equal(g1!.objects, 2);
    assert.equal(g1!.weight, 6);
    assert.deepEqual(g1!.topObjects, [
      { id: 'o1', accounts: 3 },
      { id: 'o2', accounts: 3 },
    ]);
    assert.deepEqual(g2!.accounts, ['x', 'y']);
    assert.equal(g2!.objects, 3);
    assert.equal(r.counts.groups, 2);
    assert.equal(r.counts.largestGroup, 3);
    assert.equal(r.counts.keptEdges, 4);
  });

  test('Louvain splits one component made of two dense cliques joined by a thin edge', () => {
    const left = ['a1', 'a2', 'a3', 'a4', 'a5'];
    const right = ['b1', 'b2', 'b3', 'b4', 'b5'];
    const events = [
      ...burst(left, ['l1', 'l2', 'l3', 'l4']),
      ...burst(right, ['r1', 'r2', 'r3', 'r4'], 1, 100),
      // one bridge object shared by a1 and b1
      ev('bridge', 'a1', 900_000),
      ev('bridge', 'b1', 900_001),
    ];
    const r = detectCoordination(events, { timeWindow: 10, ...ALL });
    assert.equal(r.groups.length, 1, 'one component');
    assert.equal(r.communities?.length, 2);
    const sets = r.communities!.map((c) => c.accounts.join(',')).sort();
    assert.deepEqual(sets, [left.join(','), right.join(',')]);
    assert.deepEqual(r.groups[0]!.communities, r.communities!.map((c) => c.id).sort());
    assert.ok(r.modularity! > 0.4, `modularity ${r.modularity}`);
    assert.ok(
      r.communities!.every((c) => c.group === r.groups[0]!.id),
      'communities name their group',
    );
    const off = detectCoordination(events, { timeWindow: 10, ...ALL, communities: false });
    assert.equal(off.communities, undefined);
    assert.equal(off.groups[0]!.communities, undefined);
  });

  test('the fast flag marks edges that also co-share within the narrower window', () => {
    const events = [
      ev('o1', 'a', 0),
      ev('o1', 'b', 1), // a-b fast
      ev('o1', 'c', 8), // b-c 7 s, a-c 8 s: slow
      ev('o2', 'a', 1000),
      ev('o2', 'c', 1009),
      ev('o3', 'b', 2000),
      ev('o3', 'c', 2001), // b-c fast once
    ];
    const r = detectCoordination(events, { timeWindow: 10, fastWindow: 2, ...ALL });
    const by = Object.fromEntries(r.edges.map((e) => [`${e.a}-${e.b}`, e]));
    assert.deepEqual(by['a-b'], { a: 'a', b: 'b', weight: 1, fast: true, fastWeight: 1 });
    assert.deepEqual(by['a-c'], { a: 'a', b: 'c', weight: 2, fast: false, fastWeight: 0 });
    assert.deepEqual(by['b-c'], { a: 'b', b: 'c', weight: 2, fast: true, fastWeight: 1 });
    assert.equal(r.groups[0]!.fastAccounts, 3);
    assert.equal(r.params.fastWindow, 2);
    const plain = detectCoordination(events, { timeWindow: 10, ...ALL });
    assert.equal(plain.edges[0]!.fast, undefined);
    assert.equal(plain.params.fastWindow, undefined);
  });

  test('crowded windows are capped and counted', () => {
    const crowd = Array.from({ length: 50 }, (_, i) => `u${String(i).padStart(2, '0')}`);
    const events = burst(crowd, ['viral'], 0);
    const full = detectCoordination(events, { timeWindow: 10, ...ALL });
    assert.equal(full.counts.pairs, (50 * 49) / 2);
    assert.equal(full.counts.cappedShares, 0);
    const capped = detectCoordination(events, { timeWindow: 10, ...ALL, maxPairsPerShare: 5 });
    assert.equal(capped.counts.cappedShares, 50 - 6);
    assert.ok(capped.counts.pairOps <= 50 * 5, `pair operations ${capped.counts.pairOps}`);
    assert.ok(capped.counts.pairs < full.counts.pairs, 'the cap drops far pairs');
  });

  test('agrees with a brute-force reference on random data', () => {
    const r = rng(42);
    for (let round = 0; round < 25; round++) {
      const events: ShareEvent[] = [];
      const accounts = 5 + Math.floor(r() * 30);
      const objects = 3 + Math.floor(r() * 20);
      const n = 20 + Math.floor(r() * 250);
      for (let i = 0; i < n; i++) {
        const o = `o${Math.floor(r() * objects)}`;
        events.push(
          ev(o, `a${Math.floor(r() * accounts)}`, Math.floor(r() * 200), r() < 0.02 ? o : undefined),
        );
        if (r() < 0.05) events.push({ ...events[events.length - 1]! });
      }
      const p = {
        timeWindow: [0, 5, 20, 60][round % 4]!,
        minParticipation: 1 + (round % 3),
        edgeQuantile: [0, 0.25, 0.5, 0.9][(round >> 2) % 4]!,
      };
      const got = detectCoordination(events, p);
      assert.deepEqual(edgeMap(got), reference(events, p), `round ${round} ${JSON.stringify(p)}`);
      // every edge lies inside one group, and groups partition the edge endpoints
      const groupOf = new Map<string, string>();
      for (const g of got.groups) for (const a of g.accounts) groupOf.set(a, g.id);
      for (const e of got.edges) assert.equal(groupOf.get(e.a), groupOf.get(e.b));
      assert.equal(groupOf.size, new Set(got.edges.flatMap((e) => [e.a, e.b])).size);
    }
  });

  test('the result does not depend on input order, and the table path gives the same result', () => {
    const r = rng(7);
    const events: ShareEvent[] = [];
    for (let g = 0; g < 4; g++) {
      const members = Array.from({ length: 4 + g }, (_, i) => `g${g}m${i}`);
      events.push(
        ...burst(
          members,
          Array.from({ length: 3 + g }, (_, k) => `g${g}o${k}`),
          2,
          g * 10,
        ),
      );
    }
    for (let i = 0; i < 300; i++)
      events.push(ev(`n${Math.floor(r() * 40)}`, `x${Math.floor(r() * 60)}`, Math.floor(r() * 5000)));
    const params: CoordParams = { timeWindow: 10, fastWindow: 3, minParticipation: 2, edgeQuantile: 0.3 };
    const a = detectCoordination(events, params);
    const shuffled = events.slice();
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const b = detectCoordination(shuffled, params);
    assert.deepEqual(b, a);
    const builder = new ShareTableBuilder(4);
    for (const e of shuffled) builder.addEvent(e);
    assert.deepEqual(detectCoordination(builder.build(), params), b);
    assert.equal(a.counts.groups, 2, 'the two heaviest planted groups pass the 0.3 quantile');
  });

  test('reports its phases in order', () => {
    const phases: string[] = [];
    detectCoordination(burst(['a', 'b'], ['o']), { timeWindow: 1, ...ALL, onPhase: (p) => phases.push(p) });
    assert.deepEqual(phases, [
      'intern',
      'sort',
      'pairs',
      'filter',
      'groups',
      'communities',
      'objects',
      'output',
    ]);
  });

  test('bad parameters and bad tables are coded errors naming the field', () => {
    const bad: Array<[Partial<CoordParams>, string]> = [
      [{ timeWindow: -1 }, 'timeWindow'],
      [{ timeWindow: Number.NaN }, 'timeWindow'],
      [{ timeWindow: 10, minParticipation: 0 }, 'minParticipation'],
      [{ timeWindow: 10, minParticipation: 1.5 }, 'minParticipation'],
      [{ timeWindow: 10, edgeQuantile: 1 }, 'edgeQuantile'],
      [{ timeWindow: 10, edgeQuantile: -0.1 }, 'edgeQuantile'],
      [{ timeWindow: 10, fastWindow: 11 }, 'fastWindow'],
      [{ timeWindow: 10, minWeight: 0 }, 'minWeight'],
      [{ timeWindow: 10, maxPairsPerShare: 0 }, 'maxPairsPerShare'],
    ];
    for (const [p, field] of bad) {
      assert.throws(
        () => detectCoordination([], p as CoordParams),
        (e) => isOgohError(e) && e.code === 'USAGE' && e.field === field,
        JSON.stringify(p),
      );
    }
    const table = {
      size: 1,
      object: new Uint32Array([3]),
      account: new Uint32Array([0]),
      time: new Float64Array([0]),
      objectNames: ['o'],
      accountNames: ['a'],
    };
    assert.throws(
      () => detectCoordination(table, { timeWindow: 1 }),
      (e) => isOgohError(e) && e.code === 'INPUT_FIELD' && e.field === 'object',
    );
    assert.throws(
      () => detectCoordination([ev('o', 'a', Number.NaN)], { timeWindow: 1 }),
      (e) => isOgohError(e) && e.code === 'INPUT_FIELD' && e.field === 'timestamp',
    );
  });

  test('empty input gives an empty result', () => {
    const r = detectCoordination([], { timeWindow: DEFAULT_COORD.timeWindow });
    assert.deepEqual(r.groups, []);
    assert.deepEqual(r.edges, []);
    assert.equal(r.counts.events, 0);
    assert.equal(r.params.minParticipation, 2);
    assert.equal(r.params.edgeQuantile, 0.5);
  });
});

describe('quantile7', () => {
  test('matches R quantile(type = 7)', () => {
    // R: quantile(c(1, 2, 3, 4, 10), c(0, .25, .5, .9, .99, 1))  →  1 2 3 7.6 9.76 10
    const xs = [1, 2, 3, 4, 10];
    const got = [0, 0.25, 0.5, 0.9, 0.99, 1].map((q) => quantile7(xs, q));
    const want = [1, 2, 3, 7.6, 9.76, 10];
    got.forEach((g, i) => {
      assert.ok(Math.abs(g - want[i]!) < 1e-9, `${g} vs ${want[i]}`);
    });
    assert.equal(quantile7([], 0.5), 0);
    assert.equal(quantile7([4], 0.99), 4);
  });
});
