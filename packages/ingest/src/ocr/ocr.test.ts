import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import jpeg from 'jpeg-js';
import { decodeImage } from '../phash/phash.ts';
import { ocrImage, ocrLangsFor, tesseractInfo } from './ocr.ts';

const image = new Uint8Array(readFileSync(new URL('./fixtures/tg-ru.png', import.meta.url)));
const info = await tesseractInfo();
const skip = info
  ? false
  : 'tesseract is not installed: run scripts/ocr-install.sh (CI installs it, so these tests run there)';

describe('OCR through tesseract', { skip }, () => {
  it('has the Tajik and Russian models', () => {
    assert.ok(info?.languages.includes('tgk'), `installed: ${info?.languages}`);
    assert.ok(info?.languages.includes('rus'));
  });

  it('reads Tajik and Russian text from a PNG and from a JPEG', async () => {
    const png = await ocrImage(image, { langs: ['tgk', 'rus'] });
    assert.deepEqual(png.langs, ['tgk', 'rus']);
    assert.match(png.text, /Ҳукумат ҷавоб дод/);
    assert.match(png.text, /ғайриқонунӣ/);
    assert.match(png.text, /Правительство ответило/);
    const img = decodeImage(image);
    const jpg = new Uint8Array(jpeg.encode({ ...img, data: Buffer.from(img.data) }, 85).data);
    const fromJpeg = await ocrImage(jpg);
    assert.match(fromJpeg.text, /решение незаконно/);
  });

  it('leaves out models that are not installed, and fails clearly when none is', async () => {
    const r = await ocrImage(image, { langs: ['rus', 'xxx'] });
    assert.deepEqual(r.langs, ['rus']);
    await assert.rejects(ocrImage(image, { langs: ['xxx'] }), { code: 'INPUT_MISSING' });
  });
});

describe('OCR input checks', () => {
  it('maps source languages to tesseract models', () => {
    assert.deepEqual(ocrLangsFor(['tg', 'ru']), ['tgk', 'rus']);
    assert.deepEqual(ocrLangsFor(['uz', 'fa', 'tg']), ['uzb_cyrl', 'uzb', 'fas', 'tgk']);
    assert.deepEqual(ocrLangsFor([]), ['tgk', 'rus']);
  });

  it('refuses what is not an image and what is too large, before running anything', async () => {
    await assert.rejects(ocrImage(new TextEncoder().encode('hello')), { code: 'INPUT_BINARY' });
    await assert.rejects(ocrImage(image, { maxBytes: 100 }), { code: 'INPUT_TOO_LARGE' });
    await assert.rejects(ocrImage(image, { binary: '/nonexistent/tesseract' }), { code: 'INPUT_MISSING' });
  });
});
