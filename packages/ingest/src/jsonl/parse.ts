/**
 * JSONL (one JSON object per line) → records, streaming. Blank lines are skipped; a line that is not
 * valid JSON stops the file with its line and column (a broken line usually means a broken export);
 * valid lines without text, non-object lines and over-long lines are rejected and the file goes on.
 * Column maps may use dotted paths (`user.name`); author/source values that are objects contribute
 * their name and id.
 */
import { OgohError } from '@ogoh/core';
import { jsonSyntaxError } from '../json.ts';
import { checkMap, type RowFields, recognise, rowEvent } from '../tabular.ts';
import { MAP_TARGETS, type MapTarget, type ParseEvent } from '../types.ts';

export interface JsonlParseOptions {
  map?: Record<string, string>;
  maxFieldChars: number;
}

type Json = Record<string, unknown>;

function valueAt(obj: Json, path: string): unknown {
  if (path in obj) return obj[path];
  if (!path.includes('.')) return undefined;
  let v: unknown = obj;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = (v as Json)[part];
  }
  return v;
}

const NAME_KEYS = ['name', 'username', 'screen_name', 'title', 'display_name'];
const ID_KEYS = ['id', 'id_str', 'user_id', 'username'];

/** A JSON value as field text; objects give their name, arrays of text pieces are joined. */
function asText(v: unknown, target: MapTarget): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) {
    if (target !== 'text' && target !== 'title') return undefined;
    const parts = v.map((p) =>
      typeof p === 'string'
        ? p
        : p && typeof p === 'object' && typeof (p as Json).text === 'string'
          ? ((p as Json).text as string)
          : '',
    );
    return parts.join('');
  }
  if (v && typeof v === 'object') {
    const keys =
      target === 'authorId' ? ID_KEYS : target === 'author' || target === 'source' ? NAME_KEYS : [];
    for (const k of keys) {
      const x = (v as Json)[k];
      if (typeof x === 'string' || typeof x === 'number') return String(x);
    }
  }
  return undefined;
}

/**
 * Parse JSONL text chunks.
 * @throws OgohError INPUT_PARSE with line and column for a line that is not valid JSON; USAGE for a bad map
 */
export async function* parseJsonl(
  chunks: AsyncIterable<string>,
  opts: JsonlParseOptions,
): AsyncGenerator<ParseEvent> {
  const map = checkMap(opts.map);
  const maxLine = opts.maxFieldChars * 4 + 65_536;
  let buf = '';
  let line = 1;
  let discarding = false;
  const lineEvent = (text: string, at: number): ParseEvent | undefined => {
    let s = text;
    if (s.charCodeAt(s.length - 1) === 0x0d) s = s.slice(0, -1);
    if (s.trim() === '') return undefined;
    if (s.length > maxLine)
      return { rejected: { line: at, reason: `the line is longer than ${maxLine} characters` } };
    let v: unknown;
    try {
      v = JSON.parse(s);
    } catch (e) {
      const err = jsonSyntaxError(s);
      throw new OgohError(
        'INPUT_PARSE',
        `not valid JSON: ${err?.message ?? (e instanceof Error ? e.message : 'syntax error')}`,
        {
          line: at,
          column: (err?.offset ?? 0) + 1,
          hint: 'each line must be one complete JSON object; fix or remove this line',
          cause: e,
        },
      );
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v))
      return {
        rejected: {
          line: at,
          reason: `the line is ${Array.isArray(v) ? 'an array' : 'not an object'}; expected one JSON object`,
        },
      };
    return objectEvent(v as Json, s, at, map, opts.maxFieldChars);
  };

  for await (const chunk of chunks) {
    let s = buf + chunk;
    let from = 0;
    if (discarding) {
      const nl = s.indexOf('\n');
      if (nl === -1) {
        buf = '';
        continue;
      }
      yield { rejected: { line, reason: `the line is longer than ${maxLine} characters` } };
      line++;
      discarding = false;
      from = nl + 1;
    }
    for (let nl = s.indexOf('\n', from); nl !== -1; nl = s.indexOf('\n', from)) {
      const ev = lineEvent(s.slice(from, nl), line);
      if (ev) yield ev;
      line++;
      from = nl + 1;
    }
    s = s.slice(from);
    if (s.length > maxLine) {
      discarding = true;
      buf = '';
    } else buf = s;
  }
  if (discarding) yield { rejected: { line, reason: `the line is longer than ${maxLine} characters` } };
  else if (buf !== '') {
    const ev = lineEvent(buf, line);
    if (ev) yield ev;
  }
}

/** Lines of one file nearly always share their keys: remember the recognition per key set. */
const recognised = new Map<string, ReturnType<typeof recognise>>();
function recogniseCached(keys: string[]): ReturnType<typeof recognise> {
  const sig = keys.join('\u0000');
  let hit = recognised.get(sig);
  if (!hit) {
    if (recognised.size > 256) recognised.clear();
    hit = recognise(keys);
    recognised.set(sig, hit);
  }
  return hit;
}

function objectEvent(
  obj: Json,
  raw: string,
  line: number,
  map: Partial<Record<MapTarget, string>> | undefined,
  max: number,
): ParseEvent {
  const auto = recogniseCached(Object.keys(obj));
  const fields: RowFields = {};
  for (const t of MAP_TARGETS) {
    const path = map?.[t] ?? auto[t];
    if (path === undefined) continue;
    const v = valueAt(obj, path);
    const text = asText(v, t);
    if (text !== undefined) fields[t] = { value: text, column: path };
    // {"user": {"name": "…", "id": 42}}: the author object also names the author id.
    if (t === 'author' && !fields.authorId && v && typeof v === 'object' && !Array.isArray(v)) {
      const id = asText(v, 'authorId');
      if (id !== undefined && !(map?.authorId ?? auto.authorId))
        fields.authorId = { value: id, column: path };
    }
  }
  return rowEvent(fields, raw, line, max);
}
