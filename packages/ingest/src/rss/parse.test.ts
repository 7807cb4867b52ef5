import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseBytes, parseFile } from '../index.ts';
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

describe('RSS', () => {
  it('parses a Russian news feed: content:encoded, enclosures, Media RSS, yandex:full-text', async () => {
    const run = parseFile(path('asiaplus-ru.xml'));
    const evs = await collect(run);
    matchSnapshot(import.meta.url, 'asiaplus-ru', evs);
    assert.deepEqual(await run.info, {
      format: 'rss',
      encoding: 'utf-8',
      size: readFileSync(path('asiaplus-ru.xml')).length,
    });

    const [first, second, third, fifth] = records(evs);
    assert.ok(first && second && third && fifth);
    // content:encoded wins over the shorter description; the script is dropped; entities decoded
    assert.match(
      first.text,
      /^Министр энергетики заявил, что «поставки будут расти» — до 1,5 млрд кВт·ч\.\n\n/,
    );
    assert.ok(!first.text.includes('track('));
    assert.deepEqual(first.links[1], { url: 'https://asiaplus.tj/ru/tags/energy', text: 'странице темы' });
    assert.equal(first.externalId, 'asiaplus-news-341207');
    assert.equal(first.published, '2024-05-01T05:11:12.000Z');
    assert.deepEqual(first.categories, ['Экономика', 'Афганистан']);
    assert.deepEqual(first.feed, { title: 'Asia-Plus — Новости Таджикистана', link: 'https://asiaplus.tj/' });
    assert.equal(first.location.line, 16);
    // isPermaLink guid stands in for the missing link
    assert.equal(second.url, 'https://asiaplus.tj/ru/news/tajikistan/economic/20240502/kurs-dollara');
    assert.equal(second.text, 'Доллар продают по 10,93 сомони.\n\nДанные — Нацбанк.');
    // a title alone is a record; a named zone (MSK) is applied
    assert.equal(third.text, '');
    assert.equal(third.published, '2024-05-02T10:05:00.000Z');
    // an unreadable date keeps the raw text only; "email (Name)" authors keep the name
    assert.equal(fifth.publishedRaw, 'вчера');
    assert.equal(fifth.published, undefined);
    assert.equal(fifth.authorName, 'Далер Исмоилов');
    assert.equal(
      fifth.text,
      'Сильные дожди вызвали сели в районе Дангара.\n\nПострадавших нет, сообщает КЧС.',
    );
    assert.deepEqual(
      fifth.media.map((m) => m.kind),
      ['video', 'photo'],
    );
    assert.deepEqual(rejected(evs), [{ line: 42, reason: 'the item has neither a title nor a description' }]);
  });

  it('keeps each item verbatim', async () => {
    const text = readFileSync(path('asiaplus-ru.xml'), 'utf8');
    for (const r of records(await collect(parseFile(path('asiaplus-ru.xml'))))) {
      assert.ok(r.raw.startsWith('<item>') && r.raw.endsWith('</item>'));
      assert.ok(text.includes(r.raw));
      assert.equal(text.split('\n')[r.location.line - 1]?.indexOf('<item>'), (r.location.column ?? 0) - 1);
    }
  });

  it('parses a Tajik feed with a non-standard content prefix, several dc:creator and dc:language', async () => {
    const evs = await collect(parseFile(path('ozodi-tg.xml')));
    matchSnapshot(import.meta.url, 'ozodi-tg', evs);
    const [a, b, c] = records(evs);
    assert.ok(a && b && c);
    assert.equal(
      a.text,
      'Вазорати молия лоиҳаи буҷаро ба Маҷлиси намояндагон фиристод.\n\nХароҷоти иҷтимоӣ 4% зиёд мешавад…',
    );
    assert.equal(a.authorName, 'Мумин Ахмадӣ, Шаҳлои Абдулло');
    assert.equal(a.lang, 'tg');
    assert.equal(a.published, '2024-05-01T03:00:00.000Z');
    assert.deepEqual(b.links, [{ url: 'https://www.ozodi.org/a/33012000.html' }]);
    assert.deepEqual(b.media, [
      { kind: 'audio', url: 'https://gdb.rferl.org/audio/33012399.mp3', mime: 'audio/mpeg', size: 5242880 },
    ]);
    assert.equal(c.lang, 'ru');
    assert.equal(c.text, 'Краткие новости на русском языке № 12');
  });

  it('reads RSS 1.0 (RDF) with a harmless external DOCTYPE', async () => {
    const evs = await collect(parseFile(path('rdf-en.xml')));
    const [r] = records(evs);
    assert.equal(evs.length, 1);
    assert.equal(r?.title, 'Tajikistan: Rogun dam financing gap widens');
    assert.equal(r?.text, 'The World Bank says a further $1.5 billion is needed & talks continue.');
    assert.equal(r?.lang, 'en');
    assert.equal(r?.published, '2024-04-29T09:15:00.000Z');
  });

  for (const [name, encoding] of [
    ['cp1251-ru.xml', 'windows-1251'],
    ['koi8r-ru.xml', 'koi8-r'],
    ['cp1251-undeclared.xml', 'windows-1251'],
  ] as const) {
    it(`decodes ${name} (${encoding})`, async () => {
      const run = parseFile(path(name));
      const recs = records(await collect(run));
      assert.equal((await run.info).encoding, encoding);
      assert.deepEqual(
        recs.map((r) => r.title),
        ['Ёлка на площади Дружбы: подготовка началась', 'Цены на муку выросли на треть'],
      );
      assert.match(recs[0]?.text ?? '', /^Главную ёлку столицы установят к 20 декабря\./);
    });
  }

  it('refuses malformed XML with the file, line and column', async () => {
    const e = await ogohError(() => collect(parseFile(path('malformed.xml'))));
    assert.equal(e.code, 'INPUT_PARSE');
    assert.equal(e.file, path('malformed.xml'));
    assert.equal(e.line, 12);
    assert.equal(e.column, 5);
    assert.match(e.message, /closing tag 'title' \(opened in line 10/);
  });

  it('refuses entity declarations (billion laughs) before expanding anything', async () => {
    const t0 = Date.now();
    const e = await ogohError(() => collect(parseFile(path('entity-bomb.xml'))));
    assert.equal(e.code, 'INPUT_PARSE');
    assert.equal(e.line, 3);
    assert.match(e.message, /DOCTYPE declares entities/);
    assert.ok(Date.now() - t0 < 1000);
  });

  it('rejects an over-long field, names it, and goes on', async () => {
    const xml = `<rss><channel><item><title>x</title><description>${'a'.repeat(50)}</description></item><item><title>ok</title></item></channel></rss>`;
    const evs = await collect(
      parseBytes(new TextEncoder().encode(xml), { fileName: 'f.xml', maxFieldChars: 20 }),
    );
    assert.deepEqual(rejected(evs), [
      { line: 1, field: 'description', reason: '<description> is longer than 20 characters' },
    ]);
    assert.equal(records(evs)[0]?.title, 'ok');
  });

  it('reads titles as HTML, decoding the XML layer and the HTML layer once each', async () => {
    const xml =
      '<rss><channel><item><title>&amp;amp;lt;b&amp;amp;gt; <![CDATA[&amp;amp;]]> &amp;laquo;Q&amp;raquo; AT&amp;T</title></item></channel></rss>';
    const [r] = records(await collect(parseBytes(new TextEncoder().encode(xml), { fileName: 'f.rss' })));
    assert.equal(r?.title, '&lt;b&gt; &amp; «Q» AT&T');
  });

  it('refuses an Atom document when RSS is forced, with a hint', async () => {
    const xml = '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title></entry></feed>';
    const e = await ogohError(() =>
      collect(parseBytes(new TextEncoder().encode(xml), { fileName: 'f.xml', format: 'rss' })),
    );
    assert.equal(e.code, 'INPUT_PARSE');
    assert.match(e.hint ?? '', /--format atom/);
  });

  it('refuses files over the whole-file limit', async () => {
    const e = await ogohError(() => collect(parseFile(path('asiaplus-ru.xml'), { maxWholeFileBytes: 1000 })));
    assert.equal(e.code, 'INPUT_TOO_LARGE');
    assert.equal(e.file, path('asiaplus-ru.xml'));
  });

  it('survives seeded mutations (events or a coded input error, never a crash)', {
    timeout: 120_000,
  }, async () => {
    const rand = rng(20240501);
    for (const name of [
      'asiaplus-ru.xml',
      'ozodi-tg.xml',
      'cp1251-ru.xml',
      'entity-bomb.xml',
      'rdf-en.xml',
    ]) {
      const bytes = fixture(import.meta.url, `./fixtures/${name}`);
      for (let i = 0; i < 150; i++) {
        const m = mutate(bytes, rand);
        const fmt = i % 3 === 0 ? 'auto' : 'rss';
        await survives(() => parseBytes(m, { fileName: name, format: fmt }), `${name} #${i}`);
      }
    }
  });
});
