import assert from 'node:assert/strict';
import { copyFileSync, cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Item } from '@ogoh/core';
import { writeJsonl } from '@ogoh/demo';
import postgres from 'postgres';
import { type Ogoh, openOgoh } from '../context.ts';
import { type AnalyseReport, analyse } from './analyse.ts';
import { type Detector, loadDetector } from './detect-items.ts';
import { ingestPaths } from './ingest-files.ts';
import { PagePreparer, prepareInput, preparePage } from './prepare-pool.ts';
import { openTrace } from './trace-story.ts';
import { trainModel } from './train-eval.ts';

/** Stories with members, every story's links, every detection: what analysis stored, in a stable order. */
async function stored(app: Ogoh): Promise<{ members: string[]; links: string[]; detections: string[] }> {
  const members: string[] = [];
  const storyIds: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await app.store.listStories({ limit: 500, ...(cursor ? { cursor } : {}) });
    for (const s of page.stories) {
      storyIds.push(s.id);
      for (const m of s.members) members.push(`${s.id} ${m.itemId} ${m.link} ${m.similarity.toFixed(6)}`);
    }
    cursor = page.next;
  } while (cursor);
  const trace = await openTrace(app);
  const links: string[] = [];
  try {
    for (const id of storyIds)
      for (const l of await trace.storyLinks(id)) links.push(JSON.stringify({ ...l, createdAt: undefined }));
  } finally {
    await trace.close();
  }
  const ids: string[] = [];
  for await (const page of app.store.itemsToAnalyse({ all: true, batchSize: 1000 }))
    ids.push(...page.map((i) => i.id));
  const detections = (await app.store.detectionsFor(ids)).map((d) =>
    JSON.stringify({ ...d, createdAt: undefined }),
  );
  return { members: members.sort(), links: links.sort(), detections: detections.sort() };
}

describe('analyse with the prepare worker thread', () => {
  let dir: string;
  let ingested: string;
  let version: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ogoh-prepare-'));
    const file = join(dir, 'items.jsonl');
    await writeJsonl(file, { items: 1200, seed: 5 });
    ingested = join(dir, 'ingested.db');
    const app = await openOgoh({ db: ingested });
    try {
      await ingestPaths(app, [file], { format: 'jsonl' });
      // a trained technique model beside the store: the worker must load it and flag with it
      const lines: string[] = [];
      for (let i = 0; i < 80; i++)
        lines.push(
          JSON.stringify(
            i % 2
              ? {
                  id: `p${i}`,
                  lang: 'ru',
                  text: `Цены на муку и хлеб снова выросли, магазин ${i}.`,
                  labels: ['Loaded_Language'],
                }
              : { id: `n${i}`, lang: 'ru', text: `Совет обсудил ремонт дорог в день ${i}.`, labels: [] },
          ),
        );
      const examples = join(dir, 'techniques.jsonl');
      writeFileSync(examples, `${lines.join('\n')}\n`);
      version = (await trainModel(app, 'techniques', examples, { feedback: false })).version;
    } finally {
      await app.close();
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const copy = (name: string) => {
    const db = join(dir, name);
    copyFileSync(ingested, db);
    if (existsSync(`${ingested}.models`)) cpSync(`${ingested}.models`, `${db}.models`, { recursive: true });
    return db;
  };

  test('the same stories, links and detections prepared on the worker, inline and in auto mode', async () => {
    const runs: { prepare: string; report: AnalyseReport; stored: Awaited<ReturnType<typeof stored>> }[] = [];
    for (const prepare of ['thread', 'inline', 'auto'] as const) {
      const app = await openOgoh({ db: copy(`${prepare}.db`) });
      try {
        const r = await analyse(app, { batchSize: 200, prepare });
        runs.push({ prepare, report: r, stored: await stored(app) });
      } finally {
        await app.close();
      }
    }
    const [thread, inline, auto] = runs;
    assert.ok(thread && inline && auto);
    // the worker prepared every page of the thread run (it waits for the boot); none elsewhere
    assert.equal(thread.report.prepare.threadPages, 6);
    assert.equal(thread.report.prepare.inlinePages, 0);
    assert.ok((thread.report.prepare.workerCpuSeconds ?? 0) > 0, JSON.stringify(thread.report.prepare));
    assert.deepEqual(inline.report.prepare, { threadPages: 0, inlinePages: 6 });
    // 1,200 items are below PREPARE_MIN_ITEMS: auto starts no thread
    assert.deepEqual(auto.report.prepare, { threadPages: 0, inlinePages: 6 });
    const strip = (r: AnalyseReport) => ({
      ...r,
      cpuSeconds: undefined,
      waitSeconds: undefined,
      prepare: undefined,
    });
    assert.ok(
      inline.report.copyLinks > 300 && inline.report.translationLinks > 0,
      JSON.stringify(inline.report),
    );
    assert.ok(inline.report.detections > 0);
    assert.ok(
      inline.stored.detections.some((d) => d.includes(`"model":"${version}"`)),
      'the trained technique model flagged items',
    );
    for (const other of [thread, auto]) {
      assert.deepEqual(strip(other.report), strip(inline.report), other.prepare);
      assert.deepEqual(other.stored.members, inline.stored.members, other.prepare);
      assert.deepEqual(other.stored.links, inline.stored.links, other.prepare);
      assert.deepEqual(other.stored.detections, inline.stored.detections, other.prepare);
    }
  });
});

describe('PagePreparer', () => {
  test('the worker prepares what preparePage computes inline; its flags are used only with the same detector versions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ogoh-prepare-unit-'));
    const app = await openOgoh({ db: join(dir, 'unit.db') });
    try {
      const file = join(dir, 'items.jsonl');
      await writeJsonl(file, { items: 120, seed: 3 });
      await ingestPaths(app, [file], { format: 'jsonl' });
      const pages: Item[][] = [];
      for await (const page of app.store.itemsToAnalyse({ batchSize: 50 })) pages.push(page);
      assert.equal(pages.length, 3);
      const affiliations = new Map((await app.store.listSources()).map((s) => [s.id, s.affiliation]));
      const detector = await loadDetector(app);
      const inline = (page: Item[], d: Detector) =>
        preparePage(
          page.map((i) => prepareInput(i, affiliations.get(i.sourceId))),
          d,
        );
      const same = new PagePreparer(app, detector, affiliations, 'thread');
      // a detector whose taxonomy version the worker's does not carry: its own flags must be kept
      const other: Detector = { ...detector, taxonomy: { ...detector.taxonomy, version: 'edited-0' } };
      const edited = new PagePreparer(app, other, affiliations, 'thread');
      try {
        for (const page of pages) {
          same.ahead(page);
          edited.ahead(page);
        }
        for (const page of pages) {
          const got = await same.take(page);
          assert.deepEqual(got, inline(page, detector));
          const mine = await edited.take(page);
          assert.deepEqual(mine, inline(page, other));
          assert.ok(mine.detections?.flat().every((d) => d.taxonomyVersion === 'edited-0'));
        }
        assert.ok(
          pages.some((p) => inline(p, detector).detections?.flat().length),
          'some items are flagged',
        );
        assert.deepEqual([same.stats.threadPages, edited.stats.threadPages], [3, 3]);
      } finally {
        await same.close();
        await edited.close();
      }
      assert.ok((same.stats.workerCpuSeconds ?? 0) > 0, JSON.stringify(same.stats));
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const pg = process.env.OGOH_TEST_PG;
if (!pg) {
  test('analyse with the prepare worker on PostgreSQL', {
    skip: 'OGOH_TEST_PG is not set (scripts/pg-start.sh starts a server)',
  }, () => {});
} else {
  test('analyse with the prepare worker on PostgreSQL: the same stories, links and detections as inline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ogoh-prepare-pg-'));
    const file = join(dir, 'items.jsonl');
    await writeJsonl(file, { items: 500, seed: 9 });
    const schemas: string[] = [];
    try {
      const runs = [];
      for (const prepare of ['thread', 'inline'] as const) {
        const schema = `prep${process.pid}_${prepare}_${Date.now().toString(36)}`;
        schemas.push(schema);
        const u = new URL(pg);
        u.searchParams.set('schema', schema);
        const app = await openOgoh({ db: u.toString() });
        try {
          await ingestPaths(app, [file], { format: 'jsonl' });
          const r = await analyse(app, { batchSize: 100, prepare });
          runs.push({ report: r, stored: await stored(app) });
        } finally {
          await app.close();
        }
      }
      const [thread, inline] = runs;
      assert.ok(thread && inline);
      assert.equal(thread.report.prepare.threadPages, 5);
      assert.equal(inline.report.prepare.inlinePages, 5);
      assert.ok(inline.report.copyLinks > 0 && inline.report.detections > 0, JSON.stringify(inline.report));
      assert.deepEqual(
        { ...thread.report, cpuSeconds: undefined, waitSeconds: undefined, prepare: undefined },
        { ...inline.report, cpuSeconds: undefined, waitSeconds: undefined, prepare: undefined },
      );
      assert.deepEqual(thread.stored, inline.stored);
    } finally {
      const sql = postgres(pg, { max: 1, onnotice: () => {} });
      try {
        for (const schema of schemas) await sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await sql.end({ timeout: 5 });
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
