/**
 * Plain-language explanations of a detection result in English, Russian or Tajik, for
 * `ogoh check --explain` and for analysts who must be able to reject a flag in seconds. They say
 * what was found, which words in the text caused it, and how sure the system is; they never say
 * anything about the author.
 */
import type { DetectResult, NarrativeResult, TechniqueResult } from './detect.ts';
import { defaultTaxonomy, type Taxonomy } from './taxonomy.ts';
import { techniqueInfo } from './techniques.ts';

export type ExplainLang = 'en' | 'ru' | 'tg';

interface Words {
  nothing: string;
  flagged: (label: string, score: string) => string;
  because: (phrases: string) => string;
  model: (words: string) => string;
  modelOnly: string;
  source: (aff: string) => string;
  cueOnly: string;
  technique: (name: string, score: string, where: string) => string;
  techniqueHint: string;
  and: string;
  versions: (tax: string, models: string) => string;
}

const q = (s: string): string => `«${s}»`;

const WORDS: Record<ExplainLang, Words> = {
  en: {
    nothing: 'No narrative or persuasion technique was flagged.',
    flagged: (label, score) => `Flagged as ${q(label)} (score ${score})`,
    because: (p) => ` because the text uses ${p}, typical of this narrative.`,
    model: (w) => ` The trained model also weighs the words ${w}.`,
    modelOnly: ' by the trained model (no cue phrase of the taxonomy was found).',
    source: (a) => ` The source's affiliation (${a}) added a small prior.`,
    cueOnly: ' Cue-based only, without a trained model: treat it as a lead to check, not a finding.',
    technique: (n, s, w) => `Technique ${q(n)} (score ${s}): ${w}.`,
    techniqueHint: ' (a lexical hint only)',
    and: 'and',
    versions: (t, m) => `Taxonomy ${t}${m ? `; models ${m}` : ''}.`,
  },
  ru: {
    nothing: 'Нарративов и приёмов манипуляции не обнаружено.',
    flagged: (label, score) => `Отмечено как ${q(label)} (оценка ${score})`,
    because: (p) => `, потому что в тексте есть выражения ${p}, характерные для этого нарратива.`,
    model: (w) => ` Обученная модель также учитывает слова ${w}.`,
    modelOnly: ' обученной моделью (ключевых фраз таксономии не найдено).',
    source: (a) => ` Принадлежность источника (${a}) немного повысила оценку.`,
    cueOnly: ' Только по ключевым фразам, без обученной модели: это повод проверить, а не вывод.',
    technique: (n, s, w) => `Приём ${q(n)} (оценка ${s}): ${w}.`,
    techniqueHint: ' (только лексическая подсказка)',
    and: 'и',
    versions: (t, m) => `Таксономия ${t}${m ? `; модели ${m}` : ''}.`,
  },
  tg: {
    nothing: 'Ягон ривоят ё усули фиребгарӣ ёфт нашуд.',
    flagged: (label, score) => `Ҳамчун ${q(label)} қайд шуд (баҳо ${score})`,
    because: (p) => `, зеро дар матн ибораҳои ${p} омадаанд, ки ба ин ривоят хосанд.`,
    model: (w) => ` Модели омӯзонидашуда инчунин калимаҳои ${w}-ро ба назар мегирад.`,
    modelOnly: ' аз ҷониби модели омӯзонидашуда (ибораҳои калидии таксономия ёфт нашуданд).',
    source: (a) => ` Тамоюли манбаъ (${a}) баҳоро каме баланд кард.`,
    cueOnly: ' Танҳо аз рӯи ибораҳои калидӣ, бе модели омӯзонидашуда: ин сабаби санҷиш аст, на хулоса.',
    technique: (n, s, w) => `Усули ${q(n)} (баҳо ${s}): ${w}.`,
    techniqueHint: ' (танҳо ишораи луғавӣ)',
    and: 'ва',
    versions: (t, m) => `Таксономия ${t}${m ? `; моделҳо ${m}` : ''}.`,
  },
};

function list(items: string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

function fmt(score: number, lang: ExplainLang): string {
  const s = score.toFixed(2);
  return lang === 'en' ? s : s.replace('.', ',');
}

function clip(s: string, max = 90): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function narrativeSentence(n: NarrativeResult, taxonomy: Taxonomy, lang: ExplainLang): string {
  const w = WORDS[lang];
  const nar = taxonomy.narratives.find((x) => x.id === n.id);
  const label = (lang !== 'en' ? nar?.labels[lang] : undefined) ?? nar?.label ?? n.id;
  let s = w.flagged(label, fmt(n.score, lang));
  const phrases = [...new Set(n.explain.cues.map((c) => c.text))].slice(0, 4).map((p) => q(clip(p, 60)));
  s += phrases.length ? w.because(list(phrases, w.and)) : w.modelOnly;
  const words = n.explain.features
    .filter((f) => f.weight > 0 && f.feature.startsWith('word'))
    .slice(0, 3)
    .map((f) => q(f.feature.replace(/^words?:/, '')));
  if (words.length) s += w.model(list(words, w.and));
  if (n.explain.source) s += w.source(n.explain.source.affiliation);
  if (n.explain.features.length === 0 && n.explain.combination.includes('no trained narrative model'))
    s += w.cueOnly;
  return s;
}

function techniqueSentence(t: TechniqueResult, text: string | undefined, lang: ExplainLang): string {
  const w = WORDS[lang];
  const info = techniqueInfo(t.id);
  const name = info ? info.names[lang] : t.id;
  const where = t.spans
    .slice(0, 2)
    .map((s) => q(clip(text ? text.slice(s.start, s.end) : `${s.start}–${s.end}`)))
    .join('; ');
  const hint = t.explain.basis === 'cues' || t.explain.basis === 'repetition' ? w.techniqueHint : '';
  return w.technique(name, fmt(t.score, lang), where) + hint;
}

/**
 * A short explanation of a detection result in plain words.
 * @param text the analysed text, to quote the technique spans (without it, offsets are shown)
 * @example explainInWords(detect(text), 'tg', { text })
 */
export function explainInWords(
  result: DetectResult,
  lang: ExplainLang,
  opts: { text?: string; taxonomy?: Taxonomy } = {},
): string {
  const w = WORDS[lang];
  const taxonomy = opts.taxonomy ?? defaultTaxonomy();
  const lines: string[] = [];
  for (const n of result.narratives.filter((x) => x.flagged))
    lines.push(narrativeSentence(n, taxonomy, lang));
  for (const t of result.techniques.filter((x) => x.flagged))
    lines.push(techniqueSentence(t, opts.text, lang));
  if (lines.length === 0) lines.push(w.nothing);
  const models = Object.values(result.modelVersions).join(', ');
  lines.push(w.versions(result.taxonomyVersion, models));
  return lines.join('\n');
}
