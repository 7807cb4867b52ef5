/**
 * The embedding plug-in from the CLI: OGOH_EMBED_MODEL names a model (here a lookup-table graph
 * written by the test, with its tokenizer.json beside it) and `ogoh check` ranks fact-checked claims
 * with the dense similarity; a wrong path is a usage error naming the variable. Skips when the
 * optional onnxruntime-node is not installed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { lookupEmbeddingModel } from '@ogoh/app';

const BIN = new URL('../bin/ogoh.js', import.meta.url).pathname;
function ogoh(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input: '',
    encoding: 'utf8',
    env: { ...process.env, OGOH_DB: '', OGOH_TAXONOMY: '', OGOH_EMBED_MODEL: '', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let haveOrt = true;
try {
  createRequire(import.meta.url).resolve('onnxruntime-node');
} catch {
  haveOrt = false;
}

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
];
const TOKENIZER = JSON.stringify({
  normalizer: { type: 'BertNormalizer', lowercase: true },
  pre_tokenizer: { type: 'BertPreTokenizer' },
  post_processor: { type: 'BertProcessing', cls: ['[CLS]', 2], sep: ['[SEP]', 3] },
  model: { type: 'WordPiece', unk_token: '[UNK]', vocab: Object.fromEntries(VOCAB.map((w, i) => [w, i])) },
});
/** "wheat" means the same as the word given; everything else as its own axis */
const table = (wheat: 'flour' | 'bread') =>
  VOCAB.map((w) =>
    w === 'price' || w === 'rose'
      ? [1, 0, 0]
      : w === 'flour' || (w === 'wheat' && wheat === 'flour')
        ? [0, 1, 0]
        : w === 'bread' || w === 'wheat'
          ? [0, 0, 1]
          : [0, 0, 0],
  );

let dir: string;
let db: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ogoh-embed-cli-'));
  db = join(dir, 'store.db');
  for (const w of ['flour', 'bread'] as const) {
    mkdirSync(join(dir, w));
    writeFileSync(join(dir, w, 'model.onnx'), lookupEmbeddingModel(table(w)));
    writeFileSync(join(dir, w, 'tokenizer.json'), TOKENIZER);
  }
  writeFileSync(
    join(dir, 'claims.csv'),
    'id,claim,rating,url,date,lang,org\nc-flour,"The price of flour rose in Dushanbe",False,https://fc.example/1,2026-03-02,en,FC\nc-bread,"The price of bread rose in Dushanbe",False,https://fc.example/2,2026-03-03,en,FC\n',
  );
});
after(() => rmSync(dir, { recursive: true, force: true }));

const QUERY = 'Wheat price rose in Dushanbe';

test('check ranks claims with the dense similarity of the model in OGOH_EMBED_MODEL', {
  skip: !haveOrt && 'onnxruntime-node is not installed',
}, () => {
  const imp = ogoh(['--db', db, 'claims', 'import', join(dir, 'claims.csv')]);
  assert.equal(imp.code, 0, imp.err);
  for (const w of ['flour', 'bread']) {
    // a model folder: model.onnx and tokenizer.json found inside
    const r = ogoh(['--db', db, '--json', 'check', QUERY], { OGOH_EMBED_MODEL: join(dir, w) });
    assert.equal(r.code, 0, r.err);
    const claims = JSON.parse(r.out).claims as { id: string }[];
    assert.equal(claims[0]?.id, `c-${w}`, JSON.stringify(claims));
  }
  // ogoh claims match uses the same dense score
  const m = ogoh(['--db', db, '--json', 'claims', 'match', QUERY, '--k', '2'], {
    OGOH_EMBED_MODEL: join(dir, 'bread', 'model.onnx'),
  });
  assert.equal(m.code, 0, m.err);
  assert.equal(JSON.parse(m.out).matches[0]?.id, 'c-bread', m.out);
});

test('a model path that does not exist is a usage error naming OGOH_EMBED_MODEL', {
  skip: !haveOrt && 'onnxruntime-node is not installed',
}, () => {
  ogoh(['--db', db, 'claims', 'import', join(dir, 'claims.csv')]);
  const r = ogoh(['--db', db, 'check', QUERY], { OGOH_EMBED_MODEL: join(dir, 'missing.onnx') });
  assert.equal(r.code, 2);
  assert.match(r.err, /missing\.onnx.*OGOH_EMBED_MODEL/);
});

/** Labelled training lines: "flour" texts carry the label, "bread" texts none (the lookup model tells them apart). */
function flourLines(n: number, label: string): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++)
    lines.push(
      JSON.stringify(
        i % 2
          ? {
              id: `f${i}`,
              text: i % 4 === 1 ? 'the price of flour' : 'flour in dushanbe',
              lang: 'en',
              labels: [label],
            }
          : {
              id: `b${i}`,
              text: i % 4 === 0 ? 'the price of bread' : 'bread in dushanbe',
              lang: 'en',
              labels: [],
            },
      ),
    );
  return `${lines.join('\n')}\n`;
}

test('train narratives also trains a head on the embeddings; analyze and check use it', {
  skip: !haveOrt && 'onnxruntime-node is not installed',
}, () => {
  const env = { OGOH_EMBED_MODEL: join(dir, 'flour') };
  const LABEL = 'ru-indispensable-security-guarantor';
  writeFileSync(join(dir, 'train.jsonl'), flourLines(40, LABEL));
  const t = ogoh(['--db', db, '--json', 'train', 'narratives', '--data', join(dir, 'train.jsonl')], env);
  assert.equal(t.code, 0, t.err);
  const dense = JSON.parse(t.out).dense;
  assert.ok(dense, t.out);
  assert.match(dense.embedder, /^onnx:model\.onnx@/);
  assert.equal(dense.installed, true, JSON.stringify(dense));
  // "wheat" never occurs in training; the embedding puts it beside "flour"
  const c = JSON.parse(ogoh(['--db', db, '--json', 'check', 'Wheat rose.'], env).out);
  assert.ok(
    c.narratives.some((n: { id: string }) => n.id === LABEL),
    JSON.stringify(c),
  );
  assert.match(c.versions.embedding, /^dense-.* on onnx:model\.onnx@/);
  // without the embedder (or under another one) the head is not used
  const plain = JSON.parse(ogoh(['--db', db, '--json', 'check', 'Wheat rose.']).out);
  assert.ok(!plain.narratives.some((n: { id: string }) => n.id === LABEL));
  assert.equal(plain.versions.embedding, undefined);
  const other = JSON.parse(
    ogoh(['--db', db, '--json', 'check', 'Wheat rose.'], { OGOH_EMBED_MODEL: join(dir, 'bread') }).out,
  );
  assert.equal(other.versions.embedding, undefined, 'a head trained on another embedder is left unused');
  // analysis stores the flag with the embedding model named in its explanation
  writeFileSync(
    join(dir, 'feed.jsonl'),
    `${JSON.stringify({ id: 'w1', source: 'wire.example', date: '2026-11-01T10:00:00Z', text: 'Wheat rose.' })}\n`,
  );
  assert.equal(ogoh(['--db', db, 'ingest', join(dir, 'feed.jsonl')], env).code, 0);
  const an = ogoh(['--db', db, '--json', 'analyze'], env);
  assert.equal(an.code, 0, an.err);
  const hit = JSON.parse(ogoh(['--db', db, '--json', 'items', '--narrative', LABEL], env).out);
  assert.deepEqual(
    hit.map((i: { externalId: string }) => i.externalId),
    ['w1'],
  );
});

test('train techniques also trains a paragraph head on the embeddings; check and the explanation use it', {
  skip: !haveOrt && 'onnxruntime-node is not installed',
}, () => {
  const env = { OGOH_EMBED_MODEL: join(dir, 'flour') };
  const tdb = join(dir, 'techniques.db');
  const LABEL = 'Appeal_to_Fear-Prejudice';
  writeFileSync(join(dir, 'techniques.jsonl'), flourLines(60, LABEL));
  const t = ogoh(
    ['--db', tdb, '--json', 'train', 'techniques', '--data', join(dir, 'techniques.jsonl')],
    env,
  );
  assert.equal(t.code, 0, t.err);
  const dense = JSON.parse(t.out).dense;
  assert.ok(dense, t.out);
  assert.equal(dense.installed, true, JSON.stringify(dense));
  assert.ok(dense.withHead >= dense.withoutHead, JSON.stringify(dense));
  // "wheat" never occurs in training; its paragraph is flagged through the head, explained as such
  const c = JSON.parse(
    ogoh(['--db', tdb, '--json', 'check', '--explain', 'Bread in Dushanbe.\n\nWheat.'], env).out,
  );
  const flag = c.details.techniques.find((x: { id: string }) => x.id === LABEL);
  assert.ok(flag, JSON.stringify(c.techniques));
  assert.ok(flag.explain.dense.p > 0.5, JSON.stringify(flag.explain));
  assert.match(flag.explain.combination, /embedding model/);
  assert.match(c.versions.embedding, /^dense-.* on onnx:model\.onnx@/);
  const plain = JSON.parse(ogoh(['--db', tdb, '--json', 'check', 'Bread in Dushanbe.\n\nWheat.']).out);
  assert.ok(!plain.techniques.some((x: { id: string }) => x.id === LABEL));
});

test('analyze links a Russian and a Tajik item across languages when the embedding model says they mean the same', {
  skip: !haveOrt && 'onnxruntime-node is not installed',
}, () => {
  // a lookup "model" whose Russian and Tajik words for wheat and prices share axes
  const words = [
    '[PAD]',
    '[UNK]',
    '[CLS]',
    '[SEP]',
    'пшеницу',
    'гандум',
    'цены',
    'нархи',
    'выросли',
    'боло',
    'рафтанд',
  ];
  const axes: Record<string, number[]> = {
    пшеницу: [1, 0],
    гандум: [1, 0],
    цены: [0, 1],
    нархи: [0, 1],
  };
  const m = join(dir, 'ru-tg');
  mkdirSync(m, { recursive: true });
  writeFileSync(join(m, 'model.onnx'), lookupEmbeddingModel(words.map((w) => axes[w] ?? [0, 0])));
  writeFileSync(
    join(m, 'tokenizer.json'),
    JSON.stringify({
      normalizer: { type: 'BertNormalizer', lowercase: true, strip_accents: false },
      pre_tokenizer: { type: 'BertPreTokenizer' },
      post_processor: { type: 'BertProcessing', cls: ['[CLS]', 2], sep: ['[SEP]', 3] },
      model: {
        type: 'WordPiece',
        unk_token: '[UNK]',
        vocab: Object.fromEntries(words.map((w, i) => [w, i])),
      },
    }),
  );
  const feed = [
    {
      id: 'r1',
      source: 'ru-wire.example',
      date: '2026-11-01T08:00:00Z',
      lang: 'ru',
      text: 'В Душанбе цены на пшеницу выросли.',
    },
    {
      id: 't1',
      source: 'tg-wire.example',
      date: '2026-11-01T12:00:00Z',
      lang: 'tg',
      text: 'Дар Душанбе нархи гандум боло рафтанд.',
    },
  ];
  writeFileSync(join(dir, 'pair.jsonl'), `${feed.map((f) => JSON.stringify(f)).join('\n')}\n`);
  const links = (store: string, env: Record<string, string>) => {
    assert.equal(ogoh(['--db', store, 'ingest', join(dir, 'pair.jsonl')], env).code, 0);
    const r = ogoh(['--db', store, '--json', 'analyze'], env);
    assert.equal(r.code, 0, r.err);
    return JSON.parse(r.out).translationLinks as number;
  };
  assert.equal(links(join(dir, 'anchors-only.db'), {}), 0, 'one shared place name is not enough on its own');
  assert.equal(links(join(dir, 'with-embeddings.db'), { OGOH_EMBED_MODEL: m }), 1);
});
