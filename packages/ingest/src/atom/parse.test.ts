import assert from 'node:assert/strict';
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
const atom = (entries: string, feedAttrs = '') =>
  new TextEncoder().encode(`<feed xmlns="http://www.w3.org/2005/Atom"${feedAttrs}>${entries}</feed>`);

describe('Atom', () => {
  it('parses an Uzbek feed: html content, enclosure, categories, xml:lang per entry, updated as fallback', async () => {
    const evs = await collect(parseFile(path('kunuz-uz.xml')));
    matchSnapshot(import.meta.url, 'kunuz-uz', evs);
    const [a, b, c] = records(evs);
    assert.ok(a && b && c);
    assert.equal(a.title, 'Toshkentda yangi metro bekatlari ochildi');
    // content (html) wins over summary; relative links resolve against the entry's alternate link
    assert.equal(
      a.text,
      "Poytaxtda metroning Sergeli yo'nalishi bo'yicha uchta yangi bekat ochildi.\n\nYo'l haqi o'zgarmaydi – 1 700 so'm.",
    );
    assert.deepEqual(a.links, [
      { url: 'https://kun.uz/news/2024/04/metro-line', text: "Sergeli yo'nalishi" },
    ]);
    assert.equal(a.published, '2024-05-01T04:00:00.000Z');
    assert.equal(a.authorName, 'Dilnoza Karimova');
    assert.equal(a.authorId, 'https://kun.uz/author/dkarimova');
    assert.deepEqual(a.categories, ['Jamiyat', 'Toshkent']);
    assert.deepEqual(a.media, [
      { kind: 'photo', url: 'https://storage.kun.uz/source/metro.jpg', mime: 'image/jpeg', size: 120000 },
    ]);
    assert.equal(a.lang, 'uz');
    // a link without rel is the alternate; no published → updated; the feed's author is inherited
    assert.equal(b.url, 'https://kun.uz/kr/news/2024/05/01/paxta');
    assert.equal(b.publishedRaw, '2024-05-01T11:15:00Z');
    assert.equal(b.lang, 'uz-Cyrl');
    assert.equal(b.authorName, 'Kun.uz tahririyati');
    assert.equal(c.text, '');
    assert.equal(c.title, 'Faqat sarlavha');
    assert.deepEqual(rejected(evs), [{ line: 36, reason: 'the entry has neither a title nor content' }]);
  });

  it('parses xhtml content, xml:base, related links, a YouTube-style media:group and out-of-line content', async () => {
    const evs = await collect(parseFile(path('blog-en.xml')));
    matchSnapshot(import.meta.url, 'blog-en', evs);
    const [a, b, c] = records(evs);
    assert.ok(a && b && c);
    assert.equal(a.title, 'How fact-checkers in Tajikistan work');
    assert.equal(a.url, 'https://cabar.asia/en/how-fact-checkers-work');
    assert.equal(
      a.text,
      'Fact-checkers & journalists met in Dushanbe to compare methods.\n\nVerification of images\nTracing Telegram forwards\n\nRead the report.',
    );
    assert.deepEqual(
      a.links.map((l) => l.url),
      [
        'https://cabar.asia/en/events/dushanbe-2024',
        'https://factcheck.tj/en/report-2024.pdf',
        'https://factcheck.tj/en/methodology',
      ],
    );
    assert.equal(a.published, '2024-04-30T09:00:00.000Z');
    assert.equal(
      b.text,
      'An analyst explains how doctored videos spread on Telegram.\nMore: https://cabar.asia/en/border-disinfo',
    );
    assert.deepEqual(b.links, [{ url: 'https://cabar.asia/en/border-disinfo' }]);
    assert.equal(
      b.media.find((m) => m.kind === 'photo')?.url,
      'https://i1.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg',
    );
    assert.deepEqual(c.media, [
      { kind: 'audio', url: 'https://cabar.asia/podcast/ep12.mp3', mime: 'audio/mpeg' },
    ]);
    assert.equal(c.url, 'https://cabar.asia/podcast/ep12.mp3');
  });

  it('decodes a UTF-16LE feed with a byte-order mark', async () => {
    const run = parseFile(path('utf16le-bom.xml'));
    const [r] = records(await collect(run));
    assert.equal((await run.info).encoding, 'utf-16le');
    assert.equal(r?.title, 'Маҷлиси намояндагон буҷаи соли 2025-ро баррасӣ кард');
    assert.equal(r?.text, 'Хароҷоти иҷтимоӣ ҳиссаи асосии буҷаро ташкил медиҳад.');
    assert.equal(r?.lang, 'tg');
  });

  it('keeps type="text" literally (no HTML decoding) and decodes type="html"', async () => {
    const evs = await collect(
      parseBytes(
        atom(
          '<entry><id>1</id><title type="text">a &amp;amp; b &lt;i&gt;</title><summary type="html">&lt;p&gt;x &amp;amp; y&lt;/p&gt;</summary></entry>',
        ),
        { fileName: 'f.atom' },
      ),
    );
    const [r] = records(evs);
    assert.equal(r?.title, 'a &amp; b <i>');
    assert.equal(r?.text, 'x & y');
  });

  it('refuses malformed XML with line and column', async () => {
    const bytes = new TextEncoder().encode(
      '<feed xmlns="http://www.w3.org/2005/Atom">\n<entry>\n<title>x</titel>\n</entry></feed>',
    );
    const e = await ogohError(() => collect(parseBytes(bytes, { fileName: 'bad.atom' })));
    assert.equal(e.code, 'INPUT_PARSE');
    assert.equal(e.file, 'bad.atom');
    assert.equal(e.line, 3);
    assert.ok(e.column !== undefined);
  });

  it('refuses entity declarations', async () => {
    const bytes = new TextEncoder().encode(
      '<?xml version="1.0"?>\n<!DOCTYPE feed [\n<!ENTITY x SYSTEM "file:///etc/passwd">\n]>\n<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&x;</title></entry></feed>',
    );
    const e = await ogohError(() => collect(parseBytes(bytes, { fileName: 'xxe.xml' })));
    assert.equal(e.code, 'INPUT_PARSE');
    assert.equal(e.line, 3);
  });

  it('survives seeded mutations', { timeout: 120_000 }, async () => {
    const rand = rng(4287);
    for (const name of ['kunuz-uz.xml', 'blog-en.xml', 'utf16le-bom.xml']) {
      const bytes = fixture(import.meta.url, `./fixtures/${name}`);
      for (let i = 0; i < 150; i++) {
        const m = mutate(bytes, rand);
        await survives(
          () => parseBytes(m, { fileName: name, format: i % 3 === 0 ? 'auto' : 'atom' }),
          `${name} #${i}`,
        );
      }
    }
  });
});
