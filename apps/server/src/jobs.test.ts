/**
 * Jobs live in the store, not in a server: a job queued through one API process is run by another
 * process's worker and read back from either; a server that died holding an analysis (its lease
 * left behind, some pages committed) is replaced by one that re-claims the job after the lease and
 * finishes it once, leaving the store as one clean run leaves it. On SQLite, and on PostgreSQL when
 * OGOH_TEST_PG is set.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  analyse,
  ingestPaths,
  listStories,
  type Ogoh,
  openOgoh,
  openQueue,
  UPLOAD_SPOOL_PREFIX,
  uploadJobRequest,
} from '@ogoh/app';
import postgres from 'postgres';
import { sweepUploads } from './jobs.ts';
import { type Api, createServer } from './server.ts';
import { type Fixture, fixture } from './testing.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
const pg = process.env.OGOH_TEST_PG;

let corpus = '';
let work = '';
before(() => {
  work = mkdtempSync(join(tmpdir(), 'ogoh-jobs-'));
  corpus = join(work, 'corpus');
  const g = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'demo/generate.ts'), '--out', corpus, '--items', '300'],
    { encoding: 'utf8', cwd: ROOT },
  );
  assert.equal(g.status, 0, g.stderr);
});
after(() => rmSync(work, { recursive: true, force: true }));
const inputs = () => ['atom', 'csv', 'rss', 'telegram'].map((d) => join(corpus, d));

const FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Jobs test</title><link>https://jobs.example/</link>
<item><title>Ҳукумати Тоҷикистон</title><link>https://jobs.example/1</link><guid>j-1</guid>
<pubDate>Mon, 02 Mar 2026 10:00:00 +0500</pubDate><description>Ҳукумати Тоҷикистон имрӯз дар бораи нархи нон изҳорот дод.</description></item>
</channel></rss>`;

interface Store {
  name: string;
  /** a fresh, empty store location */
  location(): string;
  drop(): Promise<void>;
}

const sqlite: Store = {
  name: 'SQLite',
  location: () => join(mkdtempSync(join(work, 'db-')), 'ogoh.db'),
  drop: async () => {},
};

function postgresStore(url: string): Store {
  const schemas: string[] = [];
  return {
    name: 'PostgreSQL',
    location() {
      const schema = `jobs_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      schemas.push(schema);
      return `${url}${url.includes('?') ? '&' : '?'}schema=${schema}`;
    },
    async drop() {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        for (const s of schemas) await sql.unsafe(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
      } finally {
        await sql.end({ timeout: 5 });
      }
    },
  };
}

/** A second API process over the same store: its own connections, its own worker loop. */
async function secondServer(location: string, uploadDir: string, leaseSeconds = 60) {
  const app = await openOgoh({ db: location });
  const server = await createServer(app, {
    logger: false,
    webDir: false,
    uploadDir,
    worker: { pollIntervalMs: 50, leaseSeconds },
  });
  return {
    app,
    server,
    async close() {
      await server.close();
      await app.close();
    },
  };
}

const auth = (f: Fixture) => ({ authorization: `Bearer ${f.keys.analyst}` });

async function getJob(server: Api, f: Fixture, id: string) {
  const r = await server.inject({ url: `/api/jobs/${id}`, headers: auth(f) });
  assert.equal(r.statusCode, 200, r.body);
  return r.json();
}

async function until(server: Api, f: Fixture, id: string, states: string[], ms = 120_000) {
  const end = Date.now() + ms;
  for (;;) {
    const j = await getJob(server, f, id);
    if (states.includes(j.state)) return j;
    if (Date.now() > end) throw new Error(`job ${id} stayed ${j.state}: ${JSON.stringify(j)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What "the same store" means: counts, and every story's member items. */
async function snapshot(app: Ogoh) {
  const s = await app.store.stats();
  const { stories } = await listStories(app, { limit: 1000, minSize: 1 });
  assert.ok(stories.length < 1000, 'every story fits one page');
  const members = stories
    .map(
      (x) =>
        `${x.id}:${x.members
          .map((m) => m.itemId)
          .sort()
          .join(',')}`,
    )
    .sort();
  return { items: s.items, stories: s.stories, detections: s.detections, members };
}

for (const store of [sqlite, ...(pg ? [postgresStore(pg)] : [])]) {
  describe(`server jobs on ${store.name}`, () => {
    after(() => store.drop());

    test('a job queued on one server is run by another server’s worker and read from both', async () => {
      const db = store.location();
      const uploads = mkdtempSync(join(work, 'uploads-'));
      const a = await fixture({ demoItems: 0, db, worker: false, uploadDir: uploads });
      let b: Awaited<ReturnType<typeof secondServer>> | undefined;
      try {
        const up = await a.server.inject({
          method: 'POST',
          url: '/api/ingest?filename=jobs.xml&source=jobs-test',
          headers: { ...auth(a), 'content-type': 'application/rss+xml' },
          payload: FEED,
        });
        assert.equal(up.statusCode, 202, up.body);
        const an = await a.server.inject({
          method: 'POST',
          url: '/api/analyse',
          headers: auth(a),
          payload: {},
        });
        assert.equal(an.statusCode, 202, an.body);
        // nobody runs jobs yet: the serving process was started without a worker
        await new Promise((r) => setTimeout(r, 300));
        assert.equal((await getJob(a.server, a, up.json().id)).state, 'queued');
        assert.equal(readdirSync(uploads).length, 1, 'the upload waits in the spool');

        b = await secondServer(db, uploads);
        const ingest = await until(a.server, a, up.json().id, ['done', 'failed']);
        assert.equal(ingest.state, 'done', JSON.stringify(ingest));
        assert.equal(ingest.result.new, 1);
        assert.equal(ingest.result.files[0].file, 'jobs.xml');
        const analysis = await until(a.server, a, an.json().id, ['done', 'failed']);
        assert.equal(analysis.state, 'done', JSON.stringify(analysis));
        assert.equal(analysis.result.analysed, 1, 'the analysis waited for the upload queued before it');
        assert.equal(analysis.attempts, 1);
        // both processes answer for both jobs, from the store
        const fromB = await b.server.inject({ url: '/api/jobs?limit=10', headers: auth(a) });
        assert.deepEqual(
          fromB.json().map((j: { id: string }) => j.id),
          [an.json().id, up.json().id],
        );
        const items = await a.server.inject({ url: '/api/items?source=jobs-test', headers: auth(a) });
        assert.equal(items.json().items.length, 1);
        for (let i = 0; i < 100 && readdirSync(uploads).length > 0; i++)
          await new Promise((r) => setTimeout(r, 20));
        assert.deepEqual(readdirSync(uploads), [], 'the worker deleted the spool');
      } finally {
        await b?.close();
        await a.close();
      }
    });

    test('at start a server sweeps stale upload spools no unfinished job reads; fresh or wanted ones stay', async () => {
      const db = store.location();
      const uploads = mkdtempSync(join(work, 'uploads-'));
      const spool = (name: string, hoursOld: number) => {
        const p = join(uploads, `${UPLOAD_SPOOL_PREFIX}${name}`);
        mkdirSync(p);
        writeFileSync(join(p, 'feed.xml'), FEED);
        const t = new Date(Date.now() - hoursOld * 3600_000);
        utimesSync(p, t, t);
        return p;
      };
      const orphan = spool('orphan', 2);
      const wanted = spool('wanted', 2);
      spool('fresh', 0);
      writeFileSync(join(uploads, 'not-a-spool'), 'x');
      // a queued upload whose worker has not come yet still needs its spool
      const pre = await openOgoh({ db });
      const queue = await openQueue(pre);
      try {
        await queue.enqueue(
          uploadJobRequest(
            { files: [{ path: join(wanted, 'feed.xml'), name: 'feed.xml' }], spool: wanted },
            'test',
          ),
        );
      } finally {
        await queue.close();
        await pre.close();
      }
      const a = await fixture({ demoItems: 0, db, worker: false, uploadDir: uploads });
      try {
        for (let i = 0; i < 250 && existsSync(orphan); i++) await new Promise((r) => setTimeout(r, 20));
        assert.equal(existsSync(orphan), false, 'the orphan spool was swept');
        assert.deepEqual(readdirSync(uploads).sort(), [
          'not-a-spool',
          `${UPLOAD_SPOOL_PREFIX}fresh`,
          `${UPLOAD_SPOOL_PREFIX}wanted`,
        ]);
        const q = await openQueue(a.app);
        try {
          assert.deepEqual(await sweepUploads(q, uploads), [], 'nothing more to sweep');
        } finally {
          await q.close();
        }
      } finally {
        await a.close();
      }
    });

    test('a server that died mid-analysis: another re-claims the job after the lease and finishes it once', async () => {
      // the clean single run
      const ref = await fixture({ demoItems: 0, db: store.location() });
      let want: Awaited<ReturnType<typeof snapshot>>;
      try {
        await ingestPaths(ref.app, inputs());
        const r = await ref.server.inject({
          method: 'POST',
          url: '/api/analyse',
          headers: auth(ref),
          payload: { batchSize: 50 },
        });
        const done = await until(ref.server, ref, r.json().id, ['done', 'failed']);
        assert.equal(done.state, 'done', JSON.stringify(done));
        want = await snapshot(ref.app);
        assert.ok(want.stories > 10 && want.detections > 0, JSON.stringify(want));
      } finally {
        await ref.close();
      }

      const db = store.location();
      const a = await fixture({ demoItems: 0, db, worker: false });
      let b: Awaited<ReturnType<typeof secondServer>> | undefined;
      try {
        await ingestPaths(a.app, inputs());
        const r = await a.server.inject({
          method: 'POST',
          url: '/api/analyse',
          headers: auth(a),
          payload: { batchSize: 50 },
        });
        assert.equal(r.statusCode, 202);
        // The dead server: it claimed the job with a 2 s lease, committed two pages, and stopped
        // without a word (no release, no failure recorded).
        const queue = await openQueue(a.app);
        try {
          const claimed = await queue.claim(['analyze'], 'dead-server', 2);
          assert.equal(claimed?.id, r.json().id);
        } finally {
          await queue.close();
        }
        await assert.rejects(
          analyse(a.app, {
            batchSize: 50,
            onProgress: (p) => {
              if (p.analysed >= 100) throw new Error('killed');
            },
          }),
          /killed/,
        );
        const stuck = await getJob(a.server, a, r.json().id);
        assert.equal(stuck.state, 'running');
        assert.equal(stuck.attempts, 1);
        const partial = await snapshot(a.app);
        assert.ok(partial.detections < want.detections, 'killed mid-job');

        b = await secondServer(db, mkdtempSync(join(work, 'uploads-')), 30);
        const job = await until(a.server, a, r.json().id, ['done', 'failed']);
        assert.equal(job.state, 'done', JSON.stringify(job));
        assert.equal(job.attempts, 2, 'claimed once more after the lease, not more');
        assert.deepEqual(await snapshot(a.app), want);
        // asking again analyses nothing: nothing was left, nothing is redone
        const again = await a.server.inject({
          method: 'POST',
          url: '/api/analyse',
          headers: auth(a),
          payload: { batchSize: 50 },
        });
        const second = await until(a.server, a, again.json().id, ['done', 'failed']);
        assert.equal(second.result.analysed, 0);
        assert.deepEqual(await snapshot(a.app), want);
      } finally {
        await b?.close();
        await a.close();
      }
    });
  });
}

if (!pg)
  test('server jobs on PostgreSQL', {
    skip: 'OGOH_TEST_PG is not set (eval "$(bash scripts/pg-start.sh)" or CI starts a server)',
  }, () => {});
