/**
 * Fact-check files: ClaimReview (single, array, @graph), Fact Check Tools JSON, CSV and JSONL give
 * the records they hold, keep the imported ids, and report every bad record with file, line or
 * JSON path and a reason while keeping the good ones.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { isOgohError } from '@ogoh/core';
import { readClaimFile } from './read.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('readClaimFile', () => {
  test('a single ClaimReview: @id, rating alternateName, organisation, language object, appearances', () => {
    const r = readClaimFile(fixture('claimreview-single.json'), 'claimreview-single.json');
    assert.equal(r.format, 'claimreview');
    assert.deepEqual(r.issues, []);
    assert.deepEqual(r.claims, [
      {
        id: 'https://factcheck.tj/ru/2026/rogun-electricity#review',
        text: 'Рогунская ГЭС продаёт 70 процентов своей электроэнергии в Афганистан, а жители Душанбе сидят без света.',
        rating: 'Ложь',
        org: 'Factcheck.tj',
        url: 'https://factcheck.tj/ru/2026/rogun-electricity',
        date: '2026-03-02',
        lang: 'ru',
        claimant: 'Telegram-канал «Правда Азии»',
        claimDate: '2026-02-27',
        title: 'Нет, Рогунская ГЭС не продаёт 70% электроэнергии в Афганистан',
        appearances: ['https://t.me/pravda_azii/1412', 'https://t.me/pravda_azii/1415'],
      },
    ]);
  });

  test('an array of ClaimReviews: url is the id without @id; bad records named by JSON path', () => {
    const r = readClaimFile(fixture('claimreview-array.json'), 'cr.json');
    assert.deepEqual(
      r.claims.map((c) => [c.id, c.lang, c.rating]),
      [
        ['https://factcheck.tj/ru/2026/migrants-russia-ban', 'ru', 'Искажение'],
        ['https://factcheck.tj/tg/2026/somoni-dollar', 'tg', 'Нодуруст'],
      ],
    );
    assert.deepEqual(r.claims[0]?.appearances, ['https://t.me/migrant_news/88']);
    assert.deepEqual(
      r.issues.map((i) => [i.file, i.path, i.reason]),
      [
        ['cr.json', '$[2]', 'ClaimReview without "@id" or "url" to identify it'],
        ['cr.json', '$[3]', 'ClaimReview without "claimReviewed" (the claim text)'],
      ],
    );
  });

  test('@graph with an array @type and an author array', () => {
    const r = readClaimFile(fixture('claimreview-graph.jsonld'), 'page.jsonld');
    assert.equal(r.claims.length, 1);
    const c = r.claims[0]!;
    assert.equal(c.id, 'https://cabar.asia/en/fact-check/vaccine#claimreview');
    assert.equal(c.org, 'CABAR.asia');
    assert.equal(c.rating, 'False');
    assert.equal(c.claimant, 'anonymous channel');
  });

  test('Fact Check Tools: one record per review, id = review url; claims without text or reviews reported', () => {
    const r = readClaimFile(fixture('factchecktools.json'), 'fct.json');
    assert.equal(r.format, 'factchecktools');
    assert.deepEqual(
      r.claims.map((c) => [c.id, c.org, c.rating, c.lang]),
      [
        ['https://factcheck.tj/ru/2026/mosques-khatlon', 'Factcheck.tj', 'Ложь', 'ru'],
        ['https://asiaplustj.info/ru/news/2026/factcheck-mosques', 'Asia-Plus', 'Фейк', 'ru'],
        ['https://kun.uz/en/news/2025/gas-tajikistan', 'kun.uz', 'Misleading', 'en'],
      ],
    );
    assert.equal(r.claims[0]?.claimant, 'Telegram-канал Ахбори Рӯз');
    assert.equal(r.claims[0]?.claimDate, '2026-01-03T00:00:00Z');
    assert.equal(r.claims[0]?.title, 'Правительство не выделяло 2,5 млн сомони на мечети');
    assert.deepEqual(
      r.issues.map((i) => i.path),
      ['$.claims[2]', '$.claims[3]'],
    );
  });

  test('CSV: quoted fields with newlines; bad rows reported by the line they start on', () => {
    const r = readClaimFile(fixture('claims.csv'), 'claims.csv');
    assert.equal(r.format, 'csv');
    assert.deepEqual(
      r.claims.map((c) => c.id),
      ['ru-001', 'tg-002', 'uz-004', 'en-005'],
    );
    assert.equal(r.claims[0]?.text, 'Рогунская ГЭС продаёт 70% электроэнергии в Афганистан.');
    assert.equal(r.claims[3]?.text, 'A claim, with "quotes" and\na line break inside.');
    assert.equal(r.claims[2]?.org, 'Kun.uz');
    assert.deepEqual(
      r.issues.map((i) => [i.line, i.reason]),
      [
        [4, 'empty "id"'],
        [5, 'empty "claim"'],
        [7, 'id "ru-001" already used on line 2'],
        [10, '9 fields for 7 columns (an unquoted delimiter?)'],
      ],
    );
  });

  test('CSV: only id and claim are required; a header without them is an INPUT_FIELD error', () => {
    const r = readClaimFile('claim;id\nМигранты;x1\n', 'min.csv');
    assert.deepEqual(r.claims, [{ id: 'x1', text: 'Мигранты' }]);
    assert.throws(
      () => readClaimFile('id,text_of_claim\n1,x\n', 'bad.csv'),
      (e) => isOgohError(e) && e.code === 'INPUT_FIELD' && e.field === 'claim' && e.line === 1,
    );
  });

  test('CSV: an unclosed quote is an INPUT_PARSE error at the line it opened', () => {
    assert.throws(
      () => readClaimFile('id,claim\n1,ok\n2,"never closed\n3,x\n', 'q.csv'),
      (e) => isOgohError(e) && e.code === 'INPUT_PARSE' && e.file === 'q.csv' && e.line === 3,
    );
  });

  test('broken JSON names file, line and column; JSON without claims is INPUT_FORMAT_UNKNOWN', () => {
    assert.throws(
      () => readClaimFile('{\n  "claims": [\n    { "text": "x", }\n  ]\n}', 'b.json'),
      (e) => isOgohError(e) && e.code === 'INPUT_PARSE' && e.file === 'b.json' && e.line === 3,
    );
    assert.throws(
      () => readClaimFile('{"items": []}', 'x.json'),
      (e) => isOgohError(e) && e.code === 'INPUT_FORMAT_UNKNOWN',
    );
  });

  test('JSONL: one ClaimReview per line; a broken line is a bad record with its line number', () => {
    const one = (url: string, text: string) =>
      JSON.stringify({ '@type': 'ClaimReview', url, claimReviewed: text, author: { name: 'X' } });
    const r = readClaimFile([one('u1', 'first'), '{broken', '', one('u2', 'second')].join('\n'), 'f.jsonl');
    assert.deepEqual(
      r.claims.map((c) => c.id),
      ['u1', 'u2'],
    );
    assert.equal(r.issues.length, 1);
    assert.equal(r.issues[0]?.line, 2);
  });
});
