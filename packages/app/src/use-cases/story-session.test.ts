import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { writeJsonl } from '@ogoh/demo';
import { type Ogoh, openOgoh } from '../context.ts';
import { analyse } from './analyse.ts';
import { groupStories, NEAR_CANDIDATES } from './group-stories.ts';
import { ingestPaths } from './ingest-files.ts';
import { StorySession } from './story-session.ts';
import { linkStories, openTrace } from './trace-story.ts';

/** Every story with its members (item, link, similarity), in a stable order. */
async function memberships(app: Ogoh): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await app.store.listStories({ limit: 500, ...(cursor ? { cursor } : {}) });
    for (const s of page.stories)
      for (const m of s.members) out.push(`${s.id} ${m.itemId} ${m.link} ${m.similarity.toFixed(6)}`);
    cursor = page.next;
  } while (cursor);
  return out.sort();
}

describe('story clustering with the in-memory index (StorySession)', () => {
  let dir: string;
  let ingested: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ogoh-session-'));
    const file = join(dir, 'items.jsonl');
    // template-heavy generated corpus: full band buckets, hot content hashes, merges by links
    await writeJsonl(file, { items: 1500, seed: 11 });
    ingested = join(dir, 'ingested.db');
    const app = await openOgoh({ db: ingested });
    try {
      await ingestPaths(app, [file], { format: 'jsonl' });
    } finally {
      await app.close();
    }
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
        runs.push({ report: { ...r, cpuSeconds: undefined }, members: await memberships(app) });
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

  test('caches dropped for their memory bound warm again from the store: same stories and links', async () => {
    const results = [];
    for (const bounded of [false, true]) {
      const app = await openOgoh({ db: copy(`group-${bounded}.db`) });
      const trace = await openTrace(app);
      try {
        const session = bounded
          ? new StorySession(trace, { ...NEAR_CANDIDATES, maxRecords: 150, maxDocs: 150 })
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
          assert.ok(session.stats.resets >= 5, `resets: ${session.stats.resets}`);
          assert.ok(session.anchors.stats.resets >= 5, `anchor resets: ${session.anchors.stats.resets}`);
        }
        results.push({ links, members: await memberships(app) });
      } finally {
        await trace.close();
        await app.close();
      }
    }
    const [store, bounded] = results;
    assert.ok(store && bounded && store.links > 600);
    assert.equal(bounded.links, store.links);
    assert.deepEqual(bounded.members, store.members);
  });
});
