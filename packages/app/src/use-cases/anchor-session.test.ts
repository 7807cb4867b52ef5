/**
 * The run's anchor posting lists keep only their latest documents (POSTING_KEEP): a probe whose
 * scan reaches back past them reads the whole list, so links and stories are those of the store
 * path. Checked with lists cut to a few documents (most probes reach back, many do not) and with a
 * memory bound that evicts lists every few pages.
 */
import assert from 'node:assert/strict';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openOgoh } from '../context.ts';
import { ingestedCorpus, memberships } from './fixtures/story-corpus.ts';
import { groupStories, NEAR_CANDIDATES } from './group-stories.ts';
import { AnchorSession, StorySession } from './story-session.ts';
import { linkStories, openTrace } from './trace-story.ts';

let dir: string;
let ingested: string;
before(async () => {
  ({ dir, ingested } = await ingestedCorpus('ogoh-anchors-', { items: 1500, seed: 5 }));
});
after(() => rmSync(dir, { recursive: true, force: true }));

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
