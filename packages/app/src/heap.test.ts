import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tuneHeap } from './heap.ts';

test('the semi-space is left to the operator when node’s flags or NODE_OPTIONS set one', () => {
  assert.equal(tuneHeap(['--max-semi-space-size=8'], ''), false);
  assert.equal(tuneHeap([], '--max-old-space-size=4096 --max-semi-space-size=32'), false);
  assert.equal(tuneHeap(['--enable-source-maps'], '--max-old-space-size=4096'), true);
});
