/**
 * The demo's fictional outlets and channels. Every name and domain is invented (domains use the
 * reserved `.example` TLD; channel usernames end in `_demo`); affiliations mirror the kinds of
 * actor in docs/research/domain.md §4 without naming any real one.
 */
import type { OutLang } from './render.ts';

export type DemoAffiliation =
  | 'russian-state'
  | 'russian-state-affiliated'
  | 'tajik-state'
  | 'independent'
  | 'international'
  | 'extremist'
  | 'unknown';

export interface DemoSource {
  /** registry id: domain or channel username (lower case) */
  id: string;
  name: string;
  platform: 'rss' | 'atom' | 'telegram' | 'file';
  format: 'rss' | 'atom' | 'telegram' | 'csv';
  /** path of the file inside the output directory */
  file: string;
  affiliation: DemoAffiliation;
  country: string;
  url?: string;
  channelId?: string;
  /** output languages with their weights */
  langs: ReadonlyArray<readonly [OutLang, number]>;
  /** probability that a Tajik item from this source is typed on a Russian keyboard */
  folded: number;
  /** UTC offset (minutes) of the dates this source writes */
  tz: number;
  encoding?: 'windows-1251';
  /** relative share of background (ordinary) items */
  weight: number;
  /** Telegram chat meta */
  telegram?: { type: 'public_channel' | 'private_group'; id: number };
  /** the name used when another outlet attributes a reprint to this source, per language */
  credit?: Partial<Record<OutLang, string>>;
  note: string;
}

const tgChannel = (username: string, id: number) => ({
  channelId: `@${username}`,
  url: `https://t.me/${username}`,
  telegram: { type: 'public_channel' as const, id },
});

export const SOURCES: readonly DemoSource[] = [
  {
    id: 'vesti-centr.example',
    name: 'Вести Центр',
    platform: 'rss',
    format: 'rss',
    file: 'rss/vesti-centr.xml',
    affiliation: 'russian-state',
    country: 'RU',
    url: 'https://vesti-centr.example/',
    langs: [['ru', 1]],
    folded: 0,
    tz: 180,
    weight: 7,
    credit: {
      ru: '«Вести Центр»',
      tg: '«Вести Центр»',
      en: 'Vesti Tsentr',
      'uz-Latn': '“Vesti Sentr”',
      'uz-Cyrl': '«Вести Центр»',
    },
    note: 'fictional Russian state news wire',
  },
  {
    id: 'evrazia-segodnya.example',
    name: 'Евразия сегодня',
    platform: 'rss',
    format: 'rss',
    file: 'rss/evrazia-segodnya.xml',
    affiliation: 'russian-state-affiliated',
    country: 'RU',
    url: 'https://evrazia-segodnya.example/',
    langs: [['ru', 1]],
    folded: 0,
    tz: 180,
    encoding: 'windows-1251',
    weight: 5,
    credit: {
      ru: '«Евразия сегодня»',
      tg: '«Евразия сегодня»',
      en: 'Evraziya Segodnya',
      'uz-Latn': '“Yevraziya segodnya”',
    },
    note: 'fictional Russian state-affiliated site; its feed is served in Windows-1251',
  },
  {
    id: 'en.evrazia-segodnya.example',
    name: 'Eurasia Today',
    platform: 'rss',
    format: 'rss',
    file: 'rss/eurasia-today-en.xml',
    affiliation: 'russian-state-affiliated',
    country: 'RU',
    url: 'https://en.evrazia-segodnya.example/',
    langs: [['en', 1]],
    folded: 0,
    tz: 0,
    weight: 2,
    note: 'English edition of the fictional state-affiliated site',
  },
  {
    id: 'akhbori-vatan.example',
    name: 'Ахбори Ватан',
    platform: 'rss',
    format: 'rss',
    file: 'rss/akhbori-vatan.xml',
    affiliation: 'tajik-state',
    country: 'TJ',
    url: 'https://akhbori-vatan.example/',
    langs: [['tg', 1]],
    folded: 0,
    tz: 300,
    weight: 12,
    credit: {
      ru: 'агентство «Ахбори Ватан»',
      tg: '«Ахбори Ватан»',
      en: 'Akhbori Vatan',
      'uz-Latn': '“Axbori Vatan”',
    },
    note: 'fictional Tajik state news agency',
  },
  {
    id: 'ovozi-mardum.example',
    name: 'Овози мардум',
    platform: 'rss',
    format: 'rss',
    file: 'rss/ovozi-mardum.xml',
    affiliation: 'independent',
    country: 'TJ',
    url: 'https://ovozi-mardum.example/',
    langs: [
      ['tg', 0.55],
      ['ru', 0.45],
    ],
    folded: 0.1,
    tz: 300,
    weight: 7,
    credit: { ru: '«Овози мардум»', tg: '«Овози мардум»', en: 'Ovozi Mardum' },
    note: 'fictional independent Tajik site in Tajik and Russian',
  },
  {
    id: 'yangi-kun.example',
    name: 'Yangi kun',
    platform: 'rss',
    format: 'rss',
    file: 'rss/yangi-kun.xml',
    affiliation: 'unknown',
    country: 'UZ',
    url: 'https://yangi-kun.example/',
    langs: [['uz-Latn', 1]],
    folded: 0,
    tz: 300,
    weight: 6,
    credit: { 'uz-Cyrl': '“Yangi kun”' },
    note: 'fictional Uzbek site (Latin script)',
  },
  {
    id: 'vodiy-xabar.example',
    name: 'Водий хабарлари',
    platform: 'rss',
    format: 'rss',
    file: 'rss/vodiy-xabar.xml',
    affiliation: 'tajik-state',
    country: 'TJ',
    url: 'https://vodiy-xabar.example/',
    langs: [['uz-Cyrl', 1]],
    folded: 0,
    tz: 300,
    weight: 5,
    note: 'fictional state-run Uzbek-language paper in Tajikistan (Cyrillic script)',
  },
  {
    id: 'central-asia-monitor.example',
    name: 'Central Asia Monitor',
    platform: 'rss',
    format: 'rss',
    file: 'rss/central-asia-monitor.xml',
    affiliation: 'international',
    country: 'GB',
    url: 'https://central-asia-monitor.example/',
    langs: [['en', 1]],
    folded: 0,
    tz: 0,
    weight: 6,
    note: 'fictional English-language international outlet',
  },
  {
    id: 'steppe-review.example',
    name: 'Steppe Review',
    platform: 'atom',
    format: 'atom',
    file: 'atom/steppe-review.xml',
    affiliation: 'international',
    country: 'DE',
    url: 'https://steppe-review.example/',
    langs: [['en', 1]],
    folded: 0,
    tz: 60,
    weight: 3,
    note: 'fictional English-language regional review (Atom)',
  },
  {
    id: 'sadoi-kuhsor.example',
    name: 'Садои Кӯҳсор',
    platform: 'atom',
    format: 'atom',
    file: 'atom/sadoi-kuhsor.xml',
    affiliation: 'independent',
    country: 'TJ',
    url: 'https://sadoi-kuhsor.example/',
    langs: [
      ['tg', 0.6],
      ['ru', 0.4],
    ],
    folded: 0.3,
    tz: 300,
    weight: 3,
    note: 'fictional regional site from the Pamirs (Atom), Tajik and Russian',
  },
  {
    id: 'oftob.example',
    name: 'آفتاب',
    platform: 'atom',
    format: 'atom',
    file: 'atom/oftob.xml',
    affiliation: 'unknown',
    country: 'AF',
    url: 'https://oftob.example/',
    langs: [['fa', 1]],
    folded: 0,
    tz: 270,
    weight: 1.2,
    note: 'fictional Persian-script (Dari) outlet (Atom)',
  },
  {
    id: 'golos_evrazii_demo',
    name: 'Голос Евразии',
    platform: 'telegram',
    format: 'telegram',
    file: 'telegram/golos_evrazii_demo/result.json',
    affiliation: 'russian-state-affiliated',
    country: 'RU',
    ...tgChannel('golos_evrazii_demo', 1900000101),
    langs: [['ru', 1]],
    folded: 0,
    tz: 300,
    weight: 4,
    note: 'fictional state-aligned Russian-language Telegram channel',
  },
  {
    id: 'vostok_ekspress_demo',
    name: 'Восток Экспресс',
    platform: 'telegram',
    format: 'telegram',
    file: 'telegram/vostok_ekspress_demo/result.json',
    affiliation: 'unknown',
    country: 'RU',
    ...tgChannel('vostok_ekspress_demo', 1900000102),
    langs: [['ru', 1]],
    folded: 0,
    tz: 300,
    weight: 0.8,
    note: 'fictional channel that re-posts Голос Евразии (part of a copy network)',
  },
  {
    id: 'granitsa_info_demo',
    name: 'Граница Инфо',
    platform: 'telegram',
    format: 'telegram',
    file: 'telegram/granitsa_info_demo/result.json',
    affiliation: 'unknown',
    country: 'RU',
    ...tgChannel('granitsa_info_demo', 1900000103),
    langs: [['ru', 1]],
    folded: 0,
    tz: 300,
    weight: 0.8,
    note: 'fictional copy-network channel',
  },
  {
    id: 'sever_yug_demo',
    name: 'Север — Юг',
    platform: 'telegram',
    format: 'telegram',
    file: 'telegram/sever_yug_demo/result.json',
    affiliation: 'unknown',
    country: 'RU',
    ...tgChannel('sever_yug_demo', 1900000104),
    langs: [['ru', 1]],
    folded: 0,
    tz: 300,
    weight: 0.8,
    note: 'fictional copy-network channel',
  },
  {
    id: 'navidi_rooz_demo',
    name: 'Навиди рӯз',
    platform: 'telegram',
    format: 'telegram',
    file: 'telegram/navidi_rooz_demo/result.json',
    affiliation: 'unknown',
    country: 'TJ',
    ...tgChannel('navidi_rooz_demo', 1900000105),
    langs: [['tg', 1]],
    folded: 0.7,
    tz: 300,
    weight: 10,
    note: 'fictional Tajik-language aggregator channel that reposts and translates',
  },
  {
    id: 'muhojir_info_demo',
    name: 'Муҳоҷир Инфо',
    platform: 'telegram',
    format: 'telegram',
    file: 'telegram/muhojir_info_demo/result.json',
    affiliation: 'independent',
    country: 'RU',
    ...tgChannel('muhojir_info_demo', 1900000106),
    langs: [
      ['tg', 0.55],
      ['ru', 0.45],
    ],
    folded: 0.6,
    tz: 300,
    weight: 6,
    note: 'fictional channel for Tajik migrants in Russia',
  },
  {
    id: 'ovozi_mardum_demo',
    name: 'Овози мардум',
    platform: 'telegram',
    format: 'telegram',
    file: 'telegram/ovozi_mardum_demo/result.json',
    affiliation: 'independent',
    country: 'TJ',
    ...tgChannel('ovozi_mardum_demo', 1900000107),
    langs: [
      ['tg', 0.55],
      ['ru', 0.45],
    ],
    folded: 0,
    tz: 300,
    weight: 0.5,
    note: 'Telegram channel of the fictional site ovozi-mardum.example (cross-posts)',
  },
  {
    id: 'sadoi_haqiqat_demo',
    name: 'Садои ҳақиқат',
    platform: 'telegram',
    format: 'telegram',
    file: 'telegram/sadoi_haqiqat_demo/result.json',
    affiliation: 'extremist',
    country: 'XX',
    ...tgChannel('sadoi_haqiqat_demo', 1900000108),
    langs: [
      ['tg', 0.45],
      ['ru', 0.35],
      ['uz-Latn', 0.15],
      ['fa', 0.05],
    ],
    folded: 0.5,
    tz: 300,
    weight: 0,
    note: 'fictional IS-K supporter-style channel: paraphrased narrative framing only',
  },
  {
    id: 'hamvatanon_chat_demo',
    name: 'Ҳамватанон — чат',
    platform: 'telegram',
    format: 'telegram',
    file: 'telegram/hamvatanon_chat_demo/result.json',
    affiliation: 'unknown',
    country: 'RU',
    telegram: { type: 'private_group', id: 4900000201 },
    langs: [
      ['tg', 0.6],
      ['ru', 0.4],
    ],
    folded: 0.85,
    tz: 300,
    weight: 0,
    note: 'fictional private group chat of Tajik migrants (users are fictional)',
  },
  {
    id: 'monitoring-sheet',
    name: 'Monitoring sheet (analyst export)',
    platform: 'file',
    format: 'csv',
    file: 'csv/monitoring.csv',
    affiliation: 'unknown',
    country: 'XX',
    langs: [
      ['ru', 0.4],
      ['tg', 0.4],
      ['en', 0.2],
    ],
    folded: 0.5,
    tz: 0,
    weight: 0,
    note: 'an analyst spreadsheet of posts found on social platforms; columns need no --map',
  },
  {
    id: 'social-listening',
    name: 'Social listening export',
    platform: 'file',
    format: 'csv',
    file: 'csv/social-listening.csv',
    affiliation: 'unknown',
    country: 'XX',
    langs: [
      ['ru', 0.5],
      ['tg', 0.5],
    ],
    folded: 0.8,
    tz: 0,
    weight: 0,
    note: 'a listening-tool export; needs --map text=body,published=date,url=link,author=user',
  },
];

export const SOURCE_BY_ID: ReadonlyMap<string, DemoSource> = new Map(SOURCES.map((s) => [s.id, s]));
export function source(id: string): DemoSource {
  const s = SOURCE_BY_ID.get(id);
  if (!s) throw new Error(`unknown demo source ${id}`);
  return s;
}

/** The `--map` the social-listening CSV needs (its columns are not the default names). */
export const SOCIAL_CSV_MAP = { text: 'body', published: 'date', url: 'link', author: 'user' } as const;
