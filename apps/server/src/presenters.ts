/**
 * Presenters decide what the API shows of a record: never the folded search key, payload ids or
 * story member lists in listings, and the verbatim raw record only when asked for (analysts).
 */
import type { ItemView, PublicApiKey, StoryView } from '@ogoh/app';
import type { ClaimRecord, ItemSummary, Source, Story } from '@ogoh/core';

const EXCERPT_CHARS = 320;

/** The given optional fields that are set (records from zod carry `undefined` in their types). */
function pick<T extends object, K extends keyof T>(
  obj: T,
  keys: readonly K[],
): { [P in K]?: Exclude<T[P], undefined> } {
  const out: { [P in K]?: Exclude<T[P], undefined> } = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k] as Exclude<T[K], undefined>;
  return out;
}

export function excerpt(text: string): string {
  if (text.length <= EXCERPT_CHARS) return text;
  const cut = text.lastIndexOf(' ', EXCERPT_CHARS);
  return `${text.slice(0, cut > EXCERPT_CHARS * 0.6 ? cut : EXCERPT_CHARS)}…`;
}

export function itemSummary(i: ItemSummary) {
  return {
    id: i.id,
    sourceId: i.sourceId,
    excerpt: excerpt(i.text),
    lang: i.lang,
    langConfidence: i.langConfidence,
    ...pick(i, ['title', 'published', 'url', 'storyId'] as const),
  };
}

/** A story's label when it has no title: the start of its first item, up to a word boundary. */
export function headline(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.lastIndexOf(' ', max);
  return `${flat.slice(0, cut > max * 0.5 ? cut : max)}…`;
}

export function storySummary(s: Story, firstText?: string) {
  return {
    id: s.id,
    ...(s.title === undefined && firstText ? { excerpt: headline(firstText) } : {}),
    firstItemId: s.firstItemId,
    size: s.size,
    sources: s.sources,
    langs: s.langs,
    ...pick(s, ['firstSeen', 'lastSeen', 'title'] as const),
  };
}

export function source(s: Source) {
  return {
    id: s.id,
    name: s.name,
    platform: s.platform,
    languages: s.languages,
    affiliation: s.affiliation,
    tags: s.tags,
    createdAt: s.createdAt,
    ...pick(s, ['url', 'channelId', 'country', 'affiliationNote'] as const),
  };
}

export function itemDetail(v: ItemView, withRaw: boolean) {
  const i = v.item;
  const item = {
    id: i.id,
    sourceId: i.sourceId,
    text: i.text,
    lang: i.lang,
    langConfidence: i.langConfidence,
    collectedAt: i.collectedAt,
    links: i.links.map((l) => ({ url: l.url, ...pick(l, ['text'] as const) })),
    // Media of extremist sources is withheld: never a URL or path a browser could load, only metadata.
    media: i.media.map((m) => ({
      kind: m.kind,
      ...pick(
        m,
        i.mediaWithheld
          ? (['mime', 'size', 'width', 'height', 'hash'] as const)
          : (['path', 'url', 'mime', 'size', 'width', 'height', 'hash'] as const),
      ),
    })),
    ...(i.mediaWithheld ? { mediaWithheld: true } : {}),
    format: i.format,
    ...pick(i, [
      'externalId',
      'url',
      'canonicalUrl',
      'title',
      'published',
      'publishedRaw',
      'authorName',
      'telegram',
      'storyId',
      'analyzedAt',
      'ocrText',
    ] as const),
    ...(withRaw ? { raw: i.raw } : {}),
  };
  return {
    item,
    detections: v.detections.map((d) => ({
      id: d.id,
      kind: d.kind,
      label: d.label,
      score: d.score,
      evidence: d.evidence.map((e) => ({ start: e.start, end: e.end, ...pick(e, ['text'] as const) })),
      explain: d.explain,
      model: d.model,
      createdAt: d.createdAt,
      ...pick(d, ['taxonomyVersion'] as const),
    })),
    ...(v.source ? { source: source(v.source) } : {}),
    ...(v.story
      ? { story: { ...storySummary({ ...v.story, members: [] }), ...pick(v.story, ['link'] as const) } }
      : {}),
    claims: v.claims.map((c) => ({ ...presentClaim(c), score: c.score })),
  };
}

export function storyDetail(v: StoryView) {
  const sources = new Map(v.sources.map((s) => [s.id, s]));
  const members = new Map(v.story.members.map((m) => [m.itemId, m]));
  const first = v.items.find((i) => i.id === v.story.firstItemId) ?? v.items[0];
  return {
    story: storySummary(v.story, first?.text),
    members: v.items.map((i) => {
      const m = members.get(i.id);
      const s = sources.get(i.sourceId);
      return {
        ...itemSummary(i),
        link: m?.link ?? 'first',
        similarity: m?.similarity ?? 1,
        ...(s ? { sourceName: s.name, affiliation: s.affiliation } : {}),
      };
    }),
    truncated: v.truncated,
  };
}

export function apiKey(k: PublicApiKey) {
  return {
    id: k.id,
    name: k.name,
    role: k.role,
    prefix: k.prefix,
    createdAt: k.createdAt,
    ...pick(k, ['createdBy', 'revokedAt', 'lastUsedAt'] as const),
  };
}

/** Only a claim's published fields: whatever a stored record holds beyond them is not sent. */
export function presentClaim(c: ClaimRecord) {
  return {
    id: c.id,
    text: c.text,
    ...pick(c, [
      'rating',
      'org',
      'url',
      'date',
      'lang',
      'claimant',
      'claimDate',
      'title',
      'appearances',
    ] as const),
  };
}
