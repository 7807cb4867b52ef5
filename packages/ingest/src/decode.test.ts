import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isOgohError } from '@ogoh/core';
import iconv from 'iconv-lite';
import { decode, normalizeEncoding } from './decode.ts';

const RU =
  'Правительство объявило о новых мерах поддержки экономики. Эксперты считают, что этого недостаточно, а цены на продукты продолжают расти.';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isOgohError(e) ? e.code : `not an OgohError: ${String(e)}`;
  }
  return undefined;
}

describe('decode', () => {
  it('reads UTF-8 with and without a BOM', () => {
    assert.deepEqual(decode(new TextEncoder().encode('Ҳукумати Тоҷикистон')), {
      text: 'Ҳукумати Тоҷикистон',
      encoding: 'utf-8',
    });
    assert.deepEqual(decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])), { text: 'a', encoding: 'utf-8' });
  });

  it('reads UTF-16 by BOM and by the zero-byte pattern (Latin and Cyrillic)', () => {
    const text = 'Муҳоҷирон дар Русия, 2024\nMigrants in Russia';
    assert.deepEqual(decode(iconv.encode(text, 'utf-16le', { addBOM: true })), {
      text,
      encoding: 'utf-16le',
    });
    assert.deepEqual(decode(iconv.encode(text, 'utf-16be', { addBOM: true })), {
      text,
      encoding: 'utf-16be',
    });
    assert.deepEqual(decode(iconv.encode(text, 'utf-16le')), { text, encoding: 'utf-16le' });
    assert.deepEqual(decode(iconv.encode(text, 'utf-16be')), { text, encoding: 'utf-16be' });
  });

  it('tells CP1251 from KOI8-R by letter frequencies, for running text and for headlines', () => {
    for (const sample of [RU, RU.toUpperCase(), 'Ёлка; съезд; объявление', 'цены растут']) {
      assert.deepEqual(
        decode(iconv.encode(sample, 'windows-1251')),
        { text: sample, encoding: 'windows-1251' },
        sample,
      );
      assert.deepEqual(decode(iconv.encode(sample, 'koi8-r')), { text: sample, encoding: 'koi8-r' }, sample);
    }
  });

  it('uses the XML prolog or <meta charset> when the bytes are not UTF-8', () => {
    const xml = `<?xml version="1.0" encoding="KOI8-U"?><a>${'Київ — столиця України'}</a>`;
    assert.equal(decode(iconv.encode(xml, 'koi8-u')).encoding, 'koi8-u');
    const html = `<html><head><meta charset="windows-1251"></head><body>${RU}</body></html>`;
    assert.equal(decode(iconv.encode(html, 'windows-1251')).text, html);
    // a wrong declaration loses to valid UTF-8
    assert.equal(
      decode(new TextEncoder().encode(`<?xml version="1.0" encoding="windows-1251"?><a>${RU}</a>`)).encoding,
      'utf-8',
    );
  });

  it('falls back to Windows-1252 for Western text', () => {
    assert.deepEqual(decode(iconv.encode('Café crème, déjà vu — naïve', 'windows-1252')), {
      text: 'Café crème, déjà vu — naïve',
      encoding: 'windows-1252',
    });
  });

  it('trusts a declared encoding and refuses an unknown one', () => {
    assert.equal(
      decode(iconv.encode('съезд', 'koi8-r'), 'cp1251').text,
      iconv.decode(iconv.encode('съезд', 'koi8-r'), 'windows-1251'),
    );
    assert.equal(
      code(() => decode(new Uint8Array([0x61]), 'x-klingon')),
      'USAGE',
    );
    assert.equal(
      code(() => decode(new Uint8Array([0xc3, 0x28]), 'utf-8')),
      'INPUT_ENCODING',
    );
  });

  it('refuses binaries: magic numbers, NUL bytes, control characters', () => {
    assert.equal(
      code(() => decode(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]))),
      'INPUT_BINARY',
    );
    assert.equal(
      code(() => decode(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))),
      'INPUT_BINARY',
    );
    assert.equal(
      code(() => decode(new Uint8Array([0x1f, 0x8b, 8, 0]))),
      'INPUT_BINARY',
    );
    assert.equal(
      code(() => decode(new TextEncoder().encode('id,text\n1,a\u0000b\n'))),
      'INPUT_BINARY',
    );
    const ctl = new Uint8Array(1000).map((_, i) => (i % 10 === 0 ? 0x01 : 0x61));
    assert.equal(
      code(() => decode(ctl)),
      'INPUT_BINARY',
    );
    assert.equal(
      code(() => decode(new TextEncoder().encode('tabs\tand\r\nnewlines\f'))),
      undefined,
    );
  });

  it('normalises encoding labels', () => {
    assert.equal(normalizeEncoding('CP1251'), 'windows-1251');
    assert.equal(normalizeEncoding('win-1251'), 'windows-1251');
    assert.equal(normalizeEncoding('KOI8R'), 'koi8-r');
    assert.equal(normalizeEncoding('UTF8'), 'utf-8');
    assert.equal(normalizeEncoding('us-ascii'), 'utf-8');
    assert.equal(normalizeEncoding('nonsense'), undefined);
  });

  const posts = new URL(
    '../../../../shared/data/unlp2025-telegram-manipulation/train.jsonl',
    import.meta.url,
  );
  it('guesses the code page of real Russian posts (when shared/data is present)', {
    skip: !existsSync(posts) && 'no shared/data',
  }, () => {
    const lines = readFileSync(posts, 'utf8').split('\n').filter(Boolean).slice(0, 3000);
    for (const len of [30, 80]) {
      let n = 0;
      let ok = 0;
      for (const l of lines) {
        const t = (JSON.parse(l) as { content: string }).content.slice(0, len);
        // Russian only: Ukrainian letters have no KOI8-R code
        if (!/[а-яё]{3}/i.test(t) || /[іїєґ]/i.test(t)) continue;
        for (const cp of ['windows-1251', 'koi8-r']) {
          const b = iconv.encode(t, cp);
          if (iconv.decode(b, cp) !== t) continue;
          n++;
          const got = decode(b).encoding;
          if (got === cp || got === 'utf-8') ok++;
        }
      }
      assert.ok(n > 1000, `only ${n} samples`);
      assert.ok(ok / n >= (len === 30 ? 0.995 : 1), `${len} characters: ${ok}/${n}`);
    }
  });
});
