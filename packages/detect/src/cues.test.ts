import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type CueEntry, compileCues, matchCues } from './cues.ts';
import { analyzeText } from './view.ts';

const entry = (id: string, lang: CueEntry['lang'], text: string, cue = 0): CueEntry => ({
  target: { kind: 'narrative', id },
  cue,
  lang,
  text,
  weight: 0.5,
});

const matcher = compileCues([
  entry('ru-guarantor', 'ru', 'гарант безопасности'),
  entry('ru-guarantor', 'ru', 'ОДКБ', 1),
  entry('isk-puppet', 'tg', 'ҳукумати лӯхтак'),
  entry('isk-puppet', 'tg', 'ғуломони Маскав', 1),
  entry('isk-puppet', 'en', 'war on Islam in Tajikistan', 2),
  entry('isk-puppet', 'uz', 'qoʻgʻirchoq hukumat', 3),
  entry('ru-terror', 'ru', 'кому выгодно'),
  entry('ru-terror', 'ru', 'за терактом стоят западные спецслужбы', 1),
]);

function hits(text: string, lang?: 'tg' | 'ru' | 'en' | 'uz') {
  return matchCues(matcher, analyzeText(text, lang)).map((h) => ({
    id: h.cue.target.id,
    cue: h.cue.text,
    match: h.match,
    text: text.slice(h.start, h.end),
  }));
}

test('a Russian cue matches its inflections through the stem', () => {
  const h = hits('Россия остаётся гарантом безопасности в регионе.');
  assert.deepEqual(h, [
    { id: 'ru-guarantor', cue: 'гарант безопасности', match: 'stemmed', text: 'гарантом безопасности' },
  ]);
});

test('a Tajik cue matches keyboard-folded and suffixed forms', () => {
  assert.deepEqual(hits('Ҳукумати лӯхтак боз дурӯғ гуфт.')[0]?.match, 'exact');
  assert.deepEqual(hits('Хукумати лухтак боз дуруг гуфт.')[0], {
    id: 'isk-puppet',
    cue: 'ҳукумати лӯхтак',
    match: 'folded',
    text: 'Хукумати лухтак',
  });
  const suffixed = hits('Гуломони Маскавро бинед');
  assert.equal(suffixed[0]?.cue, 'ғуломони Маскав');
  assert.equal(suffixed[0]?.match, 'stemmed');
});

test('multi-word cues allow one intervening word, optional function words, never two sentences', () => {
  assert.equal(hits('Кому это выгодно?').length, 1);
  assert.equal(hits('За вчерашним терактом стоят западные спецслужбы.').length, 1);
  assert.equal(hits('За терактом несомненно очевидно стоят западные спецслужбы.').length, 0);
  assert.equal(hits('It is a war against Islam in Tajikistan.')[0]?.cue, 'war on Islam in Tajikistan');
  assert.equal(hits('Гарант. Безопасности нет.').length, 0);
  assert.equal(
    hits('гарантированной безопасности').length,
    0,
    'a longer word sharing a prefix does not match',
  );
});

test('Uzbek Latin cues match whatever apostrophe the writer used', () => {
  for (const t of ["Bu qo'g'irchoq hukumat", 'Bu qoʻgʻirchoq hukumat', 'Bu qo‘g‘irchoq hukumat'])
    assert.equal(hits(t, 'uz')[0]?.id, 'isk-puppet', t);
});

test('evidence offsets index the original string, also with decomposed letters and invisible characters', () => {
  // ӯ written as у + combining macron, a zero-width space inside a word, and an emoji before
  const text = '🔥 Ҳукумати лу\u0304хтак ва ғуло\u200bмони Маскав!';
  const h = matchCues(matcher, analyzeText(text));
  assert.equal(h.length, 2);
  assert.equal(text.slice(h[0]!.start, h[0]!.end), 'Ҳукумати лу\u0304хтак');
  assert.equal(text.slice(h[1]!.start, h[1]!.end), 'ғуло\u200bмони Маскав');
});

test('matching is one pass: cost grows linearly with the text', () => {
  const sentence = 'Хукумати лухтак ва ОДКБ. Обычный текст без ключевых слов, просто новости дня. ';
  const small = analyzeText(sentence.repeat(50));
  const big = analyzeText(sentence.repeat(500));
  assert.equal(matchCues(matcher, big).length, 10 * matchCues(matcher, small).length);
});
