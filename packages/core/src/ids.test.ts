import assert from 'node:assert/strict';
import { test } from 'node:test';
import { digest, itemId, slugId } from './ids.ts';

test('digest is stable, 28 base32 characters, and differs for different input', () => {
  assert.equal(digest('Тоҷикистон'), digest('Тоҷикистон'));
  assert.match(digest('x'), /^[a-z2-7]{28}$/);
  assert.notEqual(digest('Тоҷикистон'), digest('Точикистон'));
});

test('itemId prefers external id, then canonical URL, then content hash', () => {
  const a = itemId('s1', { externalId: '42', canonicalUrl: 'https://x/1', contentHash: 'h' });
  const b = itemId('s1', { externalId: '42', contentHash: 'other' });
  assert.equal(a, b);
  const c = itemId('s1', { canonicalUrl: 'https://x/1', contentHash: 'h' });
  assert.notEqual(a, c);
  assert.equal(c, itemId('s1', { canonicalUrl: 'https://x/1', contentHash: 'zz' }));
  assert.notEqual(itemId('s1', { contentHash: 'h' }), itemId('s2', { contentHash: 'h' }));
});

test('slugId makes a source id from a domain or channel', () => {
  assert.equal(slugId('https://www.Example.tj/'), 'example.tj');
  assert.equal(slugId('@Kanal_TJ'), 'kanal_tj');
  assert.match(slugId('Ахбор'), /^src_/);
});
