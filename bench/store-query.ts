/**
 * Store benchmark: loads N synthetic multilingual items through `writeBatch` (batches of 5,000) into a
 * fresh SQLite store, then times ~200 random 1–2 term full-text queries with and without filters,
 * plus filter-only queries and second pages.
 *
 *   node --import tsx bench/store-query.ts [N=100000] [--queries 200] [--keep] [--db path] [--reuse] [--slowest K]
 *
 * `--reuse` with `--db` skips loading when that store already holds N items (query timings only).
 *
 * The corpus is synthetic but shaped like the real one: Russian, Tajik, Uzbek (Latin and Cyrillic),
 * English and Persian news sentences drawn from real stems with inflections, Zipf word frequencies,
 * a long tail of generated names and numbers, 60 sources of unequal size, published times mostly
 * advancing with ingestion plus 15% archive back-fill and 3% undated, and narrative detections on
 * ~10% of items. Generation is seeded, so runs are comparable.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Detection,
  digest,
  type Item,
  type ItemQuery,
  itemId,
  makeId,
  type StoryAssignment,
} from '@ogoh/core';
import { openSqliteStore, testFactories } from '@ogoh/store';
import Database from 'better-sqlite3';

// ---------- arguments ----------

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const N = Number(positional[0] ?? 100_000);
const QUERIES = Number(option('queries') ?? 200);
const BATCH = 5000;
if (!Number.isInteger(N) || N < BATCH)
  throw new Error(`N must be an integer ≥ ${BATCH}, got ${positional[0]}`);

// ---------- seeded randomness ----------

let seed = 0x9e3779b9;
function rand(): number {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;

/** Zipf sampler over `n` ranks (s ≈ 1.05, like word frequencies). */
function zipf(n: number, s = 1.05): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let r = 0; r < n; r++) {
    sum += 1 / (r + 2.7) ** s;
    cdf[r] = sum;
  }
  return () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

// ---------- vocabulary ----------

const words = (s: string) => s.split(/\s+/).filter(Boolean);
const RU_STEMS =
  words(`правительств экономик развити президент министерств заявлени стран войн росси таджикистан
  узбекистан границ безопасност выбор народ закон мигрант работ рубл цен газ нефт арми оборон запад америк украин
  санкци переговор помощ кредит банк инвестици строительств школ больниц здоровь образовани молодеж религи ислам
  мечет вер семь традици культур истори памят побед власт оппозици журналист свобод пресс суд тюрьм полици террорист
  вербовк экстремист сирий афганистан талиб граждан паспорт депортаци патент вакцин пандеми климат вод энерги
  электричеств плотин рогун хлопок урожай рынок торговл таможн китай дорог проект договор соглашени визит встреч
  министр посол делегаци парламент депутат указ налог бюджет зарплат пенси инфляци курс доллар сомон валют`);
const RU_ENDINGS = [
  '',
  'а',
  'ы',
  'у',
  'ом',
  'е',
  'ой',
  'ами',
  'ах',
  'ого',
  'ому',
  'ие',
  'ий',
  'ых',
  'ия',
  'ию',
  'ии',
  'ей',
];
const TG_STEMS = words(`ҳукумат иқтисод рушд президент вазорат изҳорот кишвар ҷанг русия тоҷикистон ӯзбекистон
  сарҳад амният интихобот мардум қонун муҳоҷир кор рубл нарх газ нафт артиш мудофиа ғарб амрико украина таҳрим
  гуфтушунид кумак қарз бонк сармоя сохтмон мактаб беморхона саломатӣ маориф ҷавон дин ислом масҷид имон оила
  анъана фарҳанг таърих хотира ғалаба ҳокимият мухолифин рӯзноманигор озодӣ матбуот суд зиндон милитсия террорист
  ифротгаро сурия афғонистон толибон шаҳрванд шиноснома ихроҷ ваксина обу ҳаво об энергия барқ нерӯгоҳ роғун
  пахта ҳосил бозор тиҷорат гумрук чин роҳ лоиҳа шартнома созишнома сафар мулоқот сафир вакил парлумон фармон
  андоз буҷет маош нафақа таваррум қурб доллар сомонӣ асъор`);
const TG_ENDINGS = ['', 'ҳо', 'ҳои', 'и', 'ро', 'ам', 'ат', 'аш', 'он', 'ӣ', 'ҳоро', 'е', 'и мо'];
const UZ_STEMS =
  words(`hukumat iqtisodiyot rivojlanish prezident vazirlik bayonot mamlakat urush rossiya tojikiston
  ozbekiston chegara xavfsizlik saylov xalq qonun migrant ish narx gaz neft armiya mudofaa garb amerika ukraina
  sanksiya muzokara yordam kredit bank investitsiya qurilish maktab shifoxona salomatlik talim yoshlar din islom
  masjid oila madaniyat tarix xotira galaba hokimiyat muxolifat jurnalist erkinlik matbuot sud qamoq politsiya
  terrorchi fuqaro pasport vaksina iqlim suv energiya elektr paxta hosil bozor savdo bojxona xitoy yol loyiha
  shartnoma tashrif uchrashuv vazir elchi deputat farmon soliq byudjet maosh pensiya inflyatsiya dollar`);
const UZ_ENDINGS = ['', 'lar', 'ning', 'ga', 'da', 'dan', 'ni', 'larni', 'imiz', 'lari', 'larning'];
const UZ_CYRL = words(`ҳукумат иқтисодиёт ривожланиш президент вазирлик мамлакат уруш чегара хавфсизлик сайлов
  халқ қонун мигрант иш нарх армия мудофаа ғарб санкция музокара ёрдам банк қурилиш мактаб шифохона соғлиқ таълим
  ёшлар дин ислом масжид оила маданият тарих ғалаба ҳокимият мухолифат журналист эркинлик суд фуқаро паспорт`);
const EN = words(`government economy development president ministry statement country war russia tajikistan
  uzbekistan border security election people law migrant work ruble price gas oil army defense west america
  ukraine sanctions talks aid loan bank investment construction school hospital health education youth religion
  islam mosque faith family tradition culture history memory victory power opposition journalist freedom press
  court prison police terrorist recruitment extremist syria afghanistan taliban citizen passport deportation
  vaccine climate water energy electricity dam cotton harvest market trade customs china road project treaty
  agreement visit meeting minister ambassador parliament decree tax budget salary pension inflation dollar`);
const EN_ENDINGS = ['', 's', 'ed', 'ing', "'s"];
const FA = words(`دولت اقتصاد توسعه رئیس وزارت بیانیه کشور جنگ روسیه تاجیکستان ازبکستان مرز امنیت انتخابات
  مردم قانون مهاجر کار قیمت گاز نفت ارتش دفاع غرب آمریکا اوکراین تحریم مذاکرات کمک وام بانک سرمایه ساخت
  مدرسه بیمارستان سلامت آموزش جوانان دین اسلام مسجد ایمان خانواده سنت فرهنگ تاریخ پیروزی قدرت مخالفان
  خبرنگار آزادی مطبوعات دادگاه زندان پلیس تروریست افغانستان طالبان شهروند گذرنامه واکسن آب انرژی برق`);
const FA_ENDINGS = ['', 'ها', 'ی', 'های', 'ش'];
const FUNCTION_WORDS: Record<string, string[]> = {
  ru: words('и в на не что с по к о из за от для как это также его ее их был была были будет после при'),
  tg: words('ва дар бо аз ба ки он ин барои низ буд аст мешавад гуфт шуд баъд то ҳам чунин'),
  uz: words("va bilan uchun ham bu u edi bo'ldi keyin da esa ekan dedi qildi"),
  en: words('the of and to in a is that for on with as was by it at from be this have'),
  fa: words('و در به از که این را با برای است بود شد هم آن'),
};

/** Generated proper names and rare words: the long tail real corpora have. */
function makeTail(syllables: string[], count: number): string[] {
  const out = new Set<string>();
  while (out.size < count) {
    let w = '';
    const k = 2 + Math.floor(rand() * 3);
    for (let i = 0; i < k; i++) w += pick(syllables);
    out.add(w);
  }
  return [...out];
}
const TAIL_CYR = makeTail(
  words('ка ра то ми ну ле шо да бе ви зо ха чу фи ло ҷа қо ғу ӯр ов ев ин ский бек зо'),
  60_000,
);
const TAIL_LAT = makeTail(words('ka ra to mi nu le sho da be vi zo xa chu fi lo jon bek ov ali ur'), 20_000);
const TAIL_FA = makeTail(words('کا را تو می نو له شو دا به وی زو ها چو فی لو جان'), 10_000);

interface Lang {
  code: Item['lang'];
  share: number;
  forms: string[];
  tail: string[];
  fn: string[];
  nextForm: () => number;
  nextTail: () => number;
}

function inflect(stems: string[], endings: string[]): string[] {
  const out: string[] = [];
  // Interleave so the Zipf head mixes stems rather than exhausting one stem's endings.
  for (const e of endings) for (const s of stems) out.push(s + e);
  return out;
}
function lang(code: Item['lang'], share: number, forms: string[], tail: string[]): Lang {
  // Shuffle so frequency rank is not alphabetical.
  for (let i = forms.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [forms[i], forms[j]] = [forms[j]!, forms[i]!];
  }
  return {
    code,
    share,
    forms,
    tail,
    fn: FUNCTION_WORDS[code] ?? [],
    nextForm: zipf(forms.length),
    nextTail: zipf(tail.length, 0.9),
  };
}
const LANGS: Lang[] = [
  lang('ru', 0.45, inflect(RU_STEMS, RU_ENDINGS), TAIL_CYR),
  lang('tg', 0.3, inflect(TG_STEMS, TG_ENDINGS), TAIL_CYR),
  lang(
    'uz',
    0.1,
    [...inflect(UZ_STEMS, UZ_ENDINGS), ...inflect(UZ_CYRL, ['', 'лар', 'нинг', 'га', 'да'])],
    TAIL_LAT,
  ),
  lang('en', 0.08, inflect(EN, EN_ENDINGS), TAIL_LAT),
  lang('fa', 0.07, inflect(FA, FA_ENDINGS), TAIL_FA),
];

function pickLang(): Lang {
  let x = rand();
  for (const l of LANGS) {
    x -= l.share;
    if (x <= 0) return l;
  }
  return LANGS[0]!;
}

function sentence(l: Lang, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.3) out.push(pick(l.fn));
    else if (r < 0.9) out.push(l.forms[l.nextForm()]!);
    else if (r < 0.97) out.push(l.tail[l.nextTail()]!);
    else out.push(String(rand() < 0.5 ? 2000 + Math.floor(rand() * 27) : Math.floor(rand() * 10_000)));
  }
  return out.join(' ');
}

// ---------- corpus ----------

const SOURCES = Array.from({ length: 60 }, (_, i) => `bench-src-${i}`);
const nextSource = zipf(SOURCES.length, 0.8);
const LABELS = Array.from({ length: 20 }, (_, i) => `N-${i + 1}`);
const nextLabel = zipf(LABELS.length, 1);
const START = Date.UTC(2024, 0, 1);
const SPAN = 2 * 365 * 86_400_000;

function makeItem(n: number): Item {
  const l = pickLang();
  const sourceId = SOURCES[nextSource()]!;
  const title = sentence(l, 5 + Math.floor(rand() * 6));
  const len = Math.max(12, Math.min(400, Math.round(Math.exp(4.1 + 0.6 * (rand() + rand() + rand() - 1.5)))));
  const text = `${sentence(l, len)}.`;
  const foldText = testFactories.foldKey(`${title}\n${text}`);
  const contentHash = digest(foldText);
  const externalId = `p${n}`;
  const it: Item = {
    id: itemId(sourceId, { externalId, contentHash }),
    sourceId,
    externalId,
    url: `https://${sourceId}.example/news/${n}`,
    title,
    text,
    lang: l.code,
    langConfidence: 0.9,
    collectedAt: new Date(START + (n / N) * SPAN).toISOString(),
    contentHash,
    foldText,
    links: [],
    media: [],
    format: 'rss',
    payloadId: makeId('pl', sourceId, String(Math.floor(n / 200))),
    raw: JSON.stringify({ guid: externalId, title, description: text }),
  };
  const r = rand();
  if (r >= 0.03) {
    // Mostly advancing with ingestion (±3 days), 15% archive back-fill anywhere in the span.
    const t = r < 0.18 ? START + rand() * SPAN : START + (n / N) * SPAN + (rand() - 0.5) * 6 * 86_400_000;
    it.published = new Date(Math.floor(t)).toISOString();
  }
  return it;
}

/** ~5% of items start a story of 2–8 consecutive items (close in time, like copies of one text). */
function storiesOf(items: Item[]): StoryAssignment[] {
  const out: StoryAssignment[] = [];
  for (let i = 0; i < items.length; i++) {
    if (rand() >= 0.05) continue;
    const size = 2 + Math.floor(rand() * 7);
    const members = items.slice(i, i + size);
    const storyId = makeId('st', members[0]!.id);
    members.forEach((m, k) => {
      out.push({ storyId, itemId: m.id, link: k === 0 ? 'first' : 'near', similarity: k === 0 ? 1 : 0.8 });
    });
    i += size - 1;
  }
  return out;
}

function detectionsOf(items: Item[]): Detection[] {
  const out: Detection[] = [];
  for (const it of items) {
    if (rand() >= 0.1) continue;
    const label = LABELS[nextLabel()]!;
    out.push({
      id: makeId('dt', it.id, label),
      itemId: it.id,
      kind: 'narrative',
      label,
      score: 0.5 + rand() / 2,
      evidence: [{ start: 0, end: 10 }],
      explain: {},
      model: 'bench@1',
      createdAt: it.collectedAt,
    });
  }
  return out;
}

// ---------- queries ----------

/** A query term as an analyst types it: a stem (prefix), a whole word form, or a rare name. */
function term(l: Lang): string {
  const r = rand();
  if (r < 0.45) {
    const w = l.forms[l.nextForm()]!;
    const cut = Math.max(3, Math.min(w.length, Math.ceil(w.length * (0.6 + rand() * 0.3))));
    return testFactories.foldKey(w.slice(0, cut));
  }
  if (r < 0.8) return testFactories.foldKey(l.forms[l.nextForm()]!);
  return testFactories.foldKey(l.tail[l.nextTail()]!);
}

function terms(): { terms: string[]; lang: Item['lang'] } {
  const l = pickLang();
  const k = rand() < 0.5 ? 1 : 2;
  return { terms: Array.from({ length: k }, () => term(l)), lang: l.code };
}

function timeWindow(days: number): { since: string; until: string } {
  const from = START + rand() * (SPAN - days * 86_400_000);
  return { since: new Date(from).toISOString(), until: new Date(from + days * 86_400_000).toISOString() };
}

const KINDS: Record<string, () => ItemQuery> = {
  'fts 1–2 terms': () => ({ terms: terms().terms }),
  'fts + lang': () => {
    const t = terms();
    return { terms: t.terms, lang: t.lang };
  },
  'fts + source': () => ({ terms: terms().terms, sourceId: SOURCES[nextSource()]! }),
  'fts + 30-day window': () => ({ terms: terms().terms, ...timeWindow(30) }),
  'fts + label': () => ({ terms: terms().terms, label: LABELS[nextLabel()]! }),
  'lang only': () => ({ lang: pickLang().code }),
  'lang + source': () => ({ lang: pickLang().code, sourceId: SOURCES[nextSource()]! }),
  '7-day window': () => timeWindow(7),
  'label only': () => ({ label: LABELS[nextLabel()]! }),
  'story members': () => ({ storyId: pick(storySample).id }),
  'fts + story': () => {
    const s = pick(storySample);
    return { storyId: s.id, terms: [s.term] };
  },
};
/** Stories to query, with a word of their title (filled after loading). */
let storySample: { id: string; term: string }[] = [];

/** CPU milliseconds of this process: unlike wall time, not inflated when other work shares the cores. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

// ---------- run ----------

const dir = option('db') === undefined ? mkdtempSync(join(tmpdir(), 'ogoh-bench-store-')) : undefined;
const path = option('db') ?? join(dir!, 'bench.db');
const store = await openSqliteStore(path);
for (const id of SOURCES) await store.putSource(testFactories.source({ id, name: id }));

// --reuse with --db: query an existing benchmark store instead of loading it again.
const reuse = flag('reuse') && (await store.stats()).items >= N;
if (!reuse) console.log(`loading ${N.toLocaleString('en')} items in batches of ${BATCH} into ${path}`);
let genMs = 0;
let writeMs = 0;
let writeCpuMs = 0;
let detMs = 0;
let detections = 0;
let storyMs = 0;
let storyRows = 0;
for (let done = 0; !reuse && done < N; done += BATCH) {
  const g0 = performance.now();
  const items = Array.from({ length: Math.min(BATCH, N - done) }, (_, i) => makeItem(done + i));
  const dets = detectionsOf(items);
  const t0 = performance.now();
  const c0 = cpuMs();
  const res = await store.writeBatch({ items });
  writeCpuMs += cpuMs() - c0;
  const t1 = performance.now();
  await store.replaceDetections(
    dets.map((d) => d.itemId),
    dets,
  );
  const assignments = storiesOf(items);
  const t2 = performance.now();
  await store.assignStories(assignments);
  storyMs += performance.now() - t2;
  storyRows += assignments.length;
  genMs += t0 - g0;
  writeMs += t1 - t0;
  detMs += t2 - t1;
  detections += dets.length;
  if (res.new !== items.length) throw new Error(`expected ${items.length} new items, got ${res.new}`);
  if ((done / BATCH) % 20 === 19) {
    console.log(
      `  ${(done + BATCH).toLocaleString('en')} items, ${Math.round((done + BATCH) / (writeMs / 1000))} items/s`,
    );
  }
}
const insertRate = N / (writeMs / 1000);

storySample = (await store.listStories({ limit: 1000, minSize: 2 })).stories.flatMap((st) => {
  const word = (st.title ?? '').split(/\s+/).find((w) => [...w].length >= 5);
  return word ? [{ id: st.id, term: testFactories.foldKey(word.slice(0, 5)) }] : [];
});
if (storySample.length === 0) {
  delete KINDS['story members'];
  delete KINDS['fts + story'];
}

// The same queries whatever happened before (loading or --reuse).
seed = 0x5eed;
// Warm up the page cache and statement cache the way a running server would be.
for (let i = 0; i < 20; i++) await store.queryItems({ terms: terms().terms });

interface Result {
  kind: string;
  wall: number[];
  cpu: number[];
  hits: number;
}
const results: Result[] = [];
const ftsAll: Result = { kind: 'all full-text incl. second pages', wall: [], cpu: [], hits: 0 };
const slowest: { cpu: number; kind: string; q: ItemQuery }[] = [];
async function timed(r: Result, q: ItemQuery) {
  const c0 = cpuMs();
  const t0 = performance.now();
  const page = await store.queryItems(q);
  r.wall.push(performance.now() - t0);
  r.cpu.push(cpuMs() - c0);
  slowest.push({ cpu: r.cpu.at(-1)!, kind: r.kind, q });
  r.hits += page.items.length;
  return page;
}
for (const [kind, make] of Object.entries(KINDS)) {
  const r: Result = { kind, wall: [], cpu: [], hits: 0 };
  for (let i = 0; i < QUERIES; i++) {
    const q = make();
    const page = await timed(r, q);
    // Second pages are what "load more" costs.
    if (kind === 'fts 1–2 terms' && page.next && i % 2 === 0)
      await timed(ftsAll, { ...q, cursor: page.next });
  }
  results.push(r);
  if (kind.startsWith('fts')) {
    ftsAll.wall.push(...r.wall);
    ftsAll.cpu.push(...r.cpu);
    ftsAll.hits += r.hits;
  }
}
results.push(ftsAll);
const stats = await store.stats();
await store.close();

const db = new Database(path, { readonly: true });
const sizeOf = (like: string) =>
  (db.prepare('SELECT sum(pgsize) FROM dbstat WHERE name LIKE ?').pluck().get(like) as number | null) ?? 0;
const sizes = {
  file: statSync(path).size + (statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0),
  items: sizeOf('items'),
  fts: sizeOf('items_fts%'),
  terms: sizeOf('fts_terms'),
  indexes:
    (db
      .prepare(
        "SELECT sum(pgsize) FROM dbstat WHERE name IN (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items')",
      )
      .pluck()
      .get() as number | null) ?? 0,
};
const termCount = db.prepare('SELECT count(*) FROM fts_terms').pluck().get() as number;
db.close();

const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`;
console.log(
  `\nitems ${stats.items.toLocaleString('en')}, detections ${detections.toLocaleString('en')}, distinct terms ${termCount.toLocaleString('en')}`,
);
if (!reuse)
  console.log(
    `insert: ${Math.round(insertRate).toLocaleString('en')} items/s wall, ${Math.round(N / (writeCpuMs / 1000)).toLocaleString('en')} items/s per CPU-second, via writeBatch (${(writeMs / 1000).toFixed(1)} s; generation ${(genMs / 1000).toFixed(1)} s and detections ${(detMs / 1000).toFixed(1)} s not included); assignStories ${storyRows.toLocaleString('en')} memberships in ${(storyMs / 1000).toFixed(1)} s`,
  );
console.log(
  `size: file ${mb(sizes.file)} (${Math.round(sizes.file / N)} B/item); items table ${mb(sizes.items)}, FTS ${mb(sizes.fts)}, term dictionary ${mb(sizes.terms)}, item indexes ${mb(sizes.indexes)}`,
);
console.log(
  `load average at the end: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${cpus().length} cores`,
);
console.log(
  `\n| query (first page of 50) | n | wall p50 | wall p95 | wall max | CPU p50 | CPU p95 | avg hits |`,
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  const wall = [...r.wall].sort((a, b) => a - b);
  const cpu = [...r.cpu].sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(2);
  console.log(
    `| ${r.kind} | ${wall.length} | ${f(quantile(wall, 0.5))} | ${f(quantile(wall, 0.95))} | ${wall.at(-1)!.toFixed(1)} | ${f(quantile(cpu, 0.5))} | ${f(quantile(cpu, 0.95))} | ${(r.hits / wall.length).toFixed(1)} |`,
  );
}
console.log(
  '(milliseconds; CPU = this process’s CPU time, which other processes on the machine do not inflate)',
);
const showSlow = Number(option('slowest') ?? 0);
if (showSlow > 0) {
  console.log(`\nslowest ${showSlow} by CPU time:`);
  slowest.sort((a, b) => b.cpu - a.cpu);
  for (const s of slowest.slice(0, showSlow))
    console.log(`  ${s.cpu.toFixed(1)} ms  ${s.kind}  ${JSON.stringify(s.q)}`);
}

if (dir !== undefined && !flag('keep')) rmSync(dir, { recursive: true, force: true });
else console.log(`\nkept ${path}`);
