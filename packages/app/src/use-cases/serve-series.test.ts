import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VolumeQuery, VolumeReader, VolumeRow } from '@ogoh/core';
import { MAX_SERIES_DAYS, volumeSeries } from './serve-series.ts';

function reader(rows: VolumeRow[], seen: VolumeQuery[] = []): VolumeReader {
  return {
    volume: async (q) => {
      seen.push(q);
      return rows;
    },
    close: async () => {},
  };
}

test('series are dense over consecutive days, largest total first, bounds passed through', async () => {
  const seen: VolumeQuery[] = [];
  const s = await volumeSeries(
    reader(
      [
        { day: '2026-02-27', key: 'ru', count: 2 },
        { day: '2026-02-27', key: 'tg', count: 1 },
        { day: '2026-03-02', key: 'tg', count: 4 },
      ],
      seen,
    ),
    { by: 'lang', interval: 'day', since: '2026-02-01' },
  );
  assert.deepEqual(seen, [{ by: 'lang', since: '2026-02-01' }]);
  assert.deepEqual(s.days, ['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
  assert.deepEqual(s.series, [
    { key: 'tg', total: 5, counts: [1, 0, 0, 4] },
    { key: 'ru', total: 2, counts: [2, 0, 0, 0] },
  ]);
  assert.equal(s.truncated, false);
});

test('an over-long range keeps its latest days and says so; no rows give empty series', async () => {
  const s = await volumeSeries(
    reader([
      { day: '1990-01-01', key: 'src-a', count: 1 },
      { day: '2026-03-02', key: 'src-a', count: 3 },
    ]),
    { by: 'source', interval: 'day' },
  );
  assert.equal(s.days.length, MAX_SERIES_DAYS);
  assert.equal(s.days.at(-1), '2026-03-02');
  assert.deepEqual(
    s.series.map((x) => x.total),
    [3],
  );
  assert.equal(s.truncated, true);
  const empty = await volumeSeries(reader([]), { by: 'lang', interval: 'day' });
  assert.deepEqual(empty, { by: 'lang', interval: 'day', days: [], series: [], truncated: false });
});
