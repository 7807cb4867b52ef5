/**
 * Persistent background jobs and the `JobQueue` port that hands them to workers.
 *
 * A worker claims a job for a lease and extends it with heartbeats; a worker that dies stops
 * heartbeating, so once the lease ends the job is claimable again (at-least-once: the use cases a
 * job runs are idempotent — content-derived ids, resumable analysis). Each claim counts an attempt;
 * after `maxAttempts` the job fails for good (the default 2 means "retried exactly once more").
 * Jobs sharing a `lane` run one at a time across all workers (analysis uses one: its pages are not
 * safe to group concurrently). Enqueue is idempotent by key among unfinished jobs: asking twice for
 * the same work while it is queued or running returns the first job.
 */
import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });

export const JOB_KINDS = ['ingest', 'analyze', 'trace', 'alerts', 'poll', 'export'] as const;
export const JobKind = z.enum(JOB_KINDS);
export type JobKind = z.infer<typeof JobKind>;

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export const JobStatus = z.enum(JOB_STATUSES);
export type JobStatus = z.infer<typeof JobStatus>;

export const JobProgress = z.object({
  done: z.number().int().min(0),
  message: z.string().max(500).optional(),
});
export type JobProgress = z.infer<typeof JobProgress>;

export const JobError = z.object({ code: z.string().min(1), message: z.string() });
export type JobError = z.infer<typeof JobError>;

export const Job = z.object({
  id: z.string().min(1).max(100),
  kind: JobKind,
  payload: z.record(z.string(), z.unknown()),
  status: JobStatus,
  /** claims so far (a claim after a crashed worker's lease counts) */
  attempts: z.number().int().min(0),
  maxAttempts: z.number().int().min(1).max(100),
  /** jobs of one lane run one at a time */
  lane: z.string().min(1).max(100).optional(),
  idempotencyKey: z.string().min(1).max(500),
  /** who asked for it (username, `cli`, `server`) */
  createdBy: z.string().min(1).max(200),
  lockedBy: z.string().min(1).max(200).optional(),
  lockedUntil: isoTime.optional(),
  progress: JobProgress,
  result: z.record(z.string(), z.unknown()).optional(),
  error: JobError.optional(),
  createdAt: isoTime,
  startedAt: isoTime.optional(),
  finishedAt: isoTime.optional(),
  updatedAt: isoTime,
});
export type Job = z.infer<typeof Job>;

export interface NewJob {
  kind: JobKind;
  payload: Record<string, unknown>;
  idempotencyKey: string;
  createdBy: string;
  /** default 2 */
  maxAttempts?: number;
  lane?: string;
}

export interface JobListQuery {
  status?: JobStatus;
  kind?: JobKind;
  /** default 100, at most 1000 */
  limit?: number;
}

export interface JobQueue {
  readonly kind: 'sqlite' | 'postgres';
  /** Adds a job, or returns the unfinished job with the same key (`created` false). */
  enqueue(job: NewJob): Promise<{ job: Job; created: boolean }>;
  /**
   * Leases one runnable job of the given kinds to `workerId` for `leaseSeconds`: a queued job, or a
   * running one whose lease ended (its worker died). Counts an attempt; a job whose lease ended on
   * its last attempt is failed instead. Returns undefined when nothing is runnable.
   */
  claim(kinds: readonly JobKind[], workerId: string, leaseSeconds: number): Promise<Job | undefined>;
  /** Extends the lease and records progress; CONFLICT when the lease was lost to another worker. */
  heartbeat(id: string, workerId: string, leaseSeconds: number, progress?: JobProgress): Promise<Job>;
  complete(id: string, workerId: string, result: Record<string, unknown>): Promise<Job>;
  /** Requeues while attempts remain and `retry` is not false; otherwise fails for good. */
  fail(id: string, workerId: string, error: JobError, options?: { retry?: boolean }): Promise<Job>;
  /** Gives the job back unfinished (graceful stop): queued again, this attempt not counted. */
  release(id: string, workerId: string): Promise<Job>;
  get(id: string): Promise<Job | undefined>;
  /** newest first */
  list(query?: JobListQuery): Promise<Job[]>;
  close(): Promise<void>;
}
