/**
 * Sitemaps (sitemaps.org 0.9) and Google News sitemaps: how a site lists its article URLs. Used for
 * discovery: the poller reads a sitemap (or a sitemap index, one level down), then fetches the
 * articles it has not seen. As a file, a news sitemap yields headline records (title, date,
 * language, URL); plain URLs without a news title are skipped, since they carry no text.
 */
import { OgohError } from '@ogoh/core';
import { parseDate } from '../dates.ts';
import { LineCounter } from '../lines.ts';
import { oneLine } from '../record.ts';
import type { ParsedRecord, ParseEvent } from '../types.ts';
import {
  checkXml,
  child,
  makeParser,
  namespacePrefixes,
  parseXml,
  rootName,
  scanElements,
  textOf,
} from '../xml.ts';

export interface SitemapEntry {
  loc: string;
  lastmod?: string;
  /** Google News extension */
  news?: {
    title?: string;
    published?: string;
    publishedRaw?: string;
    /** publication language as declared (ISO 639) */
    lang?: string;
    publication?: string;
    keywords?: string;
  };
  images: string[];
  /** 1-based line of the <url>/<sitemap> element */
  line: number;
  /** the verbatim <url>/<sitemap> element */
  raw: string;
}

export interface Sitemap {
  /** `index` lists further sitemaps; `urlset` lists pages */
  kind: 'urlset' | 'index';
  entries: SitemapEntry[];
}

const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';
const IMAGE_NS = 'http://www.google.com/schemas/sitemap-image/1.1';

function stripPrefix(name: string | undefined): string | undefined {
  return name?.replace(/^[\w.-]+:/, '');
}

/**
 * Parses a sitemap or sitemap index.
 * @throws OgohError INPUT_PARSE for malformed XML or another root element
 * @example parseSitemap('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://a.tj/1</loc></url></urlset>').entries[0].loc // 'https://a.tj/1'
 */
export function parseSitemap(source: string): Sitemap {
  const text = checkXml(source);
  const root = rootName(text);
  const local = stripPrefix(root);
  if (local !== 'urlset' && local !== 'sitemapindex')
    throw new OgohError(
      'INPUT_PARSE',
      `expected a sitemap (<urlset> or <sitemapindex>), found <${root ?? 'nothing'}>`,
      {
        line: 1,
      },
    );
  const kind = local === 'urlset' ? 'urlset' : 'index';
  const rootPrefix = root?.includes(':') ? `${root.split(':')[0]}:` : '';
  const ns = namespacePrefixes(text);
  const news = ns.get(NEWS_NS.replace(/\/+$/, '').toLowerCase()) ?? 'news';
  const image = ns.get(IMAGE_NS.replace(/\/+$/, '').toLowerCase()) ?? 'image';
  const element = `${rootPrefix}${kind === 'urlset' ? 'url' : 'sitemap'}`;
  const parser = makeParser([]);
  const lines = new LineCounter(text);
  const entries: SitemapEntry[] = [];
  for (const span of scanElements(text, new Set([element]))) {
    const line = lines.at(span.start).line;
    const node = child(parseXml(parser, text.slice(span.start, span.end), line), element);
    const loc = textOf(child(node, `${rootPrefix}loc`));
    if (!loc) continue;
    const entry: SitemapEntry = { loc, images: [], line, raw: text.slice(span.start, span.end) };
    const lastmod = textOf(child(node, `${rootPrefix}lastmod`));
    if (lastmod) entry.lastmod = lastmod;
    const n = child(node, `${news}:news`);
    if (n && typeof n === 'object') {
      const out: NonNullable<SitemapEntry['news']> = {};
      const title = textOf(child(n, `${news}:title`));
      if (title) out.title = oneLine(title);
      const dateRaw = textOf(child(n, `${news}:publication_date`));
      if (dateRaw) {
        out.publishedRaw = dateRaw;
        const iso = parseDate(dateRaw);
        if (iso) out.published = iso;
      }
      const pub = child(n, `${news}:publication`);
      const lang = textOf(child(pub, `${news}:language`));
      if (lang) out.lang = lang;
      const name = textOf(child(pub, `${news}:name`));
      if (name) out.publication = oneLine(name);
      const keywords = textOf(child(n, `${news}:keywords`));
      if (keywords) out.keywords = keywords;
      entry.news = out;
    }
    const imgs = (node as Record<string, unknown>)?.[`${image}:image`];
    for (const img of Array.isArray(imgs) ? imgs : imgs ? [imgs] : []) {
      const u = textOf(child(img, `${image}:loc`));
      if (u) entry.images.push(u);
    }
    entries.push(entry);
  }
  return { kind, entries };
}

/** Parse events for a sitemap file: a record per news entry with a title; plain URLs are skipped. */
export function* parseSitemapEvents(source: string): Generator<ParseEvent> {
  const map = parseSitemap(source);
  for (const e of map.entries) {
    if (map.kind === 'index' || !e.news?.title) {
      yield {
        skipped: {
          line: e.line,
          reason:
            map.kind === 'index'
              ? `a nested sitemap (${e.loc}): poll the source to read it`
              : `a URL without a news title (${e.loc}): poll the source to fetch the page`,
        },
      };
      continue;
    }
    const rec: ParsedRecord = {
      url: e.loc,
      title: e.news.title,
      text: '',
      links: [],
      media: e.images.map((url) => ({ kind: 'photo' as const, url })),
      raw: e.raw,
      location: { line: e.line },
    };
    if (e.news.published) rec.published = e.news.published;
    if (e.news.publishedRaw) rec.publishedRaw = e.news.publishedRaw;
    if (e.news.lang) rec.lang = e.news.lang;
    if (e.news.keywords)
      rec.categories = e.news.keywords
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean);
    // The publication's name is a display name, never a source id: the site is known by its domain.
    const feed: NonNullable<ParsedRecord['feed']> = {};
    try {
      feed.link = new URL('/', e.loc).href;
    } catch {
      // a relative or broken <loc>: the app falls back to the record's URL or the file
    }
    if (e.news.publication) feed.title = e.news.publication;
    rec.feed = feed;
    yield { record: rec };
  }
}
