/**
 * CSV and JSONL rows → records: which column is the text, the date, the URL…, from an explicit map or
 * by recognising common column names, and the record rules they share (limits, text or title).
 */
import { OgohError } from '@ogoh/core';
import { parseDate } from './dates.ts';
import { addLinks } from './html.ts';
import { bodyOf, oneLine } from './record.ts';
import { MAP_TARGETS, type MapTarget, type ParsedRecord, type ParseEvent } from './types.ts';

/**
 * Recognised column names per target, best first (compared case-insensitively): English, then the
 * Russian, Tajik and Uzbek headers that spreadsheets from this region carry.
 */
const words = (s: string) => s.split(' ');
const ALIASES: Record<MapTarget, string[]> = {
  id: words('id guid uuid message_id post_id item_id external_id tweet_id msg_id ид номер'),
  text: words(
    'text body content message full_text post_text post caption description summary текст сообщение содержание матн паём matn xabar',
  ),
  title: words('title headline subject заголовок сарлавҳа sarlavha'),
  url: words('url link href permalink post_url uri ссылка пайванд havola'),
  published: words(
    'published date datetime created_at timestamp published_at pubdate pub_date date_published created time posted_at дата время сана sana',
  ),
  author: words('author user username from author_name user_name screen_name sender автор муаллиф muallif'),
  authorId: words('author_id user_id from_id account_id sender_id'),
  lang: words('lang language язык забон til'),
  source: words('source outlet channel site publisher domain источник канал манбаъ manba'),
};

const ALIAS_INDEX = new Map<string, { target: MapTarget; rank: number }>();
for (const t of MAP_TARGETS) {
  for (const [rank, a] of ALIASES[t].entries()) ALIAS_INDEX.set(a, { target: t, rank });
}

/** Accept `author` spelled as in the brief and a few obvious synonyms for map targets. */
const TARGET_SYNONYMS: Record<string, MapTarget> = {
  guid: 'id',
  externalid: 'id',
  body: 'text',
  date: 'published',
  link: 'url',
  user: 'author',
  authorname: 'author',
  authorid: 'authorId',
  author_id: 'authorId',
  language: 'lang',
};

/**
 * Validate a user's column map (`target → column`).
 * @throws OgohError USAGE naming the unknown target
 */
export function checkMap(
  map: Record<string, string> | undefined,
): Partial<Record<MapTarget, string>> | undefined {
  if (!map) return undefined;
  const out: Partial<Record<MapTarget, string>> = {};
  for (const [k, v] of Object.entries(map)) {
    const key = (MAP_TARGETS as readonly string[]).includes(k)
      ? (k as MapTarget)
      : TARGET_SYNONYMS[k.toLowerCase()];
    if (!key)
      throw new OgohError('USAGE', `unknown map target "${k}"`, {
        field: k,
        hint: `targets are ${MAP_TARGETS.join(', ')} (e.g. --map text=body,published=date)`,
      });
    if (typeof v !== 'string' || v === '')
      throw new OgohError('USAGE', `map target "${k}" needs a column name`, { field: k });
    out[key] = v;
  }
  return out;
}

/** For each target, the best-matching name among `names` (case-insensitive), or undefined. */
export function recognise(names: Iterable<string>): Partial<Record<MapTarget, string>> {
  const best: Partial<Record<MapTarget, { name: string; rank: number }>> = {};
  for (const name of names) {
    const hit = ALIAS_INDEX.get(name.trim().toLowerCase());
    if (!hit) continue;
    const cur = best[hit.target];
    if (!cur || hit.rank < cur.rank) best[hit.target] = { name, rank: hit.rank };
  }
  const out: Partial<Record<MapTarget, string>> = {};
  for (const t of MAP_TARGETS) {
    const b = best[t];
    if (b) out[t] = b.name;
  }
  return out;
}

/** A row's values per target, with the column each came from (for error messages). */
export type RowFields = Partial<Record<MapTarget, { value: string; column: string }>>;

/**
 * Build the event for one row. Rejects (never throws) when a field is too long or there is neither
 * text nor title.
 */
export function rowEvent(fields: RowFields, raw: string, line: number, max: number): ParseEvent {
  for (const t of MAP_TARGETS) {
    const f = fields[t];
    if (f && f.value.length > max)
      return {
        rejected: { line, field: f.column, reason: `column "${f.column}" is longer than ${max} characters` },
      };
  }
  const rec: ParsedRecord = { text: '', links: [], media: [], raw, location: { line, column: 1 } };
  const url = fields.url?.value.trim();
  if (url) rec.url = url;
  const text = fields.text?.value ?? '';
  if (text.trim()) {
    const body = bodyOf(text, url && /^https?:\/\//i.test(url) ? url : undefined);
    rec.text = body.text;
    addLinks(rec.links, body.links);
    rec.media.push(...body.images);
  }
  const title = oneLine(fields.title?.value ?? '');
  if (title) rec.title = title;
  if (!rec.text && !rec.title) {
    const col = fields.text?.column;
    return {
      rejected: col
        ? { line, field: col, reason: `column "${col}" is empty` }
        : { line, reason: 'no text: none of the columns is text/body/content/message (pass a map)' },
    };
  }
  const id = fields.id?.value.trim();
  if (id) rec.externalId = id;
  const date = fields.published?.value.trim();
  if (date) {
    rec.publishedRaw = date;
    const iso = parseDate(date);
    if (iso) rec.published = iso;
  }
  const author = oneLine(fields.author?.value ?? '');
  if (author) rec.authorName = author;
  const authorId = fields.authorId?.value.trim();
  if (authorId) rec.authorId = authorId;
  const lang = fields.lang?.value.trim();
  if (lang) rec.lang = lang;
  const source = oneLine(fields.source?.value ?? '');
  if (source) rec.source = source;
  return { record: rec };
}
