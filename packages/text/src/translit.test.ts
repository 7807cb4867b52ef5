import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldKey } from './normalize.ts';
import {
  latinToRussianCandidates,
  latinToTajikCandidates,
  persoArabicToTg,
  ruToLatin,
  tgCyrillicToLatin,
  tgToPersoArabic,
} from './translit.ts';

test('tgCyrillicToLatin: informal chat spelling, case kept', () => {
  assert.equal(tgCyrillicToLatin('Ҳукумати Тоҷикистон'), 'Hukumati Tojikiston');
  assert.equal(tgCyrillicToLatin('ғалаба қарор Хуҷанд'), 'ghalaba qaror Khujand');
  assert.equal(tgCyrillicToLatin('2024, «ок»'), '2024, «ok»');
});

test('ruToLatin: GOST-like passport scheme', () => {
  assert.equal(ruToLatin('Щёлково'), 'Shchyolkovo');
  assert.equal(ruToLatin('Путин заявил'), 'Putin zayavil');
  assert.equal(ruToLatin('объявление Цюрих'), 'obyavlenie Tsyurikh');
});

test('latinToTajikCandidates: likeliest spelling first, variants meet on the folded key', () => {
  assert.equal(latinToTajikCandidates('hukumat')[0], 'ҳукумат');
  assert.equal(latinToTajikCandidates('Tojikiston')[0], 'тоҷикистон');
  assert.equal(latinToTajikCandidates('dzhang')[0], 'ҷанг');
  assert.equal(latinToTajikCandidates('ghalaba')[0], 'ғалаба');
  assert.ok(latinToTajikCandidates('jang').includes('жанг'));
  assert.equal(latinToTajikCandidates('hukumat', 3).length, 3);
  // the keyboard-folded key of the first candidate equals that of the proper word
  assert.equal(foldKey(latinToTajikCandidates('qaror')[0]!), foldKey('қарор'));
  assert.deepEqual(latinToTajikCandidates(''), ['']);
});

test('latinToRussianCandidates: translit Russian back to Cyrillic', () => {
  assert.equal(latinToRussianCandidates('privet')[0], 'привет');
  assert.equal(latinToRussianCandidates('shchuka')[0], 'щука');
  assert.ok(latinToRussianCandidates('zayavil').includes('заявил'));
});

test('Perso-Arabic mapping is rough but keeps the consonant skeleton', () => {
  assert.equal(persoArabicToTg('تاجیکستان'), 'тоҷикстон');
  assert.equal(persoArabicToTg('کتاب'), 'ктоб');
  assert.equal(persoArabicToTg('Ogoh'), 'Ogoh');
  assert.equal(tgToPersoArabic('китоб'), 'کیتاب');
  assert.equal(tgToPersoArabic('Афғонистон'), 'افغانیستان');
});
