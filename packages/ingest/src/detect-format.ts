/**
 * Which parser a file needs: decided by content (the XML root, a JSON export's keys, the shape of the
 * first lines), with the file extension as the tie-breaker. Content wins because feeds are routinely
 * saved as .xml/.txt and exports renamed.
 */
import { extname } from 'node:path';
import { type Format, OgohError } from '@ogoh/core';
import { chunkDecoder, SNIFF_BYTES, sniffEncoding } from './decode.ts';
import { rootName } from './xml.ts';

const BY_EXTENSION: Record<string, Format> = {
  '.rss': 'rss',
  '.atom': 'atom',
  '.json': 'telegram',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.csv': 'csv',
  '.tsv': 'csv',
  '.html': 'html',
  '.htm': 'html',
};

function unknown(message: string): OgohError {
  return new OgohError('INPUT_FORMAT_UNKNOWN', message, {
    hint: 'ingest reads RSS/Atom XML, a Telegram Desktop result.json, CSV with a header row, or JSONL; pass --format to choose',
  });
}

/** Text of the file's first bytes (decoded with the detected encoding). */
export function headText(head: Uint8Array): string {
  const sample = head.subarray(0, SNIFF_BYTES);
  const enc = sniffEncoding(sample, undefined, false);
  try {
    return chunkDecoder(enc)
      .write(sample)
      .replace(/^\ufeff/, '');
  } catch {
    // invalid UTF-8 further in: the parser will report where; the head is enough to classify
    return new TextDecoder('utf-8').decode(sample);
  }
}

/**
 * Detect a file's format from its first bytes, using the extension only when content is ambiguous.
 * @param head the first bytes of the file (64 KiB is plenty)
 * @throws OgohError INPUT_FORMAT_UNKNOWN, or INPUT_BINARY for binaries
 * @example detectFormat('feed.xml', new TextEncoder().encode('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">')) // 'atom'
 */
export function detectFormat(fileName: string, head: Uint8Array): Format {
  const ext = extname(fileName).toLowerCase();
  const byExt = BY_EXTENSION[ext];
  const text = headText(head);
  const t = text.trimStart();
  if (t === '') {
    if (byExt) return byExt;
    throw unknown('the file is empty');
  }
  if (t.startsWith('<')) {
    const root = rootName(t);
    if (root === 'rss' || root === 'RDF' || root?.endsWith(':RDF')) return 'rss';
    if (root === 'feed' || root === 'atom:feed') return 'atom';
    if (root === 'urlset' || root === 'sitemapindex') return 'sitemap';
    if (root?.toLowerCase() === 'html' || /^<!doctype\s+html/i.test(t))
      return /tgme_widget_message|tgme_channel_info/.test(t) ? 'telegram-html' : 'html';
    if (root === undefined && (byExt === 'rss' || byExt === 'atom')) return byExt;
    throw unknown(
      root ? `XML with a <${root}> root is not a feed this tool reads` : 'markup without a root element',
    );
  }
  if (t.startsWith('{')) return jsonKind(t, byExt);
  if (t.startsWith('[')) throw unknown('a JSON array: convert it to JSONL (one object per line)');
  if (byExt === 'csv') return 'csv';
  if (looksLikeCsv(t)) return 'csv';
  if (byExt) return byExt;
  throw unknown('the content is neither XML, JSON nor CSV with a header row');
}

/** A Telegram export is one (usually pretty-printed) object with chat keys; JSONL is an object per line. */
function jsonKind(t: string, byExt: Format | undefined): Format {
  const nl = t.indexOf('\n');
  const first = (nl === -1 ? t : t.slice(0, nl)).trim();
  if (first !== '{') {
    try {
      const v = JSON.parse(first) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        const o = v as Record<string, unknown>;
        return Array.isArray(o.messages) || (o.chats && typeof o.chats === 'object') ? 'telegram' : 'jsonl';
      }
    } catch {
      // a one-line object cut by the head limit, or a broken first line
    }
  }
  if (/"(messages|chats|left_chats|personal_information)"\s*:/.test(t.slice(0, SNIFF_BYTES)))
    return 'telegram';
  if (byExt === 'jsonl' || byExt === 'telegram') return byExt;
  if (first === '{')
    throw unknown('a JSON document that is not a Telegram export (no "messages" or "chats")');
  return 'jsonl';
}

/**
 * A header row: at least two named columns (short names, at most one left blank), and a second line
 * with as many fields or an opening quote (a field spanning lines). Prose and code rarely pass.
 */
function looksLikeCsv(t: string): boolean {
  const lines = t.split(/\r?\n/, 6).filter((l) => l.trim() !== '');
  const first = lines[0] ?? '';
  for (const d of [',', ';', '\t', '|']) {
    const header = first.split(d);
    const named = header.filter((f) => f.trim() !== '').length;
    if (named < 2 || named < header.length - 1 || header.some((f) => f.length > 100)) continue;
    const second = lines[1];
    if (second === undefined || second.split(d).length === header.length || second.includes('"')) return true;
  }
  return false;
}
