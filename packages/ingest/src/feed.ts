/** Namespace-aware lookups shared by the RSS and Atom parsers. */
import type { MediaRef } from '@ogoh/core';
import { intOf, mediaKind } from './record.ts';
import { all, attr, child, textOf, type XmlNode } from './xml.ts';

/** Well-known namespace URIs (lower case, no trailing slash) and their conventional prefixes. */
export const NS = {
  content: ['http://purl.org/rss/1.0/modules/content', 'content'],
  dc: ['http://purl.org/dc/elements/1.1', 'dc'],
  media: ['http://search.yahoo.com/mrss', 'media'],
  yandex: ['http://news.yandex.ru', 'yandex'],
  turbo: ['http://turbo.yandex.ru', 'turbo'],
  atom: ['http://www.w3.org/2005/atom', 'atom'],
} as const;

export type Prefixes = Record<keyof typeof NS, string>;

/** The prefixes this document binds to the well-known namespaces (conventional ones when undeclared). */
export function prefixesOf(declared: Map<string, string>): Prefixes {
  const out = {} as Prefixes;
  for (const [k, [uri, conventional]] of Object.entries(NS) as [keyof typeof NS, readonly [string, string]][])
    out[k] = declared.get(uri) ?? conventional;
  return out;
}

/** Media RSS (`media:content`, `media:group`, `media:thumbnail`) → media references. */
export function mediaRss(node: XmlNode, media: string): MediaRef[] {
  const out: MediaRef[] = [];
  const groups = [
    node,
    ...(all(node[`${media}:group`]).filter((g) => g !== null && typeof g === 'object') as XmlNode[]),
  ];
  for (const g of groups) {
    for (const c of all(g[`${media}:content`])) {
      const url = attr(c, 'url');
      if (!url) continue;
      const m: MediaRef = { kind: mediaKind(attr(c, 'type'), attr(c, 'medium')), url };
      const mime = attr(c, 'type');
      if (mime) m.mime = mime;
      const size = intOf(attr(c, 'fileSize'));
      if (size !== undefined) m.size = size;
      const w = intOf(attr(c, 'width'));
      const h = intOf(attr(c, 'height'));
      if (w) m.width = w;
      if (h) m.height = h;
      out.push(m);
    }
    for (const t of all(g[`${media}:thumbnail`])) {
      const url = attr(t, 'url');
      if (url) out.push({ kind: 'photo', url });
    }
  }
  return out;
}

/** `media:description` from a Media RSS group (YouTube's Atom feeds keep the video text there). */
export function mediaDescription(node: XmlNode, media: string): string {
  const direct = textOf(child(node, `${media}:description`));
  if (direct) return direct;
  return textOf(child(child(node, `${media}:group`), `${media}:description`));
}
