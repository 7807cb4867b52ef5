import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convergenceIndex, densify, findSpikes, narrativeFamily, robustZ } from './trends.ts';

test('densify fills every day between the first and the last, per key', () => {
  const d = densify([
    { day: '2026-10-01', key: 'a', count: 2 },
    { day: '2026-10-04', key: 'a', count: 1 },
    { day: '2026-10-02', key: 'b', count: 5 },
  ]);
  assert.deepEqual(d.days, ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04']);
  assert.deepEqual(d.series.find((s) => s.key === 'a')?.counts, [2, 0, 0, 1]);
  assert.equal(d.series[0]?.key, 'b', 'largest total first');
});

test('a one-day surge is a spike; steady or noisy series are not; a second surge is still seen', () => {
  const days = Array.from({ length: 30 }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')}`);
  const quiet = [1, 0, 2, 1, 0, 1, 1, 0, 2, 1, 0, 1, 12, 1, 0, 1, 2, 0, 1, 1, 0, 11, 1, 0, 1, 1, 2, 0, 1, 0];
  const spikes = findSpikes(days, quiet);
  assert.deepEqual(
    spikes.map((s) => s.day),
    ['2026-10-13', '2026-10-22'],
  );
  assert.ok(spikes[0]!.score >= 3.5);
  assert.equal(spikes[0]!.baseline, 1);
  const busy = days.map((_, i) => 40 + ((i * 7) % 9));
  assert.deepEqual(findSpikes(days, busy), []);
  const tiny = days.map((_, i) => (i === 20 ? 2 : 0));
  assert.deepEqual(findSpikes(days, tiny), [], 'below minCount');
  assert.ok(robustZ(4, [0, 0, 0, 0, 0, 0, 0]).z >= 3.5, 'four items after a silent week');
});

test('the convergence index counts items meeting another family in the item or its source', () => {
  assert.equal(narrativeFamily('ru-west-destabiliser'), 'russian-state');
  assert.equal(narrativeFamily('isk-strength-and-reach'), 'isk');
  const rows = [
    { day: '2026-10-01', itemId: 'a', sourceId: 'ch1', label: 'ru-tajik-state-failed', kind: 'narrative' },
    {
      day: '2026-10-01',
      itemId: 'b',
      sourceId: 'ch1',
      label: 'isk-tajik-state-failed-tyranny',
      kind: 'narrative',
    },
    { day: '2026-10-01', itemId: 'c', sourceId: 'ch2', label: 'ru-west-destabiliser', kind: 'narrative' },
    {
      day: '2026-10-03',
      itemId: 'd',
      sourceId: 'ch3',
      label: 'tj-opposition-as-terrorists',
      kind: 'narrative',
    },
    { day: '2026-10-03', itemId: 'd', sourceId: 'ch3', label: 'ru-west-destabiliser', kind: 'narrative' },
  ];
  const ci = convergenceIndex(rows);
  assert.deepEqual(
    ci.map((p) => [p.day, p.items, p.converging]),
    [
      ['2026-10-01', 3, 2],
      ['2026-10-02', 0, 0],
      ['2026-10-03', 1, 1],
    ],
  );
  assert.equal(ci[0]?.index, 0.667);
});
