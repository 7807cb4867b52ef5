/**
 * Louvain community detection (Blondel et al. 2008) on typed arrays: local moving by modularity gain,
 * then aggregation of communities into nodes, repeated while anything moves. Our own rather than
 * graphology's so the trace package keeps no graph dependency and the coordination graph never has to
 * be copied into an object graph. Deterministic: nodes are visited in a seeded shuffled order and ties
 * go to the lowest community index, so the same graph always yields the same partition.
 */

/** An undirected weighted graph as an edge list over nodes 0..n-1. Self-loops are allowed. */
export interface EdgeListGraph {
  n: number;
  src: ArrayLike<number>;
  dst: ArrayLike<number>;
  weight: ArrayLike<number>;
}

export interface LouvainOptions {
  /** γ: above 1 finds smaller communities @default 1 */
  resolution?: number;
  /** seed of the visiting order @default 1 */
  seed?: number;
  /** stop after this many aggregation levels @default 32 */
  maxLevels?: number;
}

export interface LouvainResult {
  /** community of each node, numbered 0..count-1 by first appearance in node order */
  membership: Int32Array;
  count: number;
  /** Newman modularity of `membership` at the given resolution */
  modularity: number;
  levels: number;
}

/** Symmetric adjacency in CSR form; `diag[i]` is the matrix diagonal A_ii (twice a self-loop's weight). */
interface Csr {
  n: number;
  start: Uint32Array;
  nbr: Uint32Array;
  w: Float64Array;
  diag: Float64Array;
  /** k_i = Σ_j A_ij, including the diagonal */
  deg: Float64Array;
  /** 2m = Σ_i k_i */
  total: number;
}

function csrFromEdges(g: EdgeListGraph): Csr {
  const n = g.n;
  const diag = new Float64Array(n);
  const count = new Uint32Array(n + 1);
  const m = g.src.length;
  for (let e = 0; e < m; e++) {
    const u = g.src[e]!;
    const v = g.dst[e]!;
    if (u === v) continue;
    count[u]!++;
    count[v]!++;
  }
  const start = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i]! + count[i]!;
  const fill = start.slice(0, n);
  const nbr = new Uint32Array(start[n]!);
  const w = new Float64Array(start[n]!);
  const deg = new Float64Array(n);
  let total = 0;
  for (let e = 0; e < m; e++) {
    const u = g.src[e]!;
    const v = g.dst[e]!;
    const x = g.weight[e]!;
    if (u === v) {
      diag[u]! += 2 * x;
      deg[u]! += 2 * x;
      total += 2 * x;
      continue;
    }
    nbr[fill[u]!] = v;
    w[fill[u]!++] = x;
    nbr[fill[v]!] = u;
    w[fill[v]!++] = x;
    deg[u]! += x;
    deg[v]! += x;
    total += 2 * x;
  }
  return { n, start, nbr, w, diag, deg, total };
}

function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

/**
 * One level of local moving. Returns the dense community of every node and whether any node moved.
 */
function moveNodes(
  g: Csr,
  gamma: number,
  rand: () => number,
): { comm: Int32Array; count: number; moved: boolean } {
  const n = g.n;
  const comm = new Int32Array(n);
  const tot = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    comm[i] = i;
    tot[i] = g.deg[i]!;
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rand() % (i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  // weight from the current node to each neighbouring community; `touched` lists the non-zero ones
  const toComm = new Float64Array(n);
  const seen = new Uint8Array(n);
  const touched = new Int32Array(n);
  const twoM = g.total;
  let movedAny = false;
  if (twoM === 0) return { comm, count: n, moved: false };
  for (let pass = 0; pass < 1000; pass++) {
    let moves = 0;
    for (let oi = 0; oi < n; oi++) {
      const i = order[oi]!;
      const ci = comm[i]!;
      const ki = g.deg[i]!;
      let nt = 0;
      for (let p = g.start[i]!, end = g.start[i + 1]!; p < end; p++) {
        const c = comm[g.nbr[p]!]!;
        if (seen[c] === 0) {
          seen[c] = 1;
          touched[nt++] = c;
          toComm[c] = 0;
        }
        toComm[c]! += g.w[p]!;
      }
      tot[ci]! -= ki;
      // gain of joining c (up to a constant): k_i,c − γ·Σtot_c·k_i / 2m; staying is the baseline
      const kiOver = (gamma * ki) / twoM;
      let best = ci;
      let bestGain = (seen[ci] === 1 ? toComm[ci]! : 0) - tot[ci]! * kiOver;
      for (let t = 0; t < nt; t++) {
        const c = touched[t]!;
        if (c === ci) continue;
        const gain = toComm[c]! - tot[c]! * kiOver;
        // strictly better wins; among equals the lower index wins, but a tie with staying stays
        // (moving on a zero gain would make the passes oscillate)
        if (gain > bestGain + 1e-12 || (best !== ci && gain >= bestGain - 1e-12 && c < best)) {
          best = c;
          bestGain = gain;
        }
      }
      tot[best]! += ki;
      if (best !== ci) {
        comm[i] = best;
        moves++;
      }
      for (let t = 0; t < nt; t++) seen[touched[t]!] = 0;
    }
    if (moves === 0) break;
    movedAny = true;
  }
  // renumber densely by first appearance in node order
  const dense = new Int32Array(n).fill(-1);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const c = comm[i]!;
    if (dense[c] === -1) dense[c] = count++;
    comm[i] = dense[c]!;
  }
  return { comm, count, moved: movedAny };
}

function aggregate(g: Csr, comm: Int32Array, count: number): Csr {
  // members of each community, in node order
  const cstart = new Uint32Array(count + 1);
  for (let i = 0; i < g.n; i++) cstart[comm[i]! + 1]!++;
  for (let c = 0; c < count; c++) cstart[c + 1]! += cstart[c]!;
  const fill = cstart.slice(0, count);
  const members = new Uint32Array(g.n);
  for (let i = 0; i < g.n; i++) members[fill[comm[i]!]!++] = i;

  const diag = new Float64Array(count);
  const deg = new Float64Array(count);
  const acc = new Float64Array(count);
  const seen = new Uint8Array(count);
  const touched = new Int32Array(count);
  const start = new Uint32Array(count + 1);
  const nbrs: number[] = [];
  const ws: number[] = [];
  for (let c = 0; c < count; c++) {
    let nt = 0;
    for (let p = cstart[c]!; p < cstart[c + 1]!; p++) {
      const i = members[p]!;
      diag[c]! += g.diag[i]!;
      deg[c]! += g.deg[i]!;
      for (let q = g.start[i]!, end = g.start[i + 1]!; q < end; q++) {
        const d = comm[g.nbr[q]!]!;
        if (d === c) {
          diag[c]! += g.w[q]!;
          continue;
        }
        if (seen[d] === 0) {
          seen[d] = 1;
          touched[nt++] = d;
          acc[d] = 0;
        }
        acc[d]! += g.w[q]!;
      }
    }
    const list = Array.from(touched.subarray(0, nt)).sort((x, y) => x - y);
    for (const d of list) {
      nbrs.push(d);
      ws.push(acc[d]!);
      seen[d] = 0;
    }
    start[c + 1] = nbrs.length;
  }
  return {
    n: count,
    start,
    nbr: Uint32Array.from(nbrs),
    w: Float64Array.from(ws),
    diag,
    deg,
    total: g.total,
  };
}

/** Newman modularity of a partition: Σ_c [ in_c / 2m − γ (tot_c / 2m)² ]. */
export function modularity(g: EdgeListGraph, membership: ArrayLike<number>, resolution = 1): number {
  const csr = csrFromEdges(g);
  if (csr.total === 0) return 0;
  let k = 0;
  for (let i = 0; i < g.n; i++) k = Math.max(k, membership[i]! + 1);
  const inW = new Float64Array(k);
  const tot = new Float64Array(k);
  for (let i = 0; i < g.n; i++) {
    const c = membership[i]!;
    tot[c]! += csr.deg[i]!;
    inW[c]! += csr.diag[i]!;
    for (let p = csr.start[i]!; p < csr.start[i + 1]!; p++)
      if (membership[csr.nbr[p]!] === c) inW[c]! += csr.w[p]!;
  }
  let q = 0;
  for (let c = 0; c < k; c++) q += inW[c]! / csr.total - resolution * (tot[c]! / csr.total) ** 2;
  return q;
}

/** Louvain communities of `g`. Isolated nodes get a community of their own. */
export function louvain(g: EdgeListGraph, options: LouvainOptions = {}): LouvainResult {
  const gamma = options.resolution ?? 1;
  const maxLevels = options.maxLevels ?? 32;
  const rand = xorshift(options.seed ?? 1);
  let graph = csrFromEdges(g);
  const membership = new Int32Array(g.n);
  for (let i = 0; i < g.n; i++) membership[i] = i;
  let levels = 0;
  while (levels < maxLevels) {
    const { comm, count, moved } = moveNodes(graph, gamma, rand);
    if (!moved) break;
    levels++;
    for (let i = 0; i < g.n; i++) membership[i] = comm[membership[i]!]!;
    if (count === graph.n) break;
    graph = aggregate(graph, comm, count);
  }
  // dense numbering by first appearance
  const dense = new Int32Array(g.n).fill(-1);
  let count = 0;
  for (let i = 0; i < g.n; i++) {
    const c = membership[i]!;
    if (dense[c] === -1) dense[c] = count++;
    membership[i] = dense[c]!;
  }
  return { membership, count, modularity: modularity(g, membership, gamma), levels };
}
