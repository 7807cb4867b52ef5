/** Small builders every parser shares. */
import type { Link, MediaRef } from '@ogoh/core';
import { addLinks, bareUrls, htmlToText, looksLikeHtml, tidyText } from './html.ts';

export interface Body {
  text: string;
  links: Link[];
  images: MediaRef[];
}

/**
 * Text of a field that may hold HTML (feeds, CSV cells): markup is stripped and its links collected;
 * plain text is tidied and URLs written in it become links.
 */
export function bodyOf(value: string, base?: string, isHtml?: boolean): Body {
  if (isHtml ?? looksLikeHtml(value)) {
    const b = htmlToText(value, base);
    // URLs written out as text (not as <a>) are shared links too.
    addLinks(
      b.links,
      bareUrls(b.text).map((url) => ({ url })),
    );
    return b;
  }
  const text = tidyText(value);
  return { text, links: bareUrls(text).map((url) => ({ url })), images: [] };
}

/** One line of text: whitespace runs collapsed, trimmed. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** A title that may carry markup or entities → one plain line. */
export function titleOf(s: string): string {
  return oneLine(looksLikeHtml(s) || s.includes('<') ? htmlToText(s).text : s);
}

/** Media kind from a MIME type or an RSS media `medium`. */
export function mediaKind(mime: string | undefined, medium?: string): MediaRef['kind'] {
  const m = (medium ?? '').toLowerCase();
  if (m === 'image') return 'photo';
  if (m === 'video' || m === 'audio') return m;
  const t = (mime ?? '').toLowerCase();
  if (t.startsWith('image/')) return 'photo';
  if (t.startsWith('video/')) return 'video';
  if (t.startsWith('audio/')) return 'audio';
  return t ? 'file' : 'other';
}

/** A non-negative integer from an attribute or JSON value, or undefined. */
export function intOf(v: unknown): number | undefined {
  const n =
    typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d{1,15}\s*$/.test(v) ? Number(v) : Number.NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** Add media, skipping URLs/paths already present. */
export function addMedia(into: MediaRef[], more: Iterable<MediaRef>): void {
  const key = (m: MediaRef) => m.url ?? m.path ?? '';
  const seen = new Set(into.map(key));
  for (const m of more) {
    const k = key(m);
    if (k && seen.has(k)) continue;
    seen.add(k);
    into.push(m);
  }
}
