/**
 * Perceptual hashes of images, so the same picture re-posted by another channel — re-encoded,
 * resized, recompressed — is recognised as a near-duplicate. pHash as imagehash and pHash.org
 * compute it: grey levels, shrink to 32×32 (area average), 2-D DCT-II, keep the 8×8 lowest
 * frequencies, one bit per coefficient above their median → 64 bits (16 hex digits). Two images
 * whose hashes differ in ≤ 10 bits are very likely the same picture.
 *
 * Decoding is pure JavaScript (pngjs, jpeg-js) with size limits checked before pixels are
 * allocated, so a crafted header cannot make us reserve gigabytes.
 */
import { OgohError } from '@ogoh/core';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { imageKind } from '../ocr/ocr.ts';

export interface DecodedImage {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel */
  data: Uint8Array;
}

/** Images above this many pixels are refused before decoding. */
export const MAX_PIXELS = 40_000_000;

function tooLarge(w: number, h: number): OgohError {
  return new OgohError('INPUT_TOO_LARGE', `the image is ${w}×${h} pixels; the limit is ${MAX_PIXELS} pixels`);
}

/** Width and height from a PNG IHDR or a JPEG SOF marker, without decoding pixels. */
export function imageSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const kind = imageKind(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (kind === 'png' && bytes.length >= 24) return { width: view.getUint32(16), height: view.getUint32(20) };
  if (kind === 'jpeg') {
    let i = 2;
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) return undefined;
      const marker = bytes[i + 1]!;
      if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
        i += 2;
        continue;
      }
      const len = view.getUint16(i + 2);
      // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC)
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
        return { height: view.getUint16(i + 5), width: view.getUint16(i + 7) };
      i += 2 + len;
    }
  }
  return undefined;
}

/**
 * Decodes a PNG or JPEG to RGBA.
 * @throws OgohError INPUT_BINARY (not PNG/JPEG or corrupt), INPUT_TOO_LARGE (over MAX_PIXELS)
 */
export function decodeImage(bytes: Uint8Array): DecodedImage {
  const kind = imageKind(bytes);
  const size = imageSize(bytes);
  if (size && size.width * size.height > MAX_PIXELS) throw tooLarge(size.width, size.height);
  try {
    if (kind === 'png') {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
    }
    if (kind === 'jpeg') {
      const img = jpeg.decode(bytes, {
        useTArray: true,
        formatAsRGBA: true,
        maxResolutionInMP: MAX_PIXELS / 1e6,
        maxMemoryUsageInMB: 512,
        tolerantDecoding: true,
      });
      return { width: img.width, height: img.height, data: img.data };
    }
  } catch (e) {
    throw new OgohError(
      'INPUT_BINARY',
      `cannot decode the ${kind} image (${e instanceof Error ? e.message : e})`,
      {
        cause: e,
      },
    );
  }
  throw new OgohError(
    'INPUT_BINARY',
    `perceptual hashes are computed for PNG and JPEG, not ${kind ?? 'this file'}`,
  );
}

const N = 32;
const LOW = 8;
/** cos((2x+1)uπ / 2N), the DCT-II basis, computed once */
const COS = (() => {
  const t = new Float64Array(N * N);
  for (let u = 0; u < N; u++)
    for (let x = 0; x < N; x++) t[u * N + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * N));
  return t;
})();

/** Grey levels (ITU-R BT.601 luma) shrunk to N×N by averaging the source area of each cell; alpha over white. */
function shrinkGrey(img: DecodedImage): Float64Array {
  const out = new Float64Array(N * N);
  const { width: w, height: h, data } = img;
  for (let cy = 0; cy < N; cy++) {
    const y0 = Math.floor((cy * h) / N);
    const y1 = Math.max(y0 + 1, Math.floor(((cy + 1) * h) / N));
    for (let cx = 0; cx < N; cx++) {
      const x0 = Math.floor((cx * w) / N);
      const x1 = Math.max(x0 + 1, Math.floor(((cx + 1) * w) / N));
      let sum = 0;
      let n = 0;
      for (let y = y0; y < y1 && y < h; y++) {
        let p = (y * w + x0) * 4;
        for (let x = x0; x < x1 && x < w; x++, p += 4) {
          const a = data[p + 3]! / 255;
          const grey = 0.299 * data[p]! + 0.587 * data[p + 1]! + 0.114 * data[p + 2]!;
          sum += grey * a + 255 * (1 - a);
          n++;
        }
      }
      out[cy * N + cx] = n > 0 ? sum / n : 255;
    }
  }
  return out;
}

/**
 * The 64-bit pHash of a decoded image as 16 hex digits.
 * @example phashOf(decodeImage(bytes)) // 'c3a1f0e0d8b89c8c'
 */
export function phashOf(img: DecodedImage): string {
  if (img.width === 0 || img.height === 0) throw new OgohError('INPUT_BINARY', 'the image is empty');
  const g = shrinkGrey(img);
  // separable DCT: rows, then the first LOW columns of the result
  const rows = new Float64Array(N * LOW);
  for (let y = 0; y < N; y++)
    for (let u = 0; u < LOW; u++) {
      let s = 0;
      for (let x = 0; x < N; x++) s += g[y * N + x]! * COS[u * N + x]!;
      rows[y * LOW + u] = s;
    }
  const coeffs: number[] = [];
  for (let v = 0; v < LOW; v++)
    for (let u = 0; u < LOW; u++) {
      let s = 0;
      for (let y = 0; y < N; y++) s += rows[y * LOW + u]! * COS[v * N + y]!;
      coeffs.push(s);
    }
  const sorted = [...coeffs].sort((a, b) => a - b);
  const median = (sorted[31]! + sorted[32]!) / 2;
  let hex = '';
  for (let i = 0; i < 64; i += 4) {
    let nibble = 0;
    for (let b = 0; b < 4; b++) nibble = (nibble << 1) | (coeffs[i + b]! > median ? 1 : 0);
    hex += nibble.toString(16);
  }
  return hex;
}

/** pHash of PNG or JPEG bytes. */
export function phash(bytes: Uint8Array): string {
  return phashOf(decodeImage(bytes));
}

/**
 * Bits that differ between two hashes of equal length (hex).
 * @example hammingDistance('ff00', 'ff01') // 1
 */
export function hammingDistance(a: string, b: string): number {
  if (a.length !== b.length) throw new OgohError('USAGE', 'hashes of different lengths cannot be compared');
  let d = 0;
  for (let i = 0; i < a.length; i++) {
    let x = Number.parseInt(a[i]!, 16) ^ Number.parseInt(b[i]!, 16);
    while (x) {
      d += x & 1;
      x >>= 1;
    }
  }
  return d;
}

/** Hashes this close (of 64 bits) are treated as the same picture. */
export const NEAR_DUPLICATE_BITS = 10;
