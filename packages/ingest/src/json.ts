/**
 * JSON helpers V8 does not give us: the offset of the first syntax error (Node 20's JSON.parse
 * messages often omit it) and the source offsets of array elements (so each Telegram message keeps
 * its verbatim text). Both are iterative, so deeply nested input cannot overflow the stack.
 */

export interface JsonSyntaxError {
  /** UTF-16 offset of the offending character (or of the end of input) */
  offset: number;
  message: string;
}

enum S {
  Value,
  ValueOrEnd,
  KeyOrEnd,
  Key,
  Colon,
  After,
}

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function describe(s: string, i: number): string {
  if (i >= s.length) return 'unexpected end of input';
  const ch = s.codePointAt(i) as number;
  const c = String.fromCodePoint(ch);
  const shown =
    ch < 0x20 ? `U+${ch.toString(16).padStart(4, '0').toUpperCase()}` : c === "'" ? `"'"` : `'${c}'`;
  return `unexpected ${shown}`;
}

/**
 * Locate the first JSON syntax error in `s`, or undefined if `s` is one valid JSON value.
 * @example jsonSyntaxError('{"a":}') // { offset: 5, message: 'expected a value, unexpected "}"' }
 */
export function jsonSyntaxError(s: string): JsonSyntaxError | undefined {
  const stack: number[] = []; // 1 object, 2 array
  let state = S.Value;
  let i = 0;
  const n = s.length;
  const fail = (what: string, at: number): JsonSyntaxError => ({
    offset: at,
    message: `${what}, ${describe(s, at)}`,
  });
  for (;;) {
    while (i < n && isWs(s.charCodeAt(i))) i++;
    const c = i < n ? s.charCodeAt(i) : -1;
    switch (state) {
      case S.ValueOrEnd:
        if (c === 0x5d) {
          stack.pop();
          i++;
          state = S.After;
          break;
        }
        state = S.Value;
        continue;
      case S.Value: {
        if (c === 0x7b) {
          stack.push(1);
          i++;
          state = S.KeyOrEnd;
        } else if (c === 0x5b) {
          stack.push(2);
          i++;
          state = S.ValueOrEnd;
        } else if (c === 0x22) {
          const r = scanString(s, i);
          if (typeof r !== 'number') return r;
          i = r;
          state = S.After;
        } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
          const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
          m.lastIndex = i;
          const r = m.exec(s);
          if (!r || r[0] === '-' || r[0] === '') return fail('invalid number', i);
          i += r[0].length;
          state = S.After;
        } else if (s.startsWith('true', i)) {
          i += 4;
          state = S.After;
        } else if (s.startsWith('false', i)) {
          i += 5;
          state = S.After;
        } else if (s.startsWith('null', i)) {
          i += 4;
          state = S.After;
        } else return fail(stack.length === 0 && i >= n ? 'empty input' : 'expected a value', i);
        break;
      }
      case S.KeyOrEnd:
        if (c === 0x7d) {
          stack.pop();
          i++;
          state = S.After;
          break;
        }
        state = S.Key;
        continue;
      case S.Key: {
        if (c !== 0x22) return fail('expected a property name in double quotes', i);
        const r = scanString(s, i);
        if (typeof r !== 'number') return r;
        i = r;
        state = S.Colon;
        break;
      }
      case S.Colon:
        if (c !== 0x3a) return fail('expected ":" after a property name', i);
        i++;
        state = S.Value;
        break;
      case S.After: {
        const top = stack[stack.length - 1];
        if (top === undefined) return i >= n ? undefined : fail('unexpected text after the JSON value', i);
        if (c === 0x2c) {
          i++;
          state = top === 1 ? S.Key : S.Value;
        } else if (top === 1 && c === 0x7d) {
          stack.pop();
          i++;
        } else if (top === 2 && c === 0x5d) {
          stack.pop();
          i++;
        } else
          return fail(
            top === 1
              ? 'expected "," or "}" after a property value'
              : 'expected "," or "]" after an array element',
            i,
          );
        break;
      }
    }
  }
}

/** End offset (exclusive) of the string starting at `i`, or the error inside it. */
function scanString(s: string, i: number): number | JsonSyntaxError {
  const n = s.length;
  let j = i + 1;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c === 0x5c) {
      const e = s.charCodeAt(j + 1);
      if (e === 0x75) {
        if (!/^[0-9a-fA-F]{4}$/.test(s.slice(j + 2, j + 6)))
          return { offset: j, message: 'invalid \\u escape in a string' };
        j += 6;
        continue;
      }
      // " \ / b f n r t
      if (
        e === 0x22 ||
        e === 0x5c ||
        e === 0x2f ||
        e === 0x62 ||
        e === 0x66 ||
        e === 0x6e ||
        e === 0x72 ||
        e === 0x74
      ) {
        j += 2;
        continue;
      }
      return { offset: j, message: 'invalid escape in a string' };
    }
    if (c < 0x20)
      return {
        offset: j,
        message:
          c === 0x0a ? 'unescaped line break inside a string' : 'unescaped control character inside a string',
      };
    j++;
  }
  return { offset: i, message: 'unterminated string' };
}

/**
 * Walks valid JSON text by offsets without building values: used after JSON.parse succeeded, to find
 * where each element of an array sits in the source.
 */
export class JsonCursor {
  constructor(readonly text: string) {}

  ws(i: number): number {
    const s = this.text;
    while (i < s.length && isWs(s.charCodeAt(i))) i++;
    return i;
  }

  /** End (exclusive) of the string starting at `i`. */
  skipString(i: number): number {
    const s = this.text;
    let j = i + 1;
    for (;;) {
      const q = s.indexOf('"', j);
      if (q === -1) return s.length;
      let b = q - 1;
      while (s.charCodeAt(b) === 0x5c) b--;
      if ((q - 1 - b) % 2 === 0) return q + 1;
      j = q + 1;
    }
  }

  /** End (exclusive) of the value starting at `i` (after whitespace). */
  skipValue(i: number): number {
    const s = this.text;
    const c = s.charCodeAt(i);
    if (c === 0x22) return this.skipString(i);
    if (c !== 0x7b && c !== 0x5b) {
      let j = i;
      while (j < s.length) {
        const d = s.charCodeAt(j);
        if (d === 0x2c || d === 0x7d || d === 0x5d || isWs(d)) break;
        j++;
      }
      return j;
    }
    let depth = 0;
    let j = i;
    while (j < s.length) {
      const d = s.charCodeAt(j);
      if (d === 0x22) {
        j = this.skipString(j);
        continue;
      }
      if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return s.length;
  }

  /** Entries of the object at `i`: key and the offset where its value starts. */
  *entries(i: number): Generator<[string, number]> {
    const s = this.text;
    let j = this.ws(i);
    if (s.charCodeAt(j) !== 0x7b) return;
    j = this.ws(j + 1);
    while (j < s.length && s.charCodeAt(j) !== 0x7d) {
      const kEnd = this.skipString(j);
      let key: string;
      try {
        key = JSON.parse(s.slice(j, kEnd)) as string;
      } catch {
        return;
      }
      const v = this.ws(this.ws(kEnd) + 1);
      yield [key, v];
      j = this.ws(this.skipValue(v));
      if (s.charCodeAt(j) === 0x2c) j = this.ws(j + 1);
    }
  }

  /** Spans of the elements of the array at `i`. */
  elements(i: number): { start: number; end: number }[] {
    const s = this.text;
    const out: { start: number; end: number }[] = [];
    let j = this.ws(i);
    if (s.charCodeAt(j) !== 0x5b) return out;
    j = this.ws(j + 1);
    while (j < s.length && s.charCodeAt(j) !== 0x5d) {
      const end = this.skipValue(j);
      out.push({ start: j, end });
      j = this.ws(end);
      if (s.charCodeAt(j) === 0x2c) j = this.ws(j + 1);
      else break;
    }
    return out;
  }

  /** Offset of the value at `key` in the object at `i`, or -1 (the last one wins, as in JSON.parse). */
  find(i: number, key: string): number {
    let at = -1;
    for (const [k, v] of this.entries(i)) if (k === key) at = v;
    return at;
  }
}
