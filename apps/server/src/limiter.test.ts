import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LoginLimiter } from './limiter.ts';

test('five failures per IP and username lock that pair for the rest of the window', () => {
  let t = 0;
  const l = new LoginLimiter({ now: () => t });
  for (let i = 0; i < 5; i++) {
    assert.equal(l.retryAfter('1.1.1.1', 'demo'), 0);
    l.fail('1.1.1.1', 'Demo');
  }
  assert.equal(l.retryAfter('1.1.1.1', 'demo'), 15 * 60_000);
  assert.equal(l.retryAfter('1.1.1.1', 'other'), 0, 'another username from the same IP is not locked');
  assert.equal(l.retryAfter('2.2.2.2', 'demo'), 0, 'the same username from another IP is not locked');
  t += 15 * 60_000;
  assert.equal(l.retryAfter('1.1.1.1', 'demo'), 0, 'the window ends');
});

test('a success clears the pair; many usernames from one IP hit the per-IP cap', () => {
  const l = new LoginLimiter({ perIp: 10, now: () => 0 });
  for (let i = 0; i < 4; i++) l.fail('ip', 'a');
  l.succeed('ip', 'a');
  for (let i = 0; i < 4; i++) l.fail('ip', 'a');
  assert.equal(l.retryAfter('ip', 'a'), 0, 'the success reset the pair: 4 of 5');
  l.fail('ip', 'b');
  assert.equal(l.retryAfter('ip', 'zzz'), 0);
  l.fail('ip', 'c');
  assert.ok(l.retryAfter('ip', 'zzz') > 0, '10 failures from one IP lock every username');
  assert.ok(l.retryAfter('ip', 'a') > 0);
});

test('memory stays bounded under a flood of distinct keys', () => {
  let t = 0;
  const l = new LoginLimiter({ maxKeys: 100, now: () => t });
  for (let i = 0; i < 10_000; i++) {
    t++;
    l.fail(`10.0.${i >> 8}.${i & 255}`, `user${i}`);
  }
  assert.ok(l.size <= 100, `size ${l.size}`);
  // The newest pair is still tracked.
  for (let i = 0; i < 4; i++) l.fail('10.0.39.15', 'user9999');
  assert.ok(l.retryAfter('10.0.39.15', 'user9999') > 0);
});
