/**
 * Telegram Desktop export (`result.json`) → records. Both shapes: one chat
 * (`{name, type, id, messages}`) and the whole-account export (`{chats: {list: [...]}, left_chats: …}`).
 * Service messages (joins, pins, renames) are skipped and counted; messages with neither text nor
 * media are skipped with the reason. Each record keeps its message object verbatim.
 */
import { type MediaRef, OgohError, type TelegramMeta } from '@ogoh/core';
import { fromUnixSeconds, parseDate } from '../dates.ts';
import { addLinks, bareUrls, tidyText } from '../html.ts';
import { JsonCursor, jsonSyntaxError } from '../json.ts';
import { LineCounter } from '../lines.ts';
import { intOf, oneLine } from '../record.ts';
import type { ParsedRecord, ParseEvent } from '../types.ts';

export interface TelegramParseOptions {
  maxFieldChars: number;
}

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Where Telegram wrote a placeholder instead of a media path. */
const NOT_INCLUDED = /^\(File (?:not included|exceeds maximum size)/i;

interface Chat {
  value: Json;
  /** offset of the chat object in the source */
  at: number;
}

/**
 * Parse a Telegram Desktop JSON export.
 * @throws OgohError INPUT_PARSE with line and column for malformed JSON, or when the JSON is not an export
 */
export function* parseTelegram(text: string, opts: TelegramParseOptions): Generator<ParseEvent> {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    throw syntaxError(text, e);
  }
  const cursor = new JsonCursor(text);
  const rootAt = cursor.ws(0);
  const chats: Chat[] = [];
  if (isObj(root) && Array.isArray(root.messages)) chats.push({ value: root, at: rootAt });
  else if (isObj(root) && (isObj(root.chats) || isObj(root.left_chats))) {
    for (const key of ['chats', 'left_chats']) {
      const group = root[key];
      if (!isObj(group) || !Array.isArray(group.list)) continue;
      const groupAt = cursor.find(rootAt, key);
      const listAt = groupAt === -1 ? -1 : cursor.find(groupAt, 'list');
      const spans = listAt === -1 ? [] : cursor.elements(listAt);
      group.list.forEach((c, i) => {
        if (isObj(c)) chats.push({ value: c, at: spans[i]?.start ?? -1 });
      });
    }
  } else {
    throw new OgohError(
      'INPUT_PARSE',
      'this JSON is not a Telegram Desktop export: no "messages" array and no "chats.list"',
      {
        line: 1,
        hint: 'export the chat from Telegram Desktop as JSON (Settings → Advanced → Export Telegram data, or ⋮ → Export chat history) and ingest its result.json',
      },
    );
  }

  const lines = new LineCounter(text);
  for (const chat of chats) {
    const messages = chat.value.messages;
    if (!Array.isArray(messages)) continue;
    const messagesAt = chat.at === -1 ? -1 : cursor.find(chat.at, 'messages');
    const spans = messagesAt === -1 ? [] : cursor.elements(messagesAt);
    const aligned = spans.length === messages.length;
    const chatId =
      typeof chat.value.id === 'number' || typeof chat.value.id === 'string'
        ? String(chat.value.id)
        : undefined;
    const chatName = str(chat.value.name);
    for (let i = 0; i < messages.length; i++) {
      const span = aligned ? spans[i] : undefined;
      const pos = span ? lines.at(span.start) : lines.at(messagesAt === -1 ? 0 : messagesAt);
      const raw = span ? text.slice(span.start, span.end) : JSON.stringify(messages[i]);
      yield messageEvent(messages[i], raw, pos, chatId, chatName, opts.maxFieldChars);
    }
  }
}

function syntaxError(text: string, e: unknown): OgohError {
  const found = jsonSyntaxError(text);
  let offset = found?.offset;
  if (offset === undefined) {
    const m = /position (\d+)/.exec(e instanceof Error ? e.message : '');
    offset = m ? Number(m[1]) : 0;
  }
  const pos = new LineCounter(text).at(offset);
  return new OgohError(
    'INPUT_PARSE',
    `malformed JSON: ${found?.message ?? (e instanceof Error ? e.message : 'syntax error')}`,
    {
      line: pos.line,
      column: pos.column,
      hint: 'the export was probably cut short or edited by hand; export it again from Telegram Desktop',
      cause: e,
    },
  );
}

/** `text` as a string or an array of strings and entities → plain text and links. */
function messageText(v: unknown): { text: string; links: { url: string; text?: string }[] } {
  if (typeof v === 'string') return { text: v, links: [] };
  if (!Array.isArray(v)) return { text: '', links: [] };
  let text = '';
  const links: { url: string; text?: string }[] = [];
  for (const part of v) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    if (!isObj(part)) continue;
    const t = typeof part.text === 'string' ? part.text : '';
    text += t;
    const href = str(part.href);
    if (part.type === 'text_link' && href)
      links.push(t && t !== href ? { url: href, text: t } : { url: href });
    else if (part.type === 'link' && t) links.push({ url: /^https?:\/\//i.test(t) ? t : `http://${t}` });
  }
  return { text, links };
}

function mediaOf(m: Json): MediaRef[] {
  const out: MediaRef[] = [];
  const path = (v: unknown) => {
    const p = str(v);
    return p && !NOT_INCLUDED.test(p) ? p : undefined;
  };
  const dims = (ref: MediaRef) => {
    const w = intOf(m.width);
    const h = intOf(m.height);
    if (w) ref.width = w;
    if (h) ref.height = h;
  };
  if (m.photo !== undefined) {
    const ref: MediaRef = { kind: 'photo' };
    const p = path(m.photo);
    if (p) ref.path = p;
    const size = intOf(m.photo_file_size);
    if (size) ref.size = size;
    dims(ref);
    out.push(ref);
  }
  if (m.file !== undefined || m.media_type !== undefined) {
    const t = str(m.media_type);
    const kind: MediaRef['kind'] =
      t === 'sticker'
        ? 'sticker'
        : t === 'video_file' || t === 'video_message' || t === 'animation'
          ? 'video'
          : t === 'voice_message' || t === 'audio_file'
            ? 'audio'
            : m.file !== undefined
              ? 'file'
              : 'other';
    const ref: MediaRef = { kind };
    const p = path(m.file);
    if (p) ref.path = p;
    const mime = str(m.mime_type);
    if (mime) ref.mime = mime;
    const size = intOf(m.file_size);
    if (size) ref.size = size;
    if (m.photo === undefined) dims(ref);
    out.push(ref);
  }
  return out;
}

/** A poll becomes text (question and answers): it is what the channel said. */
function pollText(p: unknown): string {
  if (!isObj(p)) return '';
  const q = str(p.question) ?? '';
  const answers = Array.isArray(p.answers)
    ? p.answers.map((a) => (isObj(a) ? str(a.text) : undefined)).filter((a): a is string => a !== undefined)
    : [];
  return [q, ...answers.map((a) => `— ${a}`)].filter(Boolean).join('\n');
}

function messageEvent(
  m: unknown,
  raw: string,
  pos: { line: number; column: number },
  chatId: string | undefined,
  chatName: string | undefined,
  max: number,
): ParseEvent {
  const line = pos.line;
  if (!isObj(m)) return { rejected: { line, reason: 'a message is not a JSON object' } };
  const id = m.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id))
    return { rejected: { line, field: 'id', reason: 'the message has no numeric "id"' } };
  if (m.type === 'service') {
    const action = str(m.action);
    return { skipped: { line, reason: action ? `service message (${action})` : 'service message' } };
  }
  if (m.type !== undefined && m.type !== 'message')
    return { skipped: { line, reason: `message type "${String(m.type)}"` } };

  const body = messageText(m.text);
  if (body.text.length > max)
    return { rejected: { line, field: 'text', reason: `the text is longer than ${max} characters` } };
  let text = tidyText(body.text);
  const poll = pollText(m.poll);
  if (poll) text = text ? `${poll}\n\n${text}` : poll;
  const media = mediaOf(m);
  if (!text && media.length === 0) {
    const what = m.location_information
      ? 'a location'
      : m.contact_information
        ? 'a contact'
        : m.game_title
          ? 'a game'
          : 'no text and no media';
    return { skipped: { line, reason: `message with ${what}` } };
  }

  const rec: ParsedRecord = {
    externalId: chatId ? `${chatId}/${id}` : String(id),
    text,
    links: [],
    media,
    raw,
    location: { line, column: pos.column },
  };
  addLinks(rec.links, body.links);
  addLinks(
    rec.links,
    bareUrls(text).map((url) => ({ url })),
  );
  const published =
    fromUnixSeconds(m.date_unixtime) ?? (typeof m.date === 'string' ? parseDate(m.date) : undefined);
  if (typeof m.date === 'string') rec.publishedRaw = m.date;
  if (published) rec.published = published;
  const from = str(m.from);
  if (from) rec.authorName = oneLine(from);
  const fromId = str(m.from_id);
  if (fromId) rec.authorId = fromId;

  const tg: TelegramMeta = { messageId: id };
  if (chatId) tg.chatId = chatId;
  if (chatName) tg.chatName = chatName;
  const fwd = str(m.forwarded_from) ?? str(m.saved_from);
  if (fwd) tg.forwardedFrom = fwd;
  const fwdId = str(m.forwarded_from_id);
  if (fwdId) tg.forwardedFromId = fwdId;
  if (typeof m.reply_to_message_id === 'number') tg.replyTo = m.reply_to_message_id;
  const edited =
    fromUnixSeconds(m.edited_unixtime) ?? (typeof m.edited === 'string' ? parseDate(m.edited) : undefined);
  if (edited) tg.edited = edited;
  const views = intOf(m.views);
  if (views !== undefined) tg.views = views;
  const forwards = intOf(m.forwards);
  if (forwards !== undefined) tg.forwards = forwards;
  rec.telegram = tg;
  return { record: rec };
}
