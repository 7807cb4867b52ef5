/**
 * Exports as jobs: POST /api/exports queues a case or query export on the store's job queue, the
 * server's worker thread runs it (progress on the job), the file lands in the exports folder, and
 * GET /api/exports/:id/file serves it with the format's media type; the export is in the audit log
 * and the case's trail as a synchronous one is. On SQLite always, on PostgreSQL when OGOH_TEST_PG is set.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createCase, openCases, validateStixBundle } from '@ogoh/app';
import { exportDir, sweepExports } from './routes/exports.ts';
import { defaultUploadDir } from './server.ts';
import { type Fixture, fixture, freshPgSchema } from './testing.ts';

interface ApiJob {
  id: string;
  kind: string;
  state: string;
  attempts: number;
  progress: { done: number; message?: string };
  result?: Record<string, unknown>;
  error?: { code: string; message: string };
}

function suite(name: string, location: () => string | undefined, cleanup?: () => Promise<void>) {
  describe(`export jobs on ${name}`, () => {
    let f: Fixture;
    let caseId: string;
    before(async () => {
      const db = location();
      f = await fixture({ demoItems: 120, worker: { pollIntervalMs: 100 }, ...(db ? { db } : {}) });
      const page = await f.app.store.queryItems({ limit: 4 });
      const cases = await openCases(f.app);
      try {
        caseId = (
          await createCase(
            f.app,
            cases,
            { title: 'Big case', tlp: 'red', items: page.items.map((i) => i.id) },
            'analyst',
          )
        ).id;
      } finally {
        await cases.close();
      }
    });
    after(async () => {
      await f?.close();
      await cleanup?.();
    });

    const call = async (
      method: 'GET' | 'POST',
      url: string,
      role: 'viewer' | 'analyst' | 'admin' = 'analyst',
      payload?: object,
    ) => {
      const res = await f.server.inject({
        method,
        url,
        headers: { authorization: `Bearer ${f.keys[role]}` },
        ...(payload ? { payload } : {}),
      });
      return res;
    };
    const finished = async (id: string): Promise<ApiJob> => {
      for (let i = 0; i < 600; i++) {
        const j = (await call('GET', `/api/jobs/${id}`)).json() as ApiJob;
        if (j.state === 'done' || j.state === 'failed') return j;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.fail(`export job ${id} did not finish`);
    };

    test('a case export: 202 with the job, done with progress, the file downloaded as STIX, recorded on the case trail', async () => {
      const res = await call('POST', '/api/exports', 'analyst', { format: 'stix', case: caseId });
      assert.equal(res.statusCode, 202, res.body);
      const queued = res.json() as ApiJob;
      assert.equal(queued.kind, 'export');
      const again = await call('POST', '/api/exports', 'analyst', { format: 'stix', case: caseId });
      const second = again.json() as ApiJob;
      if (second.state === 'queued' || second.state === 'running')
        assert.equal(second.id, queued.id, 'asking again while unfinished returns the same job');
      const job = await finished(queued.id);
      assert.equal(job.state, 'done', JSON.stringify(job.error));
      assert.equal(job.progress.done, 4);
      assert.equal(job.progress.message, 'written');
      assert.equal(job.result?.items, 4);
      assert.equal(job.result?.tlp, 'red');
      assert.equal(job.result?.format, 'stix');
      assert.ok(!JSON.stringify(job).includes(f.dir), 'no server path in the job');

      const dl = await call('GET', `/api/exports/${job.id}/file`);
      assert.equal(dl.statusCode, 200, dl.body);
      assert.equal(dl.headers['content-type'], 'application/stix+json;version=2.1');
      assert.match(String(dl.headers['content-disposition']), new RegExp(`filename="ogoh-${caseId}-`));
      assert.equal(dl.headers['x-ogoh-tlp'], 'TLP:RED');
      assert.equal(Number(dl.headers['content-length']), job.result?.bytes);
      const bundle = JSON.parse(dl.body);
      assert.deepEqual(validateStixBundle(bundle), []);
      assert.ok(
        bundle.objects.some(
          (o: { type: string; name?: string }) => o.type === 'incident' && o.name === 'Big case',
        ),
      );

      const trail = (await call('GET', `/api/cases/${caseId}/log`)).json() as {
        action: string;
        actor: string;
      }[];
      assert.ok(
        trail.some((e) => e.action === 'exported' && /^key:/.test(e.actor)),
        'on the case trail',
      );
      const events = (await call('GET', '/api/audit?limit=50', 'admin')).json() as {
        event: string;
        subject?: string;
      }[];
      assert.ok(
        events.some((e) => e.event === 'export' && e.subject === caseId),
        `in the audit log: ${JSON.stringify(events.slice(0, 3))}`,
      );
      const jobs = (await call('GET', '/api/jobs?kind=export')).json() as ApiJob[];
      assert.ok(jobs.some((j) => j.id === job.id));
    });

    test('a query export as CSV with its filters', async () => {
      const res = await call('POST', '/api/exports', 'analyst', { format: 'csv', lang: 'ru', limit: 7 });
      assert.equal(res.statusCode, 202, res.body);
      const job = await finished((res.json() as ApiJob).id);
      assert.equal(job.state, 'done', JSON.stringify(job.error));
      assert.equal(job.result?.items, 7);
      const dl = await call('GET', `/api/exports/${job.id}/file`);
      assert.equal(dl.statusCode, 200);
      assert.equal(dl.headers['content-type'], 'text/csv; charset=utf-8');
      assert.equal(dl.headers['x-ogoh-tlp'], 'TLP:AMBER');
      assert.ok(dl.body.split('\n').filter(Boolean).length >= 8, 'a header and 7 rows');
    });

    test('bad asks: viewers, a case with query filters, RED for a viewer, unknown jobs and jobs that are not exports', async () => {
      assert.equal((await call('POST', '/api/exports', 'viewer', { format: 'csv' })).statusCode, 403);
      const mixed = await call('POST', '/api/exports', 'analyst', {
        format: 'csv',
        case: caseId,
        lang: 'ru',
      });
      assert.equal(mixed.statusCode, 400, mixed.body);
      assert.equal(mixed.json().error.field, 'lang');
      assert.equal((await call('POST', '/api/exports', 'analyst', { format: 'pdf' })).statusCode, 400);
      assert.equal((await call('GET', '/api/exports/jb_nope/file')).statusCode, 404);
      const analyse = await call('POST', '/api/analyse', 'analyst', {});
      const notExport = await call('GET', `/api/exports/${(analyse.json() as ApiJob).id}/file`);
      assert.equal(notExport.statusCode, 404, notExport.body);
    });

    test('the folder of export files is beside the store (SQLite); files older than a week are swept, then a download is a 404', async () => {
      const jobs = (await call('GET', '/api/jobs?kind=export&state=done')).json() as ApiJob[];
      assert.ok(jobs.length >= 2);
      const dir = exportDir(defaultUploadDir(f.app.location));
      if (name === 'SQLite') assert.equal(dir, join(f.dir, 'ogoh-exports'));
      const files = readdirSync(dir).filter((n) => n.startsWith('ogoh-export-'));
      assert.ok(files.length >= 2);
      const old = files[0]!;
      const week = new Date(Date.now() - 8 * 24 * 3600 * 1000);
      utimesSync(join(dir, old), week, week);
      assert.deepEqual(await sweepExports(dir), [old]);
      assert.ok(!existsSync(join(dir, old)));
      const gone = jobs.find((j) => j.result?.file === old)!;
      const dl = await call('GET', `/api/exports/${gone.id}/file`);
      assert.equal(dl.statusCode, 404, dl.body);
    });
  });
}

suite('SQLite', () => undefined);

const pg = freshPgSchema('exj', 'export jobs on PostgreSQL');
if (pg) suite('PostgreSQL', pg.location, pg.drop);

test('export files: one folder per store, also for stores named by URL', () => {
  const env = {};
  const a = exportDir(defaultUploadDir('postgres://127.0.0.1:5432/ogoh?schema=a', env), env);
  const b = exportDir(defaultUploadDir('postgres://127.0.0.1:5432/ogoh?schema=b', env), env);
  assert.notEqual(a, b, 'two PostgreSQL stores never share an export folder');
  assert.equal(exportDir(defaultUploadDir('/data/ogoh.db', env), env), '/data/ogoh-exports');
  assert.equal(exportDir('/spool', { OGOH_EXPORTS: '/srv/exports' }), '/srv/exports');
});
