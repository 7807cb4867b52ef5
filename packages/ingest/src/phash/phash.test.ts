import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import {
  type DecodedImage,
  decodeImage,
  hammingDistance,
  imageSize,
  NEAR_DUPLICATE_BITS,
  phash,
  phashOf,
} from './phash.ts';

/** A picture with some structure: a gradient sky, a sun, a hill; `seed` moves things around. */
function scene(w: number, h: number, seed: number): DecodedImage {
  const data = new Uint8Array(w * h * 4);
  const sunX = w * (0.25 + (0.5 * ((seed * 37) % 10)) / 10);
  const sunY = h * (0.2 + (0.2 * ((seed * 13) % 10)) / 10);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const p = (y * w + x) * 4;
      const hill = y > h * (0.6 + 0.15 * Math.sin((x / w) * Math.PI * (1 + seed)));
      const sun = (x - sunX) ** 2 + (y - sunY) ** 2 < (Math.min(w, h) * 0.12) ** 2;
      const sky = 120 + (100 * y) / h;
      data[p] = hill ? 40 : sun ? 250 : sky * 0.6;
      data[p + 1] = hill ? 140 : sun ? 220 : sky * 0.8;
      data[p + 2] = hill ? 50 : sun ? 60 : sky;
      data[p + 3] = 255;
    }
  return { width: w, height: h, data };
}

function png(img: DecodedImage): Uint8Array {
  const p = new PNG({ width: img.width, height: img.height });
  p.data = Buffer.from(img.data);
  return new Uint8Array(PNG.sync.write(p));
}

function jpg(img: DecodedImage, quality: number): Uint8Array {
  return new Uint8Array(
    jpeg.encode({ width: img.width, height: img.height, data: Buffer.from(img.data) }, quality).data,
  );
}

/** Nearest-neighbour resize plus a little seeded noise. */
function resizeNoisy(img: DecodedImage, w: number, h: number, noise: number): DecodedImage {
  const out = new Uint8Array(w * h * 4);
  let s = 12345;
  const rnd = () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff - 0.5;
  };
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const sx = Math.floor((x * img.width) / w);
      const sy = Math.floor((y * img.height) / h);
      const sp = (sy * img.width + sx) * 4;
      const p = (y * w + x) * 4;
      for (let c = 0; c < 3; c++) out[p + c] = Math.max(0, Math.min(255, img.data[sp + c]! + rnd() * noise));
      out[p + 3] = 255;
    }
  return { width: w, height: h, data: out };
}

describe('perceptual hash', () => {
  const original = scene(640, 400, 1);
  const h0 = phashOf(original);

  it('is 64 bits and stable', () => {
    assert.match(h0, /^[0-9a-f]{16}$/);
    assert.equal(phash(png(original)), h0, 'lossless PNG round trip: the same hash');
  });

  it('stays close through JPEG recompression, resizing and noise', () => {
    const variants = {
      jpegQ30: phash(jpg(original, 30)),
      half: phashOf(resizeNoisy(original, 320, 200, 0)),
      smallNoisy: phash(jpg(resizeNoisy(original, 200, 125, 30), 60)),
    };
    for (const [name, h] of Object.entries(variants)) {
      const d = hammingDistance(h0, h);
      assert.ok(d <= NEAR_DUPLICATE_BITS, `${name}: ${d} bits apart`);
    }
  });

  it('tells different pictures apart', () => {
    for (const seed of [2, 3, 4, 5]) {
      const d = hammingDistance(h0, phashOf(scene(640, 400, seed)));
      assert.ok(d > NEAR_DUPLICATE_BITS + 6, `seed ${seed}: only ${d} bits apart`);
    }
  });

  it('reads real PNG and JPEG files and their sizes without decoding', () => {
    const bytes = new Uint8Array(readFileSync(new URL('../ocr/fixtures/tg-ru.png', import.meta.url)));
    assert.deepEqual(imageSize(bytes), { width: 900, height: 220 });
    const img = decodeImage(bytes);
    const asJpeg = jpg(img, 75);
    assert.deepEqual(imageSize(asJpeg), { width: 900, height: 220 });
    assert.ok(hammingDistance(phash(bytes), phash(asJpeg)) <= NEAR_DUPLICATE_BITS);
  });

  it('refuses non-images and oversized headers before allocating pixels', () => {
    assert.throws(() => decodeImage(new TextEncoder().encode('<svg/>')), { code: 'INPUT_BINARY' });
    const huge = png({ width: 1, height: 1, data: new Uint8Array([0, 0, 0, 255]) });
    new DataView(huge.buffer).setUint32(16, 100_000);
    new DataView(huge.buffer).setUint32(20, 100_000);
    assert.throws(() => decodeImage(huge), { code: 'INPUT_TOO_LARGE' });
    assert.throws(() => decodeImage(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4, 1, 2])), {
      code: 'INPUT_BINARY',
    });
    assert.equal(hammingDistance('ff00', 'ff01'), 1);
    assert.throws(() => hammingDistance('ff', 'fff'));
  });
});
