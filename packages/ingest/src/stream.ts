/**
 * Byte chunks → text chunks for the streaming formats (CSV, JSONL): the encoding is decided on the
 * first 64 KiB, then decoded incrementally (TextDecoder for UTF-8, iconv-lite for the rest), so a
 * 1 GB file never sits in memory.
 */
import { OgohError } from '@ogoh/core';
import { chunkDecoder, SNIFF_BYTES, sniffEncoding } from './decode.ts';

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Decode a byte stream.
 * @param declared an encoding to trust instead of detecting one
 * @param onEncoding called once with the encoding chosen, before the first text chunk
 * @throws OgohError INPUT_BINARY (NUL bytes, magic numbers), INPUT_ENCODING (invalid UTF-8), with the byte offset
 */
export async function* decodeChunks(
  source: AsyncIterable<Uint8Array>,
  declared: string | undefined,
  onEncoding?: (encoding: string) => void,
): AsyncGenerator<string> {
  const it = source[Symbol.asyncIterator]();
  try {
    const head: Uint8Array[] = [];
    let headLen = 0;
    let done = false;
    while (headLen < SNIFF_BYTES) {
      const r = await it.next();
      if (r.done) {
        done = true;
        break;
      }
      head.push(r.value);
      headLen += r.value.length;
    }
    const first = concat(head, headLen);
    const encoding = sniffEncoding(first, declared, done);
    onEncoding?.(encoding);
    const dec = chunkDecoder(encoding);
    const wide = encoding === 'utf-16le' || encoding === 'utf-16be';
    let offset = 0;
    const feed = (b: Uint8Array): string => {
      if (!wide) {
        const z = b.indexOf(0);
        if (z !== -1)
          throw new OgohError('INPUT_BINARY', `binary data: a NUL byte at byte ${offset + z}`, {
            hint: 'this is not a text file, or it is UTF-16 without a byte-order mark (re-save it as UTF-8)',
          });
      }
      let s: string;
      try {
        s = dec.write(b);
      } catch (e) {
        throw new OgohError(
          'INPUT_ENCODING',
          `invalid ${encoding.toUpperCase()} between bytes ${offset} and ${offset + b.length}`,
          {
            hint: 'the file mixes encodings; re-save it as UTF-8 or pass the encoding it was written in',
            cause: e,
          },
        );
      }
      if (wide && s.includes('\u0000'))
        throw new OgohError('INPUT_BINARY', `binary data: a NUL character near byte ${offset}`, {});
      offset += b.length;
      return s;
    };
    const s0 = feed(first);
    if (s0) yield s0;
    while (!done) {
      const r = await it.next();
      if (r.done) break;
      const s = feed(r.value);
      if (s) yield s;
    }
    let tail: string;
    try {
      tail = dec.end();
    } catch (e) {
      throw new OgohError('INPUT_ENCODING', `the file ends inside a ${encoding.toUpperCase()} character`, {
        cause: e,
      });
    }
    if (tail) yield tail;
  } finally {
    // stopping early (a consumer's break, an error) must still close the file
    await it.return?.();
  }
}

/** Byte chunks of an in-memory buffer (same path as a file stream, so both behave alike). */
export async function* byteChunks(bytes: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
