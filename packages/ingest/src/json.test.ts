import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JsonCursor, jsonSyntaxError } from './json.ts';
import { rng } from './testing.ts';

function parses(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

describe('jsonSyntaxError', () => {
  it('points at the offending character', () => {
    assert.deepEqual(jsonSyntaxError('{"a":}'), { offset: 5, message: "expected a value, unexpected '}'" });
    assert.equal(jsonSyntaxError('{"a":1 "b":2}')?.offset, 7);
    assert.equal(jsonSyntaxError('{"a":1,}')?.offset, 7);
    assert.equal(jsonSyntaxError('[1,2')?.offset, 4);
    assert.equal(jsonSyntaxError('{"a":"x\ny"}')?.message, 'unescaped line break inside a string');
    assert.equal(jsonSyntaxError('{"a":"unterminated}')?.offset, 5);
    assert.equal(jsonSyntaxError('')?.message, 'empty input, unexpected end of input');
    assert.equal(jsonSyntaxError('{} x')?.offset, 3);
    assert.equal(jsonSyntaxError('{"a": 01}')?.offset, 7);
    assert.equal(jsonSyntaxError(' {"a": [true, false, null, -1.5e3, "\\u0041\\n"]} '), undefined);
  });

  it('agrees with JSON.parse on valid and mutated documents', () => {
    const rand = rng(42);
    const base =
      '{"id": 1, "text": ["a", {"type": "link", "text": "https://x.tj"}], "n": -0.5e-3, "ok": true, "z": null}';
    const alphabet = '{}[]",:0123456789-+.eE \\ntrufalsn\u0000';
    for (let i = 0; i < 3000; i++) {
      const chars = [...base];
      for (let k = 0; k < 1 + Math.floor(rand() * 3); k++) {
        const at = Math.floor(rand() * chars.length);
        const op = rand();
        const c = alphabet[Math.floor(rand() * alphabet.length)] as string;
        if (op < 0.4) chars[at] = c;
        else if (op < 0.7) chars.splice(at, 1);
        else chars.splice(at, 0, c);
      }
      const s = chars.join('');
      assert.equal(jsonSyntaxError(s) === undefined, parses(s), s);
    }
  });

  it('does not overflow the stack on deep nesting', () => {
    assert.equal(jsonSyntaxError(`${'['.repeat(200_000)}${']'.repeat(200_000)}`), undefined);
    assert.equal(jsonSyntaxError('['.repeat(200_000))?.offset, 200_000);
  });
});

describe('JsonCursor', () => {
  it('finds the spans of array elements under a key', () => {
    const s = '{"name": "x", "messages": [ {"id": 1, "t": "a]}\\"b"} , {"id": 2}, 3 ], "after": {}}';
    const c = new JsonCursor(s);
    const at = c.find(0, 'messages');
    const spans = c.elements(at).map((e) => s.slice(e.start, e.end));
    assert.deepEqual(spans, ['{"id": 1, "t": "a]}\\"b"}', '{"id": 2}', '3']);
    assert.equal(c.find(0, 'missing'), -1);
  });
});
