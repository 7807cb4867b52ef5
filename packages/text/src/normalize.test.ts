import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fold, foldKey, normalize, normalizeWithOffsets, originalSpan } from './normalize.ts';

test('normalize: NFC, lower case, ё→е, whitespace collapsed and trimmed', () => {
  assert.equal(normalize('  ҲУКУМАТИ \t\n Тоҷикистон  '), 'ҳукумати тоҷикистон');
  assert.equal(normalize('Ёлка и ЁЖ'), 'елка и еж');
  // decomposed ӣ and ӯ (base + U+0304) compose to the Tajik letters
  assert.equal(normalize('Тоҷики\u0304 ру\u0304з'), 'тоҷикӣ рӯз');
  assert.equal(normalize('и\u0306'), 'й');
  assert.equal(normalize(''), '');
  assert.equal(normalize(' \n\t '), '');
});

test('normalize: Tajik lookalike letters become Tajik letters; ў is kept (a real Uzbek letter)', () => {
  assert.equal(normalize('Тоҷикистонї'), 'тоҷикистонӣ');
  assert.equal(normalize('һукумат ӌанг ҝонун ҡонун ќонун ѓайр ѐ'), 'ҳукумат ҷанг қонун қонун қонун ғайр е');
  assert.equal(normalize('Ўзбекистон'), 'ўзбекистон');
});

test('normalize: Uzbek apostrophe variants become one form', () => {
  const variants = ['Oʻzbekiston', 'Oʼzbekiston', "O'zbekiston", 'O‘zbekiston', 'O’zbekiston', 'O`zbekiston'];
  for (const v of variants) assert.equal(normalize(v), "o'zbekiston", v);
});

test('normalize: invisible characters are dropped; stress accents removed', () => {
  assert.equal(normalize('теро\u00adрист\u200bы'), 'терористы');
  assert.equal(normalize('за́мок'), 'замок');
});

test('normalize: Latin lookalikes inside a Cyrillic word (and the reverse) are repaired', () => {
  // "ПуTин" with a Latin T, "Tоjikiston" with a Cyrillic о
  assert.equal(normalize('ПуTин'), 'путин');
  const t = normalize('Tоjikiston');
  assert.equal(t, 'tojikiston');
  assert.ok([...t].every((c) => c.charCodeAt(0) < 0x80));
  // a word with a Latin letter that has no Cyrillic lookalike is left alone
  assert.equal(normalize('Пуqин'), 'пуqин');
});

test('normalize: Persian forms of Arabic letters, tatweel and vowel marks', () => {
  assert.equal(normalize('علي كتاب'), 'علی کتاب');
  assert.equal(normalize('کـــتاب'), 'کتاب');
  assert.equal(normalize('كِتَاب'), 'کتاب');
});

test('fold: Tajik letters to the Russian-layout letters, both cases, ў→у; length preserved', () => {
  assert.equal(fold('ҳукумати тоҷикистон'), 'хукумати точикистон');
  assert.equal(fold('қарор ғалаба ӣ ӯ ў'), 'карор галаба и у у');
  assert.equal(fold('Ҳукумати Тоҷикистон'), 'Хукумати Точикистон');
  assert.equal(fold('россия'), 'россия');
  const s = 'ҷамъияти ғайридавлатӣ';
  assert.equal(fold(s).length, s.length);
});

test('foldKey: proper Tajik and Tajik typed on a Russian layout get the same key', () => {
  assert.equal(foldKey('Ҳукумати Ҷумҳурии Тоҷикистон'), foldKey('Хукумати Чумхурии Точикистон'));
  assert.equal(foldKey('Ҳукумати Тоҷикистон'), fold(normalize('Ҳукумати Тоҷикистон')));
  assert.equal(foldKey('ҲУКУМАТИ  һукумат'), 'хукумати хукумат');
});

test('normalizeWithOffsets: every normalised unit maps back into the original', () => {
  const original = '  Ҳукумати\u00a0 Тоҷики\u0304  ПуTин\u00ad! ';
  const n = normalizeWithOffsets(original);
  assert.equal(n.norm, normalize(original));
  assert.equal(n.fold, fold(n.norm));
  assert.equal(n.starts.length, n.norm.length);
  // find "тоҷикӣ" in the normalised text and cut it from the original
  const at = n.norm.indexOf('тоҷикӣ');
  const span = originalSpan(n, at, at + 'тоҷикӣ'.length);
  assert.equal(original.slice(span.start, span.end), 'Тоҷики\u0304');
  // and a folded match
  const f = n.fold.indexOf('путин');
  const s2 = originalSpan(n, f, f + 5);
  assert.equal(original.slice(s2.start, s2.end), 'ПуTин');
  assert.deepEqual(originalSpan(n, 0, 0), { start: 2, end: 2 });
  assert.throws(() => originalSpan(n, 3, 1), RangeError);
});

test('normalizeWithOffsets agrees with normalize on awkward input', () => {
  const inputs = [
    'İstanbul ǅ ﬁ',
    'a\u0301\u0302b',
    '\u0304 orphan mark',
    'x\u200d\u0304y',
    'emoji 😀 and 𝐀',
    'tab\tnew\nline\r\n',
    'ΣΟΦΙΑ',
  ];
  for (const s of inputs) {
    const n = normalizeWithOffsets(s);
    assert.equal(n.norm, normalize(s), s);
    for (let i = 0; i < n.norm.length; i++) {
      assert.ok(n.starts[i]! < n.ends[i]! && n.ends[i]! <= s.length, `${s} @${i}`);
      if (i > 0) assert.ok(n.starts[i]! >= n.starts[i - 1]!, `${s} monotone @${i}`);
    }
  }
});

test('normalize handles long input (buffer growth)', () => {
  const long = 'Ҳукумати Тоҷикистон '.repeat(5000);
  const n = normalize(long);
  assert.equal(n.length, long.length - 1);
  assert.ok(n.startsWith('ҳукумати тоҷикистон ҳукумати'));
});
