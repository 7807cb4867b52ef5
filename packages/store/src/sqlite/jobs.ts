/**
 * The SQLite adapter of the JobQueue port, for one machine: every change runs in a BEGIN IMMEDIATE
 * transaction, so claims by several worker processes on one store file are serialised by SQLite's
 * write lock (no two workers can take the same job).
 */
import {
  type Job,
  type JobError,
  type JobKind,
  type JobListQuery,
  type JobProgress,
  type JobQueue,
  type NewJob,
  OgohError,
} from '@ogoh/core';
import {
  checkClaim,
  checkNewJob,
  clampJobLimit,
  expiredError,
  JOB_COLUMNS,
  leaseLost,
  newJobId,
  rowToJob,
} from '../jobs-rows.ts';
import { type Db, openDb, sqliteError } from './db.ts';
import { migrate } from './migrate.ts';

type R = Record<string, unknown>;

export interface JobQueueOptions {
  /** the clock leases are measured by (tests move it) */
  now?: () => Date;
}

class SqliteJobQueue implements JobQueue {
  readonly kind = 'sqlite' as const;
  private readonly db: Db;
  private readonly now: () => Date;

  constructor(db: Db, now: () => Date) {
    this.db = db;
    this.now = now;
  }

  private run<T>(what: string, fn: () => T): T {
    try {
      return this.db.write(fn);
    } catch (e) {
      throw sqliteError(e, what, this.db.path);
    }
  }

  private byId(id: string): Job | undefined {
    const r = this.db.stmt(`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = ?`).get(id) as R | undefined;
    return r ? rowToJob(r) : undefined;
  }

  async enqueue(job: NewJob): Promise<{ job: Job; created: boolean }> {
    checkNewJob(job);
    return this.run('cannot enqueue a job', () => {
      const existing = this.db
        .stmt(`SELECT ${JOB_COLUMNS} FROM jobs WHERE idempotency_key = ? AND status IN ('queued', 'running')`)
        .get(job.idempotencyKey) as R | undefined;
      if (existing) return { job: rowToJob(existing), created: false };
      const id = newJobId();
      const at = this.now().toISOString();
      this.db
        .stmt(
          `INSERT INTO jobs (id, kind, payload, status, attempts, max_attempts, lane, idempotency_key, created_by, progress, created_at, updated_at)
           VALUES (?, ?, ?, 'queued', 0, ?, ?, ?, ?, '{"done":0}', ?, ?)`,
        )
        .run(
          id,
          job.kind,
          JSON.stringify(job.payload),
          job.maxAttempts ?? 2,
          job.lane ?? null,
          job.idempotencyKey,
          job.createdBy,
          at,
          at,
        );
      return { job: this.byId(id) as Job, created: true };
    });
  }

  async claim(kinds: readonly JobKind[], workerId: string, leaseSeconds: number): Promise<Job | undefined> {
    checkClaim(kinds, workerId, leaseSeconds);
    const now = this.now();
    const nowMs = now.getTime();
    const at = now.toISOString();
    return this.run('cannot claim a job', () => {
      // A lease that ran out on the last attempt: the job fails for good, not a third time.
      const dead = this.db
        .stmt(
          `SELECT id, attempts FROM jobs WHERE status = 'running' AND locked_until_ms < ? AND attempts >= max_attempts`,
        )
        .all(nowMs) as R[];
      for (const d of dead)
        this.db
          .stmt(
            `UPDATE jobs SET status = 'failed', error = ?, locked_by = NULL, locked_until_ms = NULL, finished_at = ?, updated_at = ? WHERE id = ?`,
          )
          .run(expiredError(Number(d.attempts)), at, at, d.id);
      const marks = kinds.map(() => '?').join(', ');
      const row = this.db
        .stmt(
          `SELECT id FROM jobs j
           WHERE kind IN (${marks})
             AND (status = 'queued' OR (status = 'running' AND locked_until_ms < ?))
             AND (lane IS NULL OR NOT EXISTS (
               SELECT 1 FROM jobs o WHERE o.lane = j.lane AND o.status = 'running' AND o.id <> j.id))
           ORDER BY status = 'running' DESC, seq LIMIT 1`,
        )
        .get(...kinds, nowMs) as R | undefined;
      if (!row) return undefined;
      this.db
        .stmt(
          `UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = ?, locked_until_ms = ?,
             started_at = coalesce(started_at, ?), updated_at = ? WHERE id = ?`,
        )
        .run(workerId, nowMs + leaseSeconds * 1000, at, at, row.id);
      return this.byId(String(row.id));
    });
  }

  /** Runs `sql` against the job when `workerId` holds it; otherwise NOT_FOUND or CONFLICT. */
  private owned(id: string, workerId: string, what: string, change: (job: Job) => void): Job {
    return this.run(what, () => {
      const job = this.byId(id);
      if (job?.status !== 'running' || job.lockedBy !== workerId) throw leaseLost(id, workerId, job);
      change(job);
      return this.byId(id) as Job;
    });
  }

  async heartbeat(id: string, workerId: string, leaseSeconds: number, progress?: JobProgress): Promise<Job> {
    const now = this.now();
    return this.owned(id, workerId, `cannot extend the lease of job ${id}`, (job) => {
      this.db
        .stmt('UPDATE jobs SET locked_until_ms = ?, progress = ?, updated_at = ? WHERE id = ?')
        .run(
          now.getTime() + leaseSeconds * 1000,
          JSON.stringify(progress ?? job.progress),
          now.toISOString(),
          id,
        );
    });
  }

  async complete(id: string, workerId: string, result: Record<string, unknown>): Promise<Job> {
    const at = this.now().toISOString();
    return this.owned(id, workerId, `cannot complete job ${id}`, () => {
      this.db
        .stmt(
          `UPDATE jobs SET status = 'done', result = ?, error = NULL, locked_by = NULL, locked_until_ms = NULL, finished_at = ?, updated_at = ? WHERE id = ?`,
        )
        .run(JSON.stringify(result), at, at, id);
    });
  }

  async fail(id: string, workerId: string, error: JobError, options: { retry?: boolean } = {}): Promise<Job> {
    const at = this.now().toISOString();
    return this.owned(id, workerId, `cannot fail job ${id}`, (job) => {
      const again = options.retry !== false && job.attempts < job.maxAttempts;
      this.db
        .stmt(
          `UPDATE jobs SET status = ?, error = ?, locked_by = NULL, locked_until_ms = NULL, finished_at = ?, updated_at = ? WHERE id = ?`,
        )
        .run(again ? 'queued' : 'failed', JSON.stringify(error), again ? null : at, at, id);
    });
  }

  async release(id: string, workerId: string): Promise<Job> {
    const at = this.now().toISOString();
    return this.owned(id, workerId, `cannot release job ${id}`, () => {
      this.db
        .stmt(
          `UPDATE jobs SET status = 'queued', attempts = max(attempts - 1, 0), locked_by = NULL, locked_until_ms = NULL, updated_at = ? WHERE id = ?`,
        )
        .run(at, id);
    });
  }

  async get(id: string): Promise<Job | undefined> {
    return this.byId(id);
  }

  async list(query: JobListQuery = {}): Promise<Job[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (query.status) {
      where.push('status = ?');
      args.push(query.status);
    }
    if (query.kind) {
      where.push('kind = ?');
      args.push(query.kind);
    }
    const sql = `SELECT ${JOB_COLUMNS} FROM jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    return (this.db.stmt(sql).all(...args, clampJobLimit(query.limit)) as R[]).map(rowToJob);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/** Opens the job table of the SQLite store at `path` (creating and migrating the store when new). */
export async function openSqliteJobQueue(path: string, options: JobQueueOptions = {}): Promise<JobQueue> {
  if (path === ':memory:')
    throw new OgohError('USAGE', 'a job queue needs a store file; workers cannot share an in-memory store', {
      field: 'db',
    });
  const db = openDb(path, false);
  try {
    migrate(db, false);
    return new SqliteJobQueue(db, options.now ?? (() => new Date()));
  } catch (e) {
    db.close();
    throw e;
  }
}
