/**
 * The domain records every package shares. Schemas (zod) validate at the boundaries; the inferred
 * types are what code passes around. Times are UTC ISO-8601 strings ("2026-03-01T10:00:00.000Z").
 */
import { z } from 'zod';

export const AFFILIATIONS = [
  'russian-state',
  'russian-state-affiliated',
  'tajik-state',
  'independent',
  'international',
  'extremist',
  'unknown',
] as const;
export const Affiliation = z.enum(AFFILIATIONS);
export type Affiliation = z.infer<typeof Affiliation>;

export const PLATFORMS = ['rss', 'atom', 'web', 'telegram', 'sitemap', 'file'] as const;
export const Platform = z.enum(PLATFORMS);
export type Platform = z.infer<typeof Platform>;

/** Formats the ingest layer understands. */
export const FORMATS = [
  'rss',
  'atom',
  'telegram',
  'telegram-html',
  'html',
  'csv',
  'jsonl',
  'sitemap',
] as const;
export const Format = z.enum(FORMATS);
export type Format = z.infer<typeof Format>;

/** Language codes Ogoh identifies; `und` = undetermined. Uzbek keeps one code for both scripts. */
export const LANGS = ['tg', 'ru', 'uk', 'uz', 'en', 'fa', 'und'] as const;
export const Lang = z.enum(LANGS);
export type Lang = z.infer<typeof Lang>;

const isoTime = z.iso.datetime({ offset: true });

export const Source = z.object({
  /** Domain or channel id based, never a display name. */
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lower-case letters, digits, ".", "_" or "-", at most 64'),
  name: z.string().min(1),
  platform: Platform,
  url: z.string().optional(),
  channelId: z.string().optional(),
  languages: z.array(z.string()).default([]),
  country: z.string().optional(),
  affiliation: Affiliation.default('unknown'),
  affiliationNote: z.string().optional(),
  tags: z.array(z.string()).default([]),
  pollIntervalSec: z.number().int().positive().optional(),
  createdAt: isoTime,
});
export type Source = z.infer<typeof Source>;

/** An author or channel as seen in the data (content, not people: used only for tracing sharing). */
export const Account = z.object({
  id: z.string(),
  sourceId: z.string(),
  externalId: z.string().optional(),
  name: z.string().optional(),
  kind: z.enum(['author', 'channel', 'user']),
});
export type Account = z.infer<typeof Account>;

export const Link = z.object({ url: z.string(), text: z.string().optional() });
export type Link = z.infer<typeof Link>;

export const MediaRef = z.object({
  kind: z.enum(['photo', 'video', 'audio', 'file', 'sticker', 'other']),
  path: z.string().optional(),
  url: z.string().optional(),
  mime: z.string().optional(),
  size: z.number().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  /** perceptual or content hash, when computed */
  hash: z.string().optional(),
});
export type MediaRef = z.infer<typeof MediaRef>;

export const TelegramMeta = z.object({
  messageId: z.number(),
  chatId: z.string().optional(),
  chatName: z.string().optional(),
  forwardedFrom: z.string().optional(),
  forwardedFromId: z.string().optional(),
  replyTo: z.number().optional(),
  edited: z.string().optional(),
  views: z.number().optional(),
  forwards: z.number().optional(),
});
export type TelegramMeta = z.infer<typeof TelegramMeta>;

/** A raw payload: the bytes as collected (a file or a fetched response), kept verbatim. */
export const RawPayload = z.object({
  id: z.string(),
  uri: z.string(),
  format: Format,
  sourceId: z.string(),
  size: z.number().int().nonnegative(),
  encoding: z.string().optional(),
  contentType: z.string().optional(),
  collectedAt: isoTime,
  /** The body; may be omitted for very large files, whose records are then kept per item (`Item.raw`). */
  body: z.instanceof(Uint8Array).optional(),
});
export type RawPayload = z.infer<typeof RawPayload>;

export const Item = z.object({
  id: z.string(),
  sourceId: z.string(),
  externalId: z.string().optional(),
  url: z.string().optional(),
  canonicalUrl: z.string().optional(),
  title: z.string().optional(),
  text: z.string(),
  lang: Lang,
  langConfidence: z.number().min(0).max(1),
  /** UTC ISO-8601 */
  published: isoTime.optional(),
  /** the date as written in the input */
  publishedRaw: z.string().optional(),
  collectedAt: isoTime,
  authorId: z.string().optional(),
  authorName: z.string().optional(),
  /** hash of the normalised text: equal for exact copies */
  contentHash: z.string(),
  /**
   * Title + text normalised (NFC, lookalikes, lower-case) and keyboard-folded: the search and matching
   * key, so Tajik typed on a Russian layout meets proper Tajik. Never shown; `text` stays verbatim.
   */
  foldText: z.string(),
  links: z.array(Link).default([]),
  media: z.array(MediaRef).default([]),
  telegram: TelegramMeta.optional(),
  format: Format,
  payloadId: z.string(),
  /** the verbatim record (XML fragment, JSON object, CSV row) this item was parsed from */
  raw: z.string(),
  /** text read from the item's images by OCR; also part of `foldText`, so it is searchable */
  ocrText: z.string().optional(),
  /**
   * Set for items of extremist sources: their media were never stored (only hashes, metadata and
   * OCR text), and no interface may render or link them.
   */
  mediaWithheld: z.boolean().optional(),
  storyId: z.string().optional(),
  analyzedAt: isoTime.optional(),
});
export type Item = z.infer<typeof Item>;

export const StoryMember = z.object({
  itemId: z.string(),
  /** how this item joined the story */
  link: z.enum(['first', 'exact', 'near', 'rewrite', 'translation']),
  /** similarity to the story's first item, 0..1 */
  similarity: z.number(),
});
export type StoryMember = z.infer<typeof StoryMember>;

export const Story = z.object({
  id: z.string(),
  firstItemId: z.string(),
  firstSeen: isoTime.optional(),
  lastSeen: isoTime.optional(),
  size: z.number().int().positive(),
  sources: z.number().int().nonnegative(),
  langs: z.array(z.string()),
  title: z.string().optional(),
  members: z.array(StoryMember),
});
export type Story = z.infer<typeof Story>;

export const Span = z.object({ start: z.number().int(), end: z.number().int(), text: z.string().optional() });
export type Span = z.infer<typeof Span>;

export const Detection = z.object({
  id: z.string(),
  itemId: z.string(),
  kind: z.enum(['narrative', 'technique', 'claim', 'convergence']),
  label: z.string(),
  score: z.number(),
  evidence: z.array(Span),
  /** free-form explanation parts: cues, features, source signal */
  explain: z.record(z.string(), z.unknown()).default({}),
  model: z.string(),
  taxonomyVersion: z.string().optional(),
  createdAt: isoTime,
});
export type Detection = z.infer<typeof Detection>;

/** One account sharing one object (URL, text, forward) at one time: CooRTweet's row. */
export const ShareEvent = z.object({
  objectId: z.string(),
  accountId: z.string(),
  contentId: z.string(),
  timestamp: z.number(),
});
export type ShareEvent = z.infer<typeof ShareEvent>;
