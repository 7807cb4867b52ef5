/**
 * Story summaries updated from new members only (growStory) must equal a full re-aggregation
 * (refreshStory): random batches of additions, moves and re-assignments over dated and undated
 * items of several sources and languages, compared row by row after every batch.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { StoryAssignment } from '@ogoh/core';
import * as f from '../factories.ts';
import { openDb } from './db.ts';
import { openSqliteStore } from './index.ts';
import { refreshStory } from './stories.ts';

test('growing a story gives the summary a full refresh gives', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogoh-grow-'));
  const path = join(dir, 's.db');
  const store = await openSqliteStore(path);
  try {
    const sources = ['a', 'b', 'c', 'd'];
    for (const id of [...sources, 'src-test']) await store.putSource(f.source({ id }));
    // mulberry32: a seeded generator whose low bits are usable
    let seed = 11;
    const rnd = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    const langs = ['ru', 'tg', 'uz', 'en'] as const;
    const items = Array.from({ length: 120 }, (_, i) =>
      f.item({
        sourceId: sources[rnd(4)]!,
        lang: langs[rnd(3) === 0 ? rnd(4) : 0]!,
        title: `t${i}`,
        // a fifth undated; dates out of collection order
        ...(rnd(5) === 0
          ? {}
          : { published: new Date(Date.UTC(2026, 9, 1 + rnd(40), rnd(24))).toISOString() }),
      }),
    );
    await store.writeBatch({
      items,
      payloads: [f.payload({ id: items[0]!.payloadId, sourceId: 'src-test' })],
    });
    const db = openDb(path, false);
    // per-language counts compared as sorted pairs (their JSON key order is not part of them)
    const snapshot = () =>
      (
        db.raw
          .prepare(
            'SELECT id, first_item_id, first_seen, last_seen, CAST(last_key AS TEXT) AS k, size, sources, langs, title, lang_counts FROM stories ORDER BY id',
          )
          .all() as { size: number; lang_counts: string | null }[]
      ).map((r) => ({
        ...r,
        lang_counts: r.lang_counts && Object.entries(JSON.parse(r.lang_counts) as object).sort(),
      }));
    const stories = ['st_1', 'st_2', 'st_3', 'st_4', 'st_5'];
    let next = 0;
    // the last assignment of each item: a re-assignment to its own story still updates its link
    const expected = new Map<string, string>();
    for (let batch = 0; batch < 25; batch++) {
      const assignments: StoryAssignment[] = [];
      const n = 1 + rnd(8);
      for (let k = 0; k < n; k++) {
        // mostly new items joining a story; sometimes an earlier item moving or re-assigned
        const itemId = rnd(4) === 0 || next >= items.length ? items[rnd(next || 1)]!.id : items[next++]!.id;
        const a: StoryAssignment = {
          storyId: stories[rnd(stories.length)]!,
          itemId,
          link: rnd(2) === 0 ? 'near' : 'exact',
          similarity: rnd(100) / 100,
        };
        assignments.push(a);
        expected.set(itemId, `${a.storyId} ${a.link} ${a.similarity}`);
      }
      // counts missing (stories from before migration 15) or not adding up: counted again
      if (batch % 6 === 3) db.raw.prepare('UPDATE stories SET lang_counts = NULL').run();
      if (batch % 6 === 5) db.raw.prepare(`UPDATE stories SET lang_counts = '{"xx":1}'`).run();
      await store.assignStories(assignments);
      const grown = snapshot();
      db.write(() => {
        for (const s of stories) refreshStory(db, s);
      });
      const full = snapshot();
      // a story the batch did not grow keeps the counts the test cleared or spoilt
      grown.forEach((g, i) => {
        if (g.lang_counts === null || JSON.stringify(g.lang_counts).includes('xx'))
          g.lang_counts = full[i]?.lang_counts ?? null;
      });
      assert.deepEqual(grown, full, `batch ${batch}`);
    }
    assert.ok(
      snapshot().some((s) => s.size > 10),
      'stories grew over the batches',
    );
    const members = db.raw
      .prepare('SELECT item_id AS i, story_id AS s, link, similarity AS x FROM story_members')
      .all() as { i: string; s: string; link: string; x: number }[];
    assert.deepEqual(
      new Map(members.map((m) => [m.i, `${m.s} ${m.link} ${m.x}`])),
      expected,
      'members carry their last assignment',
    );
    const itemStories = db.raw.prepare('SELECT count(*) FROM items WHERE story_id IS NOT NULL').pluck().get();
    assert.equal(itemStories, expected.size);
    db.close();
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
