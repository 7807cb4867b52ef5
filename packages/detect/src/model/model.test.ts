import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OgohError } from '@ogoh/core';
import { multiLabelReport } from './metrics.ts';
import { type Example, evaluate, explainPrediction, loadModel, predict, saveModel, train } from './model.ts';

/** Seeded synthetic multi-label data: label A by its words, B by its words, both, or neither. */
function synthetic(n: number, seed: number): Example[] {
  let s = seed;
  const rnd = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
  const pick = (xs: string[]) => xs[Math.floor(rnd() * xs.length)]!;
  const filler = [
    'бозор',
    'нарх',
    'борон',
    'роҳ',
    'мактаб',
    'дарё',
    'кӯҳ',
    'хона',
    'кор',
    'шаҳр',
    'today',
    'weather',
    'market',
  ];
  const wordsA = ['хиёнаткор', 'душманон', 'фиребгарон', 'traitors'];
  const wordsB = ['ҳозир', 'фавран', 'шитоб кунед', 'act now'];
  const out: Example[] = [];
  for (let i = 0; i < n; i++) {
    const a = rnd() < 0.35;
    const b = rnd() < 0.3;
    const words = Array.from({ length: 8 + Math.floor(rnd() * 6) }, () => pick(filler));
    if (a) words.splice(Math.floor(rnd() * words.length), 0, pick(wordsA));
    if (b) words.splice(Math.floor(rnd() * words.length), 0, pick(wordsB));
    // label noise: a few wrong labels so the task is not trivially separable
    const labels = [...(a ? ['A'] : []), ...(b ? ['B'] : [])];
    if (rnd() < 0.03) labels.push('A');
    out.push({
      id: `x${seed}-${i}`,
      text: `${words.join(' ')}.`,
      lang: 'tg',
      labels: [...new Set(labels)],
      group: `g${i % 50}`,
    });
  }
  return out;
}

const trainSet = synthetic(400, 7);
const testSet = synthetic(200, 99);
const opts = { features: { bits: 12 }, epochs: 6, created: '2026-11-27T00:00:00.000Z', labels: ['A', 'B'] };

test('a toy model beats chance on held-out synthetic data', () => {
  const model = train('techniques', trainSet, opts);
  assert.equal(model.meta.task, 'techniques');
  assert.deepEqual(model.meta.labels, ['A', 'B']);
  assert.equal(model.meta.training.size, 400);
  assert.ok(model.meta.evaluation.holdout, 'held-out figures are recorded before saving');
  const report = evaluate(model, testSet);
  // chance: predicting every label for every text gives micro-F1 ≈ 2p/(1+p) with p ≈ 0.33
  const allOn = multiLabelReport(
    ['A', 'B'],
    testSet.map((e) => e.labels),
    testSet.map(() => ['A', 'B']),
  );
  assert.ok(allOn.micro.f1 < 0.55, `chance baseline ${allOn.micro.f1}`);
  assert.ok(report.micro.f1 > 0.85, `micro-F1 ${report.micro.f1}`);
  assert.ok(report.macro.f1 > 0.85, `macro-F1 ${report.macro.f1}`);
  const top = explainPrediction(model, 'бозор хиёнаткор дарё.', 'A', { top: 3 });
  assert.ok(
    top.some((f) => f.feature.includes('хиёнаткор') || f.feature.includes('хиенаткор')),
    JSON.stringify(top),
  );
});

test('training is deterministic for a seed and the saved/loaded copy predicts identically', () => {
  const a = train('techniques', trainSet, opts);
  const b = train('techniques', trainSet, opts);
  assert.equal(a.meta.version, b.meta.version);
  const { json, weights } = saveModel(a);
  assert.ok(weights && weights.length === a.weights.length * 4);
  const loaded = loadModel(json, weights);
  const inline = loadModel(saveModel(a, { inline: true }).json);
  for (const e of testSet.slice(0, 50)) {
    const p = predict(a, e.text, 'tg');
    assert.deepEqual(predict(loaded, e.text, 'tg'), p);
    assert.deepEqual(predict(inline, e.text, 'tg'), p);
  }
  assert.deepEqual(loaded.meta, a.meta);
});

test('loading a damaged model names the field at fault', () => {
  const model = train('narratives', trainSet.slice(0, 100), { ...opts, holdout: 0 });
  const { json, weights } = saveModel(model);
  const expectField = (f: () => unknown, code: string, field?: string) => {
    try {
      f();
    } catch (e) {
      assert.ok(e instanceof OgohError);
      assert.equal(e.code, code);
      if (field) assert.equal(e.field, field);
      return;
    }
    assert.fail('expected an error');
  };
  expectField(() => loadModel('{', weights), 'INPUT_PARSE');
  expectField(
    () => loadModel(json.replace('"ogoh-model"', '"other"'), weights),
    'INPUT_FIELD',
    'meta.format',
  );
  expectField(() => loadModel(json), 'INPUT_MISSING', 'weights');
  const bad = new Uint8Array(weights!);
  bad[17] = bad[17]! ^ 0xff;
  expectField(() => loadModel(json, bad), 'INPUT_FIELD', 'weights.digest');
  expectField(() => train('narratives', []), 'INPUT_MISSING');
  expectField(() => train('nonsense' as 'narratives', trainSet), 'USAGE');
});

test('partially annotated examples do not count as negatives for labels they were not annotated for', () => {
  // B is never annotated: its examples carry no B information, so B must not be learnt as "never"
  const partial = trainSet.map((e) => ({
    ...e,
    labels: e.labels.filter((l) => l === 'A'),
    annotated: ['A'],
  }));
  const model = train('techniques', partial, { ...opts, holdout: 0 });
  const r = evaluate(
    model,
    testSet.map((e) => ({ ...e, annotated: ['A'] })),
  );
  assert.equal(r.labels.find((l) => l.label === 'B')!.support, 0);
  assert.ok(r.labels.find((l) => l.label === 'A')!.f1 > 0.85);
});

test('metrics: micro pools decisions, macro averages labels present in the gold data', () => {
  const r = multiLabelReport(
    ['A', 'B', 'C'],
    [['A'], ['A', 'B'], [], ['B']],
    [['A'], ['A'], ['B'], ['B', 'C']],
  );
  const a = r.labels[0]!;
  assert.deepEqual([a.tp, a.fp, a.fn], [2, 0, 0]);
  const b = r.labels[1]!;
  assert.deepEqual([b.tp, b.fp, b.fn], [1, 1, 1]);
  assert.equal(r.micro.precision, 3 / 5);
  assert.equal(r.micro.recall, 3 / 4);
  assert.equal(r.macro.f1, (1 + 0.5) / 2);
});

test('paragraph scoring in one pass equals whole-vector scoring (context, vocabulary, per-language calibration)', async () => {
  const { analyzeText } = await import('../view.ts');
  const { scoreUnit } = await import('./model.ts');
  // two languages with enough held-out units each → per-language calibration; minDf → a vocabulary
  const data = [
    ...synthetic(500, 3),
    ...synthetic(500, 4).map((e) => ({ ...e, id: `${e.id}en`, lang: 'en' as const })),
  ];
  const model = train('techniques', data, {
    ...opts,
    holdout: 0.4,
    features: { bits: 12, context: 1 },
    minDf: 2,
  });
  assert.ok(model.vocabulary, 'minDf > 1 stores a vocabulary');
  assert.deepEqual(Object.keys(model.langCalibration).sort(), ['en', 'tg']);
  const text = 'бозор нарх хиёнаткор. Борон роҳ ҳозир мактаб!\nДарё кӯҳ фавран хона.';
  const view = analyzeText(text, 'tg');
  const whole = predict(model, view);
  const unit = scoreUnit(model, view, 0, view.sentences.length);
  whole.forEach((s, l) => {
    assert.ok(Math.abs(s.p - unit.scores[l]!.p) < 1e-6, `${s.label}: ${s.p} vs ${unit.scores[l]!.p}`);
    assert.equal(s.threshold, unit.scores[l]!.threshold);
  });
  // the sentence carrying the A word is the one responsible for A
  assert.equal(view.sentences[unit.topSentence[0]!]!.start, 0);
  const loaded = loadModel(saveModel(model).json, saveModel(model).weights);
  assert.deepEqual(loaded.vocabulary, model.vocabulary);
  assert.deepEqual(loaded.langCalibration, model.langCalibration);
  assert.deepEqual(predict(loaded, view), whole);
});

test('labelled JSONL is validated line by line, naming the field at fault', async () => {
  const { parseExamples } = await import('./examples.ts');
  const labels = ['Loaded_Language', 'Doubt'];
  const ok = parseExamples(
    '{"id":1,"text":"a","labels":["Doubt"],"lang":"ru"}\n\n{"id":"x","text":"b","labels":[],"group":"g","context":"ab"}\n',
    'f.jsonl',
    'techniques',
    labels,
  );
  assert.deepEqual(ok, [
    { id: '1', text: 'a', labels: ['Doubt'], lang: 'ru' },
    { id: 'x', text: 'b', labels: [], group: 'g', context: 'ab' },
  ]);
  const fails = (text: string, line: number, field?: string, code = 'INPUT_FIELD') => {
    try {
      parseExamples(text, 'f.jsonl', 'techniques', labels);
    } catch (e) {
      assert.ok(e instanceof OgohError);
      assert.equal(e.code, code);
      assert.equal(e.file, 'f.jsonl');
      assert.equal(e.line, line);
      if (field) assert.equal(e.field, field);
      return;
    }
    assert.fail('expected an error');
  };
  fails(
    '{"id":1,"text":"a","labels":["Doubt"]}\n{"id":2,"text":"b","labels":["Loaded-Language"]}',
    2,
    'labels[0]',
  );
  fails('{"id":1,"text":"a"}', 1, 'labels');
  fails('{"id":1,"text":"a","labels":[],"colour":1}', 1);
  fails('{"id":1,"text":"a","labels":[]}\n{"id":1,"text":"b","labels":[]}', 2, 'id');
  fails('{"id":1,"text":"a","labels":[],"lang":"xx"}', 1, 'lang');
  fails('{"id":1,', 1, undefined, 'INPUT_PARSE');
});
