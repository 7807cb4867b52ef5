/**
 * `ogoh worker` runs queued jobs; `ogoh jobs enqueue|list` adds and shows them. The queue lives in
 * the store given by --db, so workers on several machines share a PostgreSQL store's queue.
 */
import { jobRequest, openOgoh, openQueue, runWorker, WORKER_KINDS, type WorkerKind } from '@ogoh/app';
import { FORMATS, JOB_STATUSES, type Job, type JobStatus, OgohError } from '@ogoh/core';
import { type Command, Option } from 'commander';
import { info, printJson } from '../output.ts';
import { globals, parseDateFlag, parseIntFlag } from './common.ts';

function parseRoles(spec: string | undefined): WorkerKind[] {
  if (spec === undefined) return [...WORKER_KINDS];
  const roles = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const r of roles)
    if (!(WORKER_KINDS as readonly string[]).includes(r))
      throw new OgohError('USAGE', `--roles: "${r}" is not a role this worker runs`, {
        field: '--roles',
        hint: `roles: ${WORKER_KINDS.join(', ')}`,
      });
  if (roles.length === 0) throw new OgohError('USAGE', '--roles is empty', { field: '--roles' });
  return roles as WorkerKind[];
}

const line = (j: Job): string =>
  `${j.id}  ${j.kind.padEnd(7)} ${j.status.padEnd(7)} attempts ${j.attempts}/${j.maxAttempts}  progress ${j.progress.done}${j.lockedBy ? `  by ${j.lockedBy}` : ''}${j.error ? `  error ${j.error.code}: ${j.error.message}` : ''}`;

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description(
      'run queued jobs (ingest, analyze) from the store’s job queue until stopped (SIGTERM/SIGINT)',
    )
    .option('--roles <kinds>', `job kinds to run, comma-separated (default ${WORKER_KINDS.join(',')})`)
    .option('--concurrency <n>', 'jobs run at once', '1')
    .option('--once', 'exit when nothing is runnable')
    .option('--poll-interval <ms>', 'wait between polls of an empty queue', '1000')
    .option('--lease <seconds>', 'lease per claim; a crashed worker’s job is re-run after it', '60')
    .option(
      '--grace <ms>',
      'on SIGTERM, time running jobs get to finish before their leases are released',
      '30000',
    )
    .action(
      async (
        opts: {
          roles?: string;
          concurrency: string;
          once?: boolean;
          pollInterval: string;
          lease: string;
          grace: string;
        },
        cmd: Command,
      ) => {
        const g = globals(cmd);
        const kinds = parseRoles(opts.roles);
        const concurrency = parseIntFlag(opts.concurrency, '--concurrency', 1, 64) as number;
        const pollIntervalMs = parseIntFlag(opts.pollInterval, '--poll-interval', 10, 3_600_000) as number;
        const leaseSeconds = parseIntFlag(opts.lease, '--lease', 1, 86_400) as number;
        const graceMs = parseIntFlag(opts.grace, '--grace', 0, 3_600_000) as number;
        const app = await openOgoh(g.db ? { db: g.db } : {});
        const queue = await openQueue(app);
        const stop = new AbortController();
        const onSignal = () => stop.abort();
        process.once('SIGTERM', onSignal);
        process.once('SIGINT', onSignal);
        try {
          const report = await runWorker(app, queue, {
            kinds,
            concurrency,
            pollIntervalMs,
            leaseSeconds,
            graceMs,
            signal: stop.signal,
            ...(opts.once ? { once: true } : {}),
            onBusy: (reason) => {
              if (!g.quiet) info(`busy: ${reason}; claiming again`);
            },
            onEvent: (e) => {
              if (g.quiet) return;
              if (e.type === 'lost') info(`job ${e.jobId}: lease lost (${e.reason})`);
              else if (e.type === 'progress') info(`progress ${e.job.id} ${e.job.progress.done}`);
              else info(`${e.type} ${line(e.job)}`);
            },
          });
          if (g.json) printJson(report);
          else
            info(
              `worker ${report.workerId}: ${report.done} done, ${report.failed} failed, ${report.released} released, ${report.lost} lost`,
            );
          if (report.failed > 0) process.exitCode = 1;
        } finally {
          process.off('SIGTERM', onSignal);
          process.off('SIGINT', onSignal);
          await queue.close();
          await app.close();
        }
      },
    );

  const jobs = program
    .command('jobs')
    .description('the persistent job queue: enqueue work for workers, list jobs');
  jobs
    .command('enqueue')
    .description(
      'queue an ingest (of paths) or an analyze job; asking again while it is unfinished returns it',
    )
    .argument('<kind>', `job kind (${WORKER_KINDS.join(', ')})`)
    .argument('[paths...]', 'ingest: files, directories or URLs')
    .option('--source <id>', 'ingest: attribute every item to this source')
    .addOption(new Option('--format <format>', 'ingest: input format').choices(['auto', ...FORMATS]))
    .option('--all', 'analyze: re-analyse every item')
    .option('--since <date>', 'analyze: only items collected since this date')
    .option('--batch-size <n>', 'analyze: items per page (each page commits on its own)')
    .option('--key <key>', 'idempotency key (default: derived from the kind and arguments)')
    .action(
      async (
        kind: string,
        paths: string[],
        opts: {
          source?: string;
          format?: string;
          all?: boolean;
          since?: string;
          batchSize?: string;
          key?: string;
        },
        cmd: Command,
      ) => {
        const g = globals(cmd);
        if (!(WORKER_KINDS as readonly string[]).includes(kind))
          throw new OgohError('USAGE', `"${kind}" is not a job kind`, {
            field: 'kind',
            hint: `kinds: ${WORKER_KINDS.join(', ')}`,
          });
        if (kind === 'analyze' && paths.length > 0)
          throw new OgohError('USAGE', 'an analyze job takes no paths', { field: 'paths' });
        const since = parseDateFlag(opts.since, '--since');
        const batchSize = parseIntFlag(opts.batchSize, '--batch-size', 1, 100_000);
        const request = jobRequest(
          kind as WorkerKind,
          {
            paths,
            ...(opts.source ? { sourceId: opts.source } : {}),
            ...(opts.format ? { format: opts.format } : {}),
            ...(opts.all ? { all: true } : {}),
            ...(since ? { since } : {}),
            ...(batchSize ? { batchSize } : {}),
            ...(opts.key ? { key: opts.key } : {}),
          },
          'cli',
        );
        const app = await openOgoh(g.db ? { db: g.db } : {});
        const queue = await openQueue(app);
        try {
          const { job, created } = await queue.enqueue(request);
          if (g.json) printJson({ created, job });
          else info(`${created ? 'queued' : 'already queued'} ${line(job)}`);
        } finally {
          await queue.close();
          await app.close();
        }
      },
    );
  jobs
    .command('list')
    .description('jobs, newest first')
    .addOption(new Option('--status <status>', 'only jobs in this state').choices([...JOB_STATUSES]))
    .option('--limit <n>', 'at most this many', '100')
    .action(async (opts: { status?: string; limit: string }, cmd: Command) => {
      const g = globals(cmd);
      const limit = parseIntFlag(opts.limit, '--limit', 1, 1000) as number;
      const app = await openOgoh(g.db ? { db: g.db } : {});
      const queue = await openQueue(app);
      try {
        const list = await queue.list({
          limit,
          ...(opts.status ? { status: opts.status as JobStatus } : {}),
        });
        if (g.json) printJson(list);
        else if (list.length === 0) info('no jobs');
        else for (const j of list) process.stdout.write(`${line(j)}\n`);
      } finally {
        await queue.close();
        await app.close();
      }
    });
}
