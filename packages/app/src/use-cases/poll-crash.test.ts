/**
 * A poll killed with SIGKILL at any point resumes without loss or duplicates: a child process polls
 * slow feeds and is killed after a varying number of requests (before, during and after payloads
 * are stored, parsed and their validators saved); each time the store is consistent, and a final
 * poll leaves every item stored exactly once.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseAllowList, serveFixtures } from '@ogoh/ingest';
import { openCollectStore } from '@ogoh/store';
import { openOgoh } from '../context.ts';
import { DEFAULT_COLLECT_CONFIG, pollSources } from './poll-sources.ts';
import { addSource } from './sources.ts';

const dir = mkdtempSync(join(tmpdir(), 'ogoh-poll-crash-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const FEEDS = 8;
const ITEMS = 25;

function rss(origin: string, f: number): string {
  let items = '';
  for (let i = 0; i < ITEMS; i++)
    items += `<item><guid>f${f}-i${i}</guid><link>${origin}/f${f}/${i}</link><title>Хабари ${i} аз тасмаи ${f}</title><description>Матни хабари ${i}: нархи орд дар бозорҳои Душанбе.</description></item>`;
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${f}</title>${items}</channel></rss>`;
}

test('SIGKILL at any point of a poll: the next poll stores every item exactly once', {
  timeout: 240_000,
}, async () => {
  const srv = await serveFixtures();
  const db = join(dir, 'crash.db');
  const app = await openOgoh({ db });
  try {
    for (let f = 0; f < FEEDS; f++) {
      srv.route(`/f${f}.xml`, { body: rss(srv.origin, f), etag: `"f${f}"`, delayMs: 60 });
      await addSource(app, { id: `f${f}.example`, platform: 'rss', url: srv.url(`/f${f}.xml`) });
    }
    for (const killAfter of [1, 3, 5, 7, 9]) {
      const seen = srv.requests.length;
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'poll-child.ts'), db],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, OGOH_FETCH_ALLOW: '127.0.0.1', OGOH_CONFIG: '' },
        },
      );
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
      });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      // kill once the child has sent `killAfter` requests, plus a little: mid-response or mid-write
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (srv.requests.length - seen >= killAfter) {
            clearInterval(poll);
            setTimeout(resolve, 20 + killAfter * 7);
          }
        }, 2);
        child.on('exit', () => {
          clearInterval(poll);
          resolve();
        });
      });
      child.kill('SIGKILL');
      await exited;
      assert.doesNotMatch(err, /Error/, err);
      const stats = await app.store.stats();
      assert.ok(stats.items <= FEEDS * ITEMS);
      // every payload whose validators were saved has all its items
      const collect = await openCollectStore(app.location);
      for (let f = 0; f < FEEDS; f++) {
        const state = await collect.getFetchState(srv.url(`/f${f}.xml`));
        if (state?.etag)
          assert.equal(stats.bySource[`f${f}.example`], ITEMS, `feed ${f} has validators but lacks items`);
      }
      await collect.close();
    }
    const config = {
      ...DEFAULT_COLLECT_CONFIG,
      allow: parseAllowList('127.0.0.1', 'test'),
      perHostIntervalMs: 0,
      ocr: false as const,
      retries: 0,
    };
    await pollSources(app, { config, force: true });
    const stats = await app.store.stats();
    assert.equal(stats.items, FEEDS * ITEMS, 'nothing lost');
    for (let f = 0; f < FEEDS; f++) assert.equal(stats.bySource[`f${f}.example`], ITEMS);
    const again = await pollSources(app, { config, force: true });
    assert.equal(again.new, 0);
    assert.equal(again.resumed, 0);
    const collect = await openCollectStore(app.location);
    assert.deepEqual(await collect.pendingPayloads(), []);
    await collect.close();
  } finally {
    await app.close();
    await srv.close();
  }
});
