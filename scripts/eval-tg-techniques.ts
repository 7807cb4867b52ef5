/**
 * `npm run eval -- tg-techniques`: what can be measured of Tajik technique detection without a
 * labelled Tajik corpus. The project wrote 28 short paragraphs in Russian with a Tajik translation
 * of each (packages/detect/src/fixtures/tg-ru-techniques.jsonl; 22 carry the technique(s) they were
 * written to show, 6 are neutral news), after the technique cues existed and without changing them.
 * Reported, for the method Tajik gets (cue hints and the repetition rule, no trained model):
 * precision/recall against the intended labels in each language, how often the Russian and Tajik
 * versions of a paragraph get the same flags, and whether Tajik typed on a Russian keyboard (ҳ→х
 * ҷ→ч қ→к ғ→г ӣ→и ӯ→у) gets the same flags as proper spelling.
 * Tiny and written by the project: a parity check, not a quality figure.
 */
import { readFileSync } from 'node:fs';
import { detect, multiLabelReport, TECHNIQUE_IDS } from '@ogoh/detect';

interface Pair {
  id: string;
  labels: string[];
  ru: string;
  tg: string;
}

const file = new URL('../packages/detect/src/fixtures/tg-ru-techniques.jsonl', import.meta.url);
const pairs: Pair[] = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Pair);

const FOLD: Record<string, string> = {
  ҳ: 'х',
  ҷ: 'ч',
  қ: 'к',
  ғ: 'г',
  ӣ: 'и',
  ӯ: 'у',
  Ҳ: 'Х',
  Ҷ: 'Ч',
  Қ: 'К',
  Ғ: 'Г',
  Ӣ: 'И',
  Ӯ: 'У',
};
const keyboard = (s: string) => s.replace(/[ҳҷқғӣӯҲҶҚҒӢӮ]/g, (c) => FOLD[c]!);

const flags = (text: string, lang: 'ru' | 'tg') =>
  detect(text, { lang, explainFeatures: 0 })
    .techniques.filter((t) => t.flagged)
    .map((t) => t.id)
    .sort();

const ru = pairs.map((p) => flags(p.ru, 'ru'));
const tg = pairs.map((p) => flags(p.tg, 'tg'));
const tgKeyboard = pairs.map((p) => flags(keyboard(p.tg), 'tg'));
const gold = pairs.map((p) => p.labels);

const row = (name: string, predicted: string[][]) => {
  const r = multiLabelReport(TECHNIQUE_IDS, gold, predicted);
  const neutral = pairs.filter((p, i) => p.labels.length === 0 && predicted[i]!.length > 0).length;
  return `| ${name} | ${r.micro.precision.toFixed(3)} | ${r.micro.recall.toFixed(3)} | ${r.micro.f1.toFixed(3)} | ${neutral} of ${pairs.filter((p) => p.labels.length === 0).length} |`;
};
const jaccard = (a: string[], b: string[]) => {
  if (a.length === 0 && b.length === 0) return 1;
  const sb = new Set(b);
  const inter = a.filter((x) => sb.has(x)).length;
  return inter / (a.length + b.length - inter);
};
const same = (a: string[][], b: string[][]) => a.filter((x, i) => x.join() === b[i]!.join()).length;
const meanJ = (a: string[][], b: string[][]) => a.reduce((s, x, i) => s + jaccard(x, b[i]!), 0) / a.length;

console.log(
  `paragraph pairs: ${pairs.length} (${pairs.filter((p) => p.labels.length).length} with techniques, ${gold.flat().length} labels)`,
);
console.log('\n| version | micro P | micro R | micro F1 | neutral paragraphs flagged |');
console.log('|---|---:|---:|---:|---:|');
console.log(row('Russian', ru));
console.log(row('Tajik (proper spelling)', tg));
console.log(row('Tajik (Russian keyboard)', tgKeyboard));
console.log(
  `\nRussian vs Tajik: same flags in ${same(ru, tg)} of ${pairs.length} pairs, mean Jaccard ${meanJ(ru, tg).toFixed(3)}`,
);
console.log(
  `Tajik proper vs keyboard-typed: same flags in ${same(tg, tgKeyboard)} of ${pairs.length}, mean Jaccard ${meanJ(tg, tgKeyboard).toFixed(3)}`,
);
console.log('\nper pair (intended | ru | tg):');
pairs.forEach((p, i) => {
  console.log(
    `${p.id}: ${p.labels.join(',') || '-'} | ${ru[i]!.join(',') || '-'} | ${tg[i]!.join(',') || '-'}`,
  );
});
