import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type EdgeListGraph, louvain, modularity } from './louvain.ts';

function graph(n: number, edges: Array<[number, number, number?]>): EdgeListGraph {
  return {
    n,
    src: edges.map((e) => e[0]),
    dst: edges.map((e) => e[1]),
    weight: edges.map((e) => e[2] ?? 1),
  };
}

function clique(nodes: number[], w = 1): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  for (let i = 0; i < nodes.length; i++)
    for (let j = i + 1; j < nodes.length; j++) out.push([nodes[i]!, nodes[j]!, w]);
  return out;
}

function groupsOf(membership: Int32Array): number[][] {
  const m = new Map<number, number[]>();
  membership.forEach((c, i) => {
    if (!m.has(c)) m.set(c, []);
    m.get(c)!.push(i);
  });
  return [...m.values()];
}

describe('louvain', () => {
  test('finds two cliques joined by one edge', () => {
    const g = graph(10, [...clique([0, 1, 2, 3, 4]), ...clique([5, 6, 7, 8, 9]), [4, 5]]);
    const r = louvain(g);
    assert.deepEqual(groupsOf(r.membership), [
      [0, 1, 2, 3, 4],
      [5, 6, 7, 8, 9],
    ]);
    assert.equal(r.count, 2);
    // Q = 2 · (20/42 − (21/42)²) = 0.4524
    assert.ok(Math.abs(r.modularity - (2 * (20 / 42) - 2 * 0.25)) < 1e-9, `Q ${r.modularity}`);
  });

  test('a ring of cliques (the textbook resolution case) gives one community per clique', () => {
    const edges: Array<[number, number, number?]> = [];
    const k = 8;
    for (let c = 0; c < k; c++) {
      edges.push(...clique([0, 1, 2, 3, 4].map((i) => c * 5 + i)));
      edges.push([c * 5 + 4, ((c + 1) % k) * 5]);
    }
    const r = louvain(graph(k * 5, edges));
    assert.equal(r.count, k);
    for (const members of groupsOf(r.membership))
      assert.equal(
        new Set(members.map((v) => Math.floor(v / 5))).size,
        1,
        `community ${members} mixes cliques`,
      );
  });

  test('weights matter: heavy edges pull nodes together', () => {
    // a square 0-1-2-3-0; 0-1 and 2-3 heavy
    const r = louvain(
      graph(4, [
        [0, 1, 10],
        [1, 2, 1],
        [2, 3, 10],
        [3, 0, 1],
      ]),
    );
    assert.deepEqual(groupsOf(r.membership), [
      [0, 1],
      [2, 3],
    ]);
  });

  test('is deterministic, and never joins disconnected parts', () => {
    const edges = [
      ...clique([0, 1, 2]),
      ...clique([3, 4, 5]),
      ...clique([6, 7, 8, 9]),
      [2, 3] as [number, number],
    ];
    const a = louvain(graph(11, edges));
    const b = louvain(graph(11, edges));
    assert.deepEqual(a, b);
    assert.notEqual(a.membership[10], a.membership[0], 'isolated node 10 is alone');
    const comps = groupsOf(a.membership);
    for (const c of comps)
      assert.ok(!(c.some((v) => v <= 5) && c.some((v) => v >= 6)), 'components stay apart');
  });

  test('handles empty graphs and self-loops', () => {
    assert.deepEqual(louvain(graph(0, [])), {
      membership: new Int32Array(0),
      count: 0,
      modularity: 0,
      levels: 0,
    });
    const r = louvain(graph(3, []));
    assert.equal(r.count, 3);
    const loops = louvain(
      graph(2, [
        [0, 0, 5],
        [1, 1, 5],
        [0, 1, 1],
      ]),
    );
    assert.equal(loops.count, 2);
  });

  test('modularity of known partitions', () => {
    const g = graph(4, [
      [0, 1],
      [2, 3],
    ]);
    assert.ok(Math.abs(modularity(g, [0, 0, 1, 1]) - 0.5) < 1e-12, 'two disjoint edges: Q = 0.5');
    assert.ok(Math.abs(modularity(g, [0, 0, 0, 0])) < 1e-12, 'one community: Q = 0');
  });
});
