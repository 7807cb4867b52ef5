/**
 * The manifest: ground truth for tests and evaluation. Every planted phenomenon is listed by the
 * keys an ingest will see — source id plus the item's external id (RSS guid, Atom id,
 * "<chat id>/<message id>" for Telegram, CSV id column) — so a test can look the items up after
 * ingesting the files.
 */
import type { Corpus, DemoItem } from './corpus.ts';
import { NARRATIVE_IDS, type NarrativeId } from './narratives.ts';
import type { OutLang } from './render.ts';
import { SOCIAL_CSV_MAP, SOURCES } from './sources.ts';
import { isoUtc } from './text.ts';

export interface ItemKey {
  source: string;
  id: string;
}

export type ManifestLang = 'tg' | 'ru' | 'uz' | 'en' | 'fa';

export interface ManifestItem extends ItemKey {
  lang: ManifestLang;
  script: 'Cyrl' | 'Latn' | 'Arab';
  /** Tajik typed on a Russian keyboard (no ҳ ҷ қ ғ ӣ ӯ) */
  folded: boolean;
  /** Tajik with Russian phrases mixed in */
  codeSwitch: boolean;
  published: string;
  kind: 'news' | 'control' | 'narrative' | 'chat' | 'share';
  topic: string;
  category: string;
  /** taxonomy narrative ids the item carries; empty = must not be flagged */
  narratives: string[];
  forwarded: boolean;
}

export interface DemoManifest {
  generator: {
    name: 'ogoh-demo';
    version: 1;
    seed: number;
    items: number;
    start: string;
    end: string;
    days: number;
  };
  notes: string[];
  sources: Array<{
    id: string;
    name: string;
    platform: string;
    format: string;
    file: string;
    affiliation: string;
    country: string;
    languages: string[];
    url?: string;
    channelId?: string;
    encoding?: string;
    /** column mapping the CSV needs (`--map text=body,…`) */
    csvMap?: Record<string, string>;
    /** Telegram Desktop writes local wall-clock "date"; date_unixtime is UTC */
    telegramDateOffset?: string;
    note: string;
  }>;
  counts: {
    items: number;
    days: number;
    firstPublished: string;
    lastPublished: string;
    byLang: Record<ManifestLang, number>;
    uzLatin: number;
    uzCyrillic: number;
    foldedTajik: number;
    codeSwitched: number;
    narrativeItems: number;
    controlItems: number;
    bySource: Record<string, number>;
  };
  items: ManifestItem[];
  reprintChains: Array<{
    id: string;
    topic: string;
    narratives: string[];
    /** some step re-publishes the content without naming where it came from */
    laundering: boolean;
    steps: Array<ItemKey & { relation: string; attributed: boolean; lang: string; published: string }>;
  }>;
  translations: Array<{ from: ItemKey; to: ItemKey; pair: string }>;
  transliterations: Array<{ from: ItemKey; to: ItemKey; pair: 'uz-Latn>uz-Cyrl' }>;
  crossPosts: Array<{ publisher: string; items: ItemKey[] }>;
  nearDuplicates: Array<{ original: ItemKey; copies: Array<ItemKey & { kind: 'rewrite' | 'edit' }> }>;
  coordinatedBursts: Array<{
    id: string;
    kind: 'url' | 'text' | 'forward';
    /** the shared URL, text, or forwarded post */
    object: string;
    windowSeconds: number;
    accounts: string[];
    items: ItemKey[];
  }>;
  narratives: Record<NarrativeId, ItemKey[]>;
  convergence: Array<{
    pair: string;
    source: string;
    /** window: member narratives in one channel within hours; single-item: one item carries both */
    signal: 'window' | 'single-item';
    from: string;
    to: string;
    items: Array<ItemKey & { narratives: string[] }>;
  }>;
  controls: {
    /** benign items by category (religious, diaspora, pamiri, history, russia, china, csto, migration) */
    categories: Record<string, ItemKey[]>;
    /** the same link shared by several accounts days apart: not coordinated */
    spreadShares: Array<{ object: string; items: ItemKey[] }>;
  };
  foldedTajik: { count: number; items: ItemKey[] };
}

const LANG: Record<OutLang, ManifestLang> = {
  tg: 'tg',
  ru: 'ru',
  en: 'en',
  'uz-Latn': 'uz',
  'uz-Cyrl': 'uz',
  fa: 'fa',
};
const SCRIPT: Record<OutLang, 'Cyrl' | 'Latn' | 'Arab'> = {
  tg: 'Cyrl',
  ru: 'Cyrl',
  en: 'Latn',
  'uz-Latn': 'Latn',
  'uz-Cyrl': 'Cyrl',
  fa: 'Arab',
};

export function buildManifest(corpus: Corpus, seed: number, requested: number): DemoManifest {
  const content = corpus.items.filter((it) => !it.service).sort((a, b) => a.at - b.at || a.uid - b.uid);
  const byUid = new Map(corpus.items.map((it) => [it.uid, it]));
  const get = (uid: number): DemoItem => {
    const it = byUid.get(uid);
    if (!it) throw new Error(`manifest refers to unknown item ${uid}`);
    return it;
  };
  const key = (uid: number): ItemKey => {
    const it = get(uid);
    return { source: it.source, id: it.externalId };
  };
  const srcName = (id: string) => SOURCES.find((s) => s.id === id)!;

  const byLang: Record<ManifestLang, number> = { tg: 0, ru: 0, uz: 0, en: 0, fa: 0 };
  const bySource: Record<string, number> = {};
  let uzLatin = 0;
  let uzCyrillic = 0;
  let folded = 0;
  let codeSwitched = 0;
  for (const it of content) {
    byLang[LANG[it.out]]++;
    bySource[it.source] = (bySource[it.source] ?? 0) + 1;
    if (it.out === 'uz-Latn') uzLatin++;
    if (it.out === 'uz-Cyrl') uzCyrillic++;
    if (it.folded) folded++;
    if (it.codeSwitch) codeSwitched++;
  }

  const narratives = Object.fromEntries(NARRATIVE_IDS.map((n) => [n, [] as ItemKey[]])) as Record<
    NarrativeId,
    ItemKey[]
  >;
  const categories: Record<string, ItemKey[]> = {};
  for (const it of content) {
    for (const n of it.narratives) narratives[n as NarrativeId]?.push(key(it.uid));
    if (it.kind === 'control') {
      const list = categories[it.category] ?? [];
      list.push(key(it.uid));
      categories[it.category] = list;
    }
  }

  const translations: DemoManifest['translations'] = [];
  const reprintChains = corpus.plan.chains.map((c) => {
    const origin = get(c.steps[0]!.uid);
    for (const st of c.steps) {
      const it = get(st.uid);
      if (st.relation === 'translation')
        translations.push({
          from: key(origin.uid),
          to: key(it.uid),
          pair: `${LANG[origin.out]}>${LANG[it.out]}`,
        });
    }
    return {
      id: c.id,
      topic: c.topic,
      narratives: c.narratives,
      laundering: c.steps.some((s) => !s.attributed),
      steps: c.steps.map((s) => {
        const it = get(s.uid);
        return {
          ...key(s.uid),
          relation: s.relation,
          attributed: s.attributed,
          lang: it.out,
          published: isoUtc(it.at),
        };
      }),
    };
  });

  const burstObject = (b: Corpus['plan']['bursts'][number]): string => {
    if (b.kind === 'text') return get(b.uids[0]!).text;
    const t = get(b.target!);
    return t.url ?? `${t.source}#${t.externalId}`;
  };

  const dates = content.map((it) => it.at);
  const first = Math.min(...dates);
  const last = Math.max(...dates);
  return {
    generator: {
      name: 'ogoh-demo',
      version: 1,
      seed,
      items: requested,
      start: isoUtc(corpus.start),
      end: isoUtc(corpus.end),
      days: Math.round((corpus.end - corpus.start) / 86_400_000),
    },
    notes: [
      'All outlets, channels, people and events are fictional; domains use the reserved .example TLD.',
      'Item keys are source id + external id: RSS guid, Atom entry id, "<chat id>/<message id>" for Telegram, CSV id column.',
      'Telegram "date" is Dushanbe wall-clock time (UTC+05:00); "date_unixtime" is the instant.',
      'rss/evrazia-segodnya.xml is encoded in Windows-1251, as declared in its XML prolog.',
      'csv/monitoring.csv starts with a UTF-8 byte-order mark and uses CRLF line ends.',
      'Extremist-style content is paraphrased narrative framing for detector testing: no calls to violence, no instructions.',
    ],
    sources: SOURCES.map((s) => ({
      id: s.id,
      name: s.name,
      platform: s.platform,
      format: s.format,
      file: s.file,
      affiliation: s.affiliation,
      country: s.country,
      languages: [...new Set(s.langs.map(([l]) => LANG[l]))],
      ...(s.url ? { url: s.url } : {}),
      ...(s.channelId ? { channelId: s.channelId } : {}),
      ...(s.encoding ? { encoding: s.encoding } : {}),
      ...(s.id === 'social-listening' ? { csvMap: { ...SOCIAL_CSV_MAP } } : {}),
      ...(s.platform === 'telegram' ? { telegramDateOffset: '+05:00' } : {}),
      note: s.note,
    })),
    counts: {
      items: content.length,
      days: Math.round((last - first) / 86_400_000),
      firstPublished: isoUtc(first),
      lastPublished: isoUtc(last),
      byLang,
      uzLatin,
      uzCyrillic,
      foldedTajik: folded,
      codeSwitched,
      narrativeItems: content.filter((it) => it.narratives.length > 0).length,
      controlItems: content.filter((it) => it.kind === 'control').length,
      bySource,
    },
    items: content.map((it) => ({
      source: it.source,
      id: it.externalId,
      lang: LANG[it.out],
      script: SCRIPT[it.out],
      folded: it.folded,
      codeSwitch: it.codeSwitch === true,
      published: isoUtc(it.at),
      kind: it.kind,
      topic: it.topic,
      category: it.category,
      narratives: it.narratives,
      forwarded: it.fwdOf !== undefined,
    })),
    reprintChains,
    translations,
    transliterations: corpus.plan.transliterations.map((t) => ({
      from: key(t.from),
      to: key(t.to),
      pair: 'uz-Latn>uz-Cyrl' as const,
    })),
    crossPosts: corpus.plan.crossPosts.map((c) => ({ publisher: c.publisher, items: c.uids.map(key) })),
    nearDuplicates: corpus.plan.rewrites.map((r) => ({
      original: key(r.original),
      copies: r.copies.map((c) => ({ ...key(c.uid), kind: c.kind })),
    })),
    coordinatedBursts: corpus.plan.bursts.map((b) => ({
      id: b.id,
      kind: b.kind,
      object: burstObject(b),
      windowSeconds: b.windowSeconds,
      accounts: b.uids.map((u) => {
        const it = get(u);
        return it.user?.id || it.user?.name || srcName(it.source).channelId || it.source;
      }),
      items: b.uids.map(key),
    })),
    narratives,
    convergence: corpus.plan.convergence.map((c) => {
      const at = c.uids.map((u) => get(u).at);
      return {
        pair: c.pair,
        source: c.source,
        signal: c.signal,
        from: isoUtc(Math.min(...at)),
        to: isoUtc(Math.max(...at)),
        items: c.uids.map((u) => ({ ...key(u), narratives: get(u).narratives })),
      };
    }),
    controls: {
      categories,
      spreadShares: corpus.plan.spreadShares.map((s) => ({
        object: get(s.target).url ?? '',
        items: s.uids.map(key),
      })),
    },
    foldedTajik: { count: folded, items: content.filter((it) => it.folded).map((it) => key(it.uid)) },
  };
}
