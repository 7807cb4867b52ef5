/**
 * Telegram's public channel preview (`https://t.me/s/<channel>`, fetched or saved as HTML) → one
 * record per post: id, date, text, views, forwarded-from, links and media references. The page shows
 * about twenty posts, newest last; older ones are at `?before=<smallest id on the page>`
 * (`olderPageUrl`). The preview does not show forward counts or reactions counts per post, so
 * `telegram.forwards` stays empty here.
 */
import type { Link, MediaRef, TelegramMeta } from '@ogoh/core';
import { OgohError } from '@ogoh/core';
import { parseHTML } from 'linkedom';
import { parseDate } from '../dates.ts';
import { addLinks, bareUrls, htmlToText, resolveUrl } from '../html.ts';
import { addMedia, oneLine } from '../record.ts';
import type { ParsedRecord, ParseEvent } from '../types.ts';

export interface TelegramHtmlOptions {
  maxFieldChars: number;
  /** where the page came from (base for relative links) */
  url?: string;
}

interface Node {
  getAttribute(name: string): string | null;
  querySelector(sel: string): Node | null;
  querySelectorAll(sel: string): Iterable<Node>;
  textContent: string | null;
  innerHTML: string;
  outerHTML: string;
}

const T_ME = 'https://t.me/';

/** "1.2K" / "3,4M" / "987" → a number. */
export function countOf(s: string | null | undefined): number | undefined {
  const m = /^\s*([\d.,]+)\s*([KMB])?\s*$/i.exec(s ?? '');
  if (!m) return undefined;
  const n = Number(m[1]!.replace(',', '.'));
  if (!Number.isFinite(n)) return undefined;
  const mult = { k: 1e3, m: 1e6, b: 1e9 }[(m[2] ?? '').toLowerCase() as 'k' | 'm' | 'b'] ?? 1;
  return Math.round(n * mult);
}

/** `background-image:url('…')` → the URL. */
function backgroundUrl(style: string | null): string | undefined {
  const m = /background-image\s*:\s*url\(\s*['"]?([^'")]+)['"]?\s*\)/i.exec(style ?? '');
  return m?.[1];
}

function pageOf(html: string): Node {
  return parseHTML(html).document as unknown as Node;
}

/** The channel's username, from the page header or the first post. */
function channelOf(doc: Node): { username?: string; title?: string } {
  const out: { username?: string; title?: string } = {};
  const handle = doc.querySelector('.tgme_channel_info_header_username')?.textContent?.trim();
  const post = doc.querySelector('.tgme_widget_message[data-post]')?.getAttribute('data-post');
  const username = handle?.replace(/^@/, '') || post?.split('/')[0];
  if (username) out.username = username;
  const title =
    doc.querySelector('.tgme_channel_info_header_title')?.textContent ??
    doc.querySelector('meta[property="og:title"]')?.getAttribute('content');
  if (title?.trim()) out.title = oneLine(title);
  return out;
}

/**
 * The URL of the next older page, or undefined on the channel's first page.
 * @example olderPageUrl(html, 'https://t.me/s/channel') // 'https://t.me/s/channel?before=1234'
 */
export function olderPageUrl(html: string, pageUrl?: string): string | undefined {
  const doc = pageOf(html);
  const more = doc.querySelector('.tme_messages_more[data-before]')?.getAttribute('data-before');
  const prev = doc.querySelector('link[rel="prev"]')?.getAttribute('href');
  const { username } = channelOf(doc);
  const base = pageUrl ?? (username ? `${T_ME}s/${username}` : undefined);
  if (prev) return resolveUrl(prev, base ?? T_ME);
  if (more && username) return `${T_ME}s/${username}?before=${more}`;
  return undefined;
}

/**
 * Parses a t.me/s page. Posts come oldest first, as on the page; service messages (pinned,
 * channel created) are skipped.
 * @throws OgohError INPUT_PARSE when the page holds no channel posts
 */
export function* parseTelegramHtml(html: string, opts: TelegramHtmlOptions): Generator<ParseEvent> {
  const doc = pageOf(html);
  const channel = channelOf(doc);
  const base = opts.url ?? (channel.username ? `${T_ME}s/${channel.username}` : T_ME);
  const posts = [...doc.querySelectorAll('.tgme_widget_message[data-post]')];
  if (posts.length === 0 && !doc.querySelector('.tgme_channel_info'))
    throw new OgohError('INPUT_PARSE', 'no Telegram posts on this page', {
      hint: 'save the channel preview at https://t.me/s/<channel>, not the t.me/<channel> landing page',
    });
  for (const post of posts) {
    const dataPost = post.getAttribute('data-post') ?? '';
    const [chat, idText] = dataPost.split('/');
    const messageId = Number(idText);
    if (!chat || !Number.isSafeInteger(messageId)) {
      yield {
        rejected: { line: 1, reason: `a post with an unreadable id "${dataPost}"`, field: 'data-post' },
      };
      continue;
    }
    if (
      post.querySelector('.service_message') ||
      /\bservice_message\b/.test(post.getAttribute('class') ?? '')
    ) {
      yield { skipped: { line: 1, reason: `service message ${dataPost}` } };
      continue;
    }
    // the quoted text of a reply carries the same class plus js-message_reply_text
    const textEl = post.querySelector('.tgme_widget_message_text:not(.js-message_reply_text)');
    const body = textEl ? htmlToText(textEl.innerHTML, base) : { text: '', links: [] as Link[], images: [] };
    const text = body.text;
    const links: Link[] = [...body.links];
    addLinks(
      links,
      bareUrls(text).map((url) => ({ url })),
    );
    const preview = post.querySelector('a.tgme_widget_message_link_preview')?.getAttribute('href');
    const previewUrl = preview ? resolveUrl(preview, base) : undefined;
    if (previewUrl) addLinks(links, [{ url: previewUrl }]);

    const media: MediaRef[] = [];
    for (const el of post.querySelectorAll('.tgme_widget_message_photo_wrap')) {
      const url = backgroundUrl(el.getAttribute('style'));
      if (url) addMedia(media, [{ kind: 'photo', url }]);
    }
    for (const el of post.querySelectorAll('video')) {
      const src = el.getAttribute('src');
      const url = src ? resolveUrl(src, base) : undefined;
      if (url) addMedia(media, [{ kind: 'video', url }]);
    }
    for (const el of post.querySelectorAll('.tgme_widget_message_video_thumb')) {
      const url = backgroundUrl(el.getAttribute('style'));
      if (url && media.every((m) => m.kind !== 'video')) addMedia(media, [{ kind: 'video', url }]);
    }
    for (const el of post.querySelectorAll('.tgme_widget_message_document_title')) {
      const name = el.textContent?.trim();
      if (name) media.push({ kind: 'file', path: name });
    }
    if (post.querySelector('.tgme_widget_message_voice')) media.push({ kind: 'audio' });
    if (post.querySelector('.tgme_widget_message_sticker_wrap')) media.push({ kind: 'sticker' });

    const timeEl =
      post.querySelector('.tgme_widget_message_date time[datetime]') ?? post.querySelector('time[datetime]');
    const dateRaw = timeEl?.getAttribute('datetime') ?? undefined;
    const telegram: TelegramMeta = { messageId, chatId: chat };
    if (channel.title) telegram.chatName = channel.title;
    const views = countOf(post.querySelector('.tgme_widget_message_views')?.textContent);
    if (views !== undefined) telegram.views = views;
    const fwd = post.querySelector('.tgme_widget_message_forwarded_from_name');
    if (fwd) {
      const name = fwd.textContent?.trim();
      if (name) telegram.forwardedFrom = oneLine(name);
      const href = fwd.getAttribute('href');
      const m = href ? /^https?:\/\/t\.me\/(?:s\/)?([A-Za-z0-9_]{3,})/.exec(href) : null;
      if (m) telegram.forwardedFromId = m[1]!;
    }
    const reply = post.querySelector('a.tgme_widget_message_reply')?.getAttribute('href');
    const replyId = reply ? Number(/\/(\d+)(?:\?|$)/.exec(reply)?.[1]) : Number.NaN;
    if (Number.isSafeInteger(replyId)) telegram.replyTo = replyId;
    if (/\bedited\b/i.test(post.querySelector('.tgme_widget_message_meta')?.textContent ?? ''))
      telegram.edited = 'edited';

    if (text === '' && media.length === 0) {
      yield { skipped: { line: 1, reason: `post ${dataPost} has neither text nor media` } };
      continue;
    }
    if (text.length > opts.maxFieldChars) {
      yield {
        rejected: {
          line: 1,
          reason: `post ${dataPost} is longer than ${opts.maxFieldChars} characters`,
          field: 'text',
        },
      };
      continue;
    }
    const rec: ParsedRecord = {
      externalId: `${chat}/${messageId}`,
      url: `${T_ME}${chat}/${messageId}`,
      text,
      links,
      media,
      telegram,
      raw: post.outerHTML,
      location: { line: 1 },
    };
    const author = post.querySelector('.tgme_widget_message_from_author')?.textContent?.trim();
    if (author) rec.authorName = oneLine(author);
    if (dateRaw) {
      rec.publishedRaw = dateRaw;
      const iso = parseDate(dateRaw);
      if (iso) rec.published = iso;
    }
    if (channel.title) rec.feed = { title: channel.title, link: `${T_ME}${chat}` };
    else rec.feed = { link: `${T_ME}${chat}` };
    yield { record: rec };
  }
}
