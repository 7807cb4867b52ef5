import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDay, formatPct, formatTime, headline, param, queryString } from './format.ts';

test('times are shown in UTC whatever offset they were published with', () => {
  assert.equal(formatTime('2026-03-02T10:00:00+05:00'), '2026-03-02 05:00 UTC');
  assert.equal(formatDay('2026-03-02T01:00:00+05:00'), '2026-03-01');
  assert.equal(formatTime(undefined), '');
  assert.equal(formatTime('not a date'), 'not a date');
});

test('percentages are clamped and rounded', () => {
  assert.equal(formatPct(0.934), '93%');
  assert.equal(formatPct(1.2), '100%');
});

test('query strings skip empty values and round-trip through URLSearchParams', () => {
  const qs = queryString({ q: 'ҳукумат', lang: '', source: undefined, limit: 20 });
  assert.equal(qs, '?q=%D2%B3%D1%83%D0%BA%D1%83%D0%BC%D0%B0%D1%82&limit=20');
  const p = new URLSearchParams(qs);
  assert.equal(param(p, 'q'), 'ҳукумат');
  assert.equal(param(p, 'lang'), undefined);
  assert.equal(queryString({}), '');
});

test('headlines cut long texts at a word boundary on one line', () => {
  assert.equal(headline('Салом\n  дунё'), 'Салом дунё');
  assert.equal(headline('аааа бббб вввв гггг', 12), 'аааа бббб…');
});
