/**
 * Atom (RFC 4287) → records: id, the alternate link, published (else updated), content (else
 * summary, else a Media RSS description as in YouTube feeds) in its declared type — text, html or
 * xhtml — and the entry's or the feed's authors.
 */
import { type MediaRef, OgohError } from '@ogoh/core';
import { parseDate } from '../dates.ts';
import { xmlCharData } from '../entities.ts';
import { mediaDescription, mediaRss, prefixesOf } from '../feed.ts';
import { addLinks, htmlToText, resolveUrl } from '../html.ts';
import { LineCounter } from '../lines.ts';
import { addMedia, type Body, bodyOf, intOf, mediaKind, oneLine } from '../record.ts';
import type { FeedParseOptions } from '../rss/parse.ts';
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

const ENTRY_NAMES = new Set(['entry', 'atom:entry']);

/** An Atom text construct in its declared type. */
function atomBody(node: unknown, base: string | undefined): Body {
  const type = (attr(node, 'type') ?? 'text').toLowerCase();
  const raw = rawText(node);
  if (type === 'xhtml' || type === 'application/xhtml+xml') return htmlToText(raw, base);
  const s = xmlCharData(raw);
  return bodyOf(s, base, type === 'html' || type === 'text/html');
}

function authorNames(v: unknown): string[] {
  return all(v)
    .map((a) => oneLine(textOf(child(a, 'name'))))
    .filter(Boolean);
}

/**
 * Parse an Atom document.
 * @throws OgohError INPUT_PARSE for malformed XML, entity declarations or a non-Atom root
 */
export function* parseAtom(source: string, opts: FeedParseOptions): Generator<ParseEvent> {
  const text = checkXml(source);
  const root = rootName(text);
  if (root !== 'feed' && root !== 'atom:feed') {
    throw new OgohError('INPUT_PARSE', `expected an Atom feed (<feed> root), found <${root ?? 'nothing'}>`, {
      line: 1,
      hint: root === 'rss' ? 'this is an RSS feed: use --format rss or auto' : 'use --format auto',
    });
  }
  const ns = prefixesOf(namespacePrefixes(text));
  const parser = makeParser([
    'title',
    'subtitle',
    'content',
    'summary',
    'id',
    'published',
    'updated',
    'name',
    'uri',
    'email',
    'rights',
    `${ns.media}:description`,
    `${ns.media}:title`,
    `${ns.dc}:date`,
  ]);
  const spans = scanElements(text, ENTRY_NAMES);
  const head = parseXml(parser, without(text, spans), 1);
  const feedNode = (head[root] ?? {}) as XmlNode;
  const feedLinks = all(feedNode.link);
  const feedAlt = feedLinks.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate');
  const feedBase = attr(feedNode, 'xml:base');
  const feedLinkRaw = attr(feedAlt, 'href') ?? '';
  const feedLink = (feedLinkRaw && (resolveUrl(feedLinkRaw, feedBase) ?? feedLinkRaw)) || '';
  const feedTitle = oneLine(atomBody(child(feedNode, 'title'), undefined).text);
  const feed: { title?: string; link?: string } = {};
  if (feedTitle) feed.title = feedTitle;
  if (feedLink) feed.link = feedLink;
  const ctx: EntryContext = {
    feed,
    base: feedBase ?? (feedLink || undefined),
    lang: attr(feedNode, 'xml:lang') ?? '',
    authors: authorNames(feedNode.author),
    media: ns.media,
    dc: ns.dc,
    max: opts.maxFieldChars,
  };

  const lines = new LineCounter(text);
  for (const span of spans) {
    const pos = lines.at(span.start);
    const raw = text.slice(span.start, span.end);
    const doc = parseXml(parser, raw, pos.line);
    const entry = doc.entry ?? doc['atom:entry'];
    if (entry === null || typeof entry !== 'object') {
      yield { rejected: { line: pos.line, reason: 'empty <entry>' } };
      continue;
    }
    yield entryEvent(entry as XmlNode, raw, pos, ctx);
  }
}

interface EntryContext {
  feed: { title?: string; link?: string };
  base: string | undefined;
  lang: string;
  authors: string[];
  media: string;
  dc: string;
  max: number;
}

function entryEvent(
  entry: XmlNode,
  raw: string,
  pos: { line: number; column: number },
  ctx: EntryContext,
): ParseEvent {
  const line = pos.line;
  for (const field of ['title', 'content', 'summary', 'id']) {
    if (rawText(child(entry, field)).length > ctx.max)
      return { rejected: { line, field, reason: `<${field}> is longer than ${ctx.max} characters` } };
  }
  const rec: ParsedRecord = { text: '', links: [], media: [], raw, location: { line, column: pos.column } };
  const id = textOf(child(entry, 'id'));
  if (id) rec.externalId = id;

  const base = attr(entry, 'xml:base') ?? ctx.base;
  const media: MediaRef[] = [];
  const related: { url: string }[] = [];
  let alternate: string | undefined;
  for (const l of all(entry.link)) {
    const href = attr(l, 'href');
    if (!href) continue;
    const rel = attr(l, 'rel') ?? 'alternate';
    const abs = resolveUrl(href, base);
    if (rel === 'alternate') {
      // Prefer the HTML alternate when there are several (e.g. an AMP or PDF alternate too).
      const type = attr(l, 'type');
      if (alternate === undefined || type === 'text/html') alternate = abs ?? href;
    } else if (rel === 'enclosure' && abs) {
      const mime = attr(l, 'type');
      const m: MediaRef = { kind: mediaKind(mime), url: abs };
      if (mime) m.mime = mime;
      const size = intOf(attr(l, 'length'));
      if (size) m.size = size;
      media.push(m);
    } else if ((rel === 'related' || rel === 'via') && abs) related.push({ url: abs });
  }
  if (alternate) rec.url = alternate;

  const titleNode = child(entry, 'title');
  const title = oneLine(atomBody(titleNode, rec.url ?? base).text);
  if (title) rec.title = title;

  const content = child(entry, 'content');
  const src = attr(content, 'src');
  let body: Body | undefined;
  for (const node of [content, child(entry, 'summary')]) {
    if (node === undefined) continue;
    const b = atomBody(node, rec.url ?? base);
    if (b.text) {
      body = b;
      break;
    }
  }
  if (!body) {
    const md = mediaDescription(entry, ctx.media);
    if (md) body = bodyOf(md, rec.url ?? base, false);
  }
  if (body) {
    rec.text = body.text;
    addLinks(rec.links, body.links);
    addMedia(media, body.images);
  }
  if (src) {
    // Out-of-line content (RFC 4287 §4.1.3.2): the entry points at its body elsewhere.
    const abs = resolveUrl(src, base);
    if (abs) {
      if (!rec.url) rec.url = abs;
      const type = attr(content, 'type');
      const kind = mediaKind(type);
      if (kind === 'photo' || kind === 'video' || kind === 'audio')
        media.push(type ? { kind, url: abs, mime: type } : { kind, url: abs });
      else addLinks(rec.links, [{ url: abs }]);
    }
  }
  addLinks(rec.links, related);
  if (!rec.text && !rec.title)
    return { rejected: { line, reason: 'the entry has neither a title nor content' } };

  const date =
    textOf(child(entry, 'published')) ||
    textOf(child(entry, 'updated')) ||
    textOf(child(entry, `${ctx.dc}:date`));
  if (date) {
    rec.publishedRaw = date;
    const iso = parseDate(date);
    if (iso) rec.published = iso;
  }
  const authors = authorNames(entry.author);
  const names = authors.length ? authors : ctx.authors;
  if (names.length) rec.authorName = names.join(', ');
  const uri = textOf(child(child(entry, 'author'), 'uri'));
  if (authors.length && uri) rec.authorId = uri;

  const lang = attr(entry, 'xml:lang') ?? attr(content, 'xml:lang') ?? ctx.lang;
  if (lang) rec.lang = lang;
  const cats = all(entry.category)
    .map((c) => oneLine(attr(c, 'term') ?? attr(c, 'label') ?? ''))
    .filter(Boolean);
  if (cats.length) rec.categories = [...new Set(cats)];
  if (ctx.feed.title || ctx.feed.link) rec.feed = ctx.feed;

  media.push(...mediaRss(entry, ctx.media));
  addMedia(rec.media, media);
  return { record: rec };
}
