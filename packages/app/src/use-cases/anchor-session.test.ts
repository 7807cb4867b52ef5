/**
 * The run's anchor posting lists keep only their latest documents (POSTING_KEEP): a probe whose
 * scan reaches back past them reads the whole list, so links and stories are those of the store
 * path. Checked with lists cut to a few documents (most probes reach back, many do not) and with a
 * memory bound that evicts lists every few pages.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { writeJsonl } from '@ogoh/demo';
import { type Ogoh, openOgoh } from '../context.ts';
import { groupStories, NEAR_CANDIDATES } from './group-stories.ts';
import { ingestPaths } from './ingest-files.ts';
import { AnchorSession, StorySession } from './story-session.ts';
import { linkStories, openTrace } from './trace-story.ts';

let dir: string;
let ingested: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ogoh-anchors-'));
  const file = join(dir, 'items.jsonl');
  await writeJsonl(file, { items: 1500, seed: 5 });
  ingested = join(dir, 'ingested.db');
  const app = await openOgoh({ db: ingested });
  try {
    await ingestPaths(app, [file], { format: 'jsonl' });
  } finally {
    await app.close();
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Every story with its members (item, link, similarity), in a stable order. */
async function memberships(app: Ogoh): Promise<string[]> {
  const members: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await app.store.listStories({ limit: 500, ...(cursor ? { cursor } : {}) });
    for (const s of page.stories)
      for (const m of s.members) members.push(`${s.id} ${m.itemId} ${m.link} ${m.similarity.toFixed(6)}`);
    cursor = page.next;
  } while (cursor);
  return members.sort();
}

test('cut posting lists give the links and stories of the store path', async () => {
  const runs: { links: number; members: string[]; stats?: AnchorSession['stats'] }[] = [];
  for (const anchors of [undefined, { keep: 8 }, { keep: 30, maxDocs: 200 }]) {
    const db = join(dir, `run-${runs.length}.db`);
    copyFileSync(ingested, db);
    const app = await openOgoh({ db });
    const trace = await openTrace(app);
    try {
      const session = anchors ? new StorySession(trace, NEAR_CANDIDATES) : undefined;
      const cut = anchors ? new AnchorSession(trace, anchors) : undefined;
      // the run's near-duplicate index as analyse uses it, with the anchor half under test
      if (session && cut) Object.defineProperty(session, 'anchors', { value: cut });
      let links = 0;
      for await (const page of app.store.itemsToAnalyse({ batchSize: 150 })) {
        links += (await groupStories(app, trace, page, session)).links;
        const l = await linkStories(app, page, { trace, ...(session ? { session } : {}) });
        links += l.translations + l.rewrites;
        await app.store.markAnalysed(
          page.map((i) => i.id),
          '2026-11-27T00:00:00Z',
        );
      }
      runs.push({ links, members: await memberships(app), ...(cut ? { stats: { ...cut.stats } } : {}) });
    } finally {
      await trace.close();
      await app.close();
    }
  }
  const [store, ...cut] = runs;
  assert.ok(store && store.links > 300, `links: ${store?.links}`);
  for (const r of cut) {
    assert.ok(r.stats && r.stats.cutLists > 0 && r.stats.wholeLists > 0, JSON.stringify(r.stats));
    assert.equal(r.links, store.links);
    assert.deepEqual(r.members, store.members);
  }
  assert.ok((cut[1]?.stats?.resets ?? 0) > 0, 'the small bound evicts');
});
