/**
 * The concept lexicon: every concept is complete in Tajik, Russian, Uzbek and English, Tajik forms
 * use the Tajik letters, keys reach two concepts only where the collision is a listed, real
 * polysemy, and inflected, keyboard-folded and both-script forms reach their concept.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isOgohError } from '@ogoh/core';
import { analyzeClaim } from '../analyze.ts';
import { CONCEPT_LINES } from './concepts.ts';
import { conceptLexicon, OPPOSITES, parseConcepts, uzbekCyrillic } from './lexicon.ts';

/**
 * Keys that reach two concepts through own-language forms, on purpose: the word means both
 * (шаҳрванд citizen / шаҳрвандӣ citizenship share the Tajik stem; власть is power and the
 * authorities). A new collision fails the test: rename a form or add it here with its reason.
 */
const ALLOWED_COLLISIONS = new Set([
  'tg мухочир migrant,migration',
  'tg шахрв citizenship,citizen',
  'fa شهروند citizenship,citizen',
  'tg чанг fighters,war',
  'ru власт government,power',
  'ru выда hand_over,give',
  'tg гир get,take',
]);

describe('concept lexicon', () => {
  const lex = conceptLexicon();

  test('400+ concepts, each with Tajik, Russian, Uzbek (both scripts) and English forms', () => {
    assert.ok(lex.concepts.length >= 400, String(lex.concepts.length));
    let fa = 0;
    for (const c of lex.concepts) {
      for (const col of ['tg', 'ru', 'uzl', 'uzc', 'en'] as const)
        assert.ok(c.forms[col].length > 0 && c.forms[col].every((f) => f.trim() !== ''), `${c.id} ${col}`);
      assert.ok(
        c.forms.uzc.every((f) => !/[a-z]/.test(f) || /w|c(?!h)/i.test(f)),
        `${c.id}: Uzbek Cyrillic ${c.forms.uzc.join(',')}`,
      );
      if (c.forms.fa.length > 0) fa++;
    }
    assert.ok(fa > 300, `Persian forms for ${fa} concepts`);
    const tajik = lex.concepts.filter((c) => c.forms.tg.some((f) => /[ҳҷқғӣӯ]/.test(f))).length;
    assert.ok(tajik > 200, `only ${tajik} concepts use Tajik letters`);
  });

  test('a key reaches two concepts only where the collision is listed', () => {
    const found = lex.collisions.map((c) => `${c.lang} ${c.key} ${c.concepts.join(',')}`);
    const unexpected = found.filter((c) => !ALLOWED_COLLISIONS.has(c));
    assert.deepEqual(unexpected, []);
  });

  test('opposite pairs name concepts that exist', () => {
    const ids = new Set(lex.concepts.map((c) => c.id));
    for (const [a, bs] of OPPOSITES) for (const b of [a, ...bs]) assert.ok(ids.has(b), b);
  });

  test('Uzbek Latin becomes Cyrillic letter for letter', () => {
    assert.equal(uzbekCyrillic("O'zbekiston"), 'ўзбекистон');
    assert.equal(uzbekCyrillic('yevroosiyo'), 'евроосиё');
    assert.equal(uzbekCyrillic("qo'shimcha"), 'қўшимча');
    assert.equal(uzbekCyrillic("g'arb"), 'ғарб');
    assert.equal(uzbekCyrillic('ekin'), 'экин');
    assert.equal(uzbekCyrillic('chegara'), 'чегара');
  });

  test('inflected, keyboard-folded and both-script forms reach the same concepts', () => {
    const of = (t: string) => new Set(analyzeClaim(t).concepts);
    for (const text of [
      'ба ҳамаи муҳоҷирони тоҷик шаҳрвандӣ медиҳад',
      'ба хамаи мухочирони точик шахрванди медихад',
      'всем таджикским мигрантам выдаст гражданство',
      'barcha tojik migrantlariga fuqarolik beradi',
      'барча тожик мигрантларига фуқаролик беради',
      'grants citizenship to all Tajik migrants',
    ]) {
      const c = of(text);
      for (const want of ['migrant', 'citizenship', 'tajik', 'all'])
        assert.ok(c.has(want), `${text}: ${[...c].join(' ')} lacks ${want}`);
    }
    assert.ok(of('Цены на муку выросли в два раза').has('double'));
    assert.ok(of('Нархи орд ду баробар боло рафт').has('double'));
    assert.ok(of('Нархи орд ду баробар боло рафт').has('flour'));
  });

  test('a bad line is a coded error naming the line and the column', () => {
    const cases: [string, string | undefined][] = [
      ['x | a | b | c | d', undefined],
      ['Bad | a | b | c | d | e', 'id'],
      ['ok | | b | c | d | e', 'tg'],
      ['ok | a | b | c | d | e\nok | a | b | c | d | e', 'id'],
    ];
    for (const [text, field] of cases)
      assert.throws(
        () => parseConcepts(text, 'lex.txt'),
        (e) => isOgohError(e) && e.file === 'lex.txt' && typeof e.line === 'number' && e.field === field,
      );
    assert.equal(parseConcepts(CONCEPT_LINES).length, lex.concepts.length);
  });
});
