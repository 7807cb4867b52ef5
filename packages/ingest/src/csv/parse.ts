/**
 * CSV (RFC 4180) → records, streaming: quoted fields with embedded newlines and "" escapes, CRLF or
 * LF, delimiter detected among , ; TAB | (or Excel's `sep=;` first line), header row required.
 * A row without text is rejected with its line; an unterminated quote stops the file (the rest of the
 * file would be misread).
 */
import { OgohError } from '@ogoh/core';
import { countNewlines } from '../lines.ts';
import { checkMap, type RowFields, recognise, rowEvent } from '../tabular.ts';
import { MAP_TARGETS, type MapTarget, type ParseEvent } from '../types.ts';

export interface CsvParseOptions {
  map?: Record<string, string>;
  maxFieldChars: number;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const CANDIDATES = [',', ';', '\t', '|'];

/** Thrown inside the scanner when the input ends inside quotes; converted with line and column. */
class Unterminated {
  constructor(readonly at: number) {}
}

interface Row {
  fields: string[];
  /** offset where the row's text ends (before its line break) */
  end: number;
  /** offset after the line break */
  next: number;
}

/** Incremental RFC 4180 scanner over a growing buffer. */
class Scanner {
  s = '';
  p = 0;
  final = false;
  private nl = -2;
  private dl = -2;
  constructor(
    private readonly d: number,
    private readonly dch: string,
  ) {}

  /** Drop consumed text and append a chunk. */
  feed(chunk: string, keepFrom: number): void {
    this.s = this.s.slice(keepFrom) + chunk;
    this.p -= keepFrom;
    this.nl = -2;
    this.dl = -2;
  }

  private nextNl(from: number): number {
    if (this.nl === -2 || (this.nl !== -1 && this.nl < from)) this.nl = this.s.indexOf('\n', from);
    return this.nl;
  }

  private nextDl(from: number): number {
    if (this.dl === -2 || (this.dl !== -1 && this.dl < from)) this.dl = this.s.indexOf(this.dch, from);
    return this.dl;
  }

  /** The next row starting at `this.p`, or null when more input is needed. Advances `p` on success. */
  row(): Row | null {
    const s = this.s;
    const n = s.length;
    const d = this.d;
    const final = this.final;
    const fields: string[] = [];
    let p = this.p;
    for (;;) {
      if (p < n && s.charCodeAt(p) === QUOTE) {
        const open = p;
        let from = p + 1;
        let q = from;
        let value = '';
        for (;;) {
          const k = s.indexOf('"', q);
          if (k === -1) {
            if (final) throw new Unterminated(open);
            return null;
          }
          if (k + 1 >= n && !final) return null;
          if (s.charCodeAt(k + 1) === QUOTE) {
            value += s.slice(from, k + 1);
            q = k + 2;
            from = q;
            continue;
          }
          value += s.slice(from, k);
          p = k + 1;
          break;
        }
        const c = p < n ? s.charCodeAt(p) : -1;
        if (c !== d && c !== LF && c !== CR && c !== -1) {
          // Text after a closing quote (`"a"b,`) is kept as written rather than refusing the file.
          const nl = this.nextNl(p);
          const dl = this.nextDl(p);
          let e = nl === -1 ? n : nl;
          if (dl !== -1 && dl < e) e = dl;
          if (nl === -1 && (dl === -1 || dl > e) && !final) return null;
          if (e > p && e === nl && s.charCodeAt(e - 1) === CR) e--;
          value += s.slice(p, e);
          p = e;
        }
        fields.push(value);
      } else {
        const nl = this.nextNl(p);
        const dl = this.nextDl(p);
        if (nl === -1 && !final && (dl === -1 || dl >= n)) return null;
        const lineEnd = nl === -1 ? n : nl;
        if (dl !== -1 && dl < lineEnd) {
          fields.push(s.slice(p, dl));
          p = dl;
        } else {
          let e = lineEnd;
          if (e > p && s.charCodeAt(e - 1) === CR) e--;
          fields.push(s.slice(p, e));
          p = e;
        }
      }
      const c = p < n ? s.charCodeAt(p) : -1;
      if (c === d) {
        p++;
        continue;
      }
      const end = p;
      if (c === CR) {
        p++;
        if (p < n && s.charCodeAt(p) === LF) p++;
        else if (p >= n && !final) return null;
      } else if (c === LF) p++;
      else if (c === -1 && !final) return null;
      this.p = p;
      return { fields, end, next: p };
    }
  }
}

/** Score a delimiter on a sample: many columns, and rows that agree with the header's count. */
function chooseDelimiter(sample: string): string {
  let best = ',';
  let bestScore = 0;
  for (const dch of CANDIDATES) {
    const sc = new Scanner(dch.charCodeAt(0), dch);
    sc.s = sample;
    sc.final = true;
    const counts: number[] = [];
    try {
      while (counts.length < 20 && sc.p < sample.length) {
        const r = sc.row();
        if (!r) break;
        if (r.fields.length === 1 && r.fields[0] === '') continue;
        counts.push(r.fields.length);
      }
    } catch {
      // an unterminated quote in a cut sample says nothing about the delimiter
    }
    const header = counts[0] ?? 0;
    if (header < 2) continue;
    const rest = counts.slice(1);
    const agree = rest.length ? rest.filter((c) => c === header).length / rest.length : 1;
    const score = Math.log2(header) * (0.25 + agree);
    if (score > bestScore) {
      bestScore = score;
      best = dch;
    }
  }
  return best;
}

function positionOf(s: string, at: number, baseLine: number, from: number): { line: number; column: number } {
  const line = baseLine + countNewlines(s, from, at);
  return { line, column: at - (s.lastIndexOf('\n', at - 1) + 1) + 1 };
}

/**
 * Parse CSV text chunks.
 * @throws OgohError INPUT_PARSE (unterminated quote, missing header, runaway record), INPUT_FIELD (a mapped column is missing, no text column), USAGE (bad map)
 */
export async function* parseCsv(
  chunks: AsyncIterable<string>,
  opts: CsvParseOptions,
): AsyncGenerator<ParseEvent> {
  const userMap = checkMap(opts.map);
  const maxRecord = opts.maxFieldChars * 4 + 65_536;
  const it = chunks[Symbol.asyncIterator]();
  try {
    let pending = '';
    let ended = false;
    while (pending.length < 65_536) {
      const r = await it.next();
      if (r.done) {
        ended = true;
        break;
      }
      pending += r.value;
    }
    let line = 1;
    let delimiter: string | undefined;
    const sep = /^sep=([,;\t|])\r?\n/.exec(pending);
    if (sep) {
      delimiter = sep[1] as string;
      pending = pending.slice(sep[0].length);
      line = 2;
    }
    delimiter ??= chooseDelimiter(pending.slice(0, 65_536));
    const sc = new Scanner(delimiter.charCodeAt(0), delimiter);
    sc.s = pending;
    sc.final = ended;

    let header: string[] | undefined;
    let columns: Partial<Record<MapTarget, number>> = {};
    let names: string[] = [];
    for (;;) {
      if (sc.final && sc.p >= sc.s.length) break;
      const start = sc.p;
      let row: Row | null;
      try {
        row = sc.row();
      } catch (e) {
        if (e instanceof Unterminated) {
          const pos = positionOf(sc.s, e.at, line, start);
          throw new OgohError('INPUT_PARSE', 'a quoted field is never closed', {
            line: pos.line,
            column: pos.column,
            hint: `the quote opened here runs to the end of the file; the record starts on line ${line}. Double any quote inside a quoted field ("")`,
          });
        }
        throw e;
      }
      if (row === null) {
        if (sc.final) break;
        if (sc.s.length - start > maxRecord)
          throw new OgohError('INPUT_PARSE', `a record longer than ${maxRecord} characters does not end`, {
            line,
            hint: 'probably an unterminated quote: check the quoting from this line on (or raise maxFieldChars if the fields really are this long)',
          });
        const r = await it.next();
        if (r.done) sc.final = true;
        else sc.feed(r.value, start);
        continue;
      }
      const raw = sc.s.slice(start, row.end);
      const rowLine = line;
      line += countNewlines(sc.s, start, row.next);
      if (row.fields.length === 1 && raw.trim() === '') continue;
      if (!header) {
        header = row.fields.map((h, i) => h.trim().replace(/^\ufeff/, '') || `column_${i + 1}`);
        names = header;
        columns = resolveColumns(header, userMap, rowLine);
        continue;
      }
      if (row.fields.length > names.length && row.fields.slice(names.length).some((f) => f.trim() !== '')) {
        yield {
          rejected: {
            line: rowLine,
            reason: `the row has ${row.fields.length} fields but the header has ${names.length} (a stray "${delimiter === '\t' ? '\\t' : delimiter}" or quote?)`,
          },
        };
        continue;
      }
      const fields: RowFields = {};
      for (const t of MAP_TARGETS) {
        const i = columns[t];
        if (i === undefined) continue;
        const v = row.fields[i];
        if (v !== undefined) fields[t] = { value: v, column: names[i] as string };
      }
      yield rowEvent(fields, raw, rowLine, opts.maxFieldChars);
    }
    if (!header)
      throw new OgohError('INPUT_PARSE', 'the CSV file is empty: a header row is required', {
        line: 1,
        hint: 'the first row must name the columns, e.g. id,date,text',
      });
  } finally {
    // the decoder, and through it the file, closes even when the consumer stops early
    await it.return?.();
  }
}

/**
 * Columns per target: the user's map (exact name, else case-insensitive) over recognised names.
 * @throws OgohError INPUT_FIELD naming a mapped column that is missing, or when there is no text column
 */
function resolveColumns(
  header: string[],
  map: Partial<Record<MapTarget, string>> | undefined,
  line: number,
): Partial<Record<MapTarget, number>> {
  const byName = new Map<string, number>();
  header.forEach((h, i) => {
    if (!byName.has(h)) byName.set(h, i);
  });
  const byLower = new Map<string, number>();
  header.forEach((h, i) => {
    if (!byLower.has(h.toLowerCase())) byLower.set(h.toLowerCase(), i);
  });
  const out: Partial<Record<MapTarget, number>> = {};
  const auto = recognise(header);
  for (const t of MAP_TARGETS) {
    const name = map?.[t] ?? auto[t];
    if (name === undefined) continue;
    const i = byName.get(name) ?? byLower.get(name.toLowerCase());
    if (i === undefined)
      throw new OgohError(
        'INPUT_FIELD',
        `the map names column "${name}" for ${t}, but the header has no such column`,
        {
          line,
          field: name,
          hint: `the header has: ${header.join(', ')}`,
        },
      );
    out[t] = i;
  }
  if (out.text === undefined && out.title === undefined)
    throw new OgohError(
      'INPUT_FIELD',
      'no text column: the header names none of text, body, content, message, title',
      {
        line,
        hint: `the header has: ${header.join(', ')}; map one with --map text=<column>`,
      },
    );
  return out;
}
