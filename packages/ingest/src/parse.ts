/**
 * The entry points: a file (streamed where the format allows) or bytes in memory → parse events.
 * Whole-file errors are thrown as OgohErrors naming the file; everything else is an event.
 */
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { type Format, isOgohError, OgohError } from '@ogoh/core';
import { parseAtom } from './atom/parse.ts';
import { parseCsv } from './csv/parse.ts';
import { decode, SNIFF_BYTES, sniffEncoding } from './decode.ts';
import { detectFormat } from './detect-format.ts';
import { parseHtml } from './html/parse.ts';
import { parseJsonl } from './jsonl/parse.ts';
import { parseRss } from './rss/parse.ts';
import { parseSitemapEvents } from './sitemap/parse.ts';
import { byteChunks, decodeChunks } from './stream.ts';
import { parseTelegram } from './telegram/parse.ts';
import { parseTelegramHtml } from './telegram-html/parse.ts';
import {
  DEFAULT_MAX_FIELD_CHARS,
  DEFAULT_MAX_WHOLE_FILE_BYTES,
  type FileInfo,
  type ParseEvent,
  type ParseOptions,
} from './types.ts';

/** Events of one file, plus what was learnt about the file. */
export interface ParseRun extends AsyncIterable<ParseEvent> {
  /**
   * Format, encoding and size. Resolves from the iteration when it has started (the encoding the
   * parser actually used); otherwise reads the file's head on its own. Rejects like the iteration
   * would for unknown formats and binaries. `sha256` is not computed here (the app hashes payloads).
   */
  readonly info: Promise<FileInfo>;
}

interface Input {
  name: string;
  size: () => Promise<number>;
  head: () => Promise<Uint8Array>;
  whole: () => Promise<Uint8Array>;
  stream: () => AsyncIterable<Uint8Array>;
}

const STREAMED = new Set<Format>(['csv', 'jsonl']);

/** Attach the file name to an error, and turn file-system errors into coded ones. */
function located(e: unknown, file: string): OgohError {
  if (isOgohError(e)) {
    if (e.file !== undefined) return e;
    const init: ConstructorParameters<typeof OgohError>[2] = { file, cause: e.cause ?? e };
    if (e.line !== undefined) init.line = e.line;
    if (e.column !== undefined) init.column = e.column;
    if (e.field !== undefined) init.field = e.field;
    if (e.hint !== undefined) init.hint = e.hint;
    const out = new OgohError(e.code, e.message, init);
    if (e.stack) out.stack = e.stack;
    return out;
  }
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new OgohError('INPUT_MISSING', 'no such file', { file, cause: e });
  if (code === 'EACCES' || code === 'EPERM')
    return new OgohError('INPUT_MISSING', 'permission denied', { file, cause: e });
  if (code === 'EISDIR')
    return new OgohError('USAGE', 'this is a directory; list its files first', { file, cause: e });
  return new OgohError('INTERNAL', `parsing failed: ${e instanceof Error ? e.message : String(e)}`, {
    file,
    cause: e,
  });
}

function limits(options: ParseOptions) {
  return {
    maxFieldChars: options.maxFieldChars ?? DEFAULT_MAX_FIELD_CHARS,
    maxWhole: options.maxWholeFileBytes ?? DEFAULT_MAX_WHOLE_FILE_BYTES,
  };
}

async function resolveFormat(input: Input, options: ParseOptions): Promise<Format> {
  if (options.format && options.format !== 'auto') return options.format;
  return detectFormat(input.name, await input.head());
}

async function* events(
  input: Input,
  options: ParseOptions,
  info: (i: FileInfo) => void,
): AsyncGenerator<ParseEvent> {
  const { maxFieldChars, maxWhole } = limits(options);
  const format = await resolveFormat(input, options);
  const size = await input.size();
  if (STREAMED.has(format)) {
    const chunks = decodeChunks(input.stream(), options.encoding, (encoding) =>
      info({ format, encoding, size }),
    );
    const opts = { maxFieldChars, ...(options.map ? { map: options.map } : {}) };
    yield* format === 'csv' ? parseCsv(chunks, opts) : parseJsonl(chunks, opts);
    return;
  }
  if (size > maxWhole)
    throw new OgohError(
      'INPUT_TOO_LARGE',
      `the file is ${mib(size)}; ${format} files are read whole and the limit is ${mib(maxWhole)}`,
      {
        hint:
          format === 'telegram'
            ? 'export the chat in date ranges (Telegram Desktop → Export chat history → From/To)'
            : 'split the feed',
      },
    );
  const { text, encoding } = decode(await input.whole(), options.encoding);
  info({ format, encoding, size });
  const opts = { maxFieldChars };
  const page = { maxFieldChars, ...(options.url ? { url: options.url } : {}) };
  switch (format) {
    case 'rss':
      yield* parseRss(text, opts);
      return;
    case 'atom':
      yield* parseAtom(text, opts);
      return;
    case 'telegram':
      yield* parseTelegram(text, opts);
      return;
    case 'html':
      yield* parseHtml(text, page);
      return;
    case 'telegram-html':
      yield* parseTelegramHtml(text, page);
      return;
    case 'sitemap':
      yield* parseSitemapEvents(text);
      return;
    default:
      throw new OgohError('INPUT_FORMAT_UNKNOWN', `there is no parser for "${format}" files`, {
        hint: 'save the content as RSS/Atom, HTML, a Telegram result.json or t.me/s page, a sitemap, CSV or JSONL',
      });
  }
}

function mib(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MiB`;
}

function run(input: Input, options: ParseOptions): ParseRun {
  let known: FileInfo | undefined;
  let infoPromise: Promise<FileInfo> | undefined;
  const setInfo = (i: FileInfo) => {
    known = i;
  };
  return {
    async *[Symbol.asyncIterator]() {
      try {
        yield* events(input, options, setInfo);
      } catch (e) {
        throw located(e, input.name);
      }
    },
    get info(): Promise<FileInfo> {
      if (known) return Promise.resolve(known);
      infoPromise ??= (async () => {
        try {
          const format = await resolveFormat(input, options);
          const head = await input.head();
          const encoding = sniffEncoding(head, options.encoding, head.length < SNIFF_BYTES);
          return known ?? { format, encoding, size: await input.size() };
        } catch (e) {
          throw located(e, input.name);
        }
      })();
      return infoPromise;
    },
  };
}

/**
 * Parse one file. CSV and JSONL stream in constant memory; RSS, Atom and Telegram JSON are read whole
 * (refused above `maxWholeFileBytes`).
 * @returns an async iterable of events with an `info` promise (format, encoding, size)
 * @throws (while iterating) OgohError with `file` set: INPUT_MISSING, INPUT_FORMAT_UNKNOWN, INPUT_BINARY, INPUT_ENCODING, INPUT_TOO_LARGE, INPUT_PARSE, INPUT_FIELD, USAGE
 * @example
 * const run = parseFile('export/result.json');
 * for await (const ev of run) if ('record' in ev) console.log(ev.record.text);
 * console.log((await run.info).format); // 'telegram'
 */
export function parseFile(path: string, options: ParseOptions = {}): ParseRun {
  let head: Promise<Uint8Array> | undefined;
  let size: Promise<number> | undefined;
  const input: Input = {
    name: options.fileName ?? path,
    size: () => {
      size ??= stat(path).then((s) => {
        if (s.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
        return s.size;
      });
      return size;
    },
    head: () => {
      head ??= (async () => {
        await input.size();
        const fh = await open(path, 'r');
        try {
          const buf = new Uint8Array(SNIFF_BYTES);
          const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
          return buf.subarray(0, bytesRead);
        } finally {
          await fh.close();
        }
      })();
      return head;
    },
    whole: async () => new Uint8Array(await readFile(path)),
    stream: () => createReadStream(path, { highWaterMark: 1024 * 1024 }),
  };
  return run(input, options);
}

/**
 * Parse bytes already in memory (an upload, a fetched feed). Same events and errors as `parseFile`.
 * @example for await (const ev of parseBytes(bytes, { fileName: 'feed.xml' })) …
 */
export function parseBytes(bytes: Uint8Array, options: ParseOptions & { fileName: string }): ParseRun {
  const input: Input = {
    name: options.fileName,
    size: async () => bytes.length,
    head: async () => bytes.subarray(0, SNIFF_BYTES),
    whole: async () => bytes,
    stream: () => byteChunks(bytes, chunkSizeForTests ?? 64 * 1024),
  };
  return run(input, options);
}

let chunkSizeForTests: number | undefined;
/** Tests only: feed in-memory bytes to the streaming parsers in chunks of this size. */
export function setChunkSizeForTests(n: number | undefined): void {
  chunkSizeForTests = n;
}
