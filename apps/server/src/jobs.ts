/**
 * Background jobs with progress: long work (analysis) runs after the request returns; clients poll
 * GET /api/jobs/:id. Jobs run one at a time through the server's writer queue. In-process and in
 * memory (the last MAX_JOBS are kept): enough for one `ogoh serve`; several API processes on
 * PostgreSQL will need a jobs table instead.
 */
import { randomBytes } from 'node:crypto';
import { isOgohError } from '@ogoh/core';

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface Job {
  id: string;
  kind: string;
  state: JobState;
  /** who started it (audit actor) */
  by: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  progress: { done: number; message?: string };
  result?: Record<string, unknown>;
  error?: { code: string; message: string };
}

const MAX_JOBS = 100;

export class Jobs {
  private readonly jobs = new Map<string, Job>();
  private readonly now: () => Date;

  constructor(now: () => Date = () => new Date()) {
    this.now = now;
  }

  /**
   * Queues `work` through `run` (the writer queue) and returns the job at once. `work` reports
   * progress through the callback it is given.
   */
  start(
    kind: string,
    by: string,
    run: <T>(job: () => Promise<T>) => Promise<T>,
    work: (progress: (done: number, message?: string) => void) => Promise<Record<string, unknown>>,
  ): Job {
    const job: Job = {
      id: `jb_${randomBytes(8).toString('hex')}`,
      kind,
      state: 'queued',
      by,
      createdAt: this.now().toISOString(),
      progress: { done: 0 },
    };
    this.jobs.set(job.id, job);
    this.trim();
    void run(async () => {
      job.state = 'running';
      job.startedAt = this.now().toISOString();
      try {
        job.result = await work((done, message) => {
          job.progress = message === undefined ? { done } : { done, message };
        });
        job.state = 'done';
      } catch (e) {
        job.state = 'failed';
        job.error = isOgohError(e)
          ? { code: e.code, message: e.message }
          : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
      } finally {
        job.finishedAt = this.now().toISOString();
      }
    }).catch(() => undefined);
    return job;
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  /** newest first */
  list(): Job[] {
    return [...this.jobs.values()].reverse();
  }

  /** Resolves when every job has finished (server shutdown, tests). */
  async idle(): Promise<void> {
    while ([...this.jobs.values()].some((j) => j.state === 'queued' || j.state === 'running'))
      await new Promise((r) => setTimeout(r, 20));
  }

  private trim(): void {
    for (const [id, j] of this.jobs) {
      if (this.jobs.size <= MAX_JOBS) break;
      if (j.state === 'done' || j.state === 'failed') this.jobs.delete(id);
    }
  }
}
