/**
 * @ogoh/ingest: files, fetched bodies and images → parsed records, hashes and OCR text. Formats: RSS
 * 2.0/RDF, Atom, Telegram Desktop JSON export, Telegram t.me/s previews, HTML articles, sitemaps, CSV,
 * JSONL. It stores nothing and computes no ids, languages or normalised text: the app does.
 * `fetch/fetch.ts` is the only network code in Ogoh.
 */
export { parseDate } from './dates.ts';
export { decode, httpCharset } from './decode.ts';
export { detectFormat } from './detect-format.ts';
export { type AllowRule, classifyAddress, parseAllowList } from './fetch/address.ts';
export {
  createFetcher,
  DEFAULT_USER_AGENT,
  FetchError,
  type Fetcher,
  type FetcherOptions,
  type FetchRequest,
  type FetchResult,
} from './fetch/fetch.ts';
export { type FixtureRoute, type FixtureServer, serveFixtures } from './fetch/fixture-server.ts';
export { HostLimiter, type HostStats, type LimiterOptions } from './fetch/limiter.ts';
export { type PostJsonOptions, type PostJsonResult, postJson } from './fetch/post-json.ts';
export { postWebhook, type WebhookOptions, type WebhookResult } from './fetch/webhook.ts';
export { listFiles } from './files.ts';
export { extractArticle, type PageMeta } from './html/parse.ts';
export { htmlToText } from './html.ts';
export {
  imageKind,
  type OcrOptions,
  type OcrResult,
  ocrImage,
  ocrLangsFor,
  type TesseractInfo,
  tesseractInfo,
} from './ocr/ocr.ts';
export { type ParseRun, parseBytes, parseFile } from './parse.ts';
export {
  type DecodedImage,
  decodeImage,
  hammingDistance,
  imageSize,
  NEAR_DUPLICATE_BITS,
  phash,
  phashOf,
} from './phash/phash.ts';
export { parseSitemap, type Sitemap, type SitemapEntry } from './sitemap/parse.ts';
export { olderPageUrl } from './telegram-html/parse.ts';
export type { FileInfo, ParsedRecord, ParseEvent, ParseOptions, Rejected, Skipped } from './types.ts';
export { MAP_TARGETS, type MapTarget } from './types.ts';
export { canonicalUrl } from './url.ts';
