import assert from 'node:assert/strict';
import { test } from 'node:test';
import { indexText, MAX_INDEX_CHARS, termQuery, tsQuery } from './terms.ts';

test('indexed text: the words of fold_text, split as unicode61 splits them', () => {
  assert.equal(indexText('вокеаҳои covid-19, дар «шаҳр»!'), 'вокеаҳои covid 19 дар шаҳр');
  assert.equal(indexText("citizen's_x"), 'citizen s x');
  assert.equal(indexText(undefined), '');
});

test('indexed text is capped at a word boundary below the tsvector limits', () => {
  const long = 'калима '.repeat(100_000);
  const out = indexText(long);
  assert.ok(out.length <= MAX_INDEX_CHARS);
  assert.ok(out.endsWith('калима'));
});

test('terms: phrases of their words; a last word of 3+ characters is a prefix', () => {
  assert.equal(termQuery('covid-19'), "'covid' <-> '19'");
  assert.equal(termQuery('вокеахои cov'), "'вокеахои' <-> 'cov':*");
  assert.equal(termQuery('ба'), "'ба'");
  assert.equal(termQuery('"точик'), "'точик':*");
  assert.equal(termQuery('!!!'), undefined);
  assert.equal(tsQuery(['точик', 'ба']), "('точик':*) & ('ба')");
  assert.equal(tsQuery([]), undefined);
});
