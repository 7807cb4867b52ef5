/**
 * Export jobs are checked before they are queued (format, limit, TLP:RED rights, an absolute
 * folder), so a bad one fails at once with a coded error naming the field, never on a worker; the
 * generic job request refuses the export kind (it needs what to export); a download of a job that
 * is not a finished export says why.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Job } from '@ogoh/core';
import { EXPORT_FILE_PREFIX, exportJobFile, exportJobRequest } from './export.ts';
import { jobRequest } from './worker.ts';

const by = { actor: 'nilufar', red: true };

test('a valid export job request: kind export, the key naming what and who, payload as given', () => {
  const j = exportJobRequest(
    { format: 'stix', query: { lang: 'tg' }, options: { limit: 50 }, by, dir: '/srv/ogoh-exports' },
    'nilufar',
  );
  assert.equal(j.kind, 'export');
  assert.equal(j.createdBy, 'nilufar');
  assert.deepEqual(j.payload.query, { lang: 'tg' });
  const again = exportJobRequest(
    { format: 'stix', query: { lang: 'tg' }, options: { limit: 50 }, by, dir: '/srv/ogoh-exports' },
    'nilufar',
  );
  assert.equal(again.idempotencyKey, j.idempotencyKey, 'the same ask is the same job while unfinished');
  const other = exportJobRequest(
    { format: 'csv', query: { lang: 'tg' }, options: { limit: 50 }, by, dir: '/srv/ogoh-exports' },
    'nilufar',
  );
  assert.notEqual(other.idempotencyKey, j.idempotencyKey);
});

test('bad export job requests fail at once, naming the field', () => {
  const base = { query: {}, options: {}, by, dir: '/srv/x' };
  assert.throws(
    () => exportJobRequest({ ...base, format: 'pdf' as 'stix' }, 'a'),
    (e: Error & { field?: string }) => e.field === 'format',
  );
  assert.throws(
    () => exportJobRequest({ ...base, format: 'csv', options: { limit: 10_001 } }, 'a'),
    (e: Error & { field?: string }) => e.field === 'limit',
  );
  assert.throws(
    () =>
      exportJobRequest(
        { ...base, format: 'csv', options: { tlp: 'red' }, by: { actor: 'v', red: false } },
        'v',
      ),
    (e: Error & { code?: string }) => e.code === 'FORBIDDEN',
  );
  assert.throws(
    () => exportJobRequest({ ...base, format: 'csv', dir: 'relative/dir' }, 'a'),
    (e: Error & { field?: string }) => e.field === 'dir',
  );
  assert.throws(() => jobRequest('export', {}, 'cli'), /POST \/api\/exports/);
});

test('only a finished export job has a file to download, inside its own folder', () => {
  const job: Job = {
    id: 'jb_1',
    kind: 'export',
    payload: { dir: '/srv/exports' },
    status: 'running',
    attempts: 1,
    maxAttempts: 2,
    idempotencyKey: 'k',
    createdBy: 'a',
    progress: { done: 3 },
    createdAt: '2026-11-27T00:00:00Z',
    updatedAt: '2026-11-27T00:00:00Z',
  };
  assert.throws(
    () => exportJobFile(job),
    (e: Error & { code?: string }) => e.code === 'CONFLICT',
  );
  const done: Job = {
    ...job,
    status: 'done',
    result: {
      file: `${EXPORT_FILE_PREFIX}jb_1-x.csv`,
      filename: 'x.csv',
      contentType: 'text/csv',
      tlp: 'green',
    },
  };
  assert.equal(exportJobFile(done).path, `/srv/exports/${EXPORT_FILE_PREFIX}jb_1-x.csv`);
  assert.equal(exportJobFile(done).tlp, 'green');
  const outside: Job = { ...done, result: { ...done.result, file: '../../etc/passwd' } };
  assert.throws(
    () => exportJobFile(outside),
    (e: Error & { code?: string }) => e.code === 'NOT_FOUND',
  );
  assert.throws(
    () => exportJobFile({ ...done, kind: 'ingest' }),
    (e: Error & { code?: string }) => e.code === 'NOT_FOUND',
  );
});
