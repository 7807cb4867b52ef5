import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convergenceInGroups, type NarrativeHit } from './convergence-groups.ts';
import { defaultTaxonomy } from './taxonomy.ts';

const taxonomy = defaultTaxonomy();
const hit = (itemId: string, label: string, day: string): NarrativeHit => ({ itemId, label, day });

test('a channel carrying both families of a pair within the window is a hypothesis with evidence', () => {
  const groups = new Map([
    [
      'chan-a',
      [
        hit('i1', 'ru-tajik-state-failed', '2026-10-01'),
        hit('i2', 'ru-tajik-state-failed', '2026-10-03'),
        hit('i3', 'isk-tajik-state-failed-tyranny', '2026-10-10'),
        // another pair's narrative of one family only: no signal for it
        hit('i4', 'ru-china-bri-neocolonial', '2026-10-11'),
      ],
    ],
    // one family only
    [
      'chan-b',
      [hit('i5', 'ru-tajik-state-failed', '2026-10-01'), hit('i6', 'ru-tajik-state-failed', '2026-10-02')],
    ],
  ]);
  const out = convergenceInGroups('channel', groups, taxonomy);
  assert.equal(out.length, 1);
  const s = out[0]!;
  assert.equal(s.scope, 'channel');
  assert.equal(s.key, 'chan-a');
  assert.equal(s.pair, 'cp-failed-tajik-state');
  assert.ok(s.mechanism.length > 20, 'the pair mechanism is carried');
  assert.deepEqual(s.families, ['isk', 'russian-state']);
  assert.deepEqual(s.narratives, [
    { id: 'ru-tajik-state-failed', family: 'russian-state', items: ['i1', 'i2'] },
    { id: 'isk-tajik-state-failed-tyranny', family: 'isk', items: ['i3'] },
  ]);
  assert.equal(s.items, 3);
  assert.equal(s.support, 1);
  assert.deepEqual([s.firstDay, s.lastDay], ['2026-10-01', '2026-10-10']);
  assert.equal(s.hypothesis, true);
});

test('frames months apart, or both in one item only, are not a group signal', () => {
  const apart = new Map([
    [
      'st_1',
      [
        hit('i1', 'ru-tajik-state-failed', '2026-06-01'),
        hit('i2', 'isk-tajik-state-failed-tyranny', '2026-10-01'),
      ],
    ],
  ]);
  assert.deepEqual(convergenceInGroups('story', apart, taxonomy), []);
  assert.equal(convergenceInGroups('story', apart, taxonomy, { windowDays: 200 }).length, 1);
  const oneItem = new Map([
    [
      'st_2',
      [
        hit('i1', 'ru-tajik-state-failed', '2026-10-01'),
        hit('i1', 'isk-tajik-state-failed-tyranny', '2026-10-01'),
      ],
    ],
  ]);
  assert.deepEqual(
    convergenceInGroups('story', oneItem, taxonomy),
    [],
    'item-level convergence is reported per item',
  );
});
