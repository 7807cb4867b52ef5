/**
 * `ogoh check`: analyses a text without storing it. Returns the PRODUCT.md shape — language,
 * narratives with evidence, techniques with spans, matching fact-checked claims — plus, on request,
 * the explanation of every flag in words.
 */
import { explainInWords } from '@ogoh/detect';
import { foldKey, identify, identifySentences } from '@ogoh/text';
import { type CardRef, cardRef } from './catalogue.ts';
import { type Detector, paragraphVectorsFor, runDetector } from './detect-items.ts';
import { defaultDetector } from './detector-default.ts';
import type { SecondOpinion } from './second-opinion.ts';

export interface CheckResult {
  id?: string;
  lang: string;
  confidence: number;
  script: string;
  /** per-sentence languages when the text switches language */
  sentences?: { start: number; end: number; lang: string; confidence: number }[];
  /** the keyboard-folded match key used for search and matching */
  folded: string;
  /** each flag carries a reference to its media-literacy card (with the card's text when `explain`) */
  narratives: {
    id: string;
    score: number;
    evidence: { start: number; end: number; text: string }[];
    card?: CardRef;
  }[];
  techniques: { id: string; score: number; spans: { start: number; end: number }[]; card?: CardRef }[];
  claims: { id: string; score: number }[];
  /** model and taxonomy versions behind the flags */
  versions: { taxonomy: string; narratives: string; techniques: string; embedding?: string };
  /** each flag explained in words (with `explain`) */
  explanation?: string;
  /** the full evidence behind each flag: cues, model features, source signal (with `explain`) */
  details?: { narratives: unknown[]; techniques: unknown[] };
  /** an outside model's view of these flags (`check --llm`), shown beside them, never merged */
  secondOpinion?: SecondOpinion;
}

export interface CheckOptions {
  /** the taxonomy and trained models to use; default: the bundled taxonomy, cues only */
  detector?: Detector;
  /** fact-checked claims the text may repeat */
  claims?: (text: string) => { id: string; score: number }[];
  /** explain every flag in this language */
  explain?: 'en' | 'ru' | 'tg';
  /** the text's sentence vector from the detector's embedder (see `embedForCheck`) */
  embedding?: Float32Array;
  /** its paragraphs' vectors, for the detector's technique head (see `embedForCheck`) */
  paragraphEmbeddings?: readonly Float32Array[];
}

export function checkText(text: string, id?: string, options: CheckOptions = {}): CheckResult {
  const lid = identify(text);
  const detector = options.detector ?? defaultDetector();
  const r = runDetector(detector, text, {
    lang: lid.lang,
    ...(options.embedding ? { vector: options.embedding } : {}),
    ...(options.paragraphEmbeddings ? { paragraphVectors: options.paragraphEmbeddings } : {}),
  });
  const narratives = r.narratives.filter((n) => n.flagged);
  const techniques = r.techniques.filter((t) => t.flagged);
  const card = (id: string): { card?: CardRef } => {
    const c = cardRef(id, options.explain ?? 'en', options.explain !== undefined, detector.taxonomy);
    return c ? { card: c } : {};
  };
  const out: CheckResult = {
    lang: lid.lang,
    confidence: lid.confidence,
    script: lid.script,
    folded: foldKey(text),
    narratives: narratives.map((n) => ({ id: n.id, score: n.score, evidence: n.evidence, ...card(n.id) })),
    techniques: techniques.map((t) => ({ id: t.id, score: t.score, spans: t.spans, ...card(t.id) })),
    claims: options.claims ? options.claims(text) : [],
    versions: {
      taxonomy: r.taxonomyVersion,
      narratives: r.modelVersions.narratives ?? 'cues only',
      techniques: r.modelVersions.techniques ?? 'cues only',
    },
  };
  if (r.modelVersions.embedding) out.versions.embedding = r.modelVersions.embedding;
  if (id !== undefined) out.id = id;
  const sents = identifySentences(text);
  if (new Set(sents.map((s) => s.lang)).size > 1) out.sentences = sents;
  if (options.explain) {
    out.explanation = explainInWords(r, options.explain, { text, taxonomy: detector.taxonomy });
    out.details = {
      narratives: narratives.map((n) => ({
        id: n.id,
        score: n.score,
        threshold: n.threshold,
        explain: n.explain,
      })),
      techniques: techniques.map((t) => ({
        id: t.id,
        score: t.score,
        threshold: t.threshold,
        explain: t.explain,
      })),
    };
  }
  return out;
}

/** The check options for one text with its embeddings filled in when the detector has heads on them. */
export async function embedForCheck(text: string, options: CheckOptions): Promise<CheckOptions> {
  const detector = options.detector;
  if (!detector?.dense && !detector?.denseTechniques) return options;
  const out: CheckOptions = { ...options };
  if (detector.dense) {
    const [embedding] = await detector.dense.embedder.embed([text]);
    if (embedding) out.embedding = embedding;
  }
  // the same language checkText detects with, so the paragraphs split the same way
  const paragraphs = await paragraphVectorsFor(detector, [{ text, lang: identify(text).lang }]);
  if (paragraphs?.[0]) out.paragraphEmbeddings = paragraphs[0];
  return out;
}
