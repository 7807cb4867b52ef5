/**
 * Bytes → text. Feeds and exports from Central Asia still arrive in CP1251 and KOI8-R, Windows tools
 * write UTF-16, and people drop archives and PDFs into ingest folders; this module decides which of
 * those a file is, and refuses binaries before a parser produces garbage from them.
 *
 * Order of evidence: a magic number (binary), a byte-order mark, the caller's declared encoding, the
 * UTF-16 zero-byte pattern, NUL/control bytes (binary), valid UTF-8, the document's own declaration
 * (`<?xml encoding=…?>`, `<meta charset=…>`), then a letter-frequency vote between CP1251, KOI8-R and
 * Windows-1252.
 */
import { OgohError } from '@ogoh/core';
import iconv from 'iconv-lite';

/** How many leading bytes the heuristics look at. */
export const SNIFF_BYTES = 64 * 1024;

const MAGIC: { bytes: number[]; name: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], name: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], name: 'a ZIP archive (also .docx/.xlsx)' },
  { bytes: [0x1f, 0x8b], name: 'a gzip archive' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], name: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], name: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], name: 'a GIF image' },
  { bytes: [0x52, 0x61, 0x72, 0x21], name: 'a RAR archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], name: 'a 7-Zip archive' },
  { bytes: [0x42, 0x5a, 0x68], name: 'a bzip2 archive' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a], name: 'an xz archive' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], name: 'an SQLite database' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], name: 'an executable' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], name: 'an old Office document (.doc/.xls)' },
  { bytes: [0x4f, 0x67, 0x67, 0x53], name: 'an Ogg media file' },
  { bytes: [0x1a, 0x45, 0xdf, 0xa3], name: 'a Matroska/WebM video' },
];

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

function magicName(bytes: Uint8Array): string | undefined {
  for (const m of MAGIC) if (startsWith(bytes, m.bytes)) return m.name;
  // RIFF (WAV/AVI/WebP) and ISO media (MP4/MOV: "ftyp" at offset 4)
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46])) return 'a RIFF media file';
  if (startsWith(bytes, [0x66, 0x74, 0x79, 0x70], 4)) return 'an MP4/MOV video';
  return undefined;
}

function binaryError(what: string): OgohError {
  return new OgohError('INPUT_BINARY', `this is ${what}, not a text file`, {
    hint: 'ingest takes RSS/Atom XML, a Telegram result.json, CSV or JSONL; extract or convert the file first',
  });
}

/** Canonical iconv-lite label for a declared encoding, or undefined if unknown. */
export function normalizeEncoding(label: string | undefined): string | undefined {
  if (!label) return undefined;
  let l = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  if (l === 'utf8' || l === 'unicode-1-1-utf-8') l = 'utf-8';
  if (l === 'utf-16' || l === 'unicode' || l === 'ucs-2') l = 'utf-16le';
  if (/^(cp|win|windows)[-_]?1251$/.test(l) || l === 'x-cp1251') l = 'windows-1251';
  if (
    /^(cp|win|windows)[-_]?1252$/.test(l) ||
    l === 'iso-8859-1' ||
    l === 'latin1' ||
    l === 'us-ascii' ||
    l === 'ascii'
  )
    l = l === 'us-ascii' || l === 'ascii' ? 'utf-8' : 'windows-1252';
  if (l === 'koi8r' || l === 'koi8_r' || l === 'koi8') l = 'koi8-r';
  if (l === 'koi8u' || l === 'koi8_u') l = 'koi8-u';
  if (l === 'koi8t' || l === 'koi8_t') l = 'koi8-t';
  if (l === 'utf-8' || l === 'utf-16le' || l === 'utf-16be') return l;
  return iconv.encodingExists(l) ? l : undefined;
}

/** BOM → encoding and BOM length. */
function bom(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', length: 3 };
  if (startsWith(bytes, [0xff, 0xfe])) return { encoding: 'utf-16le', length: 2 };
  if (startsWith(bytes, [0xfe, 0xff])) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * UTF-16 without a BOM: one byte of each pair is nearly constant (0x00 for Latin, 0x04 for Cyrillic,
 * 0x06 for Arabic script) while the other varies.
 */
function utf16Pattern(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return undefined;
  let evenHigh = 0;
  let oddHigh = 0;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    const a = bytes[i] as number;
    const b = bytes[i + 1] as number;
    if (a === 0 || a === 0x04 || a === 0x06) evenHigh++;
    if (b === 0 || b === 0x04 || b === 0x06) oddHigh++;
    if (a === 0) evenZero++;
    if (b === 0) oddZero++;
  }
  const pairs = n / 2;
  // Require zero bytes too: Cyrillic CP1251 text never contains 0x00, UTF-16 of any script has them
  // wherever spaces, digits or newlines occur.
  if (oddHigh / pairs > 0.7 && evenHigh / pairs < 0.3 && oddZero / pairs > 0.1) return 'utf-16le';
  if (evenHigh / pairs > 0.7 && oddHigh / pairs < 0.3 && evenZero / pairs > 0.1) return 'utf-16be';
  return undefined;
}

/** NUL bytes or many control characters in an 8-bit or UTF-8 text mean it is not text. */
function controlRatio(bytes: Uint8Array, limit: number): { nul: boolean; ratio: number } {
  const n = Math.min(bytes.length, limit);
  let ctl = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b === 0) return { nul: true, ratio: 1 };
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) ctl++;
  }
  return { nul: false, ratio: n === 0 ? 0 : ctl / n };
}

/** Throws INPUT_BINARY when a byte sample cannot be text in a single-byte or UTF-8 encoding. */
export function assertNotBinary(bytes: Uint8Array): void {
  const magic = magicName(bytes);
  if (magic) throw binaryError(magic);
  const { nul, ratio } = controlRatio(bytes, SNIFF_BYTES);
  if (nul) throw binaryError('binary data (it contains NUL bytes)');
  if (ratio > 0.02) throw binaryError(`binary data (${Math.round(ratio * 100)}% control characters)`);
}

/** `<?xml … encoding="x"?>` or `<meta charset>` in the first bytes (ASCII-compatible encodings only). */
export function declaredInDocument(bytes: Uint8Array): string | undefined {
  const head = latin1(bytes.subarray(0, 2048));
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  if (xml) return xml[1];
  const meta = /<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(head);
  return meta?.[1];
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i] as number);
  return s;
}

/** Russian letter frequencies (per mille): a decoding whose letters follow them is the right one. */
const RU_FREQ: Record<string, number> = {
  о: 110,
  е: 85,
  а: 80,
  и: 74,
  н: 67,
  т: 63,
  с: 55,
  р: 47,
  в: 45,
  л: 44,
  к: 35,
  м: 32,
  д: 30,
  п: 28,
  у: 26,
  я: 20,
  ы: 19,
  ь: 17,
  г: 17,
  з: 17,
  б: 16,
  ч: 14,
  й: 12,
  х: 10,
  ж: 9,
  ш: 7,
  ю: 6,
  ц: 5,
  щ: 4,
  э: 3,
  ф: 3,
  ъ: 1,
  ё: 1,
};
const RU_LOG = new Map(Object.entries(RU_FREQ).map(([c, f]) => [c, Math.log(f / 1000)]));

/**
 * Log-likelihood of a text under Russian letter frequencies (case-insensitive), minus a penalty for
 * upper case right after lower case inside a word, the signature of the wrong single-byte table
 * ("пРАВИТЕЛЬСТВО"). All-caps headlines are judged by the frequencies alone.
 */
function cyrillicScore(text: string): number {
  let score = 0;
  let prevLower = false;
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    // KOI8-R's pseudo-graphics in running text mean CP1251 bytes read with the KOI8 table
    if (c >= 0x2500 && c <= 0x25ff) score -= 5;
    if (c < 0x400 || c > 0x4ff) {
      prevLower = false;
      continue;
    }
    const lower = ch.toLowerCase();
    // letters outside Russian (і, ў, ђ…) are possible but rare
    const logp = RU_LOG.get(lower) ?? Math.log(0.5 / 1000);
    const isLower = lower === ch;
    score += logp + (isLower ? 0.1 : 0);
    if (!isLower && prevLower) score -= 3;
    prevLower = isLower;
  }
  return score;
}

/**
 * CP1251 or KOI8-R (or Windows-1252 when the high bytes stand alone between ASCII letters, as
 * accented letters do, instead of forming whole words as Cyrillic does): decode a sample with each
 * Cyrillic table and keep the one whose letters look like Russian/Tajik running text.
 */
function guessSingleByte(bytes: Uint8Array): string {
  const sample = bytes.subarray(0, SNIFF_BYTES);
  let high = 0;
  let clustered = 0;
  for (let i = 0; i < sample.length; i++) {
    if ((sample[i] as number) < 0xc0) continue;
    high++;
    if ((sample[i - 1] ?? 0) >= 0xc0 || (sample[i + 1] ?? 0) >= 0xc0) clustered++;
  }
  if (high === 0 || clustered / high < 0.3) return 'windows-1252';
  const cp = cyrillicScore(iconv.decode(Buffer.from(sample), 'windows-1251'));
  const koi = cyrillicScore(iconv.decode(Buffer.from(sample), 'koi8-r'));
  return koi > cp ? 'koi8-r' : 'windows-1251';
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Uint8Array, complete: boolean): boolean {
  try {
    if (complete) utf8Fatal.decode(bytes);
    else new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Decide the encoding of a byte sample. `complete` says the sample is the whole file (otherwise a
 * multi-byte character cut at the end of the sample is not held against UTF-8).
 * `declared` is trusted (a caller's explicit choice); a declaration inside the document is a hint.
 */
export function sniffEncoding(bytes: Uint8Array, declared?: string, complete = true): string {
  const magic = magicName(bytes);
  if (magic) throw binaryError(magic);
  const b = bom(bytes);
  if (b) return b.encoding;
  if (declared !== undefined) {
    const d = normalizeEncoding(declared);
    if (!d)
      throw new OgohError('USAGE', `unknown encoding "${declared}"`, {
        hint: 'use a label such as utf-8, utf-16le, windows-1251, koi8-r',
      });
    if (d !== 'utf-8' && d !== 'utf-16le' && d !== 'utf-16be') assertNotBinary(bytes);
    return d;
  }
  const u16 = utf16Pattern(bytes);
  if (u16) return u16;
  assertNotBinary(bytes);
  if (isUtf8(bytes, complete)) return 'utf-8';
  const inDoc = normalizeEncoding(declaredInDocument(bytes));
  if (inDoc && inDoc !== 'utf-8' && inDoc !== 'utf-16le' && inDoc !== 'utf-16be') return inDoc;
  return guessSingleByte(bytes);
}

/**
 * Decode a whole file. UTF-8 (with or without BOM), UTF-16LE/BE (BOM or zero-byte pattern), CP1251,
 * KOI8-R (declared by the XML prolog or `<meta>`, or guessed from letter frequencies), Windows-1252.
 * @param declared an encoding the caller knows (an HTTP header, a --encoding flag); trusted over detection
 * @throws OgohError INPUT_BINARY for binaries, INPUT_ENCODING for bytes invalid in a declared UTF-8
 * @example decode(new Uint8Array([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2])) // { text: 'Привет', encoding: 'windows-1251' }
 */
export function decode(bytes: Uint8Array, declared?: string): { text: string; encoding: string } {
  const encoding = sniffEncoding(bytes, declared, true);
  const d = chunkDecoder(encoding);
  const text = d.write(bytes) + d.end();
  if (encoding === 'utf-8' || encoding === 'utf-16le' || encoding === 'utf-16be') {
    // UTF-16 has no binary check before decoding; NULs in the decoded text mean it was not UTF-16 text.
    if (text.includes('\u0000')) throw binaryError('binary data (it contains NUL characters)');
  }
  return { text, encoding };
}

/** An incremental decoder: feed chunks, get text; a character split across chunks is carried over. */
export interface ChunkDecoder {
  write(chunk: Uint8Array): string;
  end(): string;
}

/**
 * @throws OgohError INPUT_ENCODING (from `write`/`end`) when UTF-8 input holds an invalid sequence
 */
export function chunkDecoder(encoding: string): ChunkDecoder {
  if (encoding === 'utf-8') {
    const td = new TextDecoder('utf-8', { fatal: true });
    const fail = (e: unknown) =>
      new OgohError('INPUT_ENCODING', 'invalid UTF-8 byte sequence', {
        hint: 'the file mixes encodings; re-save it as UTF-8 or pass the encoding it was written in',
        cause: e,
      });
    return {
      write(chunk) {
        try {
          return td.decode(chunk, { stream: true });
        } catch (e) {
          throw fail(e);
        }
      },
      end() {
        try {
          return td.decode();
        } catch (e) {
          throw fail(e);
        }
      },
    };
  }
  const dec = iconv.getDecoder(encoding);
  return {
    write: (chunk) => dec.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)),
    end: () => dec.end() ?? '',
  };
}

/**
 * The encoding to declare for a fetched body, from the HTTP charset and the bytes. Servers often
 * send a wrong or default charset: a body that is valid UTF-8 is UTF-8 whatever the header says, a
 * "UTF-8" body that is not valid UTF-8 is left to detection, and ISO-8859-1/Windows-1252 (the usual
 * server default) defer to the document's own declaration and the letter-frequency vote. Other
 * single-byte charsets (CP1251, KOI8-R) are trusted.
 * @returns a label for `decode`/`ParseOptions.encoding`, or undefined to let detection decide
 * @example httpCharset(cp1251Bytes, 'windows-1251') // 'windows-1251'
 */
export function httpCharset(bytes: Uint8Array, header: string | undefined): string | undefined {
  const d = normalizeEncoding(header);
  if (!d || bom(bytes)) return undefined;
  if (d === 'utf-16le' || d === 'utf-16be') return utf16Pattern(bytes) === d ? d : undefined;
  if (isUtf8(bytes.subarray(0, SNIFF_BYTES), bytes.length <= SNIFF_BYTES)) return undefined;
  if (d === 'utf-8' || d === 'windows-1252') return undefined;
  return d;
}
