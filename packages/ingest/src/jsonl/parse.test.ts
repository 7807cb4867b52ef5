import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseBytes, parseFile } from '../index.ts';
import { setChunkSizeForTests } from '../parse.ts';
import {
  collect,
  fixture,
  matchSnapshot,
  mutate,
  ogohError,
  records,
  rejected,
  rng,
  survives,
} from '../testing.ts';

const path = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const jsonl = (...lines: string[]) => new TextEncoder().encode(lines.join('\n'));

describe('JSONL', () => {
  afterEach(() => setChunkSizeForTests(undefined));

  it('recognises common field names, nested authors, text arrays, HTML bodies; rejects without stopping', async () => {
    const evs = await collect(parseFile(path('posts.jsonl')));
    matchSnapshot(import.meta.url, 'posts', evs);
    const recs = records(evs);
    assert.deepEqual(
      recs.map((r) => r.location.line),
      [1, 2, 4, 5, 8, 9],
    );
    const [a, b, c, d, e, f] = recs;
    assert.equal(a?.lang, 'tg');
    assert.equal(a?.url, 'https://khovar.tj/a1');
    assert.equal(b?.externalId, '1002');
    assert.equal(b?.published, '2024-05-01T12:30:00.000Z');
    assert.equal(b?.authorName, 'РИА Новости');
    assert.equal(b?.authorId, 'ria_novosti');
    assert.deepEqual(b?.links, [{ url: 'https://ria.ru/20240501/svr.html' }]);
    assert.equal(c?.text, 'Toshkentda yangi metro ochildi');
    assert.equal(c?.source, 'Kun.uz');
    assert.equal(d?.title, 'Only a headline here');
    assert.equal(e?.text, 'HTML body with a link');
    assert.equal(e?.lang, 'en');
    // the raw record is the line without its CR LF
    assert.equal(f?.raw, '{"id": "a9", "text": "Windows line end", "date": "02.05.2024"}');
    assert.deepEqual(rejected(evs), [
      { line: 6, field: 'text', reason: 'column "text" is empty' },
      { line: 7, reason: 'the line is an array; expected one JSON object' },
    ]);
  });

  it('stops at a line that is not JSON, with its line and column', async () => {
    const e = await ogohError(() => collect(parseFile(path('broken.jsonl'))));
    assert.equal(e.code, 'INPUT_PARSE');
    assert.equal(e.file, path('broken.jsonl'));
    assert.equal(e.line, 4);
    assert.equal(e.column, 52);
    assert.match(e.message, /expected a property name/);
  });

  it('decodes UTF-16BE without a byte-order mark', async () => {
    const run = parseFile(path('utf16be-nobom.jsonl'));
    const recs = records(await collect(run));
    assert.equal((await run.info).encoding, 'utf-16be');
    assert.deepEqual(
      recs.map((r) => r.text),
      ['UTF-16 big-endian without a byte-order mark', 'Текст на русском языке'],
    );
  });

  it('applies a map with dotted paths', async () => {
    const [r] = records(
      await collect(
        parseBytes(jsonl('{"post": {"body": "deep"}, "meta": {"ts": "2024-05-01"}, "text": "shallow"}'), {
          fileName: 'x.jsonl',
          map: { text: 'post.body', published: 'meta.ts' },
        }),
      ),
    );
    assert.equal(r?.text, 'deep');
    assert.equal(r?.published, '2024-05-01T00:00:00.000Z');
  });

  it('rejects an over-long line without holding it in memory, then goes on', async () => {
    setChunkSizeForTests(1000);
    const long = `{"text": "${'z'.repeat(200_000)}"}`;
    const evs = await collect(
      parseBytes(jsonl('{"text": "a"}', long, '{"text": "b"}'), { fileName: 'x.jsonl', maxFieldChars: 10 }),
    );
    assert.deepEqual(
      records(evs).map((r) => [r.location.line, r.text]),
      [
        [1, 'a'],
        [3, 'b'],
      ],
    );
    assert.deepEqual(rejected(evs), [{ line: 2, reason: 'the line is longer than 65576 characters' }]);
  });

  it('gives the same events whatever the chunk boundaries', async () => {
    for (const name of ['posts.jsonl', 'utf16be-nobom.jsonl']) {
      const bytes = fixture(import.meta.url, `./fixtures/${name}`);
      const expected = await collect(parseBytes(bytes, { fileName: name }));
      for (const size of [1, 2, 3, 7, 64]) {
        setChunkSizeForTests(size);
        assert.deepEqual(
          await collect(parseBytes(bytes, { fileName: name })),
          expected,
          `${name} in ${size}-byte chunks`,
        );
      }
    }
  });

  it('refuses invalid UTF-8 in a UTF-8 stream with the byte range', async () => {
    const head = new TextEncoder().encode(`${'{"text": "ok"}\n'.repeat(5000)}`);
    const bad = new Uint8Array([...head, 0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d, 0x0a]);
    const e = await ogohError(() => collect(parseBytes(bad, { fileName: 'x.jsonl' })));
    assert.equal(e.code, 'INPUT_ENCODING');
    assert.match(e.message, /invalid UTF-8 between bytes/);
  });

  it('survives seeded mutations', { timeout: 120_000 }, async () => {
    const rand = rng(7);
    for (const name of ['posts.jsonl', 'broken.jsonl', 'utf16be-nobom.jsonl']) {
      const bytes = fixture(import.meta.url, `./fixtures/${name}`);
      for (let i = 0; i < 150; i++) {
        setChunkSizeForTests(i % 2 ? 5 : undefined);
        const m = mutate(bytes, rand);
        await survives(
          () => parseBytes(m, { fileName: name, format: i % 3 === 0 ? 'auto' : 'jsonl' }),
          `${name} #${i}`,
        );
      }
    }
  });
});
