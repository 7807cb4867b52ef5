/**
 * What the SQLite and PostgreSQL job queues share: the row ↔ Job mapping, input checks and the
 * lease arithmetic, so both adapters answer the contract suite (jobs-contract.ts) the same way.
 */
import { randomBytes } from 'node:crypto';
import { type Job, type JobKind, JobKind as JobKindSchema, type NewJob, OgohError } from '@ogoh/core';

type R = Record<string, unknown>;

export const JOB_COLUMNS =
  'id, kind, payload, status, attempts, max_attempts, lane, idempotency_key, created_by, locked_by, locked_until_ms, progress, result, error, created_at, started_at, finished_at, updated_at';

export const newJobId = (): string => `jb_${randomBytes(8).toString('hex')}`;

const str = (v: unknown): string => String(v);

export function rowToJob(r: R): Job {
  const lockedUntil =
    r.locked_until_ms === null ? undefined : new Date(Number(r.locked_until_ms)).toISOString();
  return {
    id: str(r.id),
    kind: r.kind as Job['kind'],
    payload: JSON.parse(str(r.payload)) as Record<string, unknown>,
    status: r.status as Job['status'],
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
    ...(r.lane !== null ? { lane: str(r.lane) } : {}),
    idempotencyKey: str(r.idempotency_key),
    createdBy: str(r.created_by),
    ...(r.locked_by !== null ? { lockedBy: str(r.locked_by) } : {}),
    ...(lockedUntil !== undefined ? { lockedUntil } : {}),
    progress: JSON.parse(str(r.progress)) as Job['progress'],
    ...(r.result !== null ? { result: JSON.parse(str(r.result)) as Record<string, unknown> } : {}),
    ...(r.error !== null ? { error: JSON.parse(str(r.error)) as Job['error'] } : {}),
    createdAt: str(r.created_at),
    ...(r.started_at !== null ? { startedAt: str(r.started_at) } : {}),
    ...(r.finished_at !== null ? { finishedAt: str(r.finished_at) } : {}),
    updatedAt: str(r.updated_at),
  };
}

/** Checks a new job before it is stored; the message names the field at fault. */
export function checkNewJob(job: NewJob): void {
  const bad = (field: string, message: string) =>
    new OgohError('INPUT_FIELD', `job ${field}: ${message}`, { field });
  if (!JobKindSchema.safeParse(job.kind).success)
    throw bad('kind', `"${String(job.kind)}" is not a job kind (${JobKindSchema.options.join(', ')})`);
  if (
    typeof job.idempotencyKey !== 'string' ||
    job.idempotencyKey.length < 1 ||
    job.idempotencyKey.length > 500
  )
    throw bad('idempotencyKey', 'give 1 to 500 characters');
  if (typeof job.createdBy !== 'string' || job.createdBy.length < 1) throw bad('createdBy', 'give who asked');
  const max = job.maxAttempts ?? 2;
  if (!Number.isInteger(max) || max < 1 || max > 100) throw bad('maxAttempts', 'give a whole number 1…100');
  if (job.payload === null || typeof job.payload !== 'object' || Array.isArray(job.payload))
    throw bad('payload', 'give an object');
}

export function checkClaim(kinds: readonly JobKind[], workerId: string, leaseSeconds: number): void {
  if (kinds.length === 0)
    throw new OgohError('USAGE', 'a worker needs at least one job kind', { field: 'roles' });
  for (const k of kinds)
    if (!JobKindSchema.safeParse(k).success)
      throw new OgohError('USAGE', `"${k}" is not a job kind (${JobKindSchema.options.join(', ')})`, {
        field: 'roles',
      });
  if (workerId.length < 1) throw new OgohError('USAGE', 'the worker id is empty', { field: 'workerId' });
  if (!(leaseSeconds > 0 && leaseSeconds <= 86_400))
    throw new OgohError('USAGE', 'the lease must be 0 to 86400 seconds', { field: 'lease' });
}

export const leaseLost = (id: string, workerId: string, job: Job | undefined): OgohError =>
  job === undefined
    ? new OgohError('NOT_FOUND', `no job ${id}`, { field: 'id' })
    : new OgohError(
        'CONFLICT',
        `job ${id} is no longer leased to ${workerId} (status ${job.status}${job.lockedBy ? `, held by ${job.lockedBy}` : ''})`,
        { field: 'id', hint: 'its lease ran out and another worker took it; this result is dropped' },
      );

export const clampJobLimit = (limit: number | undefined): number =>
  Math.min(Math.max(Math.trunc(limit ?? 100), 1), 1000);

export const expiredError = (attempts: number): string =>
  JSON.stringify({
    code: 'INTERNAL',
    message: `the worker's lease ran out on attempt ${attempts} of ${attempts} (it crashed or stalled); not retried again`,
  });
