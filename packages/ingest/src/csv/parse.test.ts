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
const csv = (s: string) => new TextEncoder().encode(s);

describe('CSV', () => {
  afterEach(() => setChunkSizeForTests(undefined));

  it('parses quoted fields with embedded newlines and "" escapes, four languages, HTML cells, rejects', async () => {
    const evs = await collect(parseFile(path('posts.csv')));
    matchSnapshot(import.meta.url, 'posts', evs);
    const [tg, ru, uz, en, title] = records(evs);
    assert.ok(tg && ru && uz && en && title);
    assert.equal(tg.text, 'Ҳукумат нархи нонро назорат мекунад.\nДар бозорҳои Душанбе нарх 3 сомонӣ аст.');
    assert.equal(tg.location.line, 2);
    assert.equal(
      tg.raw,
      'tg-101,2024-05-01T10:11:12+05:00,Хабарҳои Ватан,,"Ҳукумат нархи нонро назорат мекунад.\nДар бозорҳои Душанбе нарх 3 сомонӣ аст.",https://t.me/khabarhoi_vatan/101,tg',
    );
    assert.equal(tg.published, '2024-05-01T05:11:12.000Z');
    assert.equal(tg.lang, 'tg');
    // the record after a two-line record starts on line 4
    assert.equal(ru.location.line, 4);
    assert.equal(ru.text, 'По данным СВР, "цветная революция" готовится в регионе, сообщает агентство.');
    assert.equal(ru.authorName, 'Иванов, Пётр');
    assert.equal(ru.published, '2024-05-01T12:30:00.000Z');
    assert.equal(uz.published, '2024-05-02T11:00:00.000Z');
    assert.equal(en.text, 'The World Bank says more money is needed.\n\nSee the analysis.');
    assert.deepEqual(en.links, [{ url: 'https://eurasianet.org/rogun', text: 'the analysis' }]);
    assert.equal(title.text, '');
    assert.equal(title.title, 'Только заголовок');
    assert.deepEqual(rejected(evs), [
      { line: 7, field: 'text', reason: 'column "text" is empty' },
      { line: 8, reason: 'the row has 9 fields but the header has 7 (a stray "," or quote?)' },
    ]);
  });

  it('detects ";" and recognises Russian headers; quoted ";" and newlines stay in the field; blank lines are skipped', async () => {
    const evs = await collect(parseFile(path('semicolon.csv')));
    const recs = records(evs);
    assert.deepEqual(
      recs.map((r) => [r.location.line, r.source, r.text, r.url, r.published]),
      [
        [
          2,
          'Asia-Plus',
          'Курс доллара: 10,93; евро: 11,70',
          'https://asiaplus.tj/kurs',
          '2024-05-01T10:00:00.000Z',
        ],
        [
          3,
          'Озодӣ',
          'Хабари кӯтоҳ:\n1) нархи нон;\n2) патент.',
          'https://www.ozodi.org/a/1.html',
          '2024-05-02T11:15:00.000Z',
        ],
        [7, 'Sputnik', 'Без кавычек, но с запятой', 'https://sputnik-tj.com/x', '2024-05-03T00:00:00.000Z'],
      ],
    );
  });

  it('applies a column map over recognised names', async () => {
    const data = csv('when,who,msg,body\n2024-05-01,Ali,the real text,not this\n');
    const [r] = records(
      await collect(
        parseBytes(data, { fileName: 'x.csv', map: { text: 'msg', published: 'when', author: 'who' } }),
      ),
    );
    assert.equal(r?.text, 'the real text');
    assert.equal(r?.authorName, 'Ali');
    assert.equal(r?.published, '2024-05-01T00:00:00.000Z');
  });

  it('refuses a header without a text column, a map naming a missing column, and an unknown map target', async () => {
    let e = await ogohError(() => collect(parseBytes(csv('a,b\n1,2\n'), { fileName: 'x.csv' })));
    assert.equal(e.code, 'INPUT_FIELD');
    assert.equal(e.line, 1);
    assert.equal(e.file, 'x.csv');
    assert.match(e.hint ?? '', /the header has: a, b/);
    e = await ogohError(() =>
      collect(parseBytes(csv('text,b\n1,2\n'), { fileName: 'x.csv', map: { published: 'date' } })),
    );
    assert.equal(e.code, 'INPUT_FIELD');
    assert.equal(e.field, 'date');
    e = await ogohError(() =>
      collect(parseBytes(csv('text\nx\n'), { fileName: 'x.csv', map: { body2: 'text' } })),
    );
    assert.equal(e.code, 'USAGE');
    assert.equal(e.field, 'body2');
    e = await ogohError(() => collect(parseBytes(csv(''), { fileName: 'x.csv' })));
    assert.equal(e.code, 'INPUT_PARSE');
  });

  for (const [name, encoding, texts] of [
    [
      'excel-ru-cp1251.csv',
      'windows-1251',
      [
        'Ситуация на границе спокойная; пограничники усилили патрули.',
        'Цитата: "мы ничего не знали" — так ответили в ведомстве.',
      ],
    ],
    [
      'koi8r.csv',
      'koi8-r',
      [
        'Старый архив новостей в кодировке КОИ-8: ёжик в тумане и съезд партии.',
        'Вторая строка, с запятой внутри кавычек.',
      ],
    ],
    ['unicode-text.tsv', 'utf-16le', ['Муҳоҷирон дар Русия', 'Сатри дуюм\tбо табулятсия']],
  ] as const) {
    it(`decodes ${name} (${encoding}) while streaming`, async () => {
      const run = parseFile(path(name));
      const recs = records(await collect(run));
      assert.equal((await run.info).encoding, encoding);
      assert.deepEqual(
        recs.map((r) => r.text),
        texts,
      );
      assert.deepEqual(
        recs.map((r) => r.location.line),
        [2, 3],
      );
    });
  }

  it('stops at an unterminated quote with the line and column of the quote', async () => {
    const e = await ogohError(() => collect(parseFile(path('unterminated.csv'))));
    assert.equal(e.code, 'INPUT_PARSE');
    assert.equal(e.file, path('unterminated.csv'));
    assert.equal(e.line, 4);
    assert.equal(e.column, 3);
  });

  it('gives the same events whatever the chunk boundaries (CRLF, quotes and multi-byte letters split)', async () => {
    for (const name of ['posts.csv', 'semicolon.csv', 'excel-ru-cp1251.csv', 'unicode-text.tsv']) {
      const bytes = fixture(import.meta.url, `./fixtures/${name}`);
      const expected = await collect(parseBytes(bytes, { fileName: name }));
      for (const size of [1, 2, 3, 5, 7, 64]) {
        setChunkSizeForTests(size);
        assert.deepEqual(
          await collect(parseBytes(bytes, { fileName: name })),
          expected,
          `${name} in ${size}-byte chunks`,
        );
      }
      setChunkSizeForTests(undefined);
    }
  });

  it('handles CRLF, a missing final newline, "sep=" and text after a closing quote', async () => {
    const recs = records(
      await collect(
        parseBytes(csv('sep=;\r\nid;text\r\n1;"a"b\r\n2;"multi\r\nline"\r\n3;last'), { fileName: 'x.csv' }),
      ),
    );
    assert.deepEqual(
      recs.map((r) => [r.location.line, r.externalId, r.text, r.raw]),
      [
        [3, '1', 'ab', '1;"a"b'],
        [4, '2', 'multi\nline', '2;"multi\r\nline"'],
        [6, '3', 'last', '3;last'],
      ],
    );
  });

  it('rejects an over-long field by column name; refuses a runaway record', async () => {
    const evs = await collect(
      parseBytes(csv(`id,text\n1,${'x'.repeat(30)}\n2,ok\n`), { fileName: 'x.csv', maxFieldChars: 10 }),
    );
    assert.deepEqual(rejected(evs), [
      { line: 2, field: 'text', reason: 'column "text" is longer than 10 characters' },
    ]);
    setChunkSizeForTests(16);
    const e = await ogohError(() =>
      collect(
        parseBytes(csv(`id,text\n1,"${'y\n'.repeat(100_000)}`), { fileName: 'x.csv', maxFieldChars: 10 }),
      ),
    );
    assert.equal(e.code, 'INPUT_PARSE');
    assert.equal(e.line, 2);
  });

  it('refuses binary data posing as CSV', async () => {
    const bin = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    const e = await ogohError(() => collect(parseBytes(bin, { fileName: 'data.csv' })));
    assert.equal(e.code, 'INPUT_BINARY');
    assert.equal(e.file, 'data.csv');
  });

  it('survives seeded mutations', { timeout: 120_000 }, async () => {
    const rand = rng(4180);
    for (const name of ['posts.csv', 'semicolon.csv', 'excel-ru-cp1251.csv', 'unicode-text.tsv']) {
      const bytes = fixture(import.meta.url, `./fixtures/${name}`);
      for (let i = 0; i < 150; i++) {
        setChunkSizeForTests(i % 2 ? 7 : undefined);
        const m = mutate(bytes, rand);
        await survives(
          () => parseBytes(m, { fileName: name, format: i % 3 === 0 ? 'auto' : 'csv' }),
          `${name} #${i}`,
        );
      }
    }
  });
});
