/**
 * Provenance of one story: who published it first, who took it from whom (a directed tree,
 * earlier → later, with the lag), and where state content was re-published without attribution
 * ("laundering"). Pure: the caller hands over the story's items, the sources and any stored links.
 *
 * The parent of each item is chosen by the strongest evidence first:
 *   1. a Telegram forward header naming an earlier item's channel;
 *   2. a link to an earlier item's URL;
 *   3. a stored story link (the item it was matched to when it joined the story);
 *   4. the most similar earlier item: same-language text overlap, else shared anchors.
 * Attribution of an item: a forward header, a link to an earlier item's site, an earlier outlet's
 * name or domain in the text (also transliterated: "Vesti Sentr" credits "Вести Центр"), or the same
 * publisher (a site and its own channel). Laundering: the first item comes from a russian-state,
 * russian-state-affiliated or tajik-state source, and a later item at another publisher credits no
 * earlier item of the story.
 */
import type { Affiliation, Attribution, LinkReasons, ProvenanceEdge, ProvenanceRelation } from '@ogoh/core';
import { foldKey } from '@ogoh/text';
import { extractAnchors, nameSkeleton, urlKey } from '../stories/anchors.ts';
import { foldedWords } from '../stories/gazetteer.ts';
import { type DfTable, scorePair } from '../stories/link.ts';

export const STATE_AFFILIATIONS: readonly Affiliation[] = [
  'russian-state',
  'russian-state-affiliated',
  'tajik-state',
];

export interface ProvItem {
  id: string;
  sourceId: string;
  lang: string;
  published?: string | undefined;
  collectedAt?: string | undefined;
  title?: string | undefined;
  text: string;
  foldText: string;
  contentHash: string;
  url?: string | undefined;
  canonicalUrl?: string | undefined;
  links: readonly { url: string }[];
  /** the item's anchor keys when already known (stored by the link stage); computed otherwise */
  anchorKeys?: readonly string[] | undefined;
  telegram?:
    | {
        messageId: number;
        chatId?: string | undefined;
        chatName?: string | undefined;
        forwardedFrom?: string | undefined;
        forwardedFromId?: string | undefined;
        views?: number | undefined;
      }
    | undefined;
}

export interface ProvSource {
  id: string;
  name: string;
  url?: string | undefined;
  channelId?: string | undefined;
  affiliation: Affiliation;
  platform: string;
}

/** A stored link: which item this one was matched to, of what kind, and why. */
export interface ProvLinkHint {
  itemId: string;
  toItemId: string;
  kind: string;
  score: number;
  reasons: LinkReasons;
}

export interface ProvNode {
  itemId: string;
  sourceId: string;
  sourceName: string;
  affiliation: Affiliation;
  platform: string;
  lang: string;
  published?: string;
  title: string;
  views?: number;
  parent?: string;
  relation?: ProvenanceRelation;
  lagSeconds?: number;
  /** similarity to the parent, 0..1 */
  similarity?: number;
  /** how the parent was chosen */
  via?: 'forward' | 'link' | 'stored' | 'similarity';
  attribution?: Attribution;
  /** which earlier source it credits */
  credits?: string;
  laundering: boolean;
  depth: number;
  reasons?: LinkReasons;
}

export interface Provenance {
  storyId: string;
  firstItemId: string;
  nodes: ProvNode[];
  edges: ProvenanceEdge[];
  laundering: {
    flagged: boolean;
    /** the origin's source and affiliation when it is a state source */
    origin?: { itemId: string; sourceId: string; sourceName: string; affiliation: Affiliation };
    /** items that re-publish it without attribution */
    items: string[];
  };
}

/** Above this many items, each is compared with the origin and the latest earlier items only. */
const MAX_COMPARE = 60;

function timeOf(i: ProvItem): number {
  const p = i.published ? Date.parse(i.published) : Number.NaN;
  if (Number.isFinite(p)) return p;
  const c = i.collectedAt ? Date.parse(i.collectedAt) : Number.NaN;
  return Number.isFinite(c) ? c : Number.MAX_SAFE_INTEGER;
}

function hostOf(raw: string | undefined): string | undefined {
  const k = raw ? urlKey(raw) : undefined;
  return k?.split('/')[0];
}

function wordSet(fold: string): Set<string> {
  return new Set(foldedWords(fold).filter((w) => w.length >= 3));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let both = 0;
  const [s, l] = a.size <= b.size ? [a, b] : [b, a];
  for (const w of s) if (l.has(w)) both++;
  return both / (a.size + b.size - both);
}

/** Name skeleton sequences of a source: its display name and its domain or channel label. */
function nameKeys(s: ProvSource): string[][] {
  const out: string[][] = [];
  const add = (text: string) => {
    const sk = foldedWords(foldKey(text))
      .map(nameSkeleton)
      .filter((x) => x.length >= 2);
    if (sk.length && sk.join('').length >= 4) out.push(sk);
  };
  add(s.name);
  const host = hostOf(s.url);
  if (host) add(host.split('.').slice(0, -1).join(' ') || host);
  else add(s.id.replace(/[._]demo$/, '').replace(/[._-]/g, ' '));
  return out;
}

function containsSeq(hay: readonly string[], needle: readonly string[]): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

const UNIFORM: DfTable = { total: 1000, df: () => 1 };

function samePublisher(a: ProvSource, b: ProvSource): boolean {
  return a.id !== b.id && foldKey(a.name) === foldKey(b.name);
}

function snippet(i: ProvItem): string {
  const s = (i.title ?? i.text).replace(/\s+/g, ' ').trim();
  return s.length > 90 ? `${s.slice(0, 89)}…` : s;
}

function forwardChannelId(id: string | undefined): string | undefined {
  const m = id?.match(/(\d{5,})$/);
  return m?.[1];
}

/**
 * The provenance tree of one story.
 * @example buildProvenance({ storyId, items, sources, links }).nodes[0] // the first-seen item
 */
export function buildProvenance(input: {
  storyId: string;
  items: readonly ProvItem[];
  sources: ReadonlyMap<string, ProvSource>;
  links?: readonly ProvLinkHint[];
}): Provenance {
  const items = [...input.items].sort((a, b) => timeOf(a) - timeOf(b) || (a.id < b.id ? -1 : 1));
  const srcOf = (i: ProvItem): ProvSource =>
    input.sources.get(i.sourceId) ?? {
      id: i.sourceId,
      name: i.sourceId,
      affiliation: 'unknown',
      platform: i.telegram ? 'telegram' : 'web',
    };
  const hints = new Map((input.links ?? []).map((l) => [l.itemId, l]));
  // a link may have been recorded in either direction (items are linked as they are analysed)
  const pairHints = new Map<string, ProvLinkHint>();
  for (const l of input.links ?? []) {
    pairHints.set(`${l.itemId}\u0000${l.toItemId}`, l);
    pairHints.set(`${l.toItemId}\u0000${l.itemId}`, l);
  }
  const words = items.map((i) => wordSet(i.foldText));
  const anchors = items.map(
    (i) => i.anchorKeys ?? extractAnchors({ title: i.title, text: i.text, links: i.links }).keys,
  );
  // skeletons of capitalised words only: outlet names are written with capitals in every script
  const textSkeletons = items.map((i) => {
    const out: string[] = [];
    for (const m of `${i.title ?? ''} ${i.text}`.matchAll(/\p{Lu}[\p{L}\p{M}ʻʼ’'-]*/gu))
      for (const part of m[0].split('-')) {
        const sk = nameSkeleton(part);
        if (sk.length > 0) out.push(sk);
      }
    return out;
  });
  const itemHosts = items.map((i) => hostOf(i.canonicalUrl ?? i.url));
  const linkHosts = items.map((i) => {
    const hosts = new Set<string>();
    for (const l of i.links) {
      const h = hostOf(l.url);
      if (h) hosts.add(h);
    }
    for (const m of `${i.title ?? ''} ${i.text}`.matchAll(/https?:\/\/[^\s<>"«»]+/g)) {
      const h = hostOf(m[0]);
      if (h) hosts.add(h);
    }
    return hosts;
  });
  const linkKeys = items.map(
    (i) => new Set(i.links.map((l) => urlKey(l.url)).filter((k): k is string => k !== undefined)),
  );
  const ownKeys = items.map((i) =>
    [i.url, i.canonicalUrl]
      .map((u) => (u ? urlKey(u) : undefined))
      .filter((k): k is string => k !== undefined),
  );
  const index = new Map(items.map((it, k) => [it.id, k]));

  const nodes: ProvNode[] = [];
  const edges: ProvenanceEdge[] = [];
  /** hosts of each earlier source (its registered URL and its items' URLs), in order of first item */
  const earlierHosts = new Map<string, Set<string>>();
  const firstOfSource = new Map<string, number>();
  const remember = (k: number) => {
    const it = items[k]!;
    let hosts = earlierHosts.get(it.sourceId);
    if (!hosts) {
      hosts = new Set<string>();
      const h = hostOf(srcOf(it).url);
      if (h) hosts.add(h);
      earlierHosts.set(it.sourceId, hosts);
      firstOfSource.set(it.sourceId, k);
    }
    const own = itemHosts[k];
    if (own) hosts.add(own);
  };
  const nameCache = new Map<string, string[][]>();
  const namesOf = (s: ProvSource) => {
    let n = nameCache.get(s.id);
    if (!n) {
      n = nameKeys(s);
      nameCache.set(s.id, n);
    }
    return n;
  };
  const first = items[0];
  const origin = first ? srcOf(first) : undefined;
  const stateOrigin = origin !== undefined && STATE_AFFILIATIONS.includes(origin.affiliation);
  const laundered: string[] = [];
  /**
   * Per item, the nearest state-sourced item on its chain (itself included): laundering is judged
   * against it, not only against the story's first item. A large story of one template can begin
   * with a non-state twin published earlier; the state item it was copied from sits inside it.
   */
  const stateAncestor: (number | undefined)[] = [];
  let stateSource: number | undefined;

  items.forEach((it, j) => {
    const src = srcOf(it);
    const node: ProvNode = {
      itemId: it.id,
      sourceId: it.sourceId,
      sourceName: src.name,
      affiliation: src.affiliation,
      platform: src.platform,
      lang: it.lang,
      title: snippet(it),
      laundering: false,
      depth: 0,
    };
    if (it.published) node.published = it.published;
    if (it.telegram?.views !== undefined) node.views = it.telegram.views;
    if (j === 0) {
      stateAncestor.push(stateOrigin ? 0 : undefined);
      nodes.push(node);
      remember(j);
      return;
    }
    const earlier: number[] = [];
    if (j <= MAX_COMPARE) for (let i = 0; i < j; i++) earlier.push(i);
    else {
      earlier.push(0);
      for (let i = j - MAX_COMPARE; i < j; i++) earlier.push(i);
    }

    // attribution: forward header, link to an earlier site, an earlier outlet named, same publisher
    const fwdId = forwardChannelId(it.telegram?.forwardedFromId);
    const fwdName = it.telegram?.forwardedFrom ? foldKey(it.telegram.forwardedFrom) : undefined;
    const isForward = Boolean(it.telegram?.forwardedFromId || it.telegram?.forwardedFrom);
    let attribution: Attribution | undefined;
    let credits: string | undefined;
    if (isForward) {
      attribution = 'forward';
      credits = it.telegram?.forwardedFrom ?? it.telegram?.forwardedFromId;
    }
    // every earlier source once (attribution may name any of them, however long the story)
    for (const [sid, hosts] of earlierHosts) {
      if (attribution) break;
      if (sid === src.id) continue;
      const es = input.sources.get(sid) ?? srcOf(items[firstOfSource.get(sid)!]!);
      if ([...hosts].some((h) => linkHosts[j]!.has(h))) {
        attribution = 'link';
        credits = es.name;
      } else if (
        namesOf(es).some((k) => containsSeq(textSkeletons[j]!, k)) ||
        [...hosts].some((h) => it.foldText.includes(h))
      ) {
        attribution = 'name';
        credits = es.name;
      } else if (samePublisher(es, src)) {
        attribution = 'same-publisher';
        credits = es.name;
      }
    }
    if (attribution) node.attribution = attribution;
    if (credits) node.credits = credits;

    // parent: forward header, link to an earlier item, stored link, similarity
    let parent: number | undefined;
    let via: ProvNode['via'];
    if (isForward) {
      const from = earlier.filter((i) => {
        const e = items[i]!;
        const es = srcOf(e);
        return (
          (fwdId !== undefined &&
            (e.telegram?.chatId === fwdId || forwardChannelId(es.channelId) === fwdId)) ||
          (fwdName !== undefined && foldKey(es.name) === fwdName)
        );
      });
      if (from.length) {
        parent = from.find((i) => items[i]!.contentHash === it.contentHash) ?? from[from.length - 1];
        via = 'forward';
      }
    }
    if (parent === undefined) {
      const linked = earlier.filter((i) => ownKeys[i]!.some((k) => linkKeys[j]!.has(k)));
      if (linked.length) {
        parent = linked[linked.length - 1];
        via = 'link';
      }
    }
    const hint = hints.get(it.id);
    if (parent === undefined && hint) {
      const k = index.get(hint.toItemId);
      if (k !== undefined && k < j) {
        parent = k;
        via = 'stored';
      }
    }
    // similarity, always computed: it names the relation and breaks ties
    let bestSame = -1;
    let bestSameSim = 0;
    let bestCross = -1;
    let bestCrossSim = 0;
    for (const i of earlier) {
      const e = items[i]!;
      if (e.lang === it.lang || e.lang === 'und' || it.lang === 'und') {
        const s = e.contentHash === it.contentHash ? 1 : jaccard(words[i]!, words[j]!);
        if (s > bestSameSim + 1e-9) {
          bestSame = i;
          bestSameSim = s;
        }
      } else {
        const s = scorePair(anchors[i]!, anchors[j]!, UNIFORM).score;
        if (s > bestCrossSim + 1e-9) {
          bestCross = i;
          bestCrossSim = s;
        }
      }
    }
    if (parent === undefined) {
      via = 'similarity';
      if (bestSame >= 0 && (bestSameSim >= 0.3 || bestCross < 0)) parent = bestSame;
      else if (bestCross >= 0) parent = bestCross;
      else parent = 0;
    }
    const p = items[parent]!;
    const ps = srcOf(p);
    const cross = p.lang !== it.lang && p.lang !== 'und' && it.lang !== 'und';
    const sim = cross
      ? scorePair(anchors[parent]!, anchors[j]!, UNIFORM).score
      : p.contentHash === it.contentHash
        ? 1
        : jaccard(words[parent]!, words[j]!);
    let relation: ProvenanceRelation;
    if (via === 'forward') relation = 'forward';
    else if (samePublisher(ps, src)) relation = 'crosspost';
    else if (cross) relation = 'translation';
    else if (sim >= 0.9) relation = 'copy';
    else if (sim >= 0.5) relation = 'near';
    else relation = 'rewrite';

    node.parent = p.id;
    node.relation = relation;
    node.similarity = Math.round(sim * 1000) / 1000;
    if (via) node.via = via;
    const tp = timeOf(p);
    const tj = timeOf(it);
    if (p.published && it.published && Number.isFinite(tp) && Number.isFinite(tj))
      node.lagSeconds = Math.round((tj - tp) / 1000);
    node.depth = (nodes[parent]?.depth ?? 0) + 1;
    const pairHint = pairHints.get(`${it.id}\u0000${p.id}`);
    if (pairHint) node.reasons = pairHint.reasons;
    const anc = stateAncestor[parent];
    const ancSrc = anc === undefined ? undefined : srcOf(items[anc]!);
    node.laundering =
      ancSrc !== undefined &&
      src.id !== ancSrc.id &&
      !samePublisher(ancSrc, src) &&
      node.attribution === undefined;
    stateAncestor.push(STATE_AFFILIATIONS.includes(src.affiliation) ? j : anc);
    if (node.laundering) {
      laundered.push(it.id);
      if (stateSource === undefined || anc! < stateSource) stateSource = anc;
    }
    nodes.push(node);
    remember(j);
    const edge: ProvenanceEdge = {
      storyId: input.storyId,
      from: p.id,
      to: it.id,
      relation,
      laundering: node.laundering,
    };
    if (node.lagSeconds !== undefined) edge.lagSeconds = node.lagSeconds;
    if (node.attribution) edge.attribution = node.attribution;
    edges.push(edge);
  });

  const out: Provenance = {
    storyId: input.storyId,
    firstItemId: first?.id ?? '',
    nodes,
    edges,
    laundering: { flagged: laundered.length > 0, items: laundered },
  };
  // the story's first item when it is state-sourced, else the earliest state item laundered from
  const o = stateOrigin ? 0 : stateSource;
  const oi = o === undefined ? undefined : items[o];
  if (oi) {
    const os = srcOf(oi);
    out.laundering.origin = {
      itemId: oi.id,
      sourceId: os.id,
      sourceName: os.name,
      affiliation: os.affiliation,
    };
  }
  return out;
}
