import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Item } from '@ogoh/core';
import { itemDetail } from './presenters.ts';

const base: Item = {
  id: 'it_x',
  sourceId: 'ext-channel',
  text: 'matn',
  lang: 'tg',
  langConfidence: 0.9,
  collectedAt: '2026-11-01T00:00:00.000Z',
  contentHash: 'h',
  foldText: 'matn',
  links: [],
  media: [
    { kind: 'photo', path: 'photos/p1.jpg', url: 'https://x.example/p1.jpg', width: 640, hash: 'ph:abc' },
  ],
  format: 'telegram',
  payloadId: 'pl_1',
  raw: '{}',
};

test('media of an extremist source reaches the API as metadata only, never a loadable path or URL', () => {
  const withheld = itemDetail(
    { item: { ...base, mediaWithheld: true, ocrText: 'OCR' }, detections: [], claims: [] } as never,
    false,
  );
  assert.equal(withheld.item.mediaWithheld, true);
  assert.deepEqual(withheld.item.media, [{ kind: 'photo', width: 640, hash: 'ph:abc' }]);
  assert.equal(withheld.item.ocrText, 'OCR');
  const normal = itemDetail({ item: base, detections: [], claims: [] } as never, false);
  assert.equal(normal.item.media[0]?.url, 'https://x.example/p1.jpg');
  assert.equal('mediaWithheld' in normal.item, false);
});
