/**
 * An analysis stopped between two of a page's writes (a killed worker) and run again must leave the
 * store as one uninterrupted run leaves it. A page's writes are several commits (signatures, the
 * near-duplicate stage's stories, the link stage's moves and links, detections, the "analysed"
 * marker), so the resumed run re-analyses a page whose story decisions are already partly or wholly
 * stored. Found on PostgreSQL (apps/cli worker.test.ts, a SIGKILLed worker): a re-run link stage
 * no longer saw the item it had linked to (now in the probe's own story, so skipped as a candidate)
 * and merged the probe's story with its second-best match, one story fewer than a clean run.
 * Here the stop is simulated deterministically: the k-th store write of the run throws.
 */
import assert from 'node:assert/strict';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Store } from '@ogoh/core';
import { openSqliteStore } from '@ogoh/store';
import postgres from 'postgres';
import { type Ogoh, openOgoh } from '../context.ts';
import { analyse } from './analyse.ts';
import { ingestedCorpus } from './fixtures/story-corpus.ts';
import { ingestPaths } from './ingest-files.ts';
import { openTrace } from './trace-story.ts';

/** The store writes analysis makes, in the order a page makes them. */
const WRITES = new Set([
  'putSignatures',
  'assignStories',
  'replaceDetections',
  'markAnalysed',
  'commitAnalysisPage',
]);

class Stopped extends Error {}

/**
 * The app with a store whose `stopAt`-th write (counted from 1, over the whole run) throws before
 * it reaches the store, as a killed process stops there. Other calls go to the real store.
 */
function stopping(app: Ogoh, stopAt: number): { app: Ogoh; writes: string[] } {
  let n = 0;
  const writes: string[] = [];
  const real = app.store as unknown as Record<string, unknown>;
  const store = new Proxy(real, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target);
      if (typeof v !== 'function') return v;
      if (typeof prop === 'string' && WRITES.has(prop))
        return async (...args: unknown[]) => {
          if (++n === stopAt) throw new Stopped(`stopped at write ${n} (${prop})`);
          writes.push(prop);
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      return (v as (...a: unknown[]) => unknown).bind(target);
    },
  }) as unknown as Store;
  return { app: { ...app, store }, writes };
}

/** Stories with their members and links, and detections: what a resumed run must reproduce. */
async function stored(app: Ogoh): Promise<{ stories: string[]; links: string[]; detections: number }> {
  const stories: string[] = [];
  let cursor: string | undefined;
  const trace = await openTrace(app);
  const links: string[] = [];
  try {
    do {
      const page = await app.store.listStories({ limit: 500, ...(cursor ? { cursor } : {}) });
      for (const s of page.stories) {
        stories.push(
          `${s.id}: ${s.members
            .map((m) => `${m.itemId} ${m.link}`)
            .sort()
            .join(', ')}`,
        );
        for (const l of await trace.storyLinks(s.id))
          links.push(`${l.itemId} → ${l.toItemId} ${l.kind} ${l.score} in ${l.storyId}`);
      }
      cursor = page.next;
    } while (cursor);
  } finally {
    await trace.close();
  }
  const ids: string[] = [];
  for await (const page of app.store.itemsToAnalyse({ all: true, batchSize: 1000 }))
    ids.push(...page.map((i) => i.id));
  const detections = (await app.store.detectionsFor(ids)).length;
  return { stories: stories.sort(), links: links.sort(), detections };
}

/**
 * Runs the scenario on a store `fresh()` gives (ingested, not analysed): one clean run, then for
 * each stop point `pick` chooses among the clean run's writes (1-based) a run stopped there and
 * resumed.
 */
async function resumeScenario(
  fresh: (name: string) => Promise<Ogoh>,
  pick: (writes: readonly string[]) => number[],
) {
  const clean = await fresh('clean');
  let want: Awaited<ReturnType<typeof stored>>;
  let writes: string[];
  try {
    const counted = stopping(clean, 0);
    await analyse(counted.app, { batchSize: 40, prepare: 'inline' });
    writes = counted.writes;
    want = await stored(clean);
  } finally {
    await clean.close();
  }
  assert.ok(want.stories.length > 20 && want.links.length > 5, 'the corpus forms stories and links');
  const stops = pick(writes);
  for (const at of stops) {
    const app = await fresh(`stop${at}`);
    try {
      await assert.rejects(analyse(stopping(app, at).app, { batchSize: 40, prepare: 'inline' }), Stopped);
      await analyse(app, { batchSize: 40, prepare: 'inline' });
      const got = await stored(app);
      assert.deepEqual(
        got,
        want,
        `stopped at write ${at} of ${writes.length} (${writes[at - 1]}), then resumed`,
      );
    } finally {
      await app.close();
    }
  }
}

/** Each page's last write (its marker, or the commit of its decisions with the marker), 1-based. */
const pageEnds = (writes: readonly string[]) =>
  writes.flatMap((w, i) => (w === 'markAnalysed' || w === 'commitAnalysisPage' ? [i + 1] : []));

/** Every write of the second page, and every page stopped just before its last write. */
const EVERY_PAGE = (writes: readonly string[]) => {
  const ends = pageEnds(writes);
  const second = Array.from({ length: (ends[1] ?? 0) - (ends[0] ?? 0) }, (_, i) => (ends[0] ?? 0) + 1 + i);
  return [...new Set([...second, ...ends])].sort((x, y) => x - y);
};

/**
 * Pages 2, 8, 13 and 14 stopped before their last write: with this corpus the last three gave a
 * different store when resumed before page-writes.ts held a page's decisions back.
 */
const SOME_PAGES = (writes: readonly string[]) => {
  const ends = pageEnds(writes);
  return [1, 7, 12, 13].map((k) => ends[k]).filter((n): n is number => n !== undefined);
};

describe('analysis resumed after a stop between a page’s writes', () => {
  let dir = '';
  let file = '';
  let ingested = '';
  before(async () => {
    ({ dir, file, ingested } = await ingestedCorpus('ogoh-resume-', { items: 600, seed: 11 }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('SQLite: the same stories, members, links and detections as one clean run', () =>
    resumeScenario(async (name) => {
      const db = join(dir, `${name}.db`);
      copyFileSync(ingested, db);
      return openOgoh({ db });
    }, EVERY_PAGE));

  /** The SQLite store committing every page on its page writer's thread (large pages do by default). */
  const threaded = async (name: string): Promise<Ogoh> => {
    const db = join(dir, `${name}.db`);
    copyFileSync(ingested, db);
    const app = await openOgoh({ db });
    await app.store.close();
    const real = await openSqliteStore(db, { pageWriter: 'thread' });
    // a slow writer: each page reaches the thread 20 ms late, so the next page's start runs
    // before its commit, whatever the machine's speed
    const store = new Proxy(real, {
      get(target, prop) {
        const v = Reflect.get(target, prop, target) as unknown;
        if (typeof v !== 'function') return v;
        const fn = (v as (...a: unknown[]) => unknown).bind(target);
        if (prop !== 'commitAnalysisPage') return fn;
        return async (...args: unknown[]) => {
          await new Promise((r) => setTimeout(r, 20));
          return fn(...args);
        };
      },
    });
    return { ...app, store, close: () => real.close() };
  };

  test('SQLite, pages committed on the page writer thread: the same as committed inline, and after a stop', async () => {
    const inline = await threaded('inline-reference');
    await inline.store.close();
    const reference = await openOgoh({ db: inline.location });
    let want: Awaited<ReturnType<typeof stored>>;
    try {
      await analyse(reference, { batchSize: 40, prepare: 'inline' });
      want = await stored(reference);
    } finally {
      await reference.close();
    }
    const app = await threaded('thread-clean');
    try {
      await analyse(app, { batchSize: 40, prepare: 'inline' });
      assert.deepEqual(await stored(app), want, 'committed on the thread');
    } finally {
      await app.close();
    }
    // without the run's in-memory index the near-duplicate stage reads and writes the store itself
    const direct = await threaded('thread-store-path');
    try {
      await analyse(direct, { batchSize: 40, prepare: 'inline', memoryIndex: false });
      assert.deepEqual(await stored(direct), want, 'committed on the thread, candidates from the store');
    } finally {
      await direct.close();
    }
    await resumeScenario(threaded, SOME_PAGES);
  });

  const pg = process.env.OGOH_TEST_PG;
  test('PostgreSQL: the same', {
    ...(pg ? {} : { skip: 'OGOH_TEST_PG is not set (scripts/pg-start.sh starts a server)' }),
  }, async () => {
    const url = pg as string;
    const schemas: string[] = [];
    try {
      // fewer stops: each is a fresh schema and ingest
      await resumeScenario(async (name) => {
        const schema = `resume${process.pid}_${name}_${Math.random().toString(36).slice(2, 8)}`;
        schemas.push(schema);
        const app = await openOgoh({ db: `${url}${url.includes('?') ? '&' : '?'}schema=${schema}` });
        await ingestPaths(app, [file], { format: 'jsonl' });
        return app;
      }, SOME_PAGES);
    } finally {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        for (const s of schemas) await sql.unsafe(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
      } finally {
        await sql.end({ timeout: 5 });
      }
    }
  });
});
