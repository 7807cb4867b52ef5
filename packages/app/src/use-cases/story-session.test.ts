import assert from 'node:assert/strict';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openOgoh } from '../context.ts';
import { analyse, PROVENANCE_MIN_ITEMS, provenanceDue, sessionBounds } from './analyse.ts';
import { ingestedCorpus, memberships } from './fixtures/story-corpus.ts';
import { groupStories, NEAR_CANDIDATES } from './group-stories.ts';
import { StorySession } from './story-session.ts';
import { linkStories, openTrace } from './trace-story.ts';

test('the in-memory index of a run is bounded by the machine’s memory, never below the small-laptop bounds', () => {
  const GiB = 1024 ** 3;
  assert.deepEqual(sessionBounds(4 * GiB), { maxRecords: 400_000, maxDocs: 300_000 });
  const big = sessionBounds(24 * GiB);
  assert.ok(big.maxRecords > 1_000_000 && big.maxDocs > 1_500_000, JSON.stringify(big));
  assert.deepEqual(sessionBounds(1024 * GiB), { maxRecords: 4_000_000, maxDocs: 4_000_000 });
});

test('provenance is rebuilt each time the run has doubled since the last rebuild, not every 20,000 items', () => {
  // a 1M run of 10,000-item pages: the items analysed when provenance is rebuilt before the end
  const at: number[] = [];
  let since = 0;
  for (let analysed = 10_000; analysed <= 1_000_000; analysed += 10_000) {
    since += 10_000;
    if (provenanceDue(since, analysed)) {
      at.push(analysed);
      since = 0;
    }
  }
  assert.deepEqual(at, [20_000, 40_000, 80_000, 160_000, 320_000, 640_000]);
  // never more often than every PROVENANCE_MIN_ITEMS, however small the pages
  assert.equal(provenanceDue(PROVENANCE_MIN_ITEMS - 1, PROVENANCE_MIN_ITEMS - 1), false);
  assert.equal(provenanceDue(PROVENANCE_MIN_ITEMS, PROVENANCE_MIN_ITEMS), true);
});

describe('story clustering with the in-memory index (StorySession)', () => {
  let dir: string;
  let ingested: string;
  before(async () => {
    // template-heavy generated corpus: full band buckets, hot content hashes, merges by links
    ({ dir, ingested } = await ingestedCorpus('ogoh-session-', { items: 1500, seed: 11 }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const copy = (name: string) => {
    const db = join(dir, name);
    copyFileSync(ingested, db);
    return db;
  };

  test('analyse makes the same stories, links and members with and without it, over many pages', async () => {
    const runs = [];
    for (const memoryIndex of [false, true]) {
      const app = await openOgoh({ db: copy(`analyse-${memoryIndex}.db`) });
      try {
        const r = await analyse(app, { batchSize: 300, memoryIndex });
        runs.push({
          report: { ...r, cpuSeconds: undefined, waitSeconds: undefined },
          members: await memberships(app),
        });
      } finally {
        await app.close();
      }
    }
    const [store, memory] = runs;
    assert.ok(store && memory);
    assert.ok(store.report.copyLinks > 600, `a template-heavy corpus: ${store.report.copyLinks} copies`);
    assert.ok(store.report.translationLinks > 0);
    assert.deepEqual(memory.report, store.report);
    assert.equal(memory.members.length, store.members.length);
    assert.deepEqual(memory.members, store.members);
  });

  test('decisions do not depend on where pages begin: pages of 61, 300 and 1,500 items give the same stories and links', async () => {
    const runs = [];
    for (const batchSize of [61, 300, 1500]) {
      const app = await openOgoh({ db: copy(`pages-${batchSize}.db`) });
      const trace = await openTrace(app);
      try {
        const r = await analyse(app, { batchSize });
        const members = await memberships(app);
        const links = [];
        for (const id of new Set(members.map((m) => m.split(' ')[0]!)))
          links.push(...(await trace.storyLinks(id)));
        runs.push({
          // how pages were prepared (inline or in the worker) differs with their number
          report: { ...r, cpuSeconds: undefined, waitSeconds: undefined, prepare: undefined },
          members,
          links: links
            .map(
              (l) => `${l.itemId} ${l.toItemId} ${l.kind} ${l.score.toFixed(6)} ${JSON.stringify(l.reasons)}`,
            )
            .sort(),
        });
      } finally {
        await trace.close();
        await app.close();
      }
    }
    const [small, mid, one] = runs;
    assert.ok(small && mid && one);
    assert.ok(one.report.copyLinks > 600 && one.report.translationLinks > 0, JSON.stringify(one.report));
    assert.deepEqual(small.members, one.members);
    assert.deepEqual(mid.members, one.members);
    assert.deepEqual(small.links, one.links);
    assert.deepEqual(mid.links, one.links);
    assert.deepEqual(small.report, one.report);
    assert.deepEqual(mid.report, one.report);
  });

  test('a first page probing more bands than filterAfterBands loads the band filter before reading any', async () => {
    const app = await openOgoh({ db: copy('filter-first.db') });
    const trace = await openTrace(app);
    try {
      const session = new StorySession(trace, { ...NEAR_CANDIDATES, filterAfterBands: 1000 });
      for await (const page of app.store.itemsToAnalyse({ batchSize: 200 })) {
        // 200 items of 16 bands: past 1,000 before the first read
        assert.equal(session.readsStoreAtLarge(200 * 16), true);
        await groupStories(app, trace, page, session);
        break;
      }
      // nothing is stored yet: the filter answers "no" for (nearly) every band, so none is read
      assert.equal(session.stats.filterLoads, 1);
      assert.ok(session.stats.skippedBands > 1000, `skipped ${session.stats.skippedBands}`);
      assert.ok(session.stats.warmedBands < 20, `read ${session.stats.warmedBands}`);
    } finally {
      await trace.close();
      await app.close();
    }
  });

  test('caches evicted for their memory bound warm again from the store: same stories and links', async () => {
    const results = [];
    // 0: the store path; 150: nearly everything evicted every page; 900: the least recently
    // probed part evicted now and then while hot buckets and posting lists stay
    // (and 150 again with the store's band filter from the first page: bands never stored are not read)
    for (const [bound, filter] of [
      [0, undefined],
      [150, undefined],
      [900, undefined],
      [150, 0],
    ] as const) {
      const app = await openOgoh({ db: copy(`group-${bound}-${filter}.db`) });
      const trace = await openTrace(app);
      try {
        const session = bound
          ? new StorySession(trace, {
              ...NEAR_CANDIDATES,
              maxRecords: bound,
              maxDocs: bound,
              filterAfterBands: filter ?? Number.POSITIVE_INFINITY,
            })
          : undefined;
        let links = 0;
        for await (const page of app.store.itemsToAnalyse({ batchSize: 200 })) {
          links += (await groupStories(app, trace, page, session)).links;
          const l = await linkStories(app, page, { trace, ...(session ? { session } : {}) });
          links += l.translations + l.rewrites;
          await app.store.markAnalysed(
            page.map((i) => i.id),
            '2026-11-27T00:00:00Z',
          );
        }
        if (session) {
          const min = bound < 200 ? 5 : 1;
          assert.ok(session.stats.resets >= min, `resets: ${session.stats.resets}`);
          assert.ok(session.anchors.stats.resets >= min, `anchor resets: ${session.anchors.stats.resets}`);
          if (filter !== undefined)
            assert.ok(
              session.stats.skippedBands > 100 && session.stats.filterLoads >= 1,
              `skipped: ${session.stats.skippedBands}, loads: ${session.stats.filterLoads}`,
            );
          else assert.equal(session.stats.skippedBands, 0);
        }
        results.push({ links, members: await memberships(app) });
      } finally {
        await trace.close();
        await app.close();
      }
    }
    const [store, ...bounded] = results;
    assert.ok(store && store.links > 600);
    for (const b of bounded) {
      assert.equal(b.links, store.links);
      assert.deepEqual(b.members, store.members);
    }
  });
});
