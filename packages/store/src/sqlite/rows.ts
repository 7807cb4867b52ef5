/**
 * Row ↔ record mapping. SQL NULL becomes an absent property (never `undefined`-valued keys, which
 * `exactOptionalPropertyTypes` and deep equality both treat as different from a missing key);
 * JSON columns are parsed here; blobs become plain Uint8Arrays. Nothing outside sqlite/ sees a row.
 */
import type { Account, Detection, Item, RawPayload, Source } from '@ogoh/core';

type Nullable<T> = T | null;

/** Copies `value` onto `out[key]` unless it is SQL NULL. */
function opt<T extends object, K extends keyof T>(out: T, key: K, value: T[K] | null): void {
  if (value !== null && value !== undefined) out[key] = value;
}

// ---------- sources ----------

export interface SourceRow {
  id: string;
  name: string;
  platform: string;
  url: Nullable<string>;
  channel_id: Nullable<string>;
  languages: string;
  country: Nullable<string>;
  affiliation: string;
  affiliation_note: Nullable<string>;
  tags: string;
  poll_interval_sec: Nullable<number>;
  created_at: string;
}

export const SOURCE_COLUMNS =
  'id, name, platform, url, channel_id, languages, country, affiliation, affiliation_note, tags, poll_interval_sec, created_at';

export function sourceParams(s: Source): SourceRow {
  return {
    id: s.id,
    name: s.name,
    platform: s.platform,
    url: s.url ?? null,
    channel_id: s.channelId ?? null,
    languages: JSON.stringify(s.languages ?? []),
    country: s.country ?? null,
    affiliation: s.affiliation ?? 'unknown',
    affiliation_note: s.affiliationNote ?? null,
    tags: JSON.stringify(s.tags ?? []),
    poll_interval_sec: s.pollIntervalSec ?? null,
    created_at: s.createdAt,
  };
}

export function rowToSource(r: SourceRow): Source {
  const s: Source = {
    id: r.id,
    name: r.name,
    platform: r.platform as Source['platform'],
    languages: JSON.parse(r.languages) as string[],
    affiliation: r.affiliation as Source['affiliation'],
    tags: JSON.parse(r.tags) as string[],
    createdAt: r.created_at,
  };
  opt(s, 'url', r.url);
  opt(s, 'channelId', r.channel_id);
  opt(s, 'country', r.country);
  opt(s, 'affiliationNote', r.affiliation_note);
  opt(s, 'pollIntervalSec', r.poll_interval_sec);
  return s;
}

// ---------- payloads and accounts ----------

export interface PayloadRow {
  id: string;
  uri: string;
  format: string;
  source_id: string;
  size: number;
  encoding: Nullable<string>;
  content_type: Nullable<string>;
  collected_at: string;
  body: Nullable<Uint8Array>;
}

export const PAYLOAD_COLUMNS = 'id, uri, format, source_id, size, encoding, content_type, collected_at, body';

export function payloadParams(p: RawPayload): PayloadRow {
  return {
    id: p.id,
    uri: p.uri,
    format: p.format,
    source_id: p.sourceId,
    size: p.size,
    encoding: p.encoding ?? null,
    content_type: p.contentType ?? null,
    collected_at: p.collectedAt,
    body: p.body ?? null,
  };
}

export function rowToPayload(r: PayloadRow): RawPayload {
  const p: RawPayload = {
    id: r.id,
    uri: r.uri,
    format: r.format as RawPayload['format'],
    sourceId: r.source_id,
    size: r.size,
    collectedAt: r.collected_at,
  };
  opt(p, 'encoding', r.encoding);
  opt(p, 'contentType', r.content_type);
  // A plain Uint8Array, not the driver's Buffer subclass, so callers compare bytes, not prototypes.
  if (r.body !== null) p.body = new Uint8Array(r.body);
  return p;
}

export function accountParams(a: Account): Record<string, unknown> {
  return {
    id: a.id,
    source_id: a.sourceId,
    external_id: a.externalId ?? null,
    name: a.name ?? null,
    kind: a.kind,
  };
}

// ---------- items ----------

export interface ItemRow {
  id: string;
  source_id: string;
  external_id: Nullable<string>;
  url: Nullable<string>;
  canonical_url: Nullable<string>;
  title: Nullable<string>;
  text: string;
  lang: string;
  lang_confidence: number;
  published: Nullable<string>;
  published_raw: Nullable<string>;
  collected_at: string;
  author_id: Nullable<string>;
  author_name: Nullable<string>;
  content_hash: string;
  fold_text: string;
  links: string;
  media: string;
  telegram: Nullable<string>;
  format: string;
  payload_id: string;
  raw: string;
  story_id: Nullable<string>;
  analyzed_at: Nullable<string>;
  /** migration 5 (collection) */
  ocr_text: Nullable<string>;
  media_withheld: Nullable<number>;
}

const ITEM_FIELDS = [
  'id',
  'source_id',
  'external_id',
  'url',
  'canonical_url',
  'title',
  'text',
  'lang',
  'lang_confidence',
  'published',
  'published_raw',
  'collected_at',
  'author_id',
  'author_name',
  'content_hash',
  'fold_text',
  'links',
  'media',
  'telegram',
  'format',
  'payload_id',
  'raw',
  'story_id',
  'analyzed_at',
  'ocr_text',
  'media_withheld',
] as const;

/** Item columns qualified with `alias.` for SELECTs (the generated `meta` column stays inside). */
export function itemColumns(alias: string): string {
  return ITEM_FIELDS.map((c) => `${alias}.${c}`).join(', ');
}

/** Columns written by an insert (story_id is owned by assignStories and starts empty). */
export const ITEM_INSERT_COLUMNS = ITEM_FIELDS.filter((c) => c !== 'story_id');

/**
 * Insert parameters for an item. Every column gets a value (`null` when absent) so a missing
 * required field surfaces as a NOT NULL failure naming the column, not as a driver binding error.
 */
export function itemParams(it: Item, sortKey: bigint, seq: number): Record<string, unknown> {
  return {
    sort_key: sortKey,
    seq,
    id: it.id ?? null,
    source_id: it.sourceId ?? null,
    external_id: it.externalId ?? null,
    url: it.url ?? null,
    canonical_url: it.canonicalUrl ?? null,
    title: it.title ?? null,
    text: it.text ?? null,
    lang: it.lang ?? null,
    lang_confidence: it.langConfidence ?? null,
    published: it.published ?? null,
    published_raw: it.publishedRaw ?? null,
    collected_at: it.collectedAt ?? null,
    author_id: it.authorId ?? null,
    author_name: it.authorName ?? null,
    content_hash: it.contentHash ?? null,
    fold_text: it.foldText ?? null,
    links: JSON.stringify(it.links ?? []),
    media: JSON.stringify(it.media ?? []),
    telegram: it.telegram === undefined ? null : JSON.stringify(it.telegram),
    format: it.format ?? null,
    payload_id: it.payloadId ?? null,
    raw: it.raw ?? null,
    analyzed_at: it.analyzedAt ?? null,
    ocr_text: it.ocrText ?? null,
    media_withheld: it.mediaWithheld ? 1 : null,
  };
}

export function rowToItem(r: ItemRow): Item {
  const it: Item = {
    id: r.id,
    sourceId: r.source_id,
    text: r.text,
    lang: r.lang as Item['lang'],
    langConfidence: r.lang_confidence,
    collectedAt: r.collected_at,
    contentHash: r.content_hash,
    foldText: r.fold_text,
    links: JSON.parse(r.links) as Item['links'],
    media: JSON.parse(r.media) as Item['media'],
    format: r.format as Item['format'],
    payloadId: r.payload_id,
    raw: r.raw,
  };
  opt(it, 'externalId', r.external_id);
  opt(it, 'url', r.url);
  opt(it, 'canonicalUrl', r.canonical_url);
  opt(it, 'title', r.title);
  opt(it, 'published', r.published);
  opt(it, 'publishedRaw', r.published_raw);
  opt(it, 'authorId', r.author_id);
  opt(it, 'authorName', r.author_name);
  if (r.telegram !== null) it.telegram = JSON.parse(r.telegram) as NonNullable<Item['telegram']>;
  opt(it, 'storyId', r.story_id);
  opt(it, 'analyzedAt', r.analyzed_at);
  opt(it, 'ocrText', r.ocr_text);
  if (r.media_withheld) it.mediaWithheld = true;
  return it;
}

/** SQLite column name → the record field a NOT NULL message should name. */
export function fieldOfColumn(column: string): string {
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

// ---------- detections ----------

export interface DetectionRow {
  id: string;
  item_id: string;
  kind: string;
  label: string;
  score: number;
  evidence: string;
  explain: string;
  model: string;
  taxonomy_version: Nullable<string>;
  created_at: string;
}

export const DETECTION_COLUMNS =
  'id, item_id, kind, label, score, evidence, explain, model, taxonomy_version, created_at';

export function detectionParams(d: Detection): DetectionRow {
  return {
    id: d.id ?? null,
    item_id: d.itemId ?? null,
    kind: d.kind ?? null,
    label: d.label ?? null,
    score: d.score ?? null,
    evidence: JSON.stringify(d.evidence ?? []),
    explain: JSON.stringify(d.explain ?? {}),
    model: d.model ?? null,
    taxonomy_version: d.taxonomyVersion ?? null,
    created_at: d.createdAt ?? null,
  };
}

export function rowToDetection(r: DetectionRow): Detection {
  const d: Detection = {
    id: r.id,
    itemId: r.item_id,
    kind: r.kind as Detection['kind'],
    label: r.label,
    score: r.score,
    evidence: JSON.parse(r.evidence) as Detection['evidence'],
    explain: JSON.parse(r.explain) as Detection['explain'],
    model: r.model,
    createdAt: r.created_at,
  };
  opt(d, 'taxonomyVersion', r.taxonomy_version);
  return d;
}

// ---------- signatures ----------

/** A little-endian host writes and reads the stored little-endian words with one copy. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** A MinHash signature as little-endian bytes, the same on every machine. */
export function encodeSignature(sig: Uint32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(sig.buffer, sig.byteOffset, sig.byteLength).slice();
  const out = new Uint8Array(sig.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < sig.length; i++) view.setUint32(i * 4, sig[i]!, true);
  return out;
}

export function decodeSignature(bytes: Uint8Array | null): Uint32Array {
  if (bytes === null) return new Uint32Array(0);
  const out = new Uint32Array(bytes.byteLength >>> 2);
  // story clustering decodes hundreds of thousands of candidate signatures per run
  if (LITTLE_ENDIAN) {
    new Uint8Array(out.buffer).set(bytes.subarray(0, out.length * 4));
    return out;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(i * 4, true);
  return out;
}

/**
 * 53-bit hash of a band key (cyrb53): an exact-integer JSON number and SQLite INTEGER, so band
 * lookups bind one JSON array instead of one parameter per band.
 */
export function bandHash(key: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const ch = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export function encodeBands(hashes: number[]): Uint8Array {
  const out = new Uint8Array(hashes.length * 8);
  const view = new DataView(out.buffer);
  hashes.forEach((h, i) => {
    view.setBigInt64(i * 8, BigInt(h), true);
  });
  return out;
}

export function decodeBands(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  for (let i = 0; i + 8 <= bytes.byteLength; i += 8) out.push(Number(view.getBigInt64(i, true)));
  return out;
}
