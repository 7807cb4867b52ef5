import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isOgohError, type OgohError, type ShareEvent } from '@ogoh/core';
import { loadShareCsv, parseShareTimestamp, readShareCsv, type ShareCsvReject } from './csv.ts';

async function* asAsync(lines: string[]): AsyncGenerator<string> {
  for (const l of lines) yield l;
}

async function read(text: string, options: Parameters<typeof readShareCsv>[1] = {}) {
  const events: ShareEvent[] = [];
  const rejects: ShareCsvReject[] = [];
  for await (const e of readShareCsv(asAsync(text.split('\n')), {
    onReject: (r) => rejects.push(r),
    ...options,
  }))
    events.push(e);
  return { events, rejects };
}

async function failure(text: string, options: Parameters<typeof readShareCsv>[1] = {}): Promise<OgohError> {
  try {
    await read(text, options);
  } catch (e) {
    if (isOgohError(e)) return e;
    throw e;
  }
  assert.fail('expected an OgohError');
}

const HEADER = 'object_id,account_id,content_id,timestamp_share';

describe('readShareCsv', () => {
  test('reads CooRTweet rows, in any column order, with extra columns, CRLF and a BOM', async () => {
    const { events, rejects } = await read(
      [
        '\uFEFFtimestamp_share,Account_ID,extra,object_id,content_id\r',
        '1623881091,acc1,x,obj1,c1\r',
        '',
        '1623881095.5,"acc ""2""",y,obj1,c2\r',
      ].join('\n'),
    );
    assert.deepEqual(rejects, []);
    assert.deepEqual(events, [
      { objectId: 'obj1', accountId: 'acc1', contentId: 'c1', timestamp: 1623881091 },
      { objectId: 'obj1', accountId: 'acc "2"', contentId: 'c2', timestamp: 1623881095.5 },
    ]);
  });

  test('accepts ISO 8601 times and the deprecated id_user column', async () => {
    const { events } = await read(
      [
        'object_id,id_user,content_id,timestamp_share',
        'o,a,c1,2021-06-17T10:04:51Z',
        'o,b,c2,2021-06-17 10:04:51+05:00',
        'o,c,c3,2021-06-17',
      ].join('\n'),
    );
    assert.deepEqual(
      events.map((e) => [e.accountId, e.timestamp]),
      [
        ['a', 1623924291],
        ['b', 1623924291 - 5 * 3600],
        ['c', 1623888000],
      ],
    );
  });

  test('a quoted field may span lines; the row keeps its first line number', async () => {
    const { events, rejects } = await read([HEADER, '"multi', 'line",a,c1,5', 'o,b,c2,zzz'].join('\n'));
    assert.equal(events[0]!.objectId, 'multi\nline');
    assert.equal(rejects[0]!.line, 4);
  });

  test('malformed rows are rejected with their line and reason, good rows still come through', async () => {
    const { events, rejects } = await read(
      [
        HEADER,
        'o1,a,c1,100', // 2
        'o1,b,c2', // 3: too few fields
        'o1,,c3,100', // 4: empty account
        'o1,c,c4,yesterday', // 5: bad time
        'o1,d,c5,2021-02-30', // 6: no such day
        'o1,e"x,c6,100', // 7: stray quote
        '"o1"x,f,c7,100', // 8: text after a closing quote
        'o2,g,c8,101', // 9
        '"o3,h,c9,102', // 10: never closed
      ].join('\n'),
    );
    assert.deepEqual(
      events.map((e) => e.contentId),
      ['c1', 'c8'],
    );
    assert.deepEqual(
      rejects.map((r) => [r.line, r.field ?? null]),
      [
        [3, null],
        [4, 'account_id'],
        [5, 'timestamp_share'],
        [6, 'timestamp_share'],
        [7, null],
        [8, null],
        [10, null],
      ],
    );
    assert.match(rejects[0]!.reason, /expected 4 fields, found 3/);
    assert.match(rejects[1]!.reason, /empty account_id/);
    assert.match(rejects[2]!.reason, /neither unix seconds nor an ISO 8601 date/);
    assert.match(rejects[6]!.reason, /unclosed quote/);
    assert.equal(rejects[2]!.text, 'o1,c,c4,yesterday');
  });

  test('a missing header column is INPUT_FIELD naming the column, file and line', async () => {
    const e = await failure('object_id,account_id,timestamp\no,a,1', { file: 'shares.csv' });
    assert.equal(e.code, 'INPUT_FIELD');
    assert.equal(e.field, 'content_id');
    assert.equal(e.file, 'shares.csv');
    assert.equal(e.line, 1);
    assert.match(e.hint ?? '', /found: object_id, account_id, timestamp/);
    assert.match(e.describe(), /^shares\.csv:1 field "content_id": missing column "content_id"/);
  });

  test('the header is the first non-blank line', async () => {
    const { events } = await read(`\n\n${HEADER}\no,a,c,1`);
    assert.equal(events.length, 1);
    const e = await failure('\n\n');
    assert.equal(e.code, 'INPUT_PARSE');
    assert.match(e.message, /empty/);
  });

  test('strict mode throws INPUT_PARSE at the first bad row', async () => {
    const e = await failure([HEADER, 'o,a,c,1', 'o,b,c2,never'].join('\n'), { strict: true, file: 'x.csv' });
    assert.equal(e.code, 'INPUT_PARSE');
    assert.equal(e.line, 3);
    assert.equal(e.field, 'timestamp_share');
    assert.equal(e.file, 'x.csv');
  });

  test('gives up when rejects reach the limit and outnumber good rows', async () => {
    const lines = [HEADER, 'o,a,c,1', ...Array.from({ length: 10 }, () => 'garbage')];
    const e = await failure(lines.join('\n'), { maxRejects: 5 });
    assert.equal(e.code, 'INPUT_PARSE');
    assert.equal(e.line, 7);
    assert.match(e.message, /5 of the first 6 rows are malformed/);
    // a few bad rows in a big good file are only rejected
    const good = [HEADER, ...Array.from({ length: 20 }, (_, i) => `o,a${i},c${i},${i}`), 'bad', 'bad', 'bad'];
    const { events, rejects } = await read(good.join('\n'), { maxRejects: 2 });
    assert.equal(events.length, 20);
    assert.equal(rejects.length, 3);
  });

  test('tab- and semicolon-separated files are recognised from the header', async () => {
    const tsv = await read(['object_id\taccount_id\tcontent_id\ttimestamp_share', 'o\ta\tc\t7'].join('\n'));
    assert.equal(tsv.events[0]!.timestamp, 7);
    const ssv = await read(['object_id;account_id;content_id;timestamp_share', 'o;a;c;8'].join('\n'));
    assert.equal(ssv.events[0]!.accountId, 'a');
  });

  test('works on a plain iterable and returns its counts', async () => {
    const gen = readShareCsv([HEADER, 'o,a,c,1', 'bad'], { onReject: () => {} });
    let r = await gen.next();
    const events: ShareEvent[] = [];
    while (!r.done) {
      events.push(r.value);
      r = await gen.next();
    }
    assert.deepEqual(r.value, { rows: 1, rejected: 1 });
  });
});

describe('loadShareCsv', () => {
  test('interns rows into a table, drops originals, keeps the first rejects', async () => {
    const lines = [HEADER, 'o1,a,c1,1', 'o1,b,c2,2', 'o2,a,o2,3', 'o2,b,c3,x', 'o2,a,c4,4'];
    const seen: number[] = [];
    const r = await loadShareCsv(asAsync(lines), { file: 'f.csv', onReject: (x) => seen.push(x.line) });
    assert.equal(r.rows, 4);
    assert.equal(r.selfShares, 1);
    assert.equal(r.rejectedCount, 1);
    assert.deepEqual(seen, [5]);
    assert.equal(r.table.size, 3);
    assert.deepEqual(r.table.accountNames, ['a', 'b']);
    assert.deepEqual(r.table.objectNames, ['o1', 'o2']);
    assert.deepEqual(Array.from(r.table.object), [0, 0, 1]);
    assert.deepEqual(Array.from(r.table.time), [1, 2, 4]);
  });
});

describe('parseShareTimestamp', () => {
  test('seconds, milliseconds and ISO 8601; anything else is NaN', () => {
    assert.equal(parseShareTimestamp('1623881091'), 1623881091);
    assert.equal(parseShareTimestamp(' 1623881091 '), 1623881091);
    assert.equal(parseShareTimestamp('1623881091500'), 1623881091.5);
    assert.equal(parseShareTimestamp('2021-06-17T10:04:51.250Z'), 1623924291.25);
    assert.equal(parseShareTimestamp('2021-06-17T10:04'), 1623924240);
    for (const bad of ['', 'abc', '2021-13-01', '2021-02-29', '2021-06-17T25:00Z', '12e5', '0x10'])
      assert.ok(Number.isNaN(parseShareTimestamp(bad)), bad);
  });
});
