/**
 * Detection benchmark: items per second per core for the whole detection stack (language
 * identification, normalisation, tokens and stems, the cue matcher over every taxonomy cue and the
 * technique hints, narrative scoring, techniques per paragraph, explanations) on ~500-character
 * Russian and Tajik texts (a quarter of the Tajik ones keyboard-folded, about one in eight carrying
 * narrative cue phrases). Runs without models, then with a narrative and a technique model of
 * production size (2^18 hashed features × 22 and 23 labels; trained briefly on the synthetic texts:
 * prediction cost does not depend on how good a model is).
 *
 *   node --import tsx bench/detect.ts [N=4000] [--seconds 10] [--technique-model model.json]
 *
 * Single-threaded; reports wall time and CPU time (the machine may be shared while measuring).
 */
import { readFileSync } from 'node:fs';
import { defaultTaxonomy, detect, type Example, loadModel, TECHNIQUE_IDS, train } from '@ogoh/detect';

const args = process.argv.slice(2);
const N = Number(args.find((a) => /^\d+$/.test(a)) ?? 4000);
const secondsIdx = args.indexOf('--seconds');
const SECONDS = secondsIdx >= 0 ? Number(args[secondsIdx + 1]) : 10;
const modelIdx = args.indexOf('--technique-model');
const MODEL_FILE = modelIdx >= 0 ? args[modelIdx + 1] : undefined;

let seed = 0x2545f491;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const RU = `правительство заявило сегодня что новые меры помогут экономике страны в ближайшие годы
эксперты считают рост цен на продукты главной проблемой для семей в регионе а власти обещают помощь
в столице прошла встреча министров где обсуждали торговлю транспорт энергетику и образование
мигранты отправляют домой деньги которые помогают семьям строить дома и учить детей в школах
на границе усилили контроль после сообщений о нарушениях пограничники проверяют грузовики
жители города жалуются на перебои со светом и водой зимой чиновники обещают ремонт станций`
  .split(/\s+/)
  .filter(Boolean);
const TG = `ҳукумат имрӯз эълон кард ки чораҳои нав ба иқтисоди кишвар дар солҳои наздик кумак мекунанд
коршиносон болоравии нархи маҳсулотро мушкили асосии оилаҳо дар минтақа медонанд ва мақомот ёрӣ ваъда медиҳанд
дар пойтахт вохӯрии вазирон баргузор шуд ки дар он савдо нақлиёт энергетика ва маориф муҳокима шуданд
муҳоҷирон ба хона пул мефиристанд ки ба оилаҳо барои сохтани хона ва таҳсили фарзандон дар мактабҳо кумак мекунад
дар сарҳад назоратро пас аз хабарҳо дар бораи вайронкуниҳо пурзӯр карданд сарҳадбонон мошинҳои боркашро месанҷанд
сокинони шаҳр аз қатъи барқ ва об дар зимистон шикоят мекунанд мансабдорон таъмири нерӯгоҳҳоро ваъда медиҳанд`
  .split(/\s+/)
  .filter(Boolean);
const FOLD: Record<string, string> = { ҳ: 'х', ҷ: 'ч', қ: 'к', ғ: 'г', ӣ: 'и', ӯ: 'у' };

const taxonomy = defaultTaxonomy();
const cues = {
  ru: taxonomy.narratives.flatMap((n) => n.indicators.flatMap((i) => i.cues.ru ?? [])),
  tg: taxonomy.narratives.flatMap((n) => n.indicators.flatMap((i) => i.cues.tg ?? [])),
};

function text(lang: 'ru' | 'tg'): string {
  const words = lang === 'ru' ? RU : TG;
  const parts: string[] = [];
  let len = 0;
  let sentence = 0;
  while (len < 500) {
    let w = pick(words);
    if (sentence === 0) w = w[0]!.toUpperCase() + w.slice(1);
    parts.push(w);
    len += w.length + 1;
    sentence++;
    if (sentence > 6 && rand() < 0.15) {
      parts[parts.length - 1] += rand() < 0.1 ? '!' : '.';
      sentence = 0;
      if (rand() < 0.2) parts[parts.length - 1] += '\n';
    }
  }
  if (rand() < 0.125) parts.splice(Math.floor(rand() * parts.length), 0, pick(cues[lang]), pick(cues[lang]));
  let t = `${parts.join(' ')}.`;
  if (lang === 'tg' && rand() < 0.25) t = t.replace(/[ҳҷқғӣӯ]/g, (c) => FOLD[c]!);
  return t;
}

const items = Array.from({ length: N }, (_, i) => text(i % 2 ? 'tg' : 'ru'));
const avgLen = items.reduce((a, t) => a + t.length, 0) / items.length;

function run(label: string, opts: Parameters<typeof detect>[1]): void {
  // warm-up (JIT, caches, compiled matcher)
  for (let i = 0; i < Math.min(500, N); i++) detect(items[i]!, opts);
  let done = 0;
  let flagged = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  while (performance.now() - t0 < SECONDS * 1000) {
    for (let i = 0; i < items.length; i++) {
      const r = detect(items[i]!, opts);
      if (r.narratives.length) flagged++;
      done++;
      if ((done & 255) === 0 && performance.now() - t0 >= SECONDS * 1000) break;
    }
  }
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSec = (cpu.user + cpu.system) / 1e6;
  console.log(
    `${label}: ${done} items in ${wall.toFixed(1)} s wall / ${cpuSec.toFixed(1)} s CPU → ${Math.round(done / wall)} items/s wall, ${Math.round(done / cpuSec)} items/s per CPU-second; ${((100 * flagged) / done).toFixed(1)} % with a narrative`,
  );
}

console.log(
  `${N} synthetic items (ru/tg, mean ${Math.round(avgLen)} characters), ${SECONDS} s per configuration`,
);
run('cues only (no models)', { taxonomy });

const examples: Example[] = items.slice(0, 400).map((t, i) => ({
  id: `b${i}`,
  text: t,
  lang: i % 2 ? 'tg' : 'ru',
  labels: [TECHNIQUE_IDS[i % TECHNIQUE_IDS.length]!],
}));
const techniqueModel = train('techniques', examples, { labels: TECHNIQUE_IDS, epochs: 1, holdout: 0 });
const narrativeModel = train(
  'narratives',
  examples.map((e, i) => ({ ...e, labels: [taxonomy.narratives[i % taxonomy.narratives.length]!.id] })),
  { labels: taxonomy.narratives.map((n) => n.id), epochs: 1, holdout: 0 },
);
run('with narrative + technique models (2^18 features)', { taxonomy, techniqueModel, narrativeModel });
run('same, without naming model features in explanations', {
  taxonomy,
  techniqueModel,
  narrativeModel,
  explainFeatures: 0,
});
if (MODEL_FILE) {
  // a real trained model (e.g. one written by scripts/eval-detect.ts): its vocabulary is pruned
  const real = loadModel(
    readFileSync(MODEL_FILE, 'utf8'),
    readFileSync(MODEL_FILE.replace(/\.json$/, '.weights')),
  );
  run(
    `with the technique model ${real.meta.version} (trained on ${Object.keys(real.meta.training.langs).join(', ')})`,
    {
      taxonomy,
      techniqueModel: real,
    },
  );
  run('same, without naming model features in explanations', {
    taxonomy,
    techniqueModel: real,
    explainFeatures: 0,
  });
}
