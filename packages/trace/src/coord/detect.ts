/**
 * Coordinated-sharing detection after CooRTweet (Righetti & Balluff): accounts that share the same
 * objects within `timeWindow` seconds of each other, repeatedly. Steps:
 *
 * 1. accounts with fewer than `minParticipation` shares in all are dropped (CooRTweet's pre-filter);
 * 2. each object's shares are sorted by time and every share is paired with the earlier shares of
 *    other accounts within the window (inclusive); a pair's weight is the number of distinct objects it
 *    co-shared so, unlike CooRTweet's row count, one account sharing the same object twice does not
 *    double an edge;
 * 3. accounts with fewer than `minParticipation` coordinated shares are dropped, with their edges;
 * 4. edges whose weight is not above the `edgeQuantile` quantile of the remaining weights, or below
 *    `minWeight`, are dropped;
 * 5. groups are the connected components of what is left, communities its Louvain partition, and
 *    `fast` marks the edges that also co-shared within `fastWindow`.
 *
 * Differences from CooRTweet, on purpose: weights count objects, not share pairs; an edge needs both
 * accounts to pass `minParticipation` (CooRTweet keeps an edge when either does); an `edgeQuantile` of 0
 * keeps every edge; shares in a crowded window are paired with the nearest `maxPairsPerShare` only.
 */
import { makeId, OgohError, type ShareEvent } from '@ogoh/core';
import { louvain } from './louvain.ts';
import { type Buckets, bucketByObject, sweepPairs } from './pairs.ts';
import { shareTableFrom, validateShareTable } from './table.ts';
import type { CoordCommunity, CoordEdge, CoordGroup, CoordParams, CoordResult, ShareTable } from './types.ts';

export const DEFAULT_COORD = {
  timeWindow: 10,
  minParticipation: 2,
  edgeQuantile: 0.5,
  maxPairsPerShare: 1000,
} as const;

const TOP_OBJECTS = 10;

function isTable(x: unknown): x is ShareTable {
  return (
    typeof x === 'object' && x !== null && 'account' in x && (x as ShareTable).account instanceof Uint32Array
  );
}

function usage(field: string, message: string, hint: string): OgohError {
  return new OgohError('USAGE', message, { field, hint });
}

function checkParams(
  p: CoordParams,
): Required<Omit<CoordParams, 'onPhase' | 'fastWindow'>> & { fastWindow: number } {
  const timeWindow = p.timeWindow;
  if (!(Number.isFinite(timeWindow) && timeWindow >= 0))
    throw usage('timeWindow', `time window must be ≥ 0 seconds, got ${timeWindow}`, 'e.g. --window 10');
  const minParticipation = p.minParticipation ?? DEFAULT_COORD.minParticipation;
  if (!(Number.isInteger(minParticipation) && minParticipation >= 1))
    throw usage(
      'minParticipation',
      `min participation must be a whole number ≥ 1, got ${minParticipation}`,
      'e.g. --min-participation 2',
    );
  const edgeQuantile = p.edgeQuantile ?? DEFAULT_COORD.edgeQuantile;
  if (!(edgeQuantile >= 0 && edgeQuantile < 1))
    throw usage(
      'edgeQuantile',
      `edge quantile must be in [0, 1), got ${edgeQuantile}`,
      'e.g. --edge-quantile 0.5; 0 keeps all edges',
    );
  const minWeight = p.minWeight ?? 1;
  if (!(Number.isInteger(minWeight) && minWeight >= 1))
    throw usage(
      'minWeight',
      `min weight must be a whole number ≥ 1, got ${minWeight}`,
      'e.g. --min-weight 3',
    );
  const fastWindow = p.fastWindow ?? -1;
  if (
    p.fastWindow !== undefined &&
    !(Number.isFinite(fastWindow) && fastWindow >= 0 && fastWindow <= timeWindow)
  )
    throw usage(
      'fastWindow',
      `fast window must be between 0 and the time window (${timeWindow} s), got ${fastWindow}`,
      'e.g. half the time window',
    );
  const maxPairsPerShare = p.maxPairsPerShare ?? DEFAULT_COORD.maxPairsPerShare;
  if (!(Number.isInteger(maxPairsPerShare) && maxPairsPerShare >= 1))
    throw usage(
      'maxPairsPerShare',
      `max pairs per share must be a whole number ≥ 1, got ${maxPairsPerShare}`,
      'e.g. 1000',
    );
  return {
    timeWindow,
    minParticipation,
    edgeQuantile,
    minWeight,
    fastWindow,
    maxPairsPerShare,
    communities: p.communities ?? true,
  };
}

/** R's default quantile (type 7): linear interpolation between order statistics. `sorted` ascending. */
export function quantile7(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** makeId over sorted ids, joined first: spreading 100 000 arguments would overflow the stack. */
function groupId(prefix: string, sortedAccounts: string[]): string {
  return makeId(prefix, sortedAccounts.join('\u001f'));
}

/** `quantile7` over values given as counts: `hist[v]` is how many values equal v; `n` their total. */
function quantile7OfCounts(hist: Float64Array, n: number, q: number): number {
  if (n === 0) return 0;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  // value at 0-based rank r
  const at = (r: number) => {
    let seen = 0;
    for (let v = 0; v < hist.length; v++) {
      seen += hist[v]!;
      if (seen > r) return v;
    }
    return hist.length - 1;
  };
  const a = at(lo);
  const b = at(Math.min(lo + 1, n - 1));
  return a + (h - lo) * (b - a);
}

function find(parent: Int32Array, x: number): number {
  let r = x;
  while (parent[r] !== r) r = parent[r]!;
  while (parent[x] !== r) {
    const next = parent[x]!;
    parent[x] = r;
    x = next;
  }
  return r;
}

/**
 * Finds coordinated groups of accounts. `events` may be share events or an interned `ShareTable`
 * (the fast path for millions of rows).
 *
 * @example
 *   const r = detectCoordination(events, { timeWindow: 60, minParticipation: 2, edgeQuantile: 0.5 });
 *   for (const g of r.groups) console.log(g.id, g.accounts.length, g.objects);
 */
export function detectCoordination(
  events: Iterable<ShareEvent> | ShareTable,
  params: CoordParams,
): CoordResult {
  const p = checkParams(params);
  const phase = params.onPhase ?? (() => {});
  phase('intern');
  let selfShares = 0;
  let t: ShareTable;
  if (isTable(events)) {
    validateShareTable(events);
    t = events;
  } else {
    const built = shareTableFrom(events);
    selfShares = built.selfShares;
    t = built;
  }
  const numAccounts = t.accountNames.length;

  // 1. pre-filter: accounts with too few shares cannot reach minParticipation coordinated shares
  phase('sort');
  const shares = new Uint32Array(numAccounts);
  for (let i = 0; i < t.size; i++) shares[t.account[i]!]!++;
  const keep = new Uint8Array(t.size);
  for (let i = 0; i < t.size; i++) keep[i] = shares[t.account[i]!]! >= p.minParticipation ? 1 : 0;
  const bk = bucketByObject(t, keep);

  // 2. pairs within the window
  phase('pairs');
  const sw = sweepPairs(bk, p.timeWindow, p.fastWindow, p.maxPairsPerShare);

  // 3. participation: coordinated shares per account
  phase('filter');
  const part = new Uint32Array(numAccounts);
  let coordinatedShares = 0;
  for (let q = 0; q < bk.account.length; q++) {
    if (sw.coordinated[q] === 1) {
      part[bk.account[q]!]!++;
      coordinatedShares++;
    }
  }
  let participants = 0;
  for (let a = 0; a < numAccounts; a++) if (part[a]! >= p.minParticipation) participants++;

  // 4. candidate edges (both ends participate), then the weight quantile
  const pt = sw.pairs;
  const cap = pt.capacity;
  const mp = p.minParticipation;
  let slots = new Uint32Array(1024);
  let candidates = 0;
  let maxWeight = 0;
  for (let i = 0; i < cap; i++) {
    const a = pt.a(i);
    if (a === -1 || part[a]! < mp || part[pt.b(i)]! < mp) continue;
    if (candidates === slots.length) {
      const grown = new Uint32Array(slots.length * 2);
      grown.set(slots);
      slots = grown;
    }
    slots[candidates++] = i;
    if (pt.weight(i) > maxWeight) maxWeight = pt.weight(i);
  }
  // weights are small integers: a histogram gives the quantile without sorting millions of them
  const hist = new Float64Array(maxWeight + 1);
  for (let c = 0; c < candidates; c++) hist[pt.weight(slots[c]!)]!++;
  const threshold = p.edgeQuantile > 0 ? quantile7OfCounts(hist, candidates, p.edgeQuantile) : 0;
  // both filters: above the quantile, and at least minWeight (on big data most pairs co-share one
  // object by chance, so even the 0.99 quantile can be 1 and only an absolute floor helps)
  const floor = Math.max(threshold, p.minWeight - 1);
  let kept = 0;
  for (let c = 0; c < candidates; c++) if (pt.weight(slots[c]!) > floor) slots[kept++] = slots[c]!;
  const keptSlots = slots.subarray(0, kept);

  // 5. nodes numbered in account-name order, so everything downstream is independent of input order
  phase('groups');
  const nodeOf = new Int32Array(numAccounts).fill(-1);
  const inGraph: number[] = [];
  for (const s of keptSlots) {
    for (const a of [pt.a(s), pt.b(s)]) {
      if (nodeOf[a] === -1) {
        nodeOf[a] = 0;
        inGraph.push(a);
      }
    }
  }
  const names = t.accountNames;
  inGraph.sort((x, y) => (names[x]! < names[y]! ? -1 : names[x]! > names[y]! ? 1 : 0));
  const n = inGraph.length;
  for (let v = 0; v < n; v++) nodeOf[inGraph[v]!] = v;
  // edges sorted by (src, dst) node: hash-table order must not leak into Louvain's visiting order
  const packed = new Float64Array(kept);
  for (let e = 0; e < kept; e++) {
    const s = keptSlots[e]!;
    const u = nodeOf[pt.a(s)]!;
    const v = nodeOf[pt.b(s)]!;
    packed[e] = Math.min(u, v) * 2 ** 26 + Math.max(u, v);
  }
  const byPair = Array.from({ length: kept }, (_, e) => e).sort((x, y) => packed[x]! - packed[y]!);
  const edgeSlot = Uint32Array.from(byPair, (e) => keptSlots[e]!);
  const src = new Uint32Array(kept);
  const dst = new Uint32Array(kept);
  const ew = new Float64Array(kept);
  for (let e = 0; e < kept; e++) {
    const x = packed[byPair[e]!]!;
    src[e] = Math.floor(x / 2 ** 26);
    dst[e] = x % 2 ** 26;
    ew[e] = pt.weight(edgeSlot[e]!);
  }
  const parent = new Int32Array(n);
  for (let v = 0; v < n; v++) parent[v] = v;
  for (let e = 0; e < kept; e++) {
    const ru = find(parent, src[e]!);
    const rv = find(parent, dst[e]!);
    if (ru !== rv) parent[Math.max(ru, rv)] = Math.min(ru, rv);
  }
  // component index per node, by first (lowest-name) member
  const compOf = new Int32Array(n).fill(-1);
  const compMembers: number[][] = [];
  for (let v = 0; v < n; v++) {
    const r = find(parent, v);
    if (compOf[r] === -1) {
      compOf[r] = compMembers.length;
      compMembers.push([]);
    }
    compOf[v] = compOf[r]!;
    compMembers[compOf[v]!]!.push(v);
  }
  const numGroups = compMembers.length;
  const groupEdges = new Uint32Array(numGroups);
  const groupWeight = new Float64Array(numGroups);
  const fastNode = new Uint8Array(n);
  for (let e = 0; e < kept; e++) {
    const g = compOf[src[e]!]!;
    groupEdges[g]!++;
    groupWeight[g]! += ew[e]!;
    if (p.fastWindow >= 0 && pt.fastWeight(edgeSlot[e]!) > 0) {
      fastNode[src[e]!] = 1;
      fastNode[dst[e]!] = 1;
    }
  }

  // 6. communities
  let communities: CoordCommunity[] | undefined;
  let modularityValue: number | undefined;
  const groupIds = compMembers.map((members) =>
    groupId(
      'cg',
      members.map((v) => names[inGraph[v]!]!),
    ),
  );
  const groupCommunities: string[][] = compMembers.map(() => []);
  if (p.communities) {
    phase('communities');
    const lv = louvain({ n, src, dst, weight: ew });
    modularityValue = lv.modularity;
    const members: number[][] = Array.from({ length: lv.count }, () => []);
    for (let v = 0; v < n; v++) members[lv.membership[v]!]!.push(v);
    communities = members.map((vs) => {
      const group = groupIds[compOf[vs[0]!]!]!;
      const accounts = vs.map((v) => names[inGraph[v]!]!);
      return { id: groupId('cc', accounts), group, accounts };
    });
    for (let c = 0; c < members.length; c++)
      groupCommunities[compOf[members[c]![0]!]!]!.push(communities[c]!.id);
    communities.sort(
      (x, y) => y.accounts.length - x.accounts.length || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
    );
  }

  // 7. objects each group co-shared: a second, members-only sweep
  phase('objects');
  const groupOfAccount = new Int32Array(numAccounts).fill(-1);
  for (let v = 0; v < n; v++) groupOfAccount[inGraph[v]!] = compOf[v]!;
  const objectStats = groupObjects(
    t,
    bk,
    sw.coordinated,
    groupOfAccount,
    numGroups,
    p.timeWindow,
    p.maxPairsPerShare,
  );

  // 8. output
  phase('output');
  const groups: CoordGroup[] = compMembers.map((members, g) => {
    const group: CoordGroup = {
      id: groupIds[g]!,
      accounts: members.map((v) => names[inGraph[v]!]!),
      objects: objectStats.objects[g]!,
      edges: groupEdges[g]!,
      weight: groupWeight[g]!,
      topObjects: objectStats.top[g]!.map(([o, k]) => ({ id: t.objectNames[o]!, accounts: k })),
    };
    if (p.communities) group.communities = groupCommunities[g]!.slice().sort();
    if (p.fastWindow >= 0) group.fastAccounts = members.reduce((s, v) => s + fastNode[v]!, 0);
    return group;
  });
  groups.sort((x, y) => y.accounts.length - x.accounts.length || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));

  const edgeOrder = Array.from({ length: kept }, (_, e) => e);
  edgeOrder.sort((x, y) => ew[y]! - ew[x]! || src[x]! - src[y]! || dst[x]! - dst[y]!);
  const edges: CoordEdge[] = edgeOrder.map((e) => {
    const edge: CoordEdge = { a: names[inGraph[src[e]!]!]!, b: names[inGraph[dst[e]!]!]!, weight: ew[e]! };
    if (p.fastWindow >= 0) {
      const fw = pt.fastWeight(edgeSlot[e]!);
      edge.fast = fw > 0;
      edge.fastWeight = fw;
    }
    return edge;
  });

  const result: CoordResult = {
    groups,
    edges,
    params: {
      timeWindow: p.timeWindow,
      minParticipation: p.minParticipation,
      edgeQuantile: p.edgeQuantile,
      minWeight: p.minWeight,
      weightThreshold: threshold,
      maxPairsPerShare: p.maxPairsPerShare,
      communities: p.communities,
    },
    counts: {
      events: t.size + selfShares,
      duplicates: bk.duplicates,
      objects: t.objectNames.length,
      accounts: numAccounts,
      pairOps: sw.pairOps,
      pairs: pt.size,
      coordinatedShares,
      participants,
      candidateEdges: candidates,
      keptEdges: kept,
      groups: numGroups,
      communities: communities?.length ?? 0,
      cappedShares: sw.cappedShares,
      largestGroup: groups[0]?.accounts.length ?? 0,
    },
  };
  if (p.fastWindow >= 0) result.params.fastWindow = p.fastWindow;
  if (communities) result.communities = communities;
  if (modularityValue !== undefined) result.modularity = modularityValue;
  return result;
}

/**
 * For each group: how many distinct objects at least two of its accounts co-shared within the window,
 * and the objects most of its accounts took part in.
 */
function groupObjects(
  t: ShareTable,
  bk: Buckets,
  coordinated: Uint8Array,
  groupOfAccount: Int32Array,
  numGroups: number,
  window: number,
  cap: number,
): { objects: Uint32Array; top: Array<Array<[number, number]>> } {
  const objects = new Uint32Array(numGroups);
  const top: Array<Array<[number, number]>> = Array.from({ length: numGroups }, () => []);
  if (numGroups === 0) return { objects, top };
  const seenAt = new Int32Array(t.accountNames.length).fill(-1);
  const touchedAt = new Int32Array(numGroups).fill(-1);
  const members = new Uint32Array(numGroups);
  const touched: number[] = [];
  const idx: number[] = [];
  const { account, time, start } = bk;
  const names = t.objectNames;
  // more accounts first, then by object id, so the list does not depend on input order
  const before = (o: number, k: number, other: [number, number]) =>
    k > other[1] || (k === other[1] && names[o]! < names[other[0]]!);
  for (let b = 0; b < bk.count; b++) {
    idx.length = 0;
    // only shares that paired at all can pair inside a group
    for (let q = start[b]!; q < start[b + 1]!; q++)
      if (coordinated[q] === 1 && groupOfAccount[account[q]!]! >= 0) idx.push(q);
    if (idx.length < 2) continue;
    const o = bk.object[b]!;
    touched.length = 0;
    let left = 0;
    for (let j = 1; j < idx.length; j++) {
      const qj = idx[j]!;
      const aj = account[qj]!;
      const g = groupOfAccount[aj]!;
      while (time[qj]! - time[idx[left]!]! > window) left++;
      const lo = Math.max(left, j - cap);
      for (let i = j - 1; i >= lo; i--) {
        const ai = account[idx[i]!]!;
        if (ai === aj || groupOfAccount[ai] !== g) continue;
        if (touchedAt[g] !== b) {
          touchedAt[g] = b;
          members[g] = 0;
          touched.push(g);
        }
        if (seenAt[ai] !== b) {
          seenAt[ai] = b;
          members[g]!++;
        }
        if (seenAt[aj] !== b) {
          seenAt[aj] = b;
          members[g]!++;
        }
      }
    }
    for (const g of touched) {
      objects[g]!++;
      const list = top[g]!;
      const k = members[g]!;
      if (list.length < TOP_OBJECTS || before(o, k, list[list.length - 1]!)) {
        list.push([o, k]);
        for (let i = list.length - 1; i > 0 && before(list[i]![0], list[i]![1], list[i - 1]!); i--) {
          const tmp = list[i]!;
          list[i] = list[i - 1]!;
          list[i - 1] = tmp;
        }
        if (list.length > TOP_OBJECTS) list.pop();
      }
    }
  }
  return { objects, top };
}
