import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseBytes } from '../parse.ts';
import { collect, ogohError, records, skipped } from '../testing.ts';
import { parseSitemap } from './parse.ts';

const text = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('sitemaps', () => {
  it('lists URLs with lastmod, news metadata and images', () => {
    const map = parseSitemap(text('news-sitemap.xml'));
    assert.equal(map.kind, 'urlset');
    assert.equal(map.entries.length, 3);
    const [first, second, third] = map.entries;
    assert.equal(first?.loc, 'https://news.example/tg/economy/1234');
    assert.equal(first?.lastmod, '2026-03-02T10:00:00+05:00');
    assert.deepEqual(first?.news, {
      title: 'Нархи орд дар бозорҳои Душанбе боло рафт',
      published: '2026-03-02T04:30:00.000Z',
      publishedRaw: '2026-03-02T09:30:00+05:00',
      lang: 'tg',
      publication: 'Ахбори Намуна',
      keywords: 'иқтисод, нарх',
    });
    assert.deepEqual(first?.images, ['https://news.example/media/flour.jpg']);
    assert.equal(second?.news?.title, 'В Душанбе открылся новый мост & дорога');
    assert.equal(third?.news, undefined);
    assert.equal(third?.line, 25);
  });

  it('reads sitemap indexes', () => {
    const map = parseSitemap(text('index.xml'));
    assert.equal(map.kind, 'index');
    assert.deepEqual(
      map.entries.map((e) => e.loc),
      ['https://news.example/sitemap-news.xml', 'https://news.example/sitemap-2026-02.xml'],
    );
  });

  it('as a file: headline records for news entries, plain URLs skipped; the domain, not the name, is the feed', async () => {
    const evs = await collect(
      parseBytes(new TextEncoder().encode(text('news-sitemap.xml')), { fileName: 'sitemap.xml' }),
    );
    const recs = records(evs);
    assert.equal(recs.length, 2);
    assert.equal(recs[0]?.title, 'Нархи орд дар бозорҳои Душанбе боло рафт');
    assert.equal(recs[0]?.text, '');
    assert.equal(recs[0]?.lang, 'tg');
    assert.deepEqual(recs[0]?.feed, { link: 'https://news.example/', title: 'Ахбори Намуна' });
    assert.equal(recs[0]?.source, undefined);
    assert.equal(skipped(evs).length, 1);
  });

  it('refuses other XML', async () => {
    assert.throws(() => parseSitemap('<?xml version="1.0"?><rss></rss>'), /expected a sitemap/);
    const e = await ogohError(() =>
      collect(
        parseBytes(new TextEncoder().encode('<urlset><url><loc>x</url></urlset>'), {
          fileName: 's.xml',
          format: 'sitemap',
        }),
      ),
    );
    assert.equal(e.code, 'INPUT_PARSE');
  });
});
