/**
 * Telegram cascades from export and web-preview data. A forward carries a header naming the
 * channel it came from (`forwardedFrom`, `forwardedFromId`) but not the message: the original is
 * found by text among that channel's posts (same content hash, else the most similar earlier post).
 * Posts copied into another channel without a header join as copies, and a forward of such a copy
 * hangs under the copy, which is how a cascade gets deeper than one hop. Forwards whose original
 * was not collected gather under an external root per (channel, text).
 *
 * Per cascade: size, depth, reach (views summed over the tree) and speed (time to the first
 * re-share, median lag, time until half of the re-shares had happened). Across cascades and story
 * provenance: which channels bridge families of sources (take from one affiliation, are taken by
 * another).
 */
import type { Affiliation } from '@ogoh/core';
import { foldKey } from '@ogoh/text';
import type { ProvItem, ProvSource } from '../provenance/provenance.ts';
import { foldedWords } from '../stories/gazetteer.ts';

export interface CascadeNode {
  itemId: string;
  sourceId: string;
  channel: string;
  /** parent item id, or the cascade's root key for an external root */
  parent: string;
  via: 'forward' | 'copy';
  depth: number;
  published?: string;
  lagSeconds?: number;
  views?: number;
}

export interface Cascade {
  /** the original's item id, or "ext:<channel>:<hash>" when the original was not collected */
  root: string;
  rootItemId?: string;
  rootSourceId?: string;
  rootChannel: string;
  rootPublished?: string;
  rootViews?: number;
  nodes: CascadeNode[];
  /** re-shares (nodes without the root) */
  size: number;
  depth: number;
  /** views of the root and every re-share */
  reach: number;
  speed: {
    /** seconds from the original to the first re-share */
    firstSeconds?: number;
    medianLagSeconds?: number;
    /** seconds until half of the re-shares had happened */
    halfSeconds?: number;
  };
}

function timeOf(i: ProvItem): number {
  const t = i.published ? Date.parse(i.published) : Number.NaN;
  return Number.isFinite(t) ? t : Number.MAX_SAFE_INTEGER;
}

function digits(id: string | undefined): string | undefined {
  return id?.match(/(\d{5,})$/)?.[1];
}

function wordSet(fold: string): Set<string> {
  return new Set(foldedWords(fold).filter((w) => w.length >= 3));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return n / (a.size + b.size - n);
}

function median(xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : Math.round((s[m - 1]! + s[m]!) / 2);
}

/** Forward trees over Telegram items (any order; non-Telegram items are ignored). */
export function forwardCascades(
  items: readonly ProvItem[],
  sources: ReadonlyMap<string, ProvSource>,
): Cascade[] {
  const tg = items.filter((i) => i.telegram).sort((a, b) => timeOf(a) - timeOf(b) || (a.id < b.id ? -1 : 1));
  const channelOf = (i: ProvItem) => i.telegram?.chatName ?? sources.get(i.sourceId)?.name ?? i.sourceId;
  const chatKey = (i: ProvItem) =>
    digits(i.telegram?.chatId) ?? digits(sources.get(i.sourceId)?.channelId) ?? i.sourceId;
  const isForward = (i: ProvItem) => Boolean(i.telegram?.forwardedFromId || i.telegram?.forwardedFrom);
  // posts (not forwards) by channel, and by content hash
  const postsByChat = new Map<string, ProvItem[]>();
  const postsByName = new Map<string, ProvItem[]>();
  const byHash = new Map<string, ProvItem[]>();
  for (const i of tg) {
    if (isForward(i)) continue;
    const k = chatKey(i);
    postsByChat.set(k, [...(postsByChat.get(k) ?? []), i]);
    const n = foldKey(channelOf(i));
    postsByName.set(n, [...(postsByName.get(n) ?? []), i]);
    byHash.set(i.contentHash, [...(byHash.get(i.contentHash) ?? []), i]);
  }
  const words = new Map<string, Set<string>>();
  const ws = (i: ProvItem) => {
    let w = words.get(i.id);
    if (!w) {
      w = wordSet(i.foldText);
      words.set(i.id, w);
    }
    return w;
  };

  /** parent of each re-share: item id or external root key */
  const parentOf = new Map<string, { parent: string; via: 'forward' | 'copy' }>();
  const external = new Map<string, { channel: string }>();
  for (const i of tg) {
    if (isForward(i)) {
      const fid = digits(i.telegram?.forwardedFromId);
      const fname = i.telegram?.forwardedFrom ? foldKey(i.telegram.forwardedFrom) : undefined;
      const pool = [
        ...((fid !== undefined ? postsByChat.get(fid) : undefined) ?? []),
        ...((fname !== undefined ? postsByName.get(fname) : undefined) ?? []),
      ].filter((p) => p.id !== i.id && timeOf(p) <= timeOf(i));
      let best = pool.find((p) => p.contentHash === i.contentHash);
      if (!best) {
        let bs = 0.5;
        for (const p of pool) {
          const s = jaccard(ws(p), ws(i));
          if (s >= bs) {
            bs = s;
            best = p;
          }
        }
      }
      if (best) parentOf.set(i.id, { parent: best.id, via: 'forward' });
      else {
        const channel = i.telegram?.forwardedFrom ?? i.telegram?.forwardedFromId ?? 'unknown';
        const key = `ext:${fid ?? foldKey(channel)}:${i.contentHash.slice(0, 12)}`;
        external.set(key, { channel });
        parentOf.set(i.id, { parent: key, via: 'forward' });
      }
    } else {
      // a copy of an earlier post in another channel, without a forward header
      const same = (byHash.get(i.contentHash) ?? []).find(
        (p) => p.id !== i.id && chatKey(p) !== chatKey(i) && timeOf(p) <= timeOf(i) && !parentOf.has(p.id),
      );
      if (same && i.foldText.length >= 40) parentOf.set(i.id, { parent: same.id, via: 'copy' });
    }
  }

  const byId = new Map(tg.map((i) => [i.id, i]));
  const rootOf = (id: string): string => {
    let cur = id;
    for (let k = 0; k < 50; k++) {
      const p = parentOf.get(cur);
      if (!p) return cur;
      cur = p.parent;
    }
    return cur;
  };
  const groups = new Map<string, string[]>();
  for (const id of parentOf.keys()) {
    const r = rootOf(id);
    groups.set(r, [...(groups.get(r) ?? []), id]);
  }
  const out: Cascade[] = [];
  for (const [root, ids] of groups) {
    const rootItem = byId.get(root);
    const rootTime = rootItem ? timeOf(rootItem) : Math.min(...ids.map((id) => timeOf(byId.get(id)!)));
    const depthOf = (id: string): number => {
      let d = 0;
      let cur = id;
      while (parentOf.has(cur) && d < 50) {
        cur = parentOf.get(cur)!.parent;
        d++;
      }
      return d;
    };
    const nodes: CascadeNode[] = ids
      .map((id) => byId.get(id)!)
      .sort((a, b) => timeOf(a) - timeOf(b))
      .map((i) => {
        const p = parentOf.get(i.id)!;
        const n: CascadeNode = {
          itemId: i.id,
          sourceId: i.sourceId,
          channel: channelOf(i),
          parent: p.parent,
          via: p.via,
          depth: depthOf(i.id),
        };
        if (i.published) n.published = i.published;
        const pt = byId.get(p.parent);
        const t = timeOf(i);
        const from = pt ? timeOf(pt) : rootItem ? rootTime : undefined;
        if (from !== undefined && t !== Number.MAX_SAFE_INTEGER && from !== Number.MAX_SAFE_INTEGER)
          n.lagSeconds = Math.round((t - from) / 1000);
        if (i.telegram?.views !== undefined) n.views = i.telegram.views;
        return n;
      });
    const sinceRoot = rootItem
      ? nodes
          .map((n) => (n.published ? (Date.parse(n.published) - rootTime) / 1000 : Number.NaN))
          .filter((x) => Number.isFinite(x))
          .map(Math.round)
      : [];
    const c: Cascade = {
      root,
      rootChannel: rootItem ? channelOf(rootItem) : (external.get(root)?.channel ?? root),
      nodes,
      size: nodes.length,
      depth: Math.max(...nodes.map((n) => n.depth)),
      reach: (rootItem?.telegram?.views ?? 0) + nodes.reduce((s, n) => s + (n.views ?? 0), 0),
      speed: {},
    };
    if (rootItem) {
      c.rootItemId = rootItem.id;
      c.rootSourceId = rootItem.sourceId;
      if (rootItem.published) c.rootPublished = rootItem.published;
      if (rootItem.telegram?.views !== undefined) c.rootViews = rootItem.telegram.views;
    }
    if (sinceRoot.length) {
      c.speed.firstSeconds = Math.min(...sinceRoot);
      c.speed.halfSeconds = [...sinceRoot].sort((a, b) => a - b)[Math.ceil(sinceRoot.length / 2) - 1]!;
    }
    const lags = nodes.map((n) => n.lagSeconds).filter((x): x is number => x !== undefined);
    const med = median(lags);
    if (med !== undefined) c.speed.medianLagSeconds = med;
    out.push(c);
  }
  return out.sort((a, b) => b.size - a.size || b.reach - a.reach || (a.root < b.root ? -1 : 1));
}

/** A directed re-publication between two sources (from a cascade or a story's provenance). */
export interface SourceFlow {
  from: string;
  to: string;
  count: number;
}

export interface ChannelBridge {
  sourceId: string;
  name: string;
  affiliation: Affiliation;
  /** families it takes content from, with counts */
  takesFrom: Record<string, number>;
  /** families that take content from it, with counts */
  feeds: Record<string, number>;
  /** Σ over family pairs (in ≠ out) of min(in, out): content it carries across families */
  score: number;
}

/** Source-to-source flows of cascades (forwards and copies). */
export function cascadeFlows(cascades: readonly Cascade[]): SourceFlow[] {
  const m = new Map<string, SourceFlow>();
  for (const c of cascades) {
    const srcOf = new Map<string, string>(c.nodes.map((n) => [n.itemId, n.sourceId]));
    if (c.rootItemId && c.rootSourceId) srcOf.set(c.rootItemId, c.rootSourceId);
    for (const n of c.nodes) {
      const from = srcOf.get(n.parent) ?? n.parent;
      if (from === n.sourceId) continue;
      const k = `${from}\u0000${n.sourceId}`;
      const f = m.get(k) ?? { from, to: n.sourceId, count: 0 };
      f.count++;
      m.set(k, f);
    }
  }
  return [...m.values()];
}

/**
 * Channels (and outlets) that carry content between families of sources: families are source
 * affiliations (russian-state, independent, unknown…); external roots count as "unknown".
 */
export function channelBridges(
  flows: readonly SourceFlow[],
  sources: ReadonlyMap<string, ProvSource>,
): ChannelBridge[] {
  const family = (id: string) => sources.get(id)?.affiliation ?? 'unknown';
  const ins = new Map<string, Record<string, number>>();
  const outs = new Map<string, Record<string, number>>();
  for (const f of flows) {
    const i = ins.get(f.to) ?? {};
    i[family(f.from)] = (i[family(f.from)] ?? 0) + f.count;
    ins.set(f.to, i);
    const o = outs.get(f.from) ?? {};
    o[family(f.to)] = (o[family(f.to)] ?? 0) + f.count;
    outs.set(f.from, o);
  }
  const out: ChannelBridge[] = [];
  for (const [id, takesFrom] of ins) {
    const feeds = outs.get(id);
    if (!feeds) continue;
    let score = 0;
    for (const [fi, ci] of Object.entries(takesFrom))
      for (const [fo, co] of Object.entries(feeds)) if (fi !== fo) score += Math.min(ci, co);
    if (score === 0) continue;
    const s = sources.get(id);
    out.push({
      sourceId: id,
      name: s?.name ?? id,
      affiliation: s?.affiliation ?? 'unknown',
      takesFrom,
      feeds,
      score,
    });
  }
  return out.sort((a, b) => b.score - a.score || (a.sourceId < b.sourceId ? -1 : 1));
}
