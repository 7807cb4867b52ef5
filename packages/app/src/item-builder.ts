/**
 * Turns a parsed record into an Item: normalised search key, language, content hash, stable id.
 * Pure apart from the language-id models loaded once by `initLanguageId`.
 */
import { digest, type Format, type Item, itemId, LANGS, type Lang } from '@ogoh/core';
import { canonicalUrl, type ParsedRecord } from '@ogoh/ingest';
import { fold, identify, normalize } from '@ogoh/text';

const KNOWN_LANGS = new Set<string>(LANGS);

/** Declared language tags ("ru-RU", "tg", "uz-Latn", "tgk") → our codes. */
export function declaredLang(tag: string | undefined): Lang | undefined {
  if (!tag) return undefined;
  const t = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  const alias: Record<string, Lang> = {
    tgk: 'tg',
    tj: 'tg',
    rus: 'ru',
    ukr: 'uk',
    uzb: 'uz',
    uzn: 'uz',
    eng: 'en',
    fas: 'fa',
    pes: 'fa',
    prs: 'fa',
  };
  const code = alias[t] ?? t;
  return KNOWN_LANGS.has(code) && code !== 'und' ? (code as Lang) : undefined;
}

export interface BuildContext {
  sourceId: string;
  format: Format;
  payloadId: string;
  collectedAt: string;
}

export function buildItem(rec: ParsedRecord, ctx: BuildContext): Item {
  const body = rec.text;
  const full = rec.title && body ? `${rec.title}\n\n${body}` : rec.title || body;
  const foldText = fold(normalize(full));
  const contentHash = digest(fold(normalize(body || rec.title || '')));
  const canonical = rec.url ? canonicalUrl(rec.url) : undefined;
  const detected = identify(full);
  const declared = declaredLang(rec.lang);
  // A declared language wins only where our own evidence is weak (short or ambiguous text).
  const useDeclared = declared !== undefined && detected.confidence < 0.6;
  const item: Item = {
    id: itemId(ctx.sourceId, { externalId: rec.externalId, canonicalUrl: canonical, contentHash }),
    sourceId: ctx.sourceId,
    text: body,
    lang: useDeclared ? declared : detected.lang,
    langConfidence: useDeclared ? 0.6 : detected.confidence,
    collectedAt: ctx.collectedAt,
    contentHash,
    foldText,
    links: rec.links,
    media: rec.media,
    format: ctx.format,
    payloadId: ctx.payloadId,
    raw: rec.raw,
  };
  if (rec.externalId !== undefined) item.externalId = rec.externalId;
  if (rec.url !== undefined) item.url = rec.url;
  if (canonical !== undefined) item.canonicalUrl = canonical;
  if (rec.title !== undefined) item.title = rec.title;
  if (rec.published !== undefined) item.published = rec.published;
  if (rec.publishedRaw !== undefined) item.publishedRaw = rec.publishedRaw;
  if (rec.authorName !== undefined) item.authorName = rec.authorName;
  if (rec.authorId !== undefined) item.authorId = rec.authorId;
  if (rec.telegram !== undefined) item.telegram = rec.telegram;
  return item;
}
