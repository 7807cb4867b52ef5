/**
 * RSS 2.0 (and RSS 1.0/RDF, whose items read the same) → records. Text comes from the fullest body
 * the feed offers: content:encoded, then Yandex's yandex:full-text / turbo:content (Russian outlets
 * ship whole articles there), then description.
 */
import type { MediaRef } from '@ogoh/core';
import { OgohError } from '@ogoh/core';
import { parseDate } from '../dates.ts';
import { mediaRss, prefixesOf } from '../feed.ts';
import { addLinks } from '../html.ts';
import { LineCounter } from '../lines.ts';
import { addMedia, bodyOf, intOf, mediaKind, oneLine, titleOf } from '../record.ts';
import type { ParsedRecord, ParseEvent } from '../types.ts';
import {
  all,
  attr,
  checkXml,
  child,
  makeParser,
  namespacePrefixes,
  parseXml,
  rawText,
  rootName,
  scanElements,
  textOf,
  without,
  type XmlNode,
} from '../xml.ts';

export interface FeedParseOptions {
  maxFieldChars: number;
}

const ITEM_NAMES = new Set(['item', 'rss:item']);

/** `"editor@x.tj (Name Surname)"` → `Name Surname`; anything else as written. */
function rssAuthor(s: string): string {
  const m = /^\S+@\S+\s*\((.+)\)$/.exec(s);
  return oneLine(m ? (m[1] as string) : s);
}

/**
 * Parse an RSS document.
 * @throws OgohError INPUT_PARSE for malformed XML, entity declarations or a non-RSS root
 */
export function* parseRss(source: string, opts: FeedParseOptions): Generator<ParseEvent> {
  const text = checkXml(source);
  const root = rootName(text);
  if (root !== 'rss' && !root?.endsWith(':RDF') && root !== 'RDF') {
    throw new OgohError(
      'INPUT_PARSE',
      `expected an RSS document (<rss> root), found <${root ?? 'nothing'}>`,
      {
        line: 1,
        hint: root === 'feed' ? 'this is an Atom feed: use --format atom or auto' : 'use --format auto',
      },
    );
  }
  const ns = prefixesOf(namespacePrefixes(text));
  const stops = [
    'title',
    'link',
    'description',
    'guid',
    'author',
    'category',
    'pubDate',
    'language',
    'source',
    'comments',
    `${ns.content}:encoded`,
    `${ns.dc}:creator`,
    `${ns.dc}:date`,
    `${ns.dc}:language`,
    `${ns.dc}:subject`,
    `${ns.yandex}:full-text`,
    `${ns.turbo}:content`,
    `${ns.media}:description`,
    `${ns.media}:title`,
  ];
  const parser = makeParser(stops);
  const spans = scanElements(text, ITEM_NAMES);
  const head = parseXml(parser, without(text, spans), 1);
  const rootNode = (head[root] ?? {}) as XmlNode;
  const channel = (child(rootNode, 'channel') ?? {}) as XmlNode;
  const feedTitle = titleOf(textOf(child(channel, 'title')));
  const feedLink = textOf(child(channel, 'link')) || attr(child(channel, `${ns.atom}:link`), 'href') || '';
  const feedLang =
    textOf(child(channel, 'language')) ||
    textOf(child(channel, `${ns.dc}:language`)) ||
    attr(channel, 'xml:lang') ||
    attr(rootNode, 'xml:lang') ||
    '';
  const feed: { title?: string; link?: string } = {};
  if (feedTitle) feed.title = feedTitle;
  if (feedLink) feed.link = feedLink;

  const lines = new LineCounter(text);
  for (const span of spans) {
    const pos = lines.at(span.start);
    const raw = text.slice(span.start, span.end);
    const doc = parseXml(parser, raw, pos.line);
    const item = doc.item ?? doc['rss:item'];
    if (item === null || typeof item !== 'object') {
      yield { rejected: { line: pos.line, reason: 'empty <item>' } };
      continue;
    }
    yield itemEvent(item as XmlNode, raw, pos, { feed, feedLink, feedLang, ns, max: opts.maxFieldChars });
  }
}

interface ItemContext {
  feed: { title?: string; link?: string };
  feedLink: string;
  feedLang: string;
  ns: ReturnType<typeof prefixesOf>;
  max: number;
}

function itemEvent(
  item: XmlNode,
  raw: string,
  pos: { line: number; column: number },
  ctx: ItemContext,
): ParseEvent {
  const { ns } = ctx;
  const line = pos.line;
  const bodies: [string, unknown][] = [
    [`${ns.content}:encoded`, child(item, `${ns.content}:encoded`)],
    [`${ns.yandex}:full-text`, child(item, `${ns.yandex}:full-text`)],
    [`${ns.turbo}:content`, child(item, `${ns.turbo}:content`)],
    ['description', child(item, 'description')],
  ];
  for (const [field, v] of [
    ['title', child(item, 'title')],
    ['link', child(item, 'link')],
    ['guid', child(item, 'guid')],
    ...bodies,
  ] as [string, unknown][]) {
    if (rawText(v).length > ctx.max)
      return { rejected: { line, field, reason: `<${field}> is longer than ${ctx.max} characters` } };
  }

  const rec: ParsedRecord = { text: '', links: [], media: [], raw, location: { line, column: pos.column } };
  const title = titleOf(textOf(child(item, 'title')));
  if (title) rec.title = title;

  const guidNode = child(item, 'guid');
  const guid = textOf(guidNode);
  const link = textOf(child(item, 'link')) || attr(child(item, `${ns.atom}:link`), 'href') || '';
  if (guid) rec.externalId = guid;
  const permalink = attr(guidNode, 'isPermaLink')?.toLowerCase() !== 'false';
  if (link) rec.url = link;
  else if (guid && permalink && /^https?:\/\//i.test(guid)) rec.url = guid;

  const base = rec.url ?? (ctx.feedLink || undefined);
  for (const [, v] of bodies) {
    const value = textOf(v);
    if (!value) continue;
    const body = bodyOf(value, base);
    rec.text = body.text;
    addLinks(rec.links, body.links);
    addMedia(rec.media, body.images);
    if (rec.text) break;
  }
  if (!rec.text && !rec.title)
    return { rejected: { line, reason: 'the item has neither a title nor a description' } };

  const date = textOf(child(item, 'pubDate')) || textOf(child(item, `${ns.dc}:date`));
  if (date) {
    rec.publishedRaw = date;
    const iso = parseDate(date);
    if (iso) rec.published = iso;
  }
  const creators = all(item[`${ns.dc}:creator`])
    .map((c) => oneLine(textOf(c)))
    .filter(Boolean);
  const author = creators.length ? creators.join(', ') : rssAuthor(textOf(child(item, 'author')));
  if (author) rec.authorName = author;

  const lang = textOf(child(item, `${ns.dc}:language`)) || attr(item, 'xml:lang') || ctx.feedLang;
  if (lang) rec.lang = lang;
  const cats = [...all(item.category), ...all(item[`${ns.dc}:subject`])]
    .map((c) => oneLine(textOf(c)))
    .filter(Boolean);
  if (cats.length) rec.categories = [...new Set(cats)];
  const source = oneLine(textOf(child(item, 'source')));
  if (source) rec.source = source;
  if (ctx.feed.title || ctx.feed.link) rec.feed = ctx.feed;

  const media: MediaRef[] = [];
  for (const e of all(item.enclosure)) {
    const url = attr(e, 'url');
    if (!url) continue;
    const mime = attr(e, 'type');
    const m: MediaRef = { kind: mediaKind(mime), url };
    if (mime) m.mime = mime;
    const size = intOf(attr(e, 'length'));
    if (size) m.size = size;
    media.push(m);
  }
  media.push(...mediaRss(item, ns.media));
  addMedia(media, rec.media);
  rec.media = [];
  addMedia(rec.media, media);
  return { record: rec };
}
