/**
 * The PostgreSQL adapter of the JobQueue port, for workers on many machines. A claim picks its row
 * with `FOR UPDATE SKIP LOCKED`, so concurrent workers never wait on (or take) each other's pick;
 * the partial unique index on running lanes settles two workers racing for one lane (the loser's
 * claim returns nothing and it polls again).
 */
import type { Job, JobError, JobKind, JobListQuery, JobProgress, JobQueue, NewJob } from '@ogoh/core';
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
import { type Db, type Ex, openDb, pgError, type Row, write } from './db.ts';
import { migrate } from './migrate.ts';

const UNIQUE_VIOLATION = '23505';

class PostgresJobQueue implements JobQueue {
  readonly kind = 'postgres' as const;
  private readonly db: Db;
  private readonly now: () => Date;

  constructor(db: Db, now: () => Date) {
    this.db = db;
    this.now = now;
  }

  private async tx<T>(what: string, fn: (tx: Ex) => Promise<T>): Promise<T> {
    try {
      return await write(this.db, fn);
    } catch (e) {
      throw pgError(e, what, this.db.location);
    }
  }

  private async byId(ex: Ex, id: string, lock = false): Promise<Job | undefined> {
    const rows = (await ex.unsafe(
      `SELECT ${JOB_COLUMNS} FROM jobs WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    )) as unknown as Row[];
    return rows[0] ? rowToJob(rows[0]) : undefined;
  }

  async enqueue(job: NewJob): Promise<{ job: Job; created: boolean }> {
    checkNewJob(job);
    const at = this.now().toISOString();
    // Two tries: the unfinished job holding the key may finish between the insert and the read.
    for (let i = 0; ; i++) {
      const out = await this.tx('cannot enqueue a job', async (tx) => {
        const ins = (await tx.unsafe(
          `INSERT INTO jobs (id, kind, payload, status, attempts, max_attempts, lane, idempotency_key, created_by, progress, created_at, updated_at)
           VALUES ($1, $2, $3, 'queued', 0, $4, $5, $6, $7, '{"done":0}', $8, $8)
           ON CONFLICT (idempotency_key) WHERE status IN ('queued', 'running') DO NOTHING
           RETURNING ${JOB_COLUMNS}`,
          [
            newJobId(),
            job.kind,
            JSON.stringify(job.payload),
            job.maxAttempts ?? 2,
            job.lane ?? null,
            job.idempotencyKey,
            job.createdBy,
            at,
          ],
        )) as unknown as Row[];
        if (ins[0]) return { job: rowToJob(ins[0]), created: true };
        const old = (await tx.unsafe(
          `SELECT ${JOB_COLUMNS} FROM jobs WHERE idempotency_key = $1 AND status IN ('queued', 'running')`,
          [job.idempotencyKey],
        )) as unknown as Row[];
        return old[0] ? { job: rowToJob(old[0]), created: false } : undefined;
      });
      if (out || i >= 2) {
        if (out) return out;
        throw pgError(new Error('the job key kept changing hands'), 'cannot enqueue a job', this.db.location);
      }
    }
  }

  async claim(kinds: readonly JobKind[], workerId: string, leaseSeconds: number): Promise<Job | undefined> {
    checkClaim(kinds, workerId, leaseSeconds);
    const now = this.now();
    const nowMs = now.getTime();
    const at = now.toISOString();
    try {
      return await write(this.db, async (tx) => {
        const dead = (await tx.unsafe(
          `SELECT id, attempts FROM jobs WHERE status = 'running' AND locked_until_ms < $1 AND attempts >= max_attempts
           FOR UPDATE SKIP LOCKED`,
          [nowMs],
        )) as unknown as Row[];
        for (const d of dead)
          await tx.unsafe(
            `UPDATE jobs SET status = 'failed', error = $1, locked_by = NULL, locked_until_ms = NULL, finished_at = $2, updated_at = $2 WHERE id = $3`,
            [expiredError(Number(d.attempts)), at, String(d.id)],
          );
        const picked = (await tx.unsafe(
          `SELECT id FROM jobs j
           WHERE kind = ANY($1::text[])
             AND (status = 'queued' OR (status = 'running' AND locked_until_ms < $2))
             AND (lane IS NULL OR NOT EXISTS (
               SELECT 1 FROM jobs o WHERE o.lane = j.lane AND o.status = 'running' AND o.id <> j.id))
           ORDER BY (status = 'running') DESC, seq LIMIT 1
           FOR UPDATE SKIP LOCKED`,
          [kinds as string[], nowMs],
        )) as unknown as Row[];
        const id = picked[0]?.id;
        if (id === undefined) return undefined;
        const rows = (await tx.unsafe(
          `UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = $1, locked_until_ms = $2,
             started_at = coalesce(started_at, $3), updated_at = $3 WHERE id = $4 RETURNING ${JOB_COLUMNS}`,
          [workerId, nowMs + leaseSeconds * 1000, at, String(id)],
        )) as unknown as Row[];
        return rows[0] ? rowToJob(rows[0]) : undefined;
      });
    } catch (e) {
      // another worker took this job's lane in the same instant: nothing to run now
      if ((e as { code?: string })?.code === UNIQUE_VIOLATION) return undefined;
      throw pgError(e, 'cannot claim a job', this.db.location);
    }
  }

  private owned(
    id: string,
    workerId: string,
    what: string,
    change: (tx: Ex, job: Job) => Promise<void>,
  ): Promise<Job> {
    return this.tx(what, async (tx) => {
      const job = await this.byId(tx, id, true);
      if (job?.status !== 'running' || job.lockedBy !== workerId) throw leaseLost(id, workerId, job);
      await change(tx, job);
      return (await this.byId(tx, id)) as Job;
    });
  }

  heartbeat(id: string, workerId: string, leaseSeconds: number, progress?: JobProgress): Promise<Job> {
    const now = this.now();
    return this.owned(id, workerId, `cannot extend the lease of job ${id}`, async (tx, job) => {
      await tx.unsafe('UPDATE jobs SET locked_until_ms = $1, progress = $2, updated_at = $3 WHERE id = $4', [
        now.getTime() + leaseSeconds * 1000,
        JSON.stringify(progress ?? job.progress),
        now.toISOString(),
        id,
      ]);
    });
  }

  complete(id: string, workerId: string, result: Record<string, unknown>): Promise<Job> {
    const at = this.now().toISOString();
    return this.owned(id, workerId, `cannot complete job ${id}`, async (tx) => {
      await tx.unsafe(
        `UPDATE jobs SET status = 'done', result = $1, error = NULL, locked_by = NULL, locked_until_ms = NULL, finished_at = $2, updated_at = $2 WHERE id = $3`,
        [JSON.stringify(result), at, id],
      );
    });
  }

  fail(id: string, workerId: string, error: JobError, options: { retry?: boolean } = {}): Promise<Job> {
    const at = this.now().toISOString();
    return this.owned(id, workerId, `cannot fail job ${id}`, async (tx, job) => {
      const again = options.retry !== false && job.attempts < job.maxAttempts;
      await tx.unsafe(
        `UPDATE jobs SET status = $1, error = $2, locked_by = NULL, locked_until_ms = NULL, finished_at = $3, updated_at = $4 WHERE id = $5`,
        [again ? 'queued' : 'failed', JSON.stringify(error), again ? null : at, at, id],
      );
    });
  }

  release(id: string, workerId: string): Promise<Job> {
    const at = this.now().toISOString();
    return this.owned(id, workerId, `cannot release job ${id}`, async (tx) => {
      await tx.unsafe(
        `UPDATE jobs SET status = 'queued', attempts = greatest(attempts - 1, 0), locked_by = NULL, locked_until_ms = NULL, updated_at = $1 WHERE id = $2`,
        [at, id],
      );
    });
  }

  async get(id: string): Promise<Job | undefined> {
    try {
      return await this.byId(this.db.sql, id);
    } catch (e) {
      throw pgError(e, `cannot read job ${id}`, this.db.location);
    }
  }

  async list(query: JobListQuery = {}): Promise<Job[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (query.status) {
      args.push(query.status);
      where.push(`status = $${args.length}`);
    }
    if (query.kind) {
      args.push(query.kind);
      where.push(`kind = $${args.length}`);
    }
    args.push(clampJobLimit(query.limit));
    try {
      const rows = (await this.db.sql.unsafe(
        `SELECT ${JOB_COLUMNS} FROM jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT $${args.length}`,
        args as never[],
      )) as unknown as Row[];
      return rows.map(rowToJob);
    } catch (e) {
      throw pgError(e, 'cannot list jobs', this.db.location);
    }
  }

  async close(): Promise<void> {
    await this.db.sql.end({ timeout: 5 });
  }
}

export async function openPostgresJobQueue(
  url: string,
  options: { schema?: string; now?: () => Date } = {},
): Promise<JobQueue> {
  const db = openDb(url, options.schema ?? 'ogoh');
  try {
    await migrate(db);
    return new PostgresJobQueue(db, options.now ?? (() => new Date()));
  } catch (e) {
    await db.sql.end({ timeout: 1 }).catch(() => {});
    throw e;
  }
}
