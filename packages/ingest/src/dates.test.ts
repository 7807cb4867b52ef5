import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromUnixSeconds, parseDate } from './dates.ts';

describe('parseDate', () => {
  const cases: [string, string | undefined][] = [
    // RFC 822 / 1123 / 2822
    ['Wed, 01 May 2024 10:11:12 +0500', '2024-05-01T05:11:12.000Z'],
    ['Wed, 01 May 2024 10:11:12 GMT', '2024-05-01T10:11:12.000Z'],
    ['Wed, 1 May 2024 10:11:12 MSK', '2024-05-01T07:11:12.000Z'],
    ['01 May 2024 10:11 TJT', '2024-05-01T05:11:00.000Z'],
    ['Wed, 01 May 24 10:11:12 EST', '2024-05-01T15:11:12.000Z'],
    ['Thu, 02 May 2024 04:30:00 +05:30', '2024-05-01T23:00:00.000Z'],
    ['Thu, 02 May 2024 04:30:00 GMT+3', '2024-05-02T01:30:00.000Z'],
    ['Tue, 10 Sept 2024 08:00:00 Z', '2024-09-10T08:00:00.000Z'],
    ['1 мая 2024 10:00 +0500', '2024-05-01T05:00:00.000Z'],
    ['Wed,01 May 2024 10:11:12 +0500', '2024-05-01T05:11:12.000Z'],
    ['Wed, 01 May 2024 10:11:12 +0500 (Tajikistan Time)', '2024-05-01T05:11:12.000Z'],
    // ISO-8601
    ['2024-05-01T10:11:12+05:00', '2024-05-01T05:11:12.000Z'],
    ['2024-05-01T10:11:12.345Z', '2024-05-01T10:11:12.345Z'],
    ['2024-05-01 10:11:12', '2024-05-01T10:11:12.000Z'],
    ['2024-05-01T10:11:12', '2024-05-01T10:11:12.000Z'], // Telegram `date`: no zone → UTC
    ['2024-05-01', '2024-05-01T00:00:00.000Z'],
    ['2024-05-01T10:11:12-0300', '2024-05-01T13:11:12.000Z'],
    // unix seconds and milliseconds
    ['1714558272', '2024-05-01T10:11:12.000Z'],
    ['1714558272.5', '2024-05-01T10:11:12.500Z'],
    ['1714558272000', '2024-05-01T10:11:12.000Z'],
    // dd.mm.yyyy
    ['01.05.2024 10:11', '2024-05-01T10:11:00.000Z'],
    ['1.5.2024', '2024-05-01T00:00:00.000Z'],
    ['01.05.2024 10:11:12 +05:00', '2024-05-01T05:11:12.000Z'],
    // refused
    ['', undefined],
    ['вчера', undefined],
    ['2024-02-30', undefined],
    ['31.04.2024', undefined],
    ['2024-05-01T25:00:00Z', undefined],
    ['Wed, 01 Foo 2024 10:11:12 GMT', undefined],
    ['01 May 2024 10:11 XYZT', undefined],
    ['12345', undefined],
  ];
  for (const [raw, iso] of cases)
    it(`${JSON.stringify(raw)} → ${iso}`, () => assert.equal(parseDate(raw), iso));

  it('reads Telegram date_unixtime strings and numbers', () => {
    assert.equal(fromUnixSeconds('1714558272'), '2024-05-01T10:11:12.000Z');
    assert.equal(fromUnixSeconds(1714558272), '2024-05-01T10:11:12.000Z');
    assert.equal(fromUnixSeconds('x'), undefined);
    assert.equal(fromUnixSeconds(0), undefined);
  });
});
