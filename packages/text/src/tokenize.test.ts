import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sentences, tokenize } from './tokenize.ts';

test('tokenize: offsets index the original; norm and fold per token', () => {
  const text = 'Ҳукумати Тоҷикистон, «Хукумат»!';
  const tokens = tokenize(text);
  assert.deepEqual(
    tokens.map((t) => [t.text, t.norm, t.fold]),
    [
      ['Ҳукумати', 'ҳукумати', 'хукумати'],
      ['Тоҷикистон', 'тоҷикистон', 'точикистон'],
      ['Хукумат', 'хукумат', 'хукумат'],
    ],
  );
  for (const t of tokens) assert.equal(text.slice(t.start, t.end), t.text);
});

test('tokenize: offsets stay in the original when ӣ arrives decomposed (NFC changes lengths)', () => {
  const text = 'забони тоҷики\u0304 ва ру\u0304з';
  const tokens = tokenize(text);
  assert.deepEqual(
    tokens.map((t) => t.norm),
    ['забони', 'тоҷикӣ', 'ва', 'рӯз'],
  );
  const tj = tokens[1]!;
  assert.equal(text.slice(tj.start, tj.end), 'тоҷики\u0304');
  assert.equal(tj.end - tj.start, 7);
  assert.equal(tj.norm.length, 6);
  const ruz = tokens[3]!;
  assert.equal(ruz.end, text.length);
});

test('tokenize: Uzbek apostrophes stay inside words, including a final gʻ', () => {
  const text = 'Oʻzbekiston togʻ taʼlim gʻalaba';
  assert.deepEqual(
    tokenize(text).map((t) => t.norm),
    ["o'zbekiston", "tog'", "ta'lim", "g'alaba"],
  );
  // a quote mark is not part of a word
  assert.deepEqual(
    tokenize("he said 'yes' then").map((t) => t.text),
    ['he', 'said', 'yes', 'then'],
  );
});

test('tokenize: Arabic script, digits, hyphens, emoji and invisible joiners', () => {
  assert.deepEqual(
    tokenize('دولت تاجیکستان می‌گوید').map((t) => t.norm),
    ['دولت', 'تاجیکستان', 'میگوید'],
  );
  assert.deepEqual(
    tokenize('COVID-19 в 2024-м году 😀 тер\u00adрор').map((t) => t.norm),
    ['covid', '19', 'в', '2024', 'м', 'году', 'террор'],
  );
  assert.deepEqual(tokenize(''), []);
  assert.deepEqual(tokenize(' — ... 😀 '), []);
});

test('sentences: terminators, closing quotes, line breaks, abbreviations and initials', () => {
  const text = 'Президент В. Путин заявил, т.е. сказал. Это «правда». Why?! Yes\nНовая строка… Конец';
  const got = sentences(text).map((s) => text.slice(s.start, s.end));
  assert.deepEqual(got, [
    'Президент В. Путин заявил, т.е. сказал.',
    'Это «правда».',
    'Why?!',
    'Yes',
    'Новая строка…',
    'Конец',
  ]);
  assert.deepEqual(sentences('  '), []);
  assert.deepEqual(
    sentences('3.5 млн сомонӣ. Баъд').map((s) => s.start),
    [0, 16],
  );
});
