/**
 * Streaming reader for share events in CooRTweet's CSV columns
 * `object_id,account_id,content_id,timestamp_share` (any order, extra columns ignored, `id_user`
 * accepted for `account_id` as CooRTweet does). It takes lines, not a file, so the trace package stays
 * free of I/O: the caller opens the file (e.g. `readline` over a stream) and passes the lines. Memory
 * stays flat however big the file is; malformed rows are reported with their line and skipped.
 */
import { OgohError, type ShareEvent } from '@ogoh/core';
import { ShareTableBuilder } from './table.ts';
import type { ShareTable } from './types.ts';

export const SHARE_CSV_COLUMNS = ['object_id', 'account_id', 'content_id', 'timestamp_share'] as const;
type Column = (typeof SHARE_CSV_COLUMNS)[number];

const ALIASES: Record<string, Column> = { id_user: 'account_id' };

export interface ShareCsvReject {
  /** 1-based line where the row starts */
  line: number;
  reason: string;
  field?: string;
  /** the row's text, cut at 200 characters */
  text: string;
}

export interface ShareCsvOptions {
  /** named in errors and rejects */
  file?: string;
  /** called for each malformed row, which is then skipped */
  onReject?: (reject: ShareCsvReject) => void;
  /** throw on the first malformed row instead of skipping it @default false */
  strict?: boolean;
  /**
   * give up (INPUT_PARSE) once this many rows were rejected and they outnumber the good ones: such a
   * file is the wrong file, not a file with a few bad rows @default 1000
   */
  maxRejects?: number;
}

/** A quoted field may span lines; stop joining after this many, it is an unclosed quote. */
const MAX_ROW_LINES = 1000;

/** Splits one CSV record. Returns null while a quoted field is still open. */
function splitRecord(text: string, sep: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    if (i < n && text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1) return null;
        value += text.slice(i, q);
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      // tolerate spaces after a closing quote, nothing else
      while (i < n && text[i] === ' ') i++;
      if (i < n && text[i] !== sep)
        throw new SyntaxError(`unexpected character after a closing quote at column ${i + 1}`);
      out.push(value);
    } else {
      const next = text.indexOf(sep, i);
      const end = next === -1 ? n : next;
      const value = text.slice(i, end);
      if (value.includes('"')) throw new SyntaxError(`a quote inside an unquoted field at column ${i + 1}`);
      out.push(value);
      i = end;
    }
    if (i >= n) return out;
    i++; // separator
    if (i === n) {
      out.push('');
      return out;
    }
  }
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Unix seconds (integer or decimal; values ≥ 10^11 are taken as milliseconds, since in seconds they
 * would be after the year 5000) or ISO 8601 (a date without a zone is UTC). Returns NaN when neither.
 */
export function parseShareTimestamp(raw: string): number {
  const s = raw.trim();
  if (/^-?\d+(\.\d+)?$/.test(s)) {
    const v = Number(s);
    return Math.abs(v) >= 1e11 ? v / 1000 : v;
  }
  const m = ISO.exec(s);
  if (!m) return Number.NaN;
  const [, y, mo, d, h = '0', mi = '0', se = '0'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (
    month < 1 ||
    month > 12 ||
    check.getUTCDate() !== day ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(se) > 60
  )
    return Number.NaN;
  let iso = s.replace(' ', 'T');
  if (!m[8]) iso += m[4] === undefined ? 'T00:00:00Z' : 'Z';
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms / 1000 : Number.NaN;
}

function cut(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/**
 * Share events from CSV lines, in file order. Throws INPUT_FIELD when the header lacks a required
 * column (naming it), INPUT_PARSE for an empty input, a malformed row under `strict`, or too many
 * rejects; other malformed rows go to `onReject`.
 *
 * @example
 *   const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
 *   for await (const e of readShareCsv(lines, { file, onReject: (r) => console.warn(r) })) …
 */
export async function* readShareCsv(
  lines: AsyncIterable<string> | Iterable<string>,
  options: ShareCsvOptions = {},
): AsyncGenerator<ShareEvent, { rows: number; rejected: number }> {
  const file = options.file;
  const where = (line: number, field?: string) => {
    const loc: { file?: string; line: number; field?: string } = { line };
    if (file !== undefined) loc.file = file;
    if (field !== undefined) loc.field = field;
    return loc;
  };
  const maxRejects = options.maxRejects ?? 1000;
  let lineNo = 0;
  let header: string[] | null = null;
  let sep = ',';
  let col: Record<Column, number> = { object_id: -1, account_id: -1, content_id: -1, timestamp_share: -1 };
  let pending = '';
  let pendingStart = 0;
  let pendingLines = 0;
  let rows = 0;
  let rejected = 0;

  const reject = (line: number, reason: string, text: string, field?: string) => {
    if (options.strict)
      throw new OgohError('INPUT_PARSE', reason, { ...where(line, field), hint: 'fix or remove the row' });
    rejected++;
    const r: ShareCsvReject = { line, reason, text: cut(text) };
    if (field !== undefined) r.field = field;
    options.onReject?.(r);
    if (rejected >= maxRejects && rejected > rows) {
      throw new OgohError(
        'INPUT_PARSE',
        `${rejected} of the first ${rows + rejected} rows are malformed; last: ${reason}`,
        {
          ...where(line, field),
          hint: `is this a share-event CSV with columns ${SHARE_CSV_COLUMNS.join(',')}?`,
        },
      );
    }
  };

  const readHeader = (text: string, line: number) => {
    const clean = text.replace(/^\uFEFF/, '');
    if (!clean.includes(',') && clean.includes('\t')) sep = '\t';
    else if (!clean.includes(',') && clean.includes(';')) sep = ';';
    let names: string[] | null;
    try {
      names = splitRecord(clean, sep);
    } catch (e) {
      throw new OgohError('INPUT_PARSE', `header row: ${(e as Error).message}`, where(line));
    }
    if (!names) throw new OgohError('INPUT_PARSE', 'header row has an unclosed quote', where(line));
    header = names.map((h) => h.trim().toLowerCase());
    col = { object_id: -1, account_id: -1, content_id: -1, timestamp_share: -1 };
    header.forEach((h, i) => {
      const c = (SHARE_CSV_COLUMNS as readonly string[]).includes(h) ? (h as Column) : ALIASES[h];
      if (c !== undefined && col[c] === -1) col[c] = i;
    });
    for (const c of SHARE_CSV_COLUMNS) {
      if (col[c] === -1) {
        throw new OgohError('INPUT_FIELD', `missing column "${c}" in the header`, {
          ...where(line, c),
          hint: `the header must name ${SHARE_CSV_COLUMNS.join(', ')}; found: ${header.join(', ') || '(nothing)'}`,
        });
      }
    }
  };

  const readRow = (text: string, line: number, fields: string[]): ShareEvent | null => {
    const h = header!;
    if (fields.length !== h.length) {
      reject(line, `expected ${h.length} fields, found ${fields.length}`, text);
      return null;
    }
    for (const c of SHARE_CSV_COLUMNS) {
      if (fields[col[c]]!.trim() === '') {
        reject(line, `empty ${c}`, text, c);
        return null;
      }
    }
    const rawTime = fields[col.timestamp_share]!;
    const timestamp = parseShareTimestamp(rawTime);
    if (!Number.isFinite(timestamp)) {
      reject(
        line,
        `timestamp_share "${cut(rawTime)}" is neither unix seconds nor an ISO 8601 date`,
        text,
        'timestamp_share',
      );
      return null;
    }
    return {
      objectId: fields[col.object_id]!.trim(),
      accountId: fields[col.account_id]!.trim(),
      contentId: fields[col.content_id]!.trim(),
      timestamp,
    };
  };

  for await (const raw of lines) {
    lineNo++;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (header === null) {
      if (text.trim() !== '') readHeader(text, lineNo);
      continue;
    }
    let record = text;
    let start = lineNo;
    if (pendingLines > 0) {
      record = `${pending}\n${text}`;
      start = pendingStart;
    } else if (text.trim() === '') continue;
    let fields: string[] | null;
    try {
      fields = splitRecord(record, sep);
    } catch (e) {
      pendingLines = 0;
      reject(start, (e as Error).message, record);
      continue;
    }
    if (fields === null) {
      if (++pendingLines >= MAX_ROW_LINES) {
        pendingLines = 0;
        reject(start, `unclosed quote (row runs over ${MAX_ROW_LINES} lines)`, record);
        continue;
      }
      pending = record;
      pendingStart = start;
      continue;
    }
    pendingLines = 0;
    const e = readRow(record, start, fields);
    if (e) {
      rows++;
      yield e;
    }
  }
  if (pendingLines > 0) reject(pendingStart, 'unclosed quote at the end of the input', pending);
  if (header === null)
    throw new OgohError('INPUT_PARSE', 'no header row: the input is empty', {
      ...where(1),
      hint: `the first line must name the columns ${SHARE_CSV_COLUMNS.join(',')}`,
    });
  return { rows, rejected };
}

export interface LoadedShareCsv {
  table: ShareTable;
  /** rows read (kept + dropped as self-shares) */
  rows: number;
  /** rows whose content_id equals their object_id (originals, not shares) */
  selfShares: number;
  rejectedCount: number;
  /** the first 100 rejects */
  rejected: ShareCsvReject[];
}

/**
 * Reads share-event CSV lines straight into an interned `ShareTable`: the path for big files, since no
 * event object outlives its row. Same errors as `readShareCsv`.
 */
export async function loadShareCsv(
  lines: AsyncIterable<string> | Iterable<string>,
  options: ShareCsvOptions & { expectedRows?: number } = {},
): Promise<LoadedShareCsv> {
  const builder = new ShareTableBuilder(options.expectedRows ?? 1 << 16);
  const rejected: ShareCsvReject[] = [];
  let rejectedCount = 0;
  let rows = 0;
  const onReject = (r: ShareCsvReject) => {
    rejectedCount++;
    if (rejected.length < 100) rejected.push(r);
    options.onReject?.(r);
  };
  const { expectedRows: _ignored, ...readOptions } = options;
  for await (const e of readShareCsv(lines, { ...readOptions, onReject })) {
    rows++;
    builder.add(e.objectId, e.accountId, e.timestamp, e.contentId);
  }
  return { table: builder.build(), rows, selfShares: builder.selfShares, rejectedCount, rejected };
}
