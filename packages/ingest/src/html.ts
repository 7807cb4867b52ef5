/**
 * HTML fragments (RSS descriptions, content:encoded, Atom html/xhtml content, HTML-ish CSV cells) →
 * plain text with paragraph breaks, plus the links and images they carry. Not a full HTML parser: it
 * needs to be fast, total (never throw) and good enough for text analysis, not for rendering.
 */
import type { Link, MediaRef } from '@ogoh/core';
import { decodeEntities } from './entities.ts';

export interface HtmlText {
  text: string;
  links: Link[];
  images: MediaRef[];
}

/** Elements that end a paragraph. */
// biome-ignore format: a lookup table reads best compact
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'header', 'footer', 'aside', 'main', 'nav', 'blockquote', 'figure',
  'figcaption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'dl', 'table', 'pre', 'hr', 'address',
  'details', 'summary', 'form', 'fieldset',
]);
/** Elements that end a line. */
const LINE = new Set(['br', 'li', 'tr', 'dt', 'dd', 'caption']);
/** Elements whose content is never text. */
const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'head',
  'title',
  'iframe',
  'object',
]);

const TAG =
  /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<[!?][^>]*>?|<(\/?)([A-Za-z][A-Za-z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTR = /([A-Za-z_:][A-Za-z0-9_.:-]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

function attrs(s: string): Map<string, string> {
  const m = new Map<string, string>();
  if (!s) return m;
  for (const a of s.matchAll(ATTR)) {
    const name = (a[1] as string).toLowerCase();
    if (!m.has(name)) m.set(name, decodeEntities(a[2] ?? a[3] ?? a[4] ?? '', true));
  }
  return m;
}

/** An absolute http(s) URL for `href` (resolved against `base` when relative), or undefined. */
export function resolveUrl(href: string, base: string | undefined): string | undefined {
  const h = href.trim();
  if (h === '' || h.startsWith('#')) return undefined;
  if (/^https?:\/\//i.test(h)) return h;
  if (/^[a-z][a-z0-9+.-]*:/i.test(h) || base === undefined) return undefined;
  try {
    const u = new URL(h, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Does this string look like markup rather than text that merely contains a "<"? */
export function looksLikeHtml(s: string): boolean {
  if (s.indexOf('<') === -1 && s.indexOf('&') === -1) return false;
  return /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>|&(?:nbsp|laquo|raquo|mdash|ndash|quot|amp|lt|gt|#\d+|#x[0-9a-f]+);/i.test(
    s,
  );
}

/**
 * Strip tags, decode entities, keep paragraph breaks as "\n\n" and line breaks as "\n"; collect
 * `<a href>` (with its text) and `<img src>`. Relative URLs resolve against `base` when given.
 * @example htmlToText('<p>Hi <a href="/x">there</a></p><p>Bye</p>', 'https://a.tj/') // { text: 'Hi there\n\nBye', links: [{ url: 'https://a.tj/x', text: 'there' }], images: [] }
 */
export function htmlToText(html: string, base?: string): HtmlText {
  const out: string[] = [];
  const links: Link[] = [];
  const images: MediaRef[] = [];
  const seenLinks = new Set<string>();
  const seenImages = new Set<string>();
  let skipDepth = 0;
  let skipTag = '';
  let pre = 0;
  let anchor: { url: string; start: number } | undefined;

  const pushText = (raw: string) => {
    if (skipDepth > 0 || raw === '') return;
    const t = decodeEntities(raw, true);
    out.push(pre > 0 ? t.replace(/\r\n?/g, '\n').replace(/\n/g, '\u0001') : t);
  };
  const closeAnchor = () => {
    if (!anchor) return;
    const text = collapse(out.slice(anchor.start).join('')).trim();
    if (!seenLinks.has(anchor.url)) {
      seenLinks.add(anchor.url);
      links.push(text && text !== anchor.url ? { url: anchor.url, text } : { url: anchor.url });
    }
    anchor = undefined;
  };

  let last = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m !== null; m = TAG.exec(html)) {
    if (m.index > last) pushText(html.slice(last, m.index));
    last = TAG.lastIndex;
    if (m[1] !== undefined) {
      // CDATA inside HTML: literal text
      if (skipDepth === 0) out.push(pre > 0 ? m[1].replace(/\n/g, '\u0001') : m[1]);
      continue;
    }
    const name = m[3]?.toLowerCase();
    if (name === undefined) continue; // comment, doctype, processing instruction
    const closing = m[2] === '/';
    if (skipDepth > 0) {
      if (name === skipTag) skipDepth += closing ? -1 : m[4]?.trimEnd().endsWith('/') ? 0 : 1;
      continue;
    }
    if (SKIP.has(name)) {
      if (!closing && !m[4]?.trimEnd().endsWith('/')) {
        skipDepth = 1;
        skipTag = name;
      }
      continue;
    }
    if (name === 'pre') pre = Math.max(0, pre + (closing ? -1 : 1));
    if (BLOCK.has(name)) out.push('\u0002');
    else if (LINE.has(name)) out.push(closing && name !== 'br' ? '' : '\u0001');
    else if (name === 'td' || name === 'th') out.push(' ');
    if (name === 'a') {
      closeAnchor();
      if (!closing) {
        const href = attrs(m[4] ?? '').get('href');
        const url = href === undefined ? undefined : resolveUrl(href, base);
        if (url) anchor = { url, start: out.length };
      }
    } else if (name === 'img' && !closing) {
      const a = attrs(m[4] ?? '');
      const src = a.get('src') ?? a.get('data-src');
      const url = src === undefined ? undefined : resolveUrl(src, base);
      if (url && !seenImages.has(url)) {
        seenImages.add(url);
        const img: MediaRef = { kind: 'photo', url };
        const w = Number(a.get('width'));
        const h = Number(a.get('height'));
        if (Number.isInteger(w) && w > 0) img.width = w;
        if (Number.isInteger(h) && h > 0) img.height = h;
        images.push(img);
      }
    }
  }
  if (last < html.length) pushText(html.slice(last));
  closeAnchor();
  return { text: finish(out.join('')), links, images };
}

/** HTML whitespace collapsing: runs of spaces, tabs and newlines become one space. */
function collapse(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ');
}

/** Markers → newlines: \u0002 paragraph break, \u0001 line break. */
function finish(s: string): string {
  return collapse(s)
    .replace(/ *([\u0001\u0002]) */g, '$1')
    .replace(/[\u0001\u0002]*\u0002[\u0001\u0002]*/g, '\n\n')
    .replace(/\u0001/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Plain text: LF line ends, no-break spaces as spaces, no trailing spaces, at most one blank line in a row. */
export function tidyText(s: string): string {
  // Each pass only when it can change something: this runs once per CSV/JSONL record.
  let t = s;
  if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
  if (t.includes('\u00a0')) t = t.replace(/\u00a0/g, ' ');
  if (t.includes('\n')) {
    if (/[ \t]\n/.test(t)) t = t.replace(/[ \t]+\n/g, '\n');
    if (t.includes('\n\n\n')) t = t.replace(/\n{3,}/g, '\n\n');
  }
  return t.trim();
}

const BARE_URL = /\bhttps?:\/\/[^\s<>"'«»\u201c\u201d]+/gi;

/** URLs written out in plain text, trailing punctuation trimmed. */
export function bareUrls(text: string): string[] {
  if (text.indexOf('http') === -1) return [];
  const out: string[] = [];
  for (const m of text.matchAll(BARE_URL)) {
    let u = m[0];
    // Trailing sentence punctuation; a closing bracket only when the URL has no opening one.
    for (;;) {
      const c = u.at(-1);
      if (c !== undefined && '.,;:!?…'.includes(c)) u = u.slice(0, -1);
      else if (c === ')' && !u.includes('(')) u = u.slice(0, -1);
      else if (c === ']' && !u.includes('[')) u = u.slice(0, -1);
      else break;
    }
    if (u.length > 10) out.push(u);
  }
  return out;
}

/** Append links, skipping URLs already present. */
export function addLinks(into: Link[], more: Iterable<Link>): void {
  const seen = new Set(into.map((l) => l.url));
  for (const l of more) {
    if (seen.has(l.url)) continue;
    seen.add(l.url);
    into.push(l);
  }
}
