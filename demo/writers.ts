/**
 * Serialises the corpus into the files a user would have: RSS 2.0 and Atom feeds (with the
 * variations real feeds show: plain, CDATA HTML, entity-escaped HTML, content:encoded, xhtml,
 * Windows-1251), Telegram Desktop exports (`result.json`) and two CSV exports.
 */
import type { DemoItem } from './corpus.ts';
import type { OutLang } from './render.ts';
import { type DemoSource, SOURCES } from './sources.ts';
import {
  csvField,
  encodeCp1251,
  escapeXml,
  foldTajik,
  isoOffset,
  isoUtc,
  localNoOffset,
  rfc822,
} from './text.ts';

export interface DemoFile {
  /** path inside the output directory, with forward slashes */
  path: string;
  /** UTF-8 text, or bytes when the file is in a legacy encoding */
  content: string | Uint8Array;
  source: string;
  format: 'rss' | 'atom' | 'telegram' | 'csv' | 'json';
}

const FEED_LANG: Record<OutLang, string> = {
  tg: 'tg',
  ru: 'ru',
  en: 'en',
  'uz-Latn': 'uz',
  'uz-Cyrl': 'uz-Cyrl',
  fa: 'fa',
};

/** Bylines per outlet (invented); some items carry none, as in real feeds. */
const BYLINES: Record<string, readonly string[]> = {
  'vesti-centr.example': ['Ирина Белозёрова', 'Максим Стругов'],
  'evrazia-segodnya.example': ['Дмитрий Шелестов', 'Редакция'],
  'en.evrazia-segodnya.example': ['Eurasia Today staff'],
  'akhbori-vatan.example': ['Ахбори Ватан'],
  'ovozi-mardum.example': ['Шабнам Раҷабова', 'Идрис Олимов'],
  'central-asia-monitor.example': ['Helen Marsh', 'Tom Arkwright'],
  'steppe-review.example': ['Jana Voss', 'Steppe Review desk'],
  'sadoi-kuhsor.example': ['Шоҳзодаи Мамадшоев'],
  'oftob.example': ['گزارشگر آفتاب'],
};

function byline(src: DemoSource, it: DemoItem): string | undefined {
  const list = BYLINES[src.id];
  if (!list || it.uid % 4 === 0) return undefined;
  return list[it.uid % list.length];
}

/** Site sections as the outlet would label them (never the generator's ground-truth category). */
const SECTION_OF: Record<string, 'politics' | 'society' | 'economy' | 'culture' | 'sport'> = {
  sport: 'sport',
  culture: 'culture',
  navruz: 'culture',
  history: 'culture',
  pamiri: 'culture',
  prices: 'economy',
  hydropower: 'economy',
  cotton: 'economy',
  remittances: 'economy',
  trade: 'economy',
  transport: 'economy',
  government: 'politics',
  russia: 'politics',
  china: 'politics',
  csto: 'politics',
};
const SECTION_NAMES: Record<
  OutLang,
  Record<'politics' | 'society' | 'economy' | 'culture' | 'sport', string>
> = {
  tg: { politics: 'Сиёсат', society: 'Ҷомеа', economy: 'Иқтисод', culture: 'Фарҳанг', sport: 'Варзиш' },
  ru: {
    politics: 'Политика',
    society: 'Общество',
    economy: 'Экономика',
    culture: 'Культура',
    sport: 'Спорт',
  },
  en: { politics: 'Politics', society: 'Society', economy: 'Economy', culture: 'Culture', sport: 'Sport' },
  'uz-Latn': {
    politics: 'Siyosat',
    society: 'Jamiyat',
    economy: 'Iqtisodiyot',
    culture: 'Madaniyat',
    sport: 'Sport',
  },
  'uz-Cyrl': {
    politics: 'Сиёсат',
    society: 'Жамият',
    economy: 'Иқтисодиёт',
    culture: 'Маданият',
    sport: 'Спорт',
  },
  fa: { politics: 'سیاست', society: 'جامعه', economy: 'اقتصاد', culture: 'فرهنگ', sport: 'ورزش' },
};
function section(it: DemoItem): string {
  const s = it.kind === 'narrative' ? 'politics' : (SECTION_OF[it.category] ?? 'society');
  return SECTION_NAMES[it.out][s];
}

const paragraphs = (text: string) =>
  text
    .split(/\n\n+/)
    .map((p) => `<p>${escapeXml(p)}</p>`)
    .join('');

/** Files for all sources, in a fixed order. */
export function writeFiles(items: readonly DemoItem[], now: number): DemoFile[] {
  const byUid = new Map(items.map((it) => [it.uid, it]));
  const bySource = new Map<string, DemoItem[]>();
  for (const it of items) {
    const list = bySource.get(it.source) ?? [];
    list.push(it);
    bySource.set(it.source, list);
  }
  const files: DemoFile[] = [];
  for (const src of SOURCES) {
    const list = (bySource.get(src.id) ?? []).slice().sort((a, b) => a.at - b.at || a.uid - b.uid);
    if (src.format === 'rss') files.push(rss(src, list, now));
    else if (src.format === 'atom') files.push(atom(src, list, now));
    else if (src.format === 'telegram') files.push(telegram(src, list, byUid));
    else if (src.id === 'monitoring-sheet') files.push(monitoringCsv(src, list));
    else files.push(socialCsv(src, list, byUid));
  }
  return files;
}

// -------------------------------------------------------------------------------------- RSS

function rss(src: DemoSource, list: DemoItem[], now: number): DemoFile {
  const wp = src.id === 'akhbori-vatan.example' || src.id === 'vodiy-xabar.example';
  const lang = FEED_LANG[src.langs[0]![0]];
  const out: string[] = [];
  const enc = src.encoding ?? 'UTF-8';
  out.push(`<?xml version="1.0" encoding="${enc}"?>`);
  out.push(
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/"${wp ? ' xmlns:content="http://purl.org/rss/1.0/modules/content/"' : ''}>`,
  );
  out.push('<channel>');
  out.push(`<title>${escapeXml(src.name)}</title>`);
  out.push(`<link>${escapeXml(src.url ?? '')}</link>`);
  out.push(`<description>${escapeXml(src.name)} — ${escapeXml(src.note)}</description>`);
  out.push(`<language>${lang}</language>`);
  out.push(`<lastBuildDate>${rfc822(now, src.tz)}</lastBuildDate>`);
  out.push(`<atom:link href="${escapeXml(`${src.url}rss.xml`)}" rel="self" type="application/rss+xml"/>`);
  for (const it of list.slice().reverse()) {
    out.push('<item>');
    out.push(`<title>${escapeXml(it.title ?? '')}</title>`);
    out.push(`<link>${escapeXml(it.url ?? '')}</link>`);
    const permalink = it.externalId === it.url;
    out.push(`<guid isPermaLink="${permalink}">${escapeXml(it.externalId)}</guid>`);
    out.push(`<pubDate>${rfc822(it.at, src.tz)}</pubDate>`);
    out.push(`<category>${escapeXml(section(it))}</category>`);
    const by = byline(src, it);
    if (by) out.push(`<dc:creator>${escapeXml(by)}</dc:creator>`);
    if (wp) {
      const first = it.text.split(/(?<=[.!?])\s/)[0] ?? '';
      out.push(`<description><![CDATA[${first} […]]]></description>`);
      out.push(`<content:encoded><![CDATA[${paragraphs(it.text)}]]></content:encoded>`);
    } else if (src.id === 'central-asia-monitor.example' || src.id === 'evrazia-segodnya.example') {
      out.push(`<description>${escapeXml(paragraphs(it.text))}</description>`);
    } else if (src.id === 'ovozi-mardum.example') {
      out.push(`<description><![CDATA[${paragraphs(it.text)}]]></description>`);
    } else {
      out.push(`<description>${escapeXml(it.text)}</description>`);
    }
    out.push('</item>');
  }
  out.push('</channel>');
  out.push('</rss>');
  const xml = `${out.join('\n')}\n`;
  return {
    path: src.file,
    content: src.encoding === 'windows-1251' ? encodeCp1251(xml, true) : xml,
    source: src.id,
    format: 'rss',
  };
}

// ------------------------------------------------------------------------------------- Atom

function atom(src: DemoSource, list: DemoItem[], now: number): DemoFile {
  const lang = FEED_LANG[src.langs[0]![0]];
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="utf-8"?>');
  out.push(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">`);
  out.push(`<title>${escapeXml(src.name)}</title>`);
  out.push(`<subtitle>${escapeXml(src.note)}</subtitle>`);
  out.push(`<id>tag:${src.id},2026:feed</id>`);
  out.push(`<updated>${isoOffset(now, src.tz)}</updated>`);
  out.push(`<link rel="self" type="application/atom+xml" href="${escapeXml(`${src.url}feed.atom`)}"/>`);
  out.push(`<link rel="alternate" type="text/html" href="${escapeXml(src.url ?? '')}"/>`);
  out.push(`<author><name>${escapeXml(src.name)}</name></author>`);
  for (const it of list.slice().reverse()) {
    const entryLang = FEED_LANG[it.out];
    out.push(entryLang !== lang ? `<entry xml:lang="${entryLang}">` : '<entry>');
    out.push(`<title type="text">${escapeXml(it.title ?? '')}</title>`);
    out.push(`<id>${escapeXml(it.externalId)}</id>`);
    out.push(`<link rel="alternate" type="text/html" href="${escapeXml(it.url ?? '')}"/>`);
    out.push(`<published>${isoOffset(it.at, src.tz)}</published>`);
    out.push(`<updated>${isoOffset(it.at + (it.uid % 3) * 600_000, src.tz)}</updated>`);
    const by = byline(src, it);
    if (by) out.push(`<author><name>${escapeXml(by)}</name></author>`);
    out.push(`<category term="${escapeXml(section(it))}"/>`);
    if (src.id === 'sadoi-kuhsor.example') {
      out.push(
        `<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${paragraphs(it.text)}</div></content>`,
      );
    } else if (src.id === 'oftob.example') {
      out.push(`<content type="text">${escapeXml(it.text)}</content>`);
    } else {
      const first = it.text.split(/(?<=[.!?])\s/)[0] ?? '';
      out.push(`<summary type="text">${escapeXml(first)}</summary>`);
      out.push(`<content type="html">${escapeXml(paragraphs(it.text))}</content>`);
    }
    out.push('</entry>');
  }
  out.push('</feed>');
  return { path: src.file, content: `${out.join('\n')}\n`, source: src.id, format: 'atom' };
}

// --------------------------------------------------------------------------------- Telegram

type Entity = { type: string; text: string; href?: string };

const MORE: Record<OutLang, string> = {
  tg: 'Муфассал',
  ru: 'Подробнее',
  en: 'Read more',
  'uz-Latn': 'Batafsil',
  'uz-Cyrl': 'Батафсил',
  fa: 'بیشتر',
};
const TAGS: Partial<Record<OutLang, readonly string[]>> = {
  ru: ['#Таджикистан', '#ЦентральнаяАзия', '#мнение'],
  tg: ['#Тоҷикистон', '#хабар', '#муҳоҷир'],
  'uz-Latn': ['#Tojikiston'],
};

/** Entities of a message: bold title, body, link, hashtag — as Telegram Desktop exports them. */
function entities(it: DemoItem, byUid: ReadonlyMap<number, DemoItem>, channel: boolean): Entity[] {
  const ents: Entity[] = [];
  const target = it.linkTo !== undefined ? byUid.get(it.linkTo) : undefined;
  const url = target?.url;
  if (channel && it.title) ents.push({ type: 'bold', text: it.title }, { type: 'plain', text: '\n\n' });
  ents.push({ type: 'plain', text: it.text });
  if (url) {
    if (channel && it.uid % 2 === 0)
      ents.push({ type: 'plain', text: '\n\n' }, { type: 'text_link', text: MORE[it.out], href: url });
    else ents.push({ type: 'plain', text: channel ? '\n\n' : ' ' }, { type: 'link', text: url });
  }
  const tags = TAGS[it.out];
  if (channel && tags && it.uid % 3 === 0) {
    const tag = tags[it.uid % tags.length]!;
    ents.push({ type: 'plain', text: '\n' }, { type: 'hashtag', text: it.folded ? foldTajik(tag) : tag });
  }
  return ents;
}

function telegram(src: DemoSource, list: DemoItem[], byUid: ReadonlyMap<number, DemoItem>): DemoFile {
  const chat = src.telegram!;
  const isChannel = chat.type === 'public_channel';
  const fromId = `channel${chat.id}`;
  const messages: unknown[] = [];
  for (const it of list) {
    const date = localNoOffset(it.at, src.tz);
    const unix = String(Math.floor(it.at / 1000));
    if (it.service) {
      const pinned = byUid.get(it.service.pinned);
      messages.push({
        id: it.msgId,
        type: 'service',
        date,
        date_unixtime: unix,
        actor: src.name,
        actor_id: fromId,
        action: 'pin_message',
        message_id: pinned?.msgId,
        text: '',
        text_entities: [],
      });
      continue;
    }
    const orig = it.fwdOf !== undefined ? byUid.get(it.fwdOf) : undefined;
    const shown = orig ?? it;
    const origSrc = orig ? SOURCES.find((s) => s.id === orig.source) : undefined;
    const ents = entities(shown, byUid, orig ? origSrc?.platform === 'telegram' : isChannel);
    const msg: Record<string, unknown> = {
      id: it.msgId,
      type: 'message',
      date,
      date_unixtime: unix,
    };
    if (it.edited) {
      msg.edited = localNoOffset(it.edited, src.tz);
      msg.edited_unixtime = String(Math.floor(it.edited / 1000));
    }
    msg.from = it.user ? it.user.name : src.name;
    msg.from_id = it.user ? it.user.id : fromId;
    if (orig && origSrc) {
      msg.forwarded_from = origSrc.name;
      if (origSrc.telegram) msg.forwarded_from_id = `channel${origSrc.telegram.id}`;
    }
    if (it.replyTo !== undefined) {
      const to = byUid.get(it.replyTo);
      if (to?.msgId !== undefined) msg.reply_to_message_id = to.msgId;
    }
    const photo = shown.photo;
    if (photo === 'missing') {
      msg.photo = '(File not included. Change data exporting settings to download.)';
      msg.width = 800;
      msg.height = 800;
    } else if (photo === 'file') {
      const d = new Date(shown.at + src.tz * 60_000);
      const p2 = (n: number) => String(n).padStart(2, '0');
      msg.photo = `photos/photo_${it.msgId}@${p2(d.getUTCDate())}-${p2(d.getUTCMonth() + 1)}-${d.getUTCFullYear()}_${p2(d.getUTCHours())}-${p2(d.getUTCMinutes())}-${p2(d.getUTCSeconds())}.jpg`;
      msg.photo_file_size = 40_000 + ((it.uid * 7919) % 160_000);
      msg.width = 1280;
      msg.height = it.uid % 2 ? 720 : 853;
    }
    msg.text =
      ents.length === 1 && ents[0]!.type === 'plain'
        ? ents[0]!.text
        : ents.map((e) => (e.type === 'plain' ? e.text : e));
    msg.text_entities = ents;
    messages.push(msg);
  }
  const doc = { name: src.name, type: chat.type, id: chat.id, messages };
  return { path: src.file, content: `${JSON.stringify(doc, null, 1)}\n`, source: src.id, format: 'telegram' };
}

// -------------------------------------------------------------------------------------- CSV

const CSV_LANG: Record<OutLang, string> = {
  tg: 'tg',
  ru: 'ru',
  en: 'en',
  'uz-Latn': 'uz',
  'uz-Cyrl': 'uz',
  fa: 'fa',
};

function monitoringCsv(src: DemoSource, list: DemoItem[]): DemoFile {
  const rows = ['id,date,url,title,body,author,lang'];
  for (const it of list) {
    // analysts paste multi-paragraph posts; keep a line break inside some bodies
    const body = it.uid % 5 === 0 ? it.text.replace('. ', '.\n') : it.text;
    rows.push(
      [
        it.externalId,
        isoUtc(it.at),
        it.url ?? '',
        it.title ?? '',
        body,
        it.user?.name ?? '',
        CSV_LANG[it.out],
      ]
        .map(csvField)
        .join(','),
    );
  }
  // Spreadsheet exports start with a byte-order mark and use CRLF line ends.
  return { path: src.file, content: `\ufeff${rows.join('\r\n')}\r\n`, source: src.id, format: 'csv' };
}

function socialCsv(src: DemoSource, list: DemoItem[], byUid: ReadonlyMap<number, DemoItem>): DemoFile {
  const rows = ['id,date,link,user,body,platform,reactions'];
  for (const it of list) {
    const target = it.linkTo !== undefined ? byUid.get(it.linkTo) : undefined;
    const body = target?.url ? `${it.text} ${target.url}` : it.text;
    const date = isoUtc(it.at).replace('T', ' ').replace('Z', '');
    rows.push(
      [it.externalId, date, it.url ?? '', it.user?.name ?? '', body, 'ok', String((it.uid * 7919) % 300)]
        .map(csvField)
        .join(','),
    );
  }
  return { path: src.file, content: `${rows.join('\n')}\n`, source: src.id, format: 'csv' };
}
