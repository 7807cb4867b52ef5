import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HostLimiter } from './limiter.ts';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('HostLimiter', () => {
  it('spaces request starts to one host and never exceeds per-host or global concurrency', async () => {
    const limiter = new HostLimiter({ intervalMs: 20, perHost: 1, global: 2 });
    let active = 0;
    let peak = 0;
    const perHost = new Map<string, number>();
    let peakPerHost = 0;
    const starts: Record<string, number[]> = {};
    const job = async (host: string) => {
      const release = await limiter.acquire(host);
      const list = starts[host] ?? [];
      starts[host] = list;
      list.push(performance.now());
      active++;
      perHost.set(host, (perHost.get(host) ?? 0) + 1);
      peak = Math.max(peak, active);
      peakPerHost = Math.max(peakPerHost, perHost.get(host)!);
      await wait(5);
      active--;
      perHost.set(host, perHost.get(host)! - 1);
      release();
    };
    await Promise.all(['a', 'b', 'c'].flatMap((h) => Array.from({ length: 5 }, () => job(h))));
    assert.ok(peak <= 2, `global peak ${peak}`);
    assert.equal(peakPerHost, 1);
    for (const s of limiter.stats()) {
      assert.equal(s.starts, 5);
      assert.ok(s.minGapMs >= 19, `${s.host}: gap ${s.minGapMs}`);
    }
    // (times seen by the jobs can bunch up when the event loop is busy; the grants cannot)
    assert.equal(Object.values(starts).flat().length, 15);
  });

  it('pause() holds a host back (Retry-After) and setInterval never lowers the default', async () => {
    const limiter = new HostLimiter({ intervalMs: 5 });
    limiter.setInterval('h', 1);
    assert.equal(limiter.stats()[0]?.intervalMs, 5);
    (await limiter.acquire('h'))();
    limiter.pause('h', 60);
    const t0 = performance.now();
    (await limiter.acquire('h'))();
    assert.ok(performance.now() - t0 >= 55);
  });

  it('an aborted wait leaves the queue', async () => {
    const limiter = new HostLimiter({ intervalMs: 1000 });
    const release = await limiter.acquire('h');
    const ac = new AbortController();
    const waiting = limiter.acquire('h', ac.signal);
    ac.abort(new Error('stop'));
    await assert.rejects(waiting, /stop/);
    release();
  });
});
