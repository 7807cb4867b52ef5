/**
 * Ingest with items built on a worker thread stores exactly what the single-threaded path stores:
 * the same report (counts, rejections, file errors with line and column), the same items, sources,
 * accounts and search results, on every input format, bad files included; a second run adds nothing.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Item } from '@ogoh/core';
import { writeDemo } from '@ogoh/demo';
import { type Ogoh, openOgoh } from './context.ts';
import { type IngestReport, ingestPaths } from './use-cases/ingest-files.ts';
import { searchItems } from './use-cases/query.ts';
import { addSource } from './use-cases/sources.ts';

const FIXTURES = new URL('../../ingest/src/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ogoh-ingest-worker-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const inputs = join(dir, 'inputs');
const CLOCK = { now: () => new Date('2026-11-01T12:00:00Z') };

before(() => {
  // Every format the parsers read, the bad files among them (malformed XML/JSON/CSV, an entity bomb,
  // a record-level rejection), next to a generated demo corpus.
  for (const sub of ['rss', 'atom', 'csv', 'jsonl', 'telegram', 'telegram-html', 'html', 'sitemap'])
    cpSync(join(FIXTURES, sub, 'fixtures'), join(inputs, sub), { recursive: true });
  writeDemo(join(inputs, 'demo'), { items: 600, seed: 5 });
  mkdirSync(join(inputs, 'jsonl'), { recursive: true });
  writeFileSync(
    join(inputs, 'jsonl', 'rejects.jsonl'),
    [
      JSON.stringify({ id: 'a', text: 'Хабари нав дар бораи обу ҳаво', date: '2026-10-02T08:00:00Z' }),
      JSON.stringify({ id: 'b', text: '' }),
      JSON.stringify({
        id: 'c',
        text: 'Новости о погоде в Душанбе',
        url: 'https://news.example/c?utm_source=x',
      }),
    ].join('\n'),
  );
});

async function run(worker: boolean): Promise<{ app: Ogoh; reports: IngestReport[] }> {
  const app = await openOgoh({ db: join(dir, `${worker ? 'worker' : 'inline'}.db`), clock: CLOCK });
  await addSource(app, {
    id: 'flagged-channel',
    name: 'Flagged',
    platform: 'telegram',
    affiliation: 'extremist',
  });
  const reports = [
    await ingestPaths(app, [inputs], { worker, batchSize: 150 }),
    // every item of an extremist source has its media withheld
    await ingestPaths(app, [join(inputs, 'telegram', 'channel')], { worker, sourceId: 'flagged-channel' }),
  ];
  return { app, reports };
}

async function allItems(app: Ogoh): Promise<Item[]> {
  const out: Item[] = [];
  for await (const page of app.store.itemsToAnalyse({ all: true, batchSize: 500 })) out.push(...page);
  return out;
}

describe('ingest on a build worker', () => {
  test('stores what the main thread stores, reports the same, and a second run adds nothing', async () => {
    const inline = await run(false);
    const worker = await run(true);
    try {
      assert.deepEqual(worker.reports, inline.reports);
      const [first] = inline.reports;
      assert.ok(first!.new > 600, `the corpus was ingested (${first!.new} new)`);
      assert.ok(first!.rejected > 0, 'a record was rejected');
      const broken = first!.files.filter((f) => f.error);
      assert.ok(broken.length >= 4, 'malformed files failed on their own');
      assert.ok(broken.some((f) => f.error?.line !== undefined));

      const a = await allItems(inline.app);
      const b = await allItems(worker.app);
      assert.equal(b.length, a.length);
      assert.deepEqual(b, a);
      assert.ok(b.some((i) => i.mediaWithheld === true));
      assert.deepEqual(await worker.app.store.listSources(), await inline.app.store.listSources());
      assert.deepEqual(await worker.app.store.stats(), await inline.app.store.stats());
      for (const q of ['хукумат', 'погод', 'ҳукумат', 'obu', 'Душанбе'])
        assert.deepEqual(
          await searchItems(worker.app, { q, limit: 50 }),
          await searchItems(inline.app, { q, limit: 50 }),
          `search "${q}"`,
        );

      const again = await ingestPaths(worker.app, [inputs], { worker: true, batchSize: 150 });
      assert.equal(again.new, 0);
      assert.equal(again.duplicate, first!.new + first!.duplicate);
      assert.equal((await allItems(worker.app)).length, b.length);
    } finally {
      await inline.app.close();
      await worker.app.close();
    }
  });
});
