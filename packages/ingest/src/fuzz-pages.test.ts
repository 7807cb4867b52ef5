/**
 * Seeded mutation fuzzing of the page parsers (HTML articles, Telegram previews, sitemaps): every
 * mutated page yields valid events or a coded input error, never a crash.
 */
import { describe, it } from 'node:test';
import { parseBytes } from './parse.ts';
import { fixture, mutate, rng, survives } from './testing.ts';

const CASES: [string, 'html' | 'telegram-html' | 'sitemap'][] = [
  ['./html/fixtures/article-tg.html', 'html'],
  ['./html/fixtures/article-ru.html', 'html'],
  ['./telegram-html/fixtures/channel.html', 'telegram-html'],
  ['./sitemap/fixtures/news-sitemap.xml', 'sitemap'],
  ['./sitemap/fixtures/index.xml', 'sitemap'],
];

describe('page parsers under seeded mutation', () => {
  it('produce events or coded input errors only', { timeout: 180_000 }, async () => {
    const rand = rng(20260301);
    for (const [rel, format] of CASES) {
      const bytes = fixture(import.meta.url, rel);
      for (let i = 0; i < 60; i++) {
        const m = mutate(bytes, rand);
        const label = `${rel} mutation ${i}`;
        // by content (as a poll would detect it) and forced to the page's format
        await survives(
          () => parseBytes(m, { fileName: rel, url: 'https://news.example/page' }),
          `${label} auto`,
        );
        await survives(() => parseBytes(m, { fileName: rel, format }), `${label} ${format}`);
      }
    }
  });
});
