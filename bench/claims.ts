/**
 * Claim matching at scale: builds the claim index over N generated claims (Tajik, Russian, Uzbek,
 * English), times the build, the snapshot round trip and `match` for queries that repeat a claim
 * (words dropped and reordered, Tajik typed on a Russian layout, noise added) or match nothing.
 *
 *   node --import tsx bench/claims.ts [N=100000] [--queries 1000] [--k 10]
 *   node --import tsx bench/claims.ts 100000 --csv bench/out/claims-100k.csv   # the claims as CSV
 *
 * Prints a Markdown table for docs/BENCHMARKS.md. Single process, one core; the first 50 queries
 * warm the JIT and are not timed.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { ClaimIndex } from '../packages/detect/src/claims/claim-index.ts';
import { fold } from '../packages/text/src/index.ts';

const args = process.argv.slice(2);
const opt = (name: string, def: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const N = Number(args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? 100_000);
const QUERIES = opt('queries', 1000);
const K = opt('k', 10);

let seed = 0x2545f491;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
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

const w = (s: string) => s.split(/\s+/).filter(Boolean);
const LANGS = [
  {
    code: 'ru',
    share: 0.45,
    stems: w(`правительств экономик президент министерств заявлени стран войн росси таджикистан узбекистан
      границ безопасност выбор народ закон мигрант работ рубл цен газ нефт арми запад санкци помощ кредит банк
      строительств школ больниц образовани молодеж религи мечет семь культур истори власт журналист суд полици
      террорист вербовк граждан паспорт депортаци патент вакцин вод энерги электричеств плотин рогун хлопок рынок
      торговл таможн китай дорог проект договор визит министр посол парламент депутат указ налог бюджет зарплат
      пенси инфляци курс доллар сомон валют`),
    endings: ['', 'а', 'ы', 'у', 'ом', 'е', 'ой', 'ами', 'ах', 'ого', 'ии', 'ей'],
    fn: w('и в на не что с по к о из за от для как это также его их был была были будет после при'),
  },
  {
    code: 'tg',
    share: 0.3,
    stems:
      w(`ҳукумат иқтисод рушд президент вазорат изҳорот кишвар ҷанг русия тоҷикистон ӯзбекистон сарҳад амният
      интихобот мардум қонун муҳоҷир кор нарх газ нафт артиш ғарб таҳрим кумак қарз бонк сармоя сохтмон мактаб
      беморхона маориф ҷавон дин масҷид оила фарҳанг таърих ҳокимият рӯзноманигор суд милитсия террорист шаҳрванд
      шиноснома ихроҷ ваксина об энергия барқ нерӯгоҳ роғун пахта бозор тиҷорат гумрук чин роҳ лоиҳа шартнома сафар
      сафир вакил парлумон фармон андоз буҷет маош нафақа қурб доллар сомонӣ`),
    endings: ['', 'ҳо', 'ҳои', 'и', 'ро', 'ам', 'аш', 'он', 'ӣ', 'ҳоро'],
    fn: w('ва дар бо аз ба ки он ин барои низ буд аст мешавад гуфт шуд баъд то ҳам чунин'),
  },
  {
    code: 'uz',
    share: 0.12,
    stems:
      w(`hukumat iqtisodiyot prezident vazirlik bayonot mamlakat urush rossiya tojikiston ozbekiston chegara
      xavfsizlik saylov xalq qonun migrant ish narx gaz neft armiya sanksiya yordam kredit bank qurilish maktab
      shifoxona talim yoshlar din masjid oila tarix jurnalist sud politsiya fuqaro pasport vaksina suv energiya
      elektr paxta bozor savdo bojxona xitoy yol loyiha shartnoma vazir deputat farmon soliq byudjet maosh dollar`),
    endings: ['', 'lar', 'ning', 'ga', 'da', 'dan', 'ni', 'larni'],
    fn: w("va bilan uchun ham bu u edi bo'ldi keyin da esa ekan dedi qildi"),
  },
  {
    code: 'en',
    share: 0.13,
    stems: w(`government economy president ministry statement country war russia tajikistan uzbekistan border
      security election people law migrant work price gas oil army sanction aid loan bank construction school
      hospital education youth religion mosque family history journalist court police terrorist citizen passport
      vaccine water energy electricity dam cotton market trade customs china road project treaty minister tax
      budget salary pension dollar`),
    endings: ['', 's', 'ed', 'ing'],
    fn: w('the of and to in a is that for on with as was by it at from be this have'),
  },
].map((l) => {
  const forms = l.endings.flatMap((e) => l.stems.map((s) => s + e));
  for (let i = forms.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [forms[i], forms[j]] = [forms[j]!, forms[i]!];
  }
  return { ...l, forms, next: zipf(forms.length) };
});

/** Proper names and rare words: the long tail that makes claims distinguishable. */
function tail(syllables: string[], count: number): string[] {
  const out = new Set<string>();
  while (out.size < count) {
    let s = '';
    for (let i = 2 + Math.floor(rand() * 3); i > 0; i--) s += pick(syllables);
    out.add(s[0]!.toUpperCase() + s.slice(1));
  }
  return [...out];
}
const TAIL_CYR = tail(w('ка ра то ми ну ле шо да бе ви зо ха чу фи ло ҷа қо ғу ов ев ин бек зо'), 60_000);
const TAIL_LAT = tail(w('ka ra to mi nu le sho da be vi zo xa chu fi lo jon bek ov ali ur'), 30_000);
const nextTail = zipf(60_000, 0.9);
const nextLatTail = zipf(30_000, 0.9);

function claimText(): { text: string; lang: string } {
  let x = rand();
  let l = LANGS[0]!;
  for (const g of LANGS) {
    l = g;
    x -= g.share;
    if (x <= 0) break;
  }
  const n = 12 + Math.floor(rand() * 14);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.25) out.push(pick(l.fn));
    else if (r < 0.8) out.push(l.forms[l.next()]!);
    else if (r < 0.95)
      out.push(l.code === 'uz' || l.code === 'en' ? TAIL_LAT[nextLatTail()]! : TAIL_CYR[nextTail()]!);
    else out.push(String(rand() < 0.4 ? 2000 + Math.floor(rand() * 27) : Math.floor(rand() * 10_000)));
  }
  return { text: `${out.join(' ')}.`, lang: l.code };
}

/** A post repeating a claim: some words dropped, a few swapped, Tajik folded, noise around it. */
function repeatOf(c: { text: string; lang: string }): string {
  const words = c.text
    .slice(0, -1)
    .split(' ')
    .filter(() => rand() > 0.3);
  for (let i = 0; i < 2 && words.length > 2; i++) {
    const a = Math.floor(rand() * words.length);
    const b = Math.floor(rand() * words.length);
    [words[a], words[b]] = [words[b]!, words[a]!];
  }
  const l = LANGS.find((g) => g.code === c.lang)!;
  const noise = Array.from({ length: 3 }, () => l.forms[l.next()]!);
  const text = [...noise.slice(0, 1), ...words, ...noise.slice(1)].join(' ');
  return c.lang === 'tg' && rand() < 0.5 ? fold(text) : text;
}

const mem = () => Math.round(process.memoryUsage().rss / 2 ** 20);
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

const claims = Array.from({ length: N }, (_, i) => ({ id: `bench-${i}`, ...claimText() }));
const csvOut = args.indexOf('--csv');
if (csvOut >= 0) {
  // the same claims as a file for `ogoh claims import`, to time the application path
  const file = args[csvOut + 1]!;
  writeFileSync(
    file,
    `id,claim,lang\n${claims.map((c) => `${c.id},"${c.text.replace(/"/g, '""')}",${c.lang}`).join('\n')}\n`,
  );
  console.log(`wrote ${claims.length} claims to ${file}`);
  process.exit(0);
}
const rssBefore = mem();
let t0 = performance.now();
const index = ClaimIndex.build(claims);
const buildMs = performance.now() - t0;
const rssIndex = mem() - rssBefore;

t0 = performance.now();
const snap = index.toSnapshot();
const snapMs = performance.now() - t0;
t0 = performance.now();
const loaded = ClaimIndex.fromSnapshot(snap);
const loadMs = performance.now() - t0;

const queries: { text: string; want?: string }[] = [];
for (let i = 0; i < QUERIES + 50; i++) {
  if (rand() < 0.8) {
    const c = pick(claims);
    queries.push({ text: repeatOf(c), want: c.id });
  } else queries.push({ text: claimText().text });
}
const times: number[] = [];
const cpu: number[] = [];
let found = 0;
let repeats = 0;
queries.forEach((q, i) => {
  const c0 = process.cpuUsage();
  const s = performance.now();
  const m = loaded.match(q.text, { k: K });
  const ms = performance.now() - s;
  const c = process.cpuUsage(c0);
  if (i < 50) return;
  times.push(ms);
  cpu.push((c.user + c.system) / 1000);
  if (q.want) {
    repeats++;
    if (m[0]?.id === q.want) found++;
  }
});
times.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const load = loadavg()[0]!.toFixed(1);

console.log(`claims: ${N}, queries: ${times.length} (${repeats} repeat a claim), k=${K}`);
console.log(
  `machine: ${cpus()[0]?.model ?? '?'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, load average ${load} during the run`,
);
console.log('');
console.log(
  '| claims | build | RSS of index | snapshot | write / load snapshot | query wall p50 / p95 / p99 | query CPU p50 / p95 / p99 | repeats found at rank 1 |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
const f = (x: number) => x.toFixed(1);
console.log(
  `| ${N.toLocaleString('en')} | ${(buildMs / 1000).toFixed(1)} s | ${rssIndex} MB | ${(snap.byteLength / 2 ** 20).toFixed(1)} MB | ${snapMs.toFixed(0)} / ${loadMs.toFixed(0)} ms | ${f(pct(times, 50))} / ${f(pct(times, 95))} / ${f(pct(times, 99))} ms | ${f(pct(cpu, 50))} / ${f(pct(cpu, 95))} / ${f(pct(cpu, 99))} ms | ${((100 * found) / Math.max(1, repeats)).toFixed(1)}% |`,
);
