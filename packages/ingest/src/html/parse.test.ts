import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { parseBytes } from '../parse.ts';
import { collect, ogohError, records } from '../testing.ts';
import { extractArticle } from './parse.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('HTML articles', () => {
  it('extracts main text, title, byline, date, language and canonical URL', () => {
    const rec = extractArticle(fixture('article-tg.html').toString('utf8'), {
      maxFieldChars: 1e6,
      url: 'https://news.example/tg/economy/1234?ref=home',
    });
    assert.equal(rec.title, 'Нархи орд дар бозорҳои Душанбе боло рафт');
    assert.equal(rec.url, 'https://news.example/tg/economy/1234?utm_source=telegram');
    assert.equal(rec.published, '2026-03-02T04:30:00.000Z');
    assert.equal(rec.publishedRaw, '2026-03-02T09:30:00+05:00');
    assert.equal(rec.authorName, 'Фарҳод Раҳимов');
    assert.equal(rec.lang, 'tg');
    assert.match(rec.text, /^Дар бозорҳои пойтахт нархи як халта/);
    assert.match(rec.text, /Вазорати рушди иқтисод/);
    for (const chrome of ['Асосӣ', 'Хабарҳои охирин', 'Ҳамаи ҳуқуқҳо', 'tracking', 'color: red'])
      assert.ok(!rec.text.includes(chrome), `text keeps page chrome "${chrome}"`);
    assert.ok(!rec.text.startsWith(rec.title!), 'the headline is not repeated as the first line');
    assert.deepEqual(
      rec.links.map((l) => l.url),
      ['https://stat.example/tj/prices'],
    );
    assert.deepEqual(
      rec.media.map((m) => m.url),
      ['https://news.example/media/market.jpg', 'https://news.example/media/flour.jpg'],
    );
    assert.deepEqual(rec.feed, { title: 'Ахбори Намуна', link: 'https://news.example/' });
    assert.match(rec.raw, /<p>Дар бозорҳои пойтахт/);
  });

  it('reads a CP1251 page through parseBytes, resolving relative links against the page URL', async () => {
    const utf8 = fixture('article-ru.html').toString('utf8');
    const bytes = iconv.encode(utf8, 'windows-1251');
    const run = parseBytes(new Uint8Array(bytes), {
      fileName: 'page',
      url: 'https://ru.example/society/bridge',
    });
    const [rec] = records(await collect(run));
    assert.equal((await run.info).encoding, 'windows-1251');
    assert.equal((await run.info).format, 'html');
    assert.ok(rec);
    assert.equal(rec.title, 'В Душанбе открылся новый мост');
    assert.equal(rec.authorName, 'Ирина Петрова');
    assert.equal(rec.published, '2026-02-28T14:05:00.000Z');
    assert.match(rec.text, /Новый мост через реку Душанбинку/);
    assert.ok(!rec.text.includes('Главная'));
    assert.ok(rec.links.some((l) => l.url === 'https://ru.example/society/news/bridge-details'));
    assert.equal(rec.url, 'https://ru.example/society/bridge');
  });

  it('falls back to the body for pages that are not article-shaped, and refuses empty pages', async () => {
    const rec = extractArticle(
      '<html><head><title>Notice</title></head><body><p>Closed today.</p></body></html>',
      {
        maxFieldChars: 1e6,
      },
    );
    assert.equal(rec.title, 'Notice');
    assert.equal(rec.text, 'Closed today.');
    const e = await ogohError(async () =>
      collect(
        parseBytes(
          new TextEncoder().encode('<!DOCTYPE html><html><body><script>x()</script></body></html>'),
          { fileName: 'e.html' },
        ),
      ),
    );
    assert.equal(e.code, 'INPUT_PARSE');
    assert.equal(e.file, 'e.html');
  });
});
