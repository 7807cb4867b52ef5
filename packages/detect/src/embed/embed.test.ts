/**
 * The embedding plug-in without any downloaded model: the test writes a tiny ONNX graph itself (an
 * embedding table looked up with Gather: token vectors the plug-in mean-pools) and a WordPiece
 * tokenizer.json, loads them through onnxruntime-node, and checks that the dense similarity
 * reorders claim matches that the lexical stage cannot tell apart. Tokenizers are checked on their
 * own. Skips the ONNX part with a message when the optional onnxruntime-node is not installed.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isOgohError } from '@ogoh/core';
import { ClaimIndex } from '../claims/claim-index.ts';
import { detect, paragraphTexts } from '../detect.ts';
import { TECHNIQUE_IDS } from '../techniques.ts';
import { embedClaims, matchWithDense } from './dense-claims.ts';
import { loadDenseHead, saveDenseHead, trainDenseHead } from './dense-head.ts';
import { similarity } from './embedder.ts';
import { lookupEmbeddingModel } from './lookup-model.ts';
import { loadOnnxEmbedder } from './onnx.ts';
import { loadTokenizer } from './tokenizer.ts';

const VOCAB = [
  '[PAD]',
  '[UNK]',
  '[CLS]',
  '[SEP]',
  'the',
  'price',
  'of',
  'flour',
  'bread',
  'rose',
  'in',
  'dushanbe',
  'wheat',
  '##s',
  'cost',
];
const wordPieceJson = JSON.stringify({
  version: '1.0',
  added_tokens: [0, 1, 2, 3].map((id) => ({ id, content: VOCAB[id], special: true })),
  normalizer: {
    type: 'BertNormalizer',
    lowercase: true,
    strip_accents: null,
    clean_text: true,
    handle_chinese_chars: true,
  },
  pre_tokenizer: { type: 'BertPreTokenizer' },
  post_processor: {
    type: 'TemplateProcessing',
    single: [
      { SpecialToken: { id: '[CLS]', type_id: 0 } },
      { Sequence: { id: 'A', type_id: 0 } },
      { SpecialToken: { id: '[SEP]', type_id: 0 } },
    ],
  },
  model: {
    type: 'WordPiece',
    unk_token: '[UNK]',
    continuing_subword_prefix: '##',
    vocab: Object.fromEntries(VOCAB.map((w, i) => [w, i])),
  },
});

/** 3 meaning axes: prices, grain (flour), baked goods (bread); "wheat" sits on the axis given. */
function table(wheatLike: 'flour' | 'bread'): number[][] {
  const axis: Record<string, number[]> = {
    price: [1, 0, 0],
    cost: [1, 0, 0],
    rose: [1, 0, 0],
    flour: [0, 1, 0],
    bread: [0, 0, 1],
    wheat: wheatLike === 'flour' ? [0, 1, 0] : [0, 0, 1],
  };
  return VOCAB.map((w) => axis[w] ?? [0, 0, 0]);
}

describe('tokenizers', () => {
  test('WordPiece: lower-cases, splits punctuation, continues with ##, wraps in [CLS] … [SEP]', () => {
    const t = loadTokenizer(wordPieceJson);
    const ids = t.encode('The Flours, wheat!', 64).ids;
    assert.deepEqual(
      ids.map((i) => VOCAB[i]),
      ['[CLS]', 'the', 'flour', '##s', '[UNK]', 'wheat', '[UNK]', '[SEP]'],
    );
    assert.deepEqual(
      t.encode('the price of flour rose', 4).ids.map((i) => VOCAB[i]),
      ['[CLS]', 'the', 'price', '[SEP]'],
    );
  });

  test('Unigram: Metaspace word marks and the most probable segmentation', () => {
    const t = loadTokenizer(
      JSON.stringify({
        normalizer: {
          type: 'Sequence',
          normalizers: [
            { type: 'Precompiled' },
            { type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' },
          ],
        },
        pre_tokenizer: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always' },
        post_processor: { type: 'RobertaProcessing', cls: ['<s>', 0], sep: ['</s>', 2] },
        model: {
          type: 'Unigram',
          unk_id: 3,
          vocab: [
            ['<s>', 0],
            ['<pad>', 0],
            ['</s>', 0],
            ['<unk>', 0],
            ['▁ҳукумат', -3],
            ['▁ҳуку', -4],
            ['мат', -4],
            ['и', -2],
            ['▁', -2],
            ['ҳ', -6],
          ],
        },
      }),
    );
    const pieces = ['<s>', '<pad>', '</s>', '<unk>', '▁ҳукумат', '▁ҳуку', 'мат', 'и', '▁', 'ҳ'];
    assert.deepEqual(
      t.encode('ҳукумати  ҳ', 32).ids.map((i) => pieces[i]),
      ['<s>', '▁ҳукумат', 'и', '▁', 'ҳ', '</s>'],
    );
    assert.equal(t.padId, 1);
  });

  test('an unsupported tokenizer is a coded error naming the field', () => {
    assert.throws(
      () => loadTokenizer(JSON.stringify({ model: { type: 'BPE', vocab: {}, merges: [] } }), 'tok.json'),
      (e: unknown) =>
        isOgohError(e) && e.code === 'INPUT_FIELD' && e.field === 'model.type' && e.file === 'tok.json',
    );
    assert.throws(
      () => loadTokenizer('{', 'tok.json'),
      (e: unknown) => isOgohError(e) && e.code === 'INPUT_PARSE',
    );
  });
});

let haveOrt = true;
try {
  createRequire(import.meta.url).resolve('onnxruntime-node');
} catch {
  haveOrt = false;
}

describe('ONNX embedder', {
  skip: haveOrt ? false : 'onnxruntime-node is not installed (optional dependency)',
}, () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ogoh-embed-'));
    writeFileSync(join(dir, 'tokenizer.json'), wordPieceJson);
    writeFileSync(join(dir, 'flour.onnx'), lookupEmbeddingModel(table('flour'), true));
    writeFileSync(join(dir, 'bread.onnx'), lookupEmbeddingModel(table('bread'), false));
    writeFileSync(join(dir, 'broken.onnx'), Uint8Array.from([1, 2, 3, 4]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('loads a tiny Gather graph, mean-pools token vectors, returns unit vectors', async () => {
    const e = await loadOnnxEmbedder({
      model: join(dir, 'flour.onnx'),
      tokenizer: join(dir, 'tokenizer.json'),
    });
    assert.equal(e.dims, 3);
    assert.match(e.id, /^onnx:flour\.onnx@[0-9a-f]{8}$/);
    const [a, b, c] = await e.embed(['price of wheat', 'cost of flour', 'bread']);
    // "price of wheat": [CLS] price of wheat [SEP] → mean of (1,0,0) and (0,1,0) → (1,1,0)/√2
    assert.ok(Math.abs(a![0]! - Math.SQRT1_2) < 1e-6 && Math.abs(a![1]! - Math.SQRT1_2) < 1e-6, String(a));
    assert.ok(similarity(a!, b!) > 0.99);
    assert.equal(similarity(a!, c!), 0);
    // batches of different lengths pad without changing a text's vector
    const [alone] = await e.embed(['price of wheat']);
    const [padded] = await e.embed(['price of wheat', 'the price of flour rose in dushanbe the the the']);
    assert.deepEqual(
      [...alone!].map((x) => x.toFixed(5)),
      [...padded!].map((x) => x.toFixed(5)),
    );
  });

  test('the dense score reorders claims the lexical stage cannot tell apart', async () => {
    const index = ClaimIndex.build([
      { id: 'c-flour', text: 'The price of flour rose in Dushanbe', lang: 'en' },
      { id: 'c-bread', text: 'The price of bread rose in Dushanbe', lang: 'en' },
    ]);
    const query = 'Wheat price rose in Dushanbe';
    const lexical = index.match(query, { k: 2, lang: 'en' });
    assert.equal(lexical.length, 2);
    const tok = join(dir, 'tokenizer.json');
    for (const which of ['flour', 'bread'] as const) {
      const e = await loadOnnxEmbedder({ model: join(dir, `${which}.onnx`), tokenizer: tok });
      const dense = await embedClaims(index, e);
      assert.equal(dense.vectors.size, 2);
      const ranked = await matchWithDense(index, dense, e, query, { k: 2, lang: 'en' });
      assert.equal(ranked[0]!.id, `c-${which}`, `with wheat ≈ ${which}: ${JSON.stringify(ranked)}`);
      const before = lexical.find((m) => m.id === `c-${which}`)!.score;
      assert.ok(ranked[0]!.score > before, 'the dense evidence raises the score of the claim it supports');
    }
    // the lexical ranking itself is untouched afterwards (the dense weight applies per call only)
    assert.deepEqual(index.match(query, { k: 2, lang: 'en' }), lexical);
  });

  test('a missing or broken model is a coded error naming the file', async () => {
    const tok = join(dir, 'tokenizer.json');
    await assert.rejects(
      loadOnnxEmbedder({ model: join(dir, 'nope.onnx'), tokenizer: tok }),
      (e: unknown) => isOgohError(e) && e.code === 'INPUT_MISSING' && /nope\.onnx/.test(e.file ?? ''),
    );
    await assert.rejects(
      loadOnnxEmbedder({ model: join(dir, 'broken.onnx'), tokenizer: tok }),
      (e: unknown) => isOgohError(e) && e.code === 'INPUT_PARSE' && /broken\.onnx/.test(e.file ?? ''),
    );
  });

  test('a narrative head on embeddings lifts a text whose words the cues miss (saved and loaded back)', async () => {
    const e = await loadOnnxEmbedder({
      model: join(dir, 'flour.onnx'),
      tokenizer: join(dir, 'tokenizer.json'),
    });
    const LABEL = 'ru-indispensable-security-guarantor'; // any taxonomy id: the head learns what it is shown
    const texts: { text: string; labels: string[] }[] = [];
    for (let i = 0; i < 30; i++) {
      texts.push({ text: i % 2 ? 'the price of flour' : 'flour rose', labels: [LABEL] });
      texts.push({ text: i % 2 ? 'the price of bread' : 'bread in dushanbe', labels: [] });
    }
    const vectors = await e.embed(texts.map((t) => t.text));
    const head = loadDenseHead(saveDenseHead(trainDenseHead(e.id, vectors, texts, [LABEL, 'unused-label'])));
    assert.deepEqual(head.labels, [LABEL], 'labels without a positive example are left out');
    assert.equal(head.embedder, e.id);
    const [wheat, bread] = await e.embed(['wheat', 'bread']);
    const withHead = detect('Wheat.', { lang: 'en', dense: { head, vector: wheat! } });
    const n = withHead.narratives.find((x) => x.id === LABEL);
    assert.ok(n?.flagged, JSON.stringify(withHead.narratives));
    assert.ok(n.explain.dense && n.explain.dense.p > 0.9);
    assert.match(n.explain.combination, /embedding model/);
    assert.deepEqual(n.evidence, [{ start: 0, end: 6, text: 'Wheat.' }]);
    assert.match(withHead.modelVersions.embedding ?? '', /^dense-.* on onnx:flour\.onnx@/);
    assert.ok(!detect('Wheat.', { lang: 'en' }).narratives.some((x) => x.id === LABEL && x.flagged));
    const other = detect('Bread.', { lang: 'en', dense: { head, vector: bread! } });
    assert.ok(!other.narratives.some((x) => x.id === LABEL && x.flagged));
    assert.throws(
      () => loadDenseHead('{"format":1}', 'h.json'),
      (x: unknown) => isOgohError(x) && x.field === 'embedder',
    );
  });

  test('a technique head on paragraph vectors joins the technique model and lifts cue-less paragraphs', async () => {
    const e = await loadOnnxEmbedder({
      model: join(dir, 'flour.onnx'),
      tokenizer: join(dir, 'tokenizer.json'),
    });
    const LABEL = 'Appeal_to_Fear-Prejudice'; // the head learns what it is shown
    const units: { text: string; labels: string[] }[] = [];
    for (let i = 0; i < 30; i++) {
      units.push({ text: i % 2 ? 'the price of flour' : 'flour rose', labels: [LABEL] });
      units.push({ text: i % 2 ? 'the price of bread' : 'bread in dushanbe', labels: [] });
    }
    const head = trainDenseHead(e.id, await e.embed(units.map((u) => u.text)), units, [...TECHNIQUE_IDS]);
    assert.deepEqual(head.labels, [LABEL]);
    // two paragraphs: only the second means "flour" to the embedder
    const text = 'Bread in Dushanbe.\n\nWheat.';
    const paragraphs = paragraphTexts(text, 'en');
    assert.deepEqual(paragraphs, ['Bread in Dushanbe.', 'Wheat.']);
    const vectors = await e.embed(paragraphs);
    const r = detect(text, { lang: 'en', denseTechniques: { head, vectors } });
    const t = r.techniques.find((x) => x.id === LABEL);
    assert.ok(t?.flagged, JSON.stringify(r.techniques));
    assert.equal(t.explain.basis, 'embedding');
    assert.ok(t.explain.dense && t.explain.dense.p > 0.9);
    assert.match(t.explain.combination, /embedding model/);
    assert.deepEqual(t.spans, [{ start: 20, end: 26 }], 'evidence is the paragraph the head scored');
    assert.deepEqual(
      r.paragraphs.map((p) => [p.start, p.techniques.map((x) => x.id)]),
      [[20, [LABEL]]],
    );
    assert.match(r.modelVersions.embedding ?? '', /^dense-.* on onnx:flour\.onnx@/);
    // without the head, or on a paragraph the head reads as "bread", nothing is flagged
    assert.ok(!detect(text, { lang: 'en' }).techniques.some((x) => x.id === LABEL && x.flagged));
    const bread = await e.embed(['Bread.']);
    assert.ok(
      !detect('Bread.', { lang: 'en', denseTechniques: { head, vectors: bread } }).techniques.some(
        (x) => x.id === LABEL && x.flagged,
      ),
    );
  });
});
