/**
 * An article page (fetched or saved as a file) → one record: main text without navigation, asides
 * and footers (Mozilla Readability over linkedom, ~13× faster than jsdom), title, byline, date,
 * language and canonical URL. Page metadata is read before Readability runs, because Readability
 * rewrites the document it is given.
 */
import { Readability } from '@mozilla/readability';
import type { MediaRef } from '@ogoh/core';
import { OgohError } from '@ogoh/core';
import { parseHTML } from 'linkedom';
import { parseDate } from '../dates.ts';
import { addLinks, bareUrls, htmlToText, resolveUrl } from '../html.ts';
import { addMedia, oneLine } from '../record.ts';
import type { ParsedRecord, ParseEvent } from '../types.ts';

export interface HtmlParseOptions {
  maxFieldChars: number;
  /** where the page came from: base for relative links, and its URL when it names no canonical one */
  url?: string;
}

/** The minimal DOM surface used here (linkedom's types are loose). */
interface El {
  getAttribute(name: string): string | null;
  textContent: string | null;
}
interface Doc {
  querySelector(sel: string): El | null;
  querySelectorAll(sel: string): Iterable<El> & { length: number };
  documentElement: El | null;
}

/** Page metadata: what the publisher declares about the article. */
export interface PageMeta {
  title?: string;
  canonical?: string;
  published?: string;
  publishedRaw?: string;
  author?: string;
  lang?: string;
  siteName?: string;
  image?: string;
  description?: string;
}

function meta(doc: Doc, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const el =
      doc.querySelector(`meta[property="${k}"]`) ??
      doc.querySelector(`meta[name="${k}"]`) ??
      doc.querySelector(`meta[itemprop="${k}"]`);
    const v = el?.getAttribute('content')?.trim();
    if (v) return v;
  }
  return undefined;
}

/** JSON-LD objects of the page, flattened through @graph and arrays. */
function jsonLd(doc: Doc): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > 4 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const o = v as Record<string, unknown>;
    out.push(o);
    if (o['@graph']) visit(o['@graph'], depth + 1);
  };
  for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(s.textContent ?? ''), 0);
    } catch {
      // publishers ship broken JSON-LD often enough; the meta tags still count
    }
  }
  return out;
}

const ARTICLE_TYPES = /Article|BlogPosting|Report|NewsArticle|WebPage/;

function ldString(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (Array.isArray(v)) return ldString(v[0]);
  if (v && typeof v === 'object') return ldString((v as Record<string, unknown>).name);
  return undefined;
}

/** Reads the declared metadata of a page (canonical link, Open Graph, article:*, JSON-LD, <time>). */
export function pageMeta(doc: Doc, base: string | undefined): PageMeta {
  const out: PageMeta = {};
  const ld = jsonLd(doc).filter((o) => ARTICLE_TYPES.test(String(o['@type'] ?? '')));
  const article = ld.find((o) => o.datePublished !== undefined) ?? ld[0];
  const canonicalHref =
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta(doc, 'og:url') ?? undefined;
  const canonical = canonicalHref ? resolveUrl(canonicalHref, base) : undefined;
  if (canonical) out.canonical = canonical;
  const title =
    meta(doc, 'og:title', 'twitter:title') ??
    ldString(article?.headline) ??
    doc.querySelector('title')?.textContent?.trim();
  if (title) out.title = oneLine(title);
  const dateRaw =
    meta(
      doc,
      'article:published_time',
      'og:article:published_time',
      'datePublished',
      'pubdate',
      'publishdate',
      'date',
      'DC.date.issued',
      'dcterms.created',
      'sailthru.date',
    ) ??
    ldString(article?.datePublished) ??
    doc.querySelector('article time[datetime]')?.getAttribute('datetime') ??
    doc.querySelector('time[datetime]')?.getAttribute('datetime') ??
    undefined;
  if (dateRaw) {
    const iso = parseDate(dateRaw);
    out.publishedRaw = dateRaw;
    if (iso) out.published = iso;
  }
  const author = meta(doc, 'author', 'article:author') ?? ldString(article?.author);
  if (author && !/^https?:\/\//.test(author)) out.author = oneLine(author);
  const lang =
    doc.documentElement?.getAttribute('lang') ??
    doc.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content') ??
    meta(doc, 'og:locale', 'inLanguage') ??
    ldString(article?.inLanguage);
  if (lang?.trim()) out.lang = lang.trim().replace('_', '-');
  const site = meta(doc, 'og:site_name', 'application-name');
  if (site) out.siteName = oneLine(site);
  const image = meta(doc, 'og:image', 'twitter:image');
  const imageUrl = image ? resolveUrl(image, base) : undefined;
  if (imageUrl) out.image = imageUrl;
  const description = meta(doc, 'og:description', 'description');
  if (description) out.description = oneLine(description);
  return out;
}

/** Readability's byline often carries a label ("Автор:", "Муаллиф:", "By"): keep the name. */
function cleanByline(s: string): string {
  return oneLine(s.replace(/^(by|автор|муаллиф|муаллифон|muallif|author)\s*[:：-]?\s*/i, ''));
}

function parseDocument(html: string): Doc {
  // linkedom builds the tree without running scripts or fetching anything.
  return parseHTML(html).document as unknown as Doc;
}

/**
 * Extracts the article of one HTML page.
 * @throws OgohError INPUT_PARSE when the page has no readable text at all
 * @example const rec = extractArticle(html, { url: 'https://example.tj/news/1', maxFieldChars: 1e6 });
 */
export function extractArticle(html: string, opts: HtmlParseOptions): ParsedRecord {
  const base = opts.url;
  const metaDoc = parseDocument(html);
  const m = pageMeta(metaDoc, base);
  let text = '';
  let title = m.title;
  let author = m.author;
  let raw = '';
  const links: ParsedRecord['links'] = [];
  const media: MediaRef[] = [];
  let article: ReturnType<Readability['parse']> = null;
  try {
    type ReadabilityDoc = ConstructorParameters<typeof Readability>[0];
    article = new Readability(parseDocument(html) as unknown as ReadabilityDoc, {
      charThreshold: 200,
    }).parse();
  } catch {
    article = null;
  }
  if (article?.content) {
    const body = htmlToText(article.content, base);
    text = body.text;
    addLinks(links, body.links);
    addMedia(media, body.images);
    raw = article.content;
    title = title ?? (article.title ? oneLine(article.title) : undefined);
    if (!author && article.byline) author = cleanByline(article.byline);
    else if (author) author = cleanByline(author);
  } else {
    // Not article-shaped (a list page, a short notice): the body without scripts and chrome.
    const bodyStart = html.search(/<body[\s>]/i);
    const body = htmlToText(bodyStart === -1 ? html : html.slice(bodyStart), base);
    text = body.text;
    addLinks(links, body.links);
    addMedia(media, body.images);
    raw = html;
  }
  // Readability keeps the headline as the first line of the content, and the byline too when it
  // took the author from metadata.
  if (title && text.startsWith(title)) text = text.slice(title.length).replace(/^\s+/, '');
  const firstBreak = text.indexOf('\n');
  const firstLine = firstBreak === -1 ? text : text.slice(0, firstBreak);
  if (author && firstBreak !== -1 && firstLine.length < 100 && firstLine.includes(author))
    text = text.slice(firstBreak).replace(/^\s+/, '');
  addLinks(
    links,
    bareUrls(text).map((url) => ({ url })),
  );
  if (m.image) addMedia(media, [{ kind: 'photo', url: m.image }]);
  if (text === '' && !title)
    throw new OgohError('INPUT_PARSE', 'the page has no readable text and no title', {
      hint: 'is this an article page? script-rendered pages need a saved copy of the rendered HTML',
    });
  if (text.length > opts.maxFieldChars) text = text.slice(0, opts.maxFieldChars);
  const rec: ParsedRecord = { text, links, media, raw, location: { line: 1 } };
  const url = m.canonical ?? base;
  if (url) rec.url = url;
  if (title) rec.title = title;
  if (m.published) rec.published = m.published;
  if (m.publishedRaw) rec.publishedRaw = m.publishedRaw;
  if (author) rec.authorName = author;
  if (m.lang) rec.lang = m.lang;
  if (m.siteName || base) {
    const feed: NonNullable<ParsedRecord['feed']> = {};
    if (m.siteName) feed.title = m.siteName;
    if (base) feed.link = new URL('/', base).href;
    rec.feed = feed;
  }
  return rec;
}

/** Parse-event form of `extractArticle`: one record per page. */
export function* parseHtml(html: string, opts: HtmlParseOptions): Generator<ParseEvent> {
  yield { record: extractArticle(html, opts) };
}
