/**
 * `ogoh train` and `ogoh eval`: labelled JSONL → a versioned model for this store, evaluated on a
 * held-out slice before it replaces the current one; per-label precision, recall and F1.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { LANGS, type Lang, OgohError } from '@ogoh/core';
import {
  detect,
  type Embedder,
  type Example,
  evaluate,
  type Model,
  multiLabelReport,
  paragraphTexts,
  type Report,
  recordEvaluation,
  TASKS,
  type Task,
  TECHNIQUE_IDS,
  train,
  trainDenseHead,
} from '@ogoh/detect';
import { openFeedbackStore } from '@ogoh/store';
import type { Ogoh } from '../context.ts';
import { type Detector, loadDetector, runDetector } from './detect-items.ts';
import { installDenseHead, operatorEmbedder } from './embedding.ts';
import { currentModel, installModel } from './models.ts';
import { operatorTaxonomy } from './taxonomy-file.ts';

export function parseTask(task: string): Task {
  if (!(TASKS as readonly string[]).includes(task))
    throw new OgohError('USAGE', `unknown task "${task}"`, {
      field: 'task',
      hint: `one of: ${TASKS.join(', ')}`,
    });
  return task as Task;
}

/** Reads `{"id","text","lang"?,"labels":[…]}` lines; any bad line refuses the file (nothing is trained on half a file). */
export async function readExamples(file: string): Promise<Example[]> {
  const out: Example[] = [];
  const langs = new Set<string>(LANGS);
  let line = 0;
  const rl = createInterface({
    input: createReadStream(file, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  try {
    for await (const l of rl) {
      line++;
      if (!l.trim()) continue;
      let rec: Record<string, unknown>;
      try {
        rec = JSON.parse(l);
      } catch (e) {
        throw new OgohError('INPUT_PARSE', `not valid JSON: ${(e as Error).message}`, { file, line });
      }
      if (typeof rec.text !== 'string' || !rec.text.trim())
        throw new OgohError('INPUT_FIELD', 'a non-empty "text" string is required', {
          file,
          line,
          field: 'text',
        });
      if (!Array.isArray(rec.labels) || !rec.labels.every((x) => typeof x === 'string'))
        throw new OgohError('INPUT_FIELD', '"labels" must be an array of label ids (may be empty)', {
          file,
          line,
          field: 'labels',
        });
      const ex: Example = {
        id: rec.id === undefined ? `line-${line}` : String(rec.id),
        text: rec.text,
        labels: rec.labels as string[],
      };
      if (typeof rec.lang === 'string' && langs.has(rec.lang)) ex.lang = rec.lang as Lang;
      if (typeof rec.group === 'string') ex.group = rec.group;
      out.push(ex);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new OgohError('INPUT_MISSING', 'no such file', { file });
    throw e;
  }
  if (out.length === 0)
    throw new OgohError('INPUT_FIELD', 'no examples in the file', { file, hint: 'one JSON object per line' });
  return out;
}

/**
 * Analyst verdicts as training examples for `task`: each item with feedback becomes one example,
 * its confirmed labels positive, its ruled-out labels negative and every other label unannotated
 * (neither, so an unreviewed flag is not taught as absent). Verdicts are worth more than a line of
 * the file — an analyst looked at this very text in this store — so each is repeated `weight` times.
 */
async function feedbackExamples(app: Ogoh, task: Task, weight: number): Promise<Example[]> {
  const store = await openFeedbackStore(app.location);
  try {
    const rows = await store.trainingExamples(task === 'narratives' ? 'narrative' : 'technique');
    const langs = new Set<string>(LANGS);
    const out: Example[] = [];
    for (const r of rows) {
      const base: Example = {
        id: `feedback:${r.itemId}`,
        text: r.text,
        labels: r.positive,
        annotated: [...r.positive, ...r.negative],
        group: `feedback:${r.itemId}`,
      };
      if (langs.has(r.lang) && r.lang !== 'und') base.lang = r.lang as Lang;
      for (let i = 0; i < weight; i++) out.push(i === 0 ? base : { ...base, id: `${base.id}#${i}` });
    }
    return out;
  } finally {
    await store.close();
  }
}

const sameText = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Deterministic split by id (or group): the same examples are held out on every run. */
function isHeldOut(e: Example, share: number): boolean {
  const key = e.group ?? e.id;
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return (h >>> 0) / 2 ** 32 < share;
}

export interface TrainReport {
  task: Task;
  version: string;
  file: string;
  trained: number;
  heldOut: number;
  /**
   * Analyst feedback merged into the training side (absent with `feedback: false`): items, the
   * positive and negative labels they carry, and the file examples they replaced (same text).
   */
  feedback?: { items: number; positive: number; negative: number; replaced: number; weight: number };
  /** measured on the held-out slice before the model was installed */
  evaluation: Report;
  /** the model it replaced, with its own held-out figures */
  previous?: { version: string; micro?: Report['micro'] };
  /**
   * With OGOH_EMBED_MODEL: the head trained on the embeddings (techniques: on paragraph vectors),
   * and the detector's held-out micro-F1 with and without it; installed only when it does not lower
   * that figure.
   */
  dense?: { version: string; embedder: string; withHead: number; withoutHead: number; installed: boolean };
}

export async function trainModel(
  app: Ogoh,
  task: Task,
  file: string,
  options: {
    heldOut?: number;
    force?: boolean;
    onEpoch?: (epoch: number, of: number) => void;
    /** merge the store's analyst feedback into the training data (default true) */
    feedback?: boolean;
    /** how many times each feedback example counts (default 3) */
    feedbackWeight?: number;
  } = {},
): Promise<TrainReport> {
  const fromFile = await readExamples(file);
  const weight = options.feedbackWeight ?? 3;
  const fromFeedback = options.feedback === false ? [] : await feedbackExamples(app, task, weight);
  // The held-out slice is drawn from the file only, and never holds a text that feedback trains
  // on: file examples with the same text as a feedback item are dropped (the verdict replaces them).
  const taught = new Set(fromFeedback.map((e) => sameText(e.text)));
  const examples = fromFile.filter((e) => !taught.has(sameText(e.text)));
  const share = options.heldOut ?? 0.2;
  const test = examples.filter((e) => isHeldOut(e, share));
  const trainSet = [...examples.filter((e) => !isHeldOut(e, share)), ...fromFeedback];
  if (trainSet.length < 10 || test.length < 2)
    throw new OgohError('INPUT_FIELD', `too few examples to train and evaluate (${examples.length})`, {
      file,
      hint: 'give at least a few dozen labelled examples',
    });
  const model = train(
    task,
    trainSet,
    options.onEpoch ? { onEpoch: (e, of) => options.onEpoch?.(e, of) } : {},
  );
  const report = evaluate(model, test);
  recordEvaluation(
    model,
    'held-out',
    report,
    `${test.length} of ${examples.length} examples from ${file}, never trained on`,
  );
  const previous = await currentModel(app, task);
  const before = previous?.meta.evaluation['held-out']?.micro.f1;
  if (before !== undefined && report.micro.f1 < before && !options.force)
    throw new OgohError(
      'CONFLICT',
      `the new ${task} model scores micro F1 ${report.micro.f1.toFixed(3)} on its held-out slice, below the current model's ${before.toFixed(3)}; the current model was kept`,
      { file, hint: 'add --force to install it anyway' },
    );
  const path = await installModel(app, model);
  const out: TrainReport = {
    task,
    version: model.meta.version,
    file: path,
    trained: trainSet.length,
    heldOut: test.length,
    evaluation: report,
  };
  if (options.feedback !== false) {
    const firsts = fromFeedback.filter((e) => !e.id.includes('#'));
    out.feedback = {
      items: firsts.length,
      positive: firsts.reduce((n, e) => n + e.labels.length, 0),
      negative: firsts.reduce((n, e) => n + (e.annotated?.length ?? 0) - e.labels.length, 0),
      replaced: fromFile.length - examples.length,
      weight,
    };
  }
  if (previous) {
    const micro = previous.meta.evaluation['held-out']?.micro;
    out.previous = { version: previous.meta.version, ...(micro ? { micro } : {}) };
  }
  const embedder = await operatorEmbedder();
  if (embedder)
    out.dense = await trainDense(app, task, embedder, model, trainSet, test, options.force === true);
  return out;
}

/**
 * Trains a head on the operator's embeddings and measures the whole detector (cues, the new hashed
 * model, and the head) on the same held-out slice with and without it. The narrative head sees whole
 * texts; the technique head sees each training example as one unit (SemEval's are paragraphs) and,
 * at detection, each paragraph of a text — so held-out texts are embedded paragraph by paragraph.
 */
async function trainDense(
  app: Ogoh,
  task: Task,
  embedder: Embedder,
  model: Model,
  trainSet: readonly Example[],
  test: readonly Example[],
  force: boolean,
): Promise<NonNullable<TrainReport['dense']>> {
  const taxonomy = operatorTaxonomy();
  const labels = task === 'narratives' ? taxonomy.narratives.map((n) => n.id) : [...TECHNIQUE_IDS];
  const head = trainDenseHead(
    embedder.id,
    await embedder.embed(trainSet.map((e) => e.text)),
    trainSet,
    labels,
  );
  let flagged: (e: Example, i: number, withHead: boolean) => string[];
  if (task === 'narratives') {
    const testVectors = await embedder.embed(test.map((e) => e.text));
    flagged = (e, i, withHead) =>
      detect(e.text, {
        taxonomy,
        narrativeModel: model,
        explainFeatures: 0,
        ...(e.lang ? { lang: e.lang } : {}),
        ...(withHead && testVectors[i] ? { dense: { head, vector: testVectors[i] } } : {}),
      })
        .narratives.filter((n) => n.flagged)
        .map((n) => n.id);
  } else {
    const paragraphs = test.map((e) => paragraphTexts(e.text, e.lang));
    const flat = await embedder.embed(paragraphs.flat());
    let at = 0;
    const perText = paragraphs.map((ps) => {
      const v = flat.slice(at, at + ps.length);
      at += ps.length;
      return v;
    });
    flagged = (e, i, withHead) =>
      detect(e.text, {
        taxonomy,
        techniqueModel: model,
        explainFeatures: 0,
        ...(e.lang ? { lang: e.lang } : {}),
        ...(withHead ? { denseTechniques: { head, vectors: perText[i]! } } : {}),
      })
        .techniques.filter((t) => t.flagged)
        .map((t) => t.id);
  }
  const gold = test.map((e) => e.labels);
  const masks = test.map((e) => e.annotated);
  const score = (withHead: boolean) =>
    multiLabelReport(
      labels,
      gold,
      test.map((e, i) => flagged(e, i, withHead)),
      masks,
    ).micro.f1;
  const without = score(false);
  const withHead = score(true);
  const installed = withHead >= without || force;
  if (installed) await installDenseHead(app, head, task);
  return { version: head.version, embedder: embedder.id, withHead, withoutHead: without, installed };
}

export interface EvalReport {
  task: Task;
  /** the model evaluated, or the taxonomy's cues when no model is trained */
  model: string;
  report: Report;
}

/** Evaluates the store's current model (or, without one, the cue detector) on labelled data. */
export async function evalModel(app: Ogoh, task: Task, file: string): Promise<EvalReport> {
  const examples = await readExamples(file);
  const model = await currentModel(app, task);
  if (model) return { task, model: model.meta.version, report: evaluate(model, examples) };
  const detector: Detector = await loadDetector();
  const gold: string[][] = [];
  const pred: string[][] = [];
  for (const e of examples) {
    const r = runDetector(detector, e.text, e.lang ? { lang: e.lang } : {});
    gold.push(e.labels);
    pred.push(
      (task === 'narratives' ? r.narratives : r.techniques).filter((x) => x.flagged).map((x) => x.id),
    );
  }
  const labels =
    task === 'narratives'
      ? detector.taxonomy.narratives.map((n) => n.id)
      : [...new Set([...gold.flat(), ...pred.flat()])].sort();
  return { task, model: `cues-${detector.taxonomy.version}`, report: multiLabelReport(labels, gold, pred) };
}
