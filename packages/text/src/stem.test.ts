import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalize } from './normalize.ts';
import { isStopword, stem, stemKey } from './stem.ts';

const n = normalize;

test('Tajik: inflected forms of a noun share a stem', () => {
  for (const w of [
    'ҳукумат',
    'ҳукумати',
    'ҳукуматҳо',
    'ҳукуматҳои',
    'ҳукуматҳоро',
    'ҳукуматамон',
    'ҳукуматро',
  ]) {
    assert.equal(stemKey(n(w), 'tg'), stemKey(n('ҳукумат'), 'tg'), w);
  }
  for (const w of ['кишвар', 'кишвари', 'кишварҳо', 'кишварҳояшон', 'кишварро'])
    assert.equal(stem(n(w), 'tg'), 'кишвар', w);
  assert.equal(stem(n('иқтисодиёти'), 'tg'), stem(n('иқтисодӣ'), 'tg'));
  assert.equal(stem(n('ҷавонон'), 'tg'), stem(n('ҷавон'), 'tg'));
  assert.equal(stem(n('мардон'), 'tg'), 'мард');
});

test('Tajik: proper and keyboard-folded forms get the same stem key', () => {
  assert.equal(stemKey(n('ҳукуматҳо'), 'tg'), stemKey(n('хукуматхо'), 'tg'));
  assert.equal(stemKey(n('тадбирҳои'), 'tg'), stemKey(n('тадбирхои'), 'tg'));
  assert.equal(stemKey(n('ҳукуматҳо'), 'tg'), 'хукум');
  // stem keeps the Tajik letters of its input; stemKey is folded
  assert.equal(stem(n('ҳукуматҳо'), 'tg'), 'ҳукум');
});

test('Tajik: verb prefixes go only where the word is plainly a verb; never under 3 letters', () => {
  assert.equal(stem(n('мешавад'), 'tg'), stem(n('шавад'), 'tg'));
  assert.equal(stem(n('мекунанд'), 'tg'), 'кун');
  assert.equal(stem(n('накард'), 'tg'), 'кард');
  assert.equal(stem(n('мекард'), 'tg'), 'кард');
  // not verbs: the prefix-like start stays
  assert.equal(stem(n('назар'), 'tg'), 'назар');
  assert.equal(stem(n('мерос'), 'tg'), 'мерос');
  assert.equal(stem(n('натиҷаҳо'), 'tg'), 'натиҷа');
  for (const w of ['ҳам', 'онро', 'баҳо', 'олам', 'зан']) assert.ok(stem(n(w), 'tg').length >= 3, w);
});

test('Russian (Snowball), Uzbek, English and Persian stems meet across inflections', () => {
  assert.equal(stem('государственного', 'ru'), stem('государственный', 'ru'));
  assert.equal(stem('россии', 'ru'), stem('россия', 'ru'));
  assert.equal(stem('kitoblarimizning', 'uz'), 'kitob');
  assert.equal(stem('kitobni', 'uz'), 'kitob');
  assert.equal(stem('китобларни', 'uz'), 'китоб');
  assert.equal(stem(n('Ўзбекистонда'), 'uz'), 'ўзбекистон');
  for (const w of ['attacks', 'attacked', 'attacking']) assert.equal(stem(w, 'en'), 'attack', w);
  assert.equal(stem('running', 'en'), 'run');
  assert.equal(stem('countries', 'en'), 'country');
  assert.equal(stem('crisis', 'en'), 'crisis');
  assert.equal(stem('کتابها', 'fa'), 'کتاب');
  assert.equal(stem('ایران', 'fa'), 'ایران');
});

test('stem and stemKey leave unknown languages and empty tokens alone', () => {
  assert.equal(stem('ҳукуматҳо', 'und'), 'ҳукуматҳо');
  assert.equal(stemKey('ҳукуматҳо', 'und'), 'хукуматхо');
  assert.equal(stem('', 'tg'), '');
});

test('isStopword: per language, and Tajik stop words also in their keyboard-folded form', () => {
  assert.ok(isStopword('ва', 'tg'));
  assert.ok(isStopword('ҳам', 'tg'));
  assert.ok(isStopword('хам', 'tg'));
  assert.ok(isStopword('барои', 'tg'));
  assert.ok(!isStopword('ҳукумат', 'tg'));
  assert.ok(isStopword('что', 'ru'));
  assert.ok(isStopword("bo'lgan", 'uz'));
  assert.ok(isStopword('бўлган', 'uz'));
  assert.ok(isStopword('the', 'en'));
  assert.ok(isStopword('است', 'fa'));
  assert.ok(isStopword('що', 'uk'));
  assert.ok(!isStopword('the', 'und'));
});
