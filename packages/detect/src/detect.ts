/**
 * Detection of narratives and persuasion techniques in one text, with evidence and an explanation
 * for every flag. Works from the taxonomy's cues alone (scores capped: cues are hints) and gets
 * better with trained models; the result always names the taxonomy and model versions behind it.
 */
import type { Affiliation, Lang } from '@ogoh/core';
import { type CueHit, type CueMatcher, compileCues, type MatchType, matchCues } from './cues.ts';
import { type DenseHead, denseProbabilities } from './embed/dense-head.ts';
import { multiLabelReport, type Report } from './model/metrics.ts';
import {
  type Example,
  explainLabels,
  explainPrediction,
  type FeatureContribution,
  type Model,
  predictParagraphs,
  scoreUnit,
  type Task,
} from './model/model.ts';
import { cueProbability, type NarrativeSignal, narrativeSignals } from './scoring.ts';
import { CUE_LANGS, type CueLang, defaultTaxonomy, type Taxonomy } from './taxonomy.ts';
import { techniqueCueEntries } from './technique-cues.ts';
import { TECHNIQUE_IDS } from './techniques.ts';
import { analyzeText, type TextView } from './view.ts';

export interface DetectOptions {
  /** default: the bundled taxonomy */
  taxonomy?: Taxonomy;
  narrativeModel?: Model;
  /** one model, or several (e.g. one per language): the first that covers the text's language is used */
  techniqueModel?: Model | readonly Model[];
  /** the item's source affiliation: a small prior for narratives of the matching family, never decisive */
  sourceAffiliation?: Affiliation;
  /** the text's language if known (from language identification); else guessed from its letters */
  lang?: Lang;
  /** also return narratives and techniques below their threshold (with flagged: false) */
  all?: boolean;
  /** number of model features to name per flag (0 = none; naming costs a second pass) */
  explainFeatures?: number;
  /**
   * The embedding plug-in: the text's sentence vector and a narrative head trained on the same
   * embedder. Its probabilities join the narrative scores like the hashed model's.
   */
  dense?: { head: DenseHead; vector: Float32Array };
  /**
   * The embedding plug-in for techniques: a head trained on paragraph embeddings by `ogoh train
   * techniques`, and one vector per paragraph of the text as `paragraphTexts` splits it. Its
   * probabilities join the technique model's per paragraph (or the cue hints where no model covers
   * the language, which is how a multilingual embedder carries what it learned from Russian and
   * English to Tajik).
   */
  denseTechniques?: { head: DenseHead; vectors: readonly Float32Array[] };
}

export interface EvidenceSpan {
  start: number;
  end: number;
  text: string;
}

export interface CueExplanation {
  /** the cue as written in the taxonomy */
  cue: string;
  lang: CueLang;
  match: MatchType;
  /** the matched text and where it is */
  text: string;
  start: number;
  end: number;
  /** the cue's strength after its specificity and match type */
  strength: number;
}

export interface NarrativeExplanation {
  cues: CueExplanation[];
  features: FeatureContribution[];
  source?: { affiliation: Affiliation; family: string; note: string };
  /** the embedding head's probability and prior, when the plug-in is in use */
  dense?: { p: number; prior: number; head: string };
  /** strongest other narrative of the same actor family (context), 0..1 */
  familySupport: number;
  /** how the score was put together, in words and numbers */
  combination: string;
}

export interface NarrativeResult {
  id: string;
  score: number;
  threshold: number;
  flagged: boolean;
  evidence: EvidenceSpan[];
  explain: NarrativeExplanation;
}

export interface TechniqueExplanation {
  basis: 'model' | 'cues' | 'model+cues' | 'repetition' | 'embedding' | 'embedding+cues';
  cues: CueExplanation[];
  features: FeatureContribution[];
  /** the embedding head's probability and prior on the strongest paragraph, when the plug-in is in use */
  dense?: { p: number; prior: number; head: string };
  /** number of paragraphs flagged with the technique */
  paragraphs: number;
  combination: string;
}

export interface TechniqueResult {
  id: string;
  score: number;
  threshold: number;
  flagged: boolean;
  spans: { start: number; end: number }[];
  explain: TechniqueExplanation;
}

export interface ParagraphResult {
  start: number;
  end: number;
  techniques: { id: string; score: number }[];
}

export interface DetectResult {
  /** the language the text was analysed as */
  lang: Lang;
  narratives: NarrativeResult[];
  techniques: TechniqueResult[];
  /** techniques per paragraph (flagged ones only) */
  paragraphs: ParagraphResult[];
  /** versions of the models behind the flags (a technique model only when it covered the language) */
  modelVersions: { narratives?: string; techniques?: string; embedding?: string };
  taxonomyVersion: string;
}

/** Probability a narrative is present when none of its cues matched (for combining with a model). */
const NO_CUE_PROBABILITY = 0.02;
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
const logit = (p: number): number => {
  const q = clamp(p, 1e-4, 1 - 1e-4);
  return Math.log(q / (1 - q));
};
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
/** Cue-only technique hints: cap and threshold (hints, not findings). */
const TECHNIQUE_CUE_CAP = 0.7;
const TECHNIQUE_CUE_THRESHOLD = 0.4;
/** A model is used for a language only when it saw at least this many training units in it. */
const MIN_LANG_EXAMPLES = 50;

const matchers = new WeakMap<Taxonomy, CueMatcher>();

/** The compiled matcher of a taxonomy's narrative cues plus the technique hints (cached per taxonomy). */
export function taxonomyMatcher(taxonomy: Taxonomy): CueMatcher {
  let m = matchers.get(taxonomy);
  if (!m) {
    const entries = taxonomy.narratives.flatMap((n) =>
      n.indicators.flatMap((ind) =>
        CUE_LANGS.flatMap((lang) =>
          (ind.cues[lang] ?? []).map((text) => ({
            target: { kind: 'narrative' as const, id: n.id },
            cue: ind.index,
            lang,
            text,
            weight: ind.weight,
          })),
        ),
      ),
    );
    m = compileCues([...entries, ...techniqueCueEntries()]);
    matchers.set(taxonomy, m);
  }
  return m;
}

function cueExplanation(view: TextView, hit: CueHit, strength: number): CueExplanation {
  return {
    cue: hit.cue.text,
    lang: hit.cue.lang,
    match: hit.match,
    text: view.text.slice(hit.start, hit.end),
    start: hit.start,
    end: hit.end,
    strength: round(strength),
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
const round3 = <T extends { p: number; prior: number }>(d: T): T => ({
  ...d,
  p: round(d.p),
  prior: round(d.prior),
});

/** Whether a model saw enough training data in this language to be used on it. */
export function modelCoversLang(model: Model, lang: Lang): boolean {
  return (model.meta.training.langs[lang] ?? 0) >= MIN_LANG_EXAMPLES;
}

function mergeSpans<T extends { start: number; end: number }>(spans: T[]): T[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: T[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      if (s.end > last.end) last.end = s.end;
      continue;
    }
    out.push({ ...s });
  }
  return out;
}

function detectNarratives(
  view: TextView,
  hits: readonly CueHit[],
  taxonomy: Taxonomy,
  opts: DetectOptions,
): NarrativeResult[] {
  const scoring = taxonomy.scoring;
  const signals = narrativeSignals(taxonomy, hits, opts.sourceAffiliation);
  const bySignal = new Map<string, NarrativeSignal>(signals.map((s) => [s.id, s]));
  const model = opts.narrativeModel;
  const modelScores = new Map<string, { p: number; threshold: number; top: number }>();
  if (model && view.sentences.length > 0) {
    const unit = scoreUnit(model, view, 0, view.sentences.length);
    unit.scores.forEach((s, l) => {
      modelScores.set(s.label, { p: s.p, threshold: s.threshold, top: unit.topSentence[l]! });
    });
  }
  const head = opts.dense?.head;
  const denseP = opts.dense ? denseProbabilities(opts.dense.head, opts.dense.vector) : undefined;
  const nFeatures = opts.explainFeatures ?? 5;
  const out: NarrativeResult[] = [];
  for (const n of taxonomy.narratives) {
    const sig = bySignal.get(n.id);
    const ms = modelScores.get(n.id);
    const dp = denseP?.get(n.id);
    if (!sig && !ms && dp === undefined) continue;
    const cueThreshold = n.threshold ?? scoring.threshold;
    const pCue = sig ? cueProbability(scoring, sig) : 0;
    let score: number;
    let threshold: number;
    let combination: string;
    const cueWords = sig
      ? `cues ${round(pCue)} (${sig.distinct} distinct cue${sig.distinct === 1 ? '' : 's'}, strength ${round(sig.strength)}${sig.familySupport > 0 ? `, family context ${round(sig.familySupport)}` : ''}${sig.sourceAligned ? ', source prior' : ''})`
      : 'no cue';
    const dPrior =
      dp !== undefined && head ? clamp(head.prior[head.labels.indexOf(n.id)] ?? 0.1, 0.01, 0.5) : 0;
    if ((ms && model) || dp !== undefined) {
      // The scores are probabilities from different evidence: add their log-odds and subtract each
      // model's prior once (naive Bayes). A model at its prior changes nothing; a confident model
      // can raise a cue-less text or lower a cue match.
      const base = sig ? pCue : NO_CUE_PROBABILITY;
      let z = logit(base);
      const parts: string[] = [];
      if (ms && model) {
        const prior = clamp(
          (model.meta.training.labelCounts[n.id] ?? 0) / Math.max(1, model.meta.training.size),
          0.01,
          0.5,
        );
        z += logit(ms.p) - logit(prior);
        parts.push(
          `model ${round(ms.p)} (model prior ${round(prior)}, model threshold ${round(ms.threshold)})`,
        );
      }
      if (dp !== undefined) {
        z += logit(dp) - logit(dPrior);
        parts.push(`embedding model ${round(dp)} (its prior ${round(dPrior)})`);
      }
      score = sigmoid(z);
      threshold = cueThreshold;
      combination = `${cueWords} combined with ${parts.join(' and ')} by adding log-odds`;
    } else {
      score = Math.min(pCue, scoring.cueOnlyCap);
      threshold = cueThreshold;
      combination = `${cueWords}; no trained narrative model, cue-only scores are capped at ${scoring.cueOnlyCap}`;
    }
    const flagged = score >= threshold;
    if (!flagged && !opts.all) continue;
    if (score <= 0 && !ms) continue;
    const evidence: EvidenceSpan[] = mergeSpans(
      (sig?.hits ?? []).map((h) => ({ start: h.start, end: h.end, text: '' })),
    ).map((s) => ({ ...s, text: view.text.slice(s.start, s.end) }));
    let features: FeatureContribution[] = [];
    if (ms && model && flagged) {
      if (evidence.length === 0) {
        const s = view.sentences[ms.top];
        if (s) evidence.push({ start: s.start, end: s.end, text: view.text.slice(s.start, s.end) });
      }
      if (nFeatures > 0) features = explainPrediction(model, view, n.id, { top: nFeatures });
    }
    if (flagged && evidence.length === 0) {
      // flagged on the text's meaning as a whole (embedding head): point at its opening sentence
      const s = view.sentences[0];
      if (s) evidence.push({ start: s.start, end: s.end, text: view.text.slice(s.start, s.end) });
    }
    const explain: NarrativeExplanation = {
      cues: (sig?.cues ?? []).map((c) => cueExplanation(view, c.hit, c.strength)),
      features,
      familySupport: round(sig?.familySupport ?? 0),
      combination,
    };
    if (dp !== undefined && head) explain.dense = { p: round(dp), prior: round(dPrior), head: head.version };
    if (opts.sourceAffiliation && sig?.sourceAligned)
      explain.source = {
        affiliation: opts.sourceAffiliation,
        family: n.actorFamily,
        note: 'the source belongs to this narrative family: a small prior, applied only because the text itself carries cues',
      };
    out.push({ id: n.id, score: round(score), threshold: round(threshold), flagged, evidence, explain });
  }
  return out.sort((a, b) => b.score - a.score);
}

interface TechAcc {
  score: number;
  threshold: number;
  spans: { start: number; end: number }[];
  cues: CueExplanation[];
  paragraphs: number;
  basis: TechniqueExplanation['basis'];
  bestParagraph: number;
  bestSentence: number;
  dense?: { p: number; prior: number; head: string };
}

/** Probability of a technique in a paragraph none of whose cues matched (for combining with the embedding head). */
const NO_TECHNIQUE_CUE_PROBABILITY = 0.05;

/** The head's prior for a label, bounded like the model priors so a rare label cannot dominate. */
function headPrior(head: DenseHead, label: string): number {
  return clamp(head.prior[head.labels.indexOf(label)] ?? 0.1, 0.01, 0.5);
}

/** Content words repeated in a paragraph (3 times or more, and at least 5 % of its words). */
function repeatedSentences(view: TextView, tokFrom: number, tokTo: number): number[] {
  const counts = new Map<string, number[]>();
  for (let i = tokFrom; i < tokTo; i++) {
    const t = view.tokens[i]!;
    if (t.stop || t.key.length < 4) continue;
    const list = counts.get(t.key);
    if (list) list.push(i);
    else counts.set(t.key, [i]);
  }
  const n = tokTo - tokFrom;
  for (const list of counts.values())
    if (list.length >= 3 && list.length / n >= 0.05)
      return [...new Set(list.map((i) => view.tokens[i]!.sent))];
  return [];
}

function detectTechniques(
  view: TextView,
  hits: readonly CueHit[],
  opts: DetectOptions,
): { techniques: TechniqueResult[]; paragraphs: ParagraphResult[]; model: Model | undefined } {
  const model =
    opts.techniqueModel === undefined
      ? undefined
      : (Array.isArray(opts.techniqueModel) ? opts.techniqueModel : [opts.techniqueModel as Model]).find(
          (m) => modelCoversLang(m, view.lang),
        );
  const acc = new Map<string, TechAcc>();
  const paragraphs: ParagraphResult[] = [];
  const techHits = hits.filter((h) => h.cue.target.kind === 'technique');
  const modelParas = model ? predictParagraphs(model, view) : undefined;
  const nFeatures = opts.explainFeatures ?? 5;
  const head = opts.denseTechniques?.head;

  view.paragraphs.forEach((p, pi) => {
    const found = new Map<
      string,
      {
        score: number;
        threshold: number;
        spans: { start: number; end: number }[];
        cues: CueExplanation[];
        basis: TechniqueExplanation['basis'];
        sentence: number;
        dense?: { p: number; prior: number; head: string };
      }
    >();
    const vector = opts.denseTechniques?.vectors[pi];
    const denseP = head && vector ? denseProbabilities(head, vector) : undefined;
    const denseOf = (label: string) => {
      const dp = denseP?.get(label);
      return dp === undefined || !head
        ? undefined
        : { p: dp, prior: headPrior(head, label), head: head.version };
    };
    // cue hints inside this paragraph
    const inPara = techHits.filter((h) => h.start >= p.start && h.end <= p.end);
    const byTech = new Map<string, CueHit[]>();
    for (const h of inPara) {
      const l = byTech.get(h.cue.target.id);
      if (l) l.push(h);
      else byTech.set(h.cue.target.id, [h]);
    }
    if (modelParas) {
      const mp = modelParas[pi]!;
      mp.scores.forEach((s, l) => {
        const cueList = byTech.get(s.label) ?? [];
        // the embedding head's evidence joins the model's by adding log-odds (its prior subtracted once)
        const d = denseOf(s.label);
        const p = d ? sigmoid(logit(s.p) + logit(d.p) - logit(d.prior)) : s.p;
        if (p < s.threshold && !opts.all) return;
        const sent = view.sentences[mp.topSentence[l]!]!;
        found.set(s.label, {
          score: p,
          threshold: s.threshold,
          spans: [{ start: sent.start, end: sent.end }],
          cues: cueList.map((h) => cueExplanation(view, h, h.cue.weight)),
          basis: cueList.length ? 'model+cues' : 'model',
          sentence: mp.topSentence[l]!,
          ...(d ? { dense: round3(d) } : {}),
        });
      });
    } else {
      for (const [id, list] of byTech) {
        const distinct = new Map<number, CueHit>();
        for (const h of list) if (!distinct.has(h.cue.index)) distinct.set(h.cue.index, h);
        let miss = 1;
        for (const h of distinct.values()) miss *= 1 - h.cue.weight * (h.match === 'exact' ? 1 : 0.9);
        // Hints alone are capped; with the embedding head (evaluated before it was installed) the
        // cue probability and the head's add their log-odds instead.
        const d = denseOf(id);
        const score = d
          ? sigmoid(logit(1 - miss) + logit(d.p) - logit(d.prior))
          : Math.min(TECHNIQUE_CUE_CAP, 1 - miss);
        if (score < TECHNIQUE_CUE_THRESHOLD && !opts.all) continue;
        found.set(id, {
          score,
          threshold: TECHNIQUE_CUE_THRESHOLD,
          spans: mergeSpans(list.map((h) => ({ start: h.start, end: h.end }))),
          cues: [...distinct.values()].map((h) => cueExplanation(view, h, h.cue.weight)),
          basis: d ? 'embedding+cues' : 'cues',
          sentence: list[0]!.tokFrom < view.tokens.length ? view.tokens[list[0]!.tokFrom]!.sent : p.sentFrom,
          ...(d ? { dense: round3(d) } : {}),
        });
      }
      // techniques the head finds in a paragraph with no cue for them: evidence is the paragraph's first sentence
      if (denseP)
        for (const label of denseP.keys()) {
          if (found.has(label) || byTech.has(label)) continue;
          const d = denseOf(label)!;
          const score = sigmoid(logit(NO_TECHNIQUE_CUE_PROBABILITY) + logit(d.p) - logit(d.prior));
          if (score < TECHNIQUE_CUE_THRESHOLD && !opts.all) continue;
          const sent = view.sentences[p.sentFrom];
          found.set(label, {
            score,
            threshold: TECHNIQUE_CUE_THRESHOLD,
            spans: sent ? [{ start: sent.start, end: sent.end }] : [{ start: p.start, end: p.end }],
            cues: [],
            basis: 'embedding',
            sentence: p.sentFrom,
            dense: round3(d),
          });
        }
      const rep = repeatedSentences(view, p.tokFrom, p.tokTo);
      if (rep.length > 0 && !found.has('Repetition'))
        found.set('Repetition', {
          score: 0.45,
          threshold: TECHNIQUE_CUE_THRESHOLD,
          spans: rep.map((s) => ({ start: view.sentences[s]!.start, end: view.sentences[s]!.end })),
          cues: [],
          basis: 'repetition',
          sentence: rep[0]!,
        });
    }
    const flaggedHere: { id: string; score: number }[] = [];
    for (const [id, f] of found) {
      const flagged = f.score >= f.threshold;
      if (flagged) flaggedHere.push({ id, score: round(f.score) });
      const a = acc.get(id);
      if (!a) {
        acc.set(id, {
          score: f.score,
          threshold: f.threshold,
          spans: flagged ? [...f.spans] : [],
          cues: [...f.cues],
          paragraphs: flagged ? 1 : 0,
          basis: f.basis,
          bestParagraph: pi,
          bestSentence: f.sentence,
          ...(f.dense ? { dense: f.dense } : {}),
        });
        continue;
      }
      if (flagged) {
        a.spans.push(...f.spans);
        a.paragraphs++;
      }
      a.cues.push(...f.cues);
      if (f.score > a.score) {
        a.score = f.score;
        a.threshold = f.threshold;
        a.bestParagraph = pi;
        a.bestSentence = f.sentence;
        a.basis = f.basis;
        if (f.dense) a.dense = f.dense;
        else delete a.dense;
      }
    }
    if (flaggedHere.length)
      paragraphs.push({
        start: p.start,
        end: p.end,
        techniques: flaggedHere.sort((x, y) => y.score - x.score),
      });
  });

  // Name the model features of every flagged technique, one batch per paragraph.
  const named = new Map<string, FeatureContribution[]>();
  if (model && nFeatures > 0) {
    const byParagraph = new Map<number, string[]>();
    for (const [id, a] of acc)
      if (a.score >= a.threshold && a.basis.startsWith('model'))
        byParagraph.set(a.bestParagraph, [...(byParagraph.get(a.bestParagraph) ?? []), id]);
    for (const [pi, ids] of byParagraph) {
      const p = view.paragraphs[pi]!;
      const r = explainLabels(model, view, ids, { top: nFeatures, sentFrom: p.sentFrom, sentTo: p.sentTo });
      for (const [id, f] of Object.entries(r)) named.set(id, f);
    }
  }
  const techniques: TechniqueResult[] = [];
  for (const id of TECHNIQUE_IDS) {
    const a = acc.get(id);
    if (!a) continue;
    const flagged = a.score >= a.threshold;
    if (!flagged && !opts.all) continue;
    const features = (flagged && named.get(id)) || [];
    const dense = a.dense
      ? ` combined with the embedding model ${a.dense.p} (its prior ${a.dense.prior}) by adding log-odds`
      : '';
    const combination =
      a.basis === 'model' || a.basis === 'model+cues'
        ? `technique model${dense} ${round(a.score)} (threshold ${round(a.threshold)}) on the strongest paragraph; ${a.paragraphs} paragraph(s) flagged`
        : a.basis === 'repetition'
          ? 'the same content word recurs in a paragraph; a hint only'
          : a.basis === 'embedding' || a.basis === 'embedding+cues'
            ? `${a.basis === 'embedding' ? 'no cue' : 'cue hints'}${dense}: ${round(a.score)} (threshold ${round(a.threshold)}) on the strongest paragraph; no trained technique model for "${view.lang}"`
            : `cue hints only (no trained technique model for "${view.lang}"); hints are capped at ${TECHNIQUE_CUE_CAP}`;
    const explain: TechniqueExplanation = {
      basis: a.basis,
      cues: a.cues,
      features,
      paragraphs: a.paragraphs,
      combination,
    };
    if (a.dense) explain.dense = a.dense;
    techniques.push({
      id,
      score: round(a.score),
      threshold: round(a.threshold),
      flagged,
      spans: mergeSpans(a.spans),
      explain,
    });
  }
  return { techniques: techniques.sort((x, y) => y.score - x.score), paragraphs, model };
}

/**
 * Detect narratives and persuasion techniques in a text.
 * @example
 * const r = detect('Ҳукумати лӯхтак ва ғуломони Маскав…', { sourceAffiliation: 'extremist' });
 * r.narratives[0] // { id: 'isk-government-puppet-of-foreign-powers', score: 0.8, evidence: [...], ... }
 */
export function detect(text: string, opts: DetectOptions = {}): DetectResult {
  const taxonomy = opts.taxonomy ?? defaultTaxonomy();
  const view = analyzeText(text, opts.lang);
  return detectView(view, taxonomy, opts);
}

/**
 * The paragraphs of a text as detection splits them: the texts to embed for `denseTechniques`
 * (one vector each, in this order).
 */
export function paragraphTexts(text: string, lang?: Lang): string[] {
  return analyzeText(text, lang).paragraphs.map((p) => text.slice(p.start, p.end));
}

/** Detection over an already analysed text (lets callers reuse one analysis). */
export function detectView(view: TextView, taxonomy: Taxonomy, opts: DetectOptions = {}): DetectResult {
  const hits = matchCues(taxonomyMatcher(taxonomy), view);
  const narratives = detectNarratives(view, hits, taxonomy, opts);
  const { techniques, paragraphs, model: usedModel } = detectTechniques(view, hits, opts);
  const modelVersions: DetectResult['modelVersions'] = {};
  if (opts.narrativeModel) modelVersions.narratives = opts.narrativeModel.meta.version;
  if (usedModel) modelVersions.techniques = usedModel.meta.version;
  const heads = [opts.dense?.head, opts.denseTechniques?.head].filter((h): h is DenseHead => h !== undefined);
  if (heads.length) modelVersions.embedding = heads.map((h) => `${h.version} on ${h.embedder}`).join('; ');
  return {
    lang: view.lang,
    narratives,
    techniques,
    paragraphs,
    modelVersions,
    taxonomyVersion: taxonomy.version,
  };
}

/**
 * Score the whole detector (cues, plus the models in `opts`) against labelled examples: what
 * `ogoh eval narratives|techniques` reports. Techniques count as found in a unit when flagged in any
 * of its paragraphs.
 */
export function evaluateDetection(
  task: Task,
  examples: readonly Example[],
  opts: DetectOptions = {},
): Report {
  const taxonomy = opts.taxonomy ?? defaultTaxonomy();
  const labels = task === 'techniques' ? TECHNIQUE_IDS : taxonomy.narratives.map((n) => n.id);
  const predicted = examples.map((e) => {
    const r = detect(e.text, { ...opts, taxonomy, explainFeatures: 0, ...(e.lang ? { lang: e.lang } : {}) });
    return (task === 'techniques' ? r.techniques : r.narratives).filter((x) => x.flagged).map((x) => x.id);
  });
  return multiLabelReport(
    labels,
    examples.map((e) => e.labels),
    predicted,
    examples.map((e) => e.annotated),
  );
}
