import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Ogoh } from '@ogoh/app';
import { openOgoh } from '@ogoh/app';
import { OgohError } from '@ogoh/core';
import { createServer } from '@ogoh/server';
import type { Command } from 'commander';
import { info } from '../output.ts';
import { globals, parseIntFlag } from './common.ts';

export interface ServeFlags {
  port?: string;
  host?: string;
  trustProxy?: boolean;
  webDir?: string;
  quiet?: boolean;
  /** commander's --no-worker: false leaves queued jobs to `ogoh worker` processes */
  worker?: boolean;
  workerLease?: string;
  uploadDir?: string;
  /** `--processes`: how many server processes share the port (`auto`: one per core) */
  processes?: string;
  /** set in a cluster worker: no banner of its own (the primary prints one for all) */
  clusterWorker?: boolean;
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|\[::1\]|localhost)$/i;

/**
 * Listens until SIGINT/SIGTERM, then closes the server (and the app). Resolves when closed.
 * Binds to loopback unless `--host` names another address, which is then reachable from the
 * network: said on stderr, since the dashboard then needs TLS in front of it.
 */
export async function serveUntilStopped(
  app: Ogoh,
  flags: ServeFlags,
  banner: (url: string) => string[] = () => [],
): Promise<void> {
  const port = parseIntFlag(flags.port ?? '8787', '--port', 0, 65535) ?? 8787;
  const host = flags.host ?? '127.0.0.1';
  if (!LOOPBACK.test(host))
    info(
      `ogoh: listening on ${host}: reachable from other machines. Put TLS in front (and pass --trust-proxy when a proxy sets X-Forwarded-*).`,
    );
  const lease = parseIntFlag(flags.workerLease, '--worker-lease', 1, 86_400);
  const server = await createServer(app, {
    // Request logs (with request ids) are for humans and operators: stderr, like all CLI output but results.
    logger: { level: flags.quiet ? 'warn' : 'info', stream: process.stderr },
    ...(flags.trustProxy ? { trustProxy: true } : {}),
    ...(flags.webDir ? { webDir: flags.webDir } : {}),
    ...(flags.uploadDir ? { uploadDir: flags.uploadDir } : {}),
    worker: flags.worker === false ? false : lease ? { leaseSeconds: lease } : {},
    ...(flags.clusterWorker ? { pidHeader: true } : {}),
  });
  try {
    await server.listen({ port, host });
  } catch (e) {
    await server.close();
    const code = (e as NodeJS.ErrnoException).code;
    const busy = code === 'EADDRINUSE';
    throw new OgohError('USAGE', `cannot listen on ${host}:${port}${code ? ` (${code})` : ''}`, {
      field: busy ? '--port' : '--host',
      ...(busy ? { hint: 'another program uses this port; pick another with --port' } : {}),
      cause: e,
    });
  }
  const addr = server.server.address();
  const shown = typeof addr === 'object' && addr ? addr.port : port;
  const url = `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${shown}/`;
  // a PostgreSQL URL may carry a password: never echo it
  const where = app.location.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*):[^@/]*@/i, '$1:***@');
  const jobs =
    flags.worker === false
      ? 'Background jobs (uploads, analyses) wait for `ogoh worker` processes on this store.'
      : 'Background jobs (uploads, analyses) run in this process too.';
  if (flags.clusterWorker) process.send?.({ ogohListening: url });
  else info([`Ogoh is serving ${where} at ${url}`, jobs, ...banner(url), 'Press Ctrl+C to stop.'].join('\n'));
  // The first signal closes gracefully. Alone, a second one kills at once (the default action),
  // the way out of a close that hangs. In a cluster worker a second signal is expected (Ctrl+C
  // reaches every process of the group and the primary forwards its own) and must not cut the
  // close short: the primary's own second signal is the way out there.
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const off = () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    process.off('disconnect', stop);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // a cluster worker whose primary is gone stops too
  if (flags.clusterWorker) process.on('disconnect', stop);
  await stopped;
  if (!flags.clusterWorker) off();
  try {
    await server.close();
  } finally {
    off();
    // the IPC channel to the primary would keep this process alive
    if (flags.clusterWorker && process.connected) process.disconnect();
  }
}

/** `--processes`: a count from 1 to 64, or `auto` for one per core; default 1. */
export function parseProcesses(value: string | undefined): number {
  if (value === undefined) return 1;
  if (value === 'auto') return Math.max(1, availableParallelism());
  return parseIntFlag(value, '--processes', 1, 64) ?? 1;
}

/** The cluster worker's index (0 = the one that may run jobs), from its environment. */
const WORKER_INDEX_ENV = 'OGOH_SERVE_PROCESS';

/**
 * The primary of `ogoh serve --processes N`: forks N server processes that share one listening
 * socket (node:cluster hands each accepted connection to the next process in turn), prints one
 * banner once all listen, restarts a process that dies unexpectedly (unless it dies at once, which
 * is a start-up failure: then all stop, exit 1), and on SIGINT/SIGTERM stops them all and waits.
 * Only process 0 runs the job worker; the rest are `--no-worker`. Everything per process stays per
 * process: login rate limits, the principal cache, the view caches (each computes its own views).
 */
async function servePrimary(location: string, flags: ServeFlags, count: number): Promise<void> {
  const { processes: _p, ...rest } = flags;
  const started = new Map<number, number>();
  let stopping = false;
  let failure: Error | undefined;
  const workers = new Map<number, Worker>();
  let url = '';
  let resolveAll = () => {};
  const allExited = new Promise<void>((resolve) => {
    resolveAll = resolve;
  });
  let rejectStart: (e: Error) => void = () => {};
  const listening = new Promise<void>((resolve, reject) => {
    rejectStart = reject;
    const seen = new Set<number>();
    cluster.on('message', (w, msg: { ogohListening?: string }) => {
      if (typeof msg?.ogohListening !== 'string') return;
      url = msg.ogohListening;
      for (const [i, x] of workers) if (x === w) seen.add(i);
      if (seen.size === count) resolve();
    });
  });
  const fork = (i: number) => {
    const w = cluster.fork({ [WORKER_INDEX_ENV]: String(i) });
    workers.set(i, w);
    started.set(i, Date.now());
    w.on('exit', (code, signal) => {
      workers.delete(i);
      if (!stopping) {
        const quick = Date.now() - (started.get(i) ?? 0) < 10_000;
        info(
          `ogoh: server process ${i} (pid ${w.process.pid}) exited (${signal ?? code})${quick ? '' : '; restarting it'}`,
        );
        if (quick) {
          failure = new OgohError(
            'INTERNAL',
            `server process ${i} failed at start (exit ${signal ?? code})`,
            {
              hint: 'its error is above; try `ogoh serve` without --processes to see it alone',
            },
          );
          rejectStart(failure);
          stopAll();
        } else fork(i);
      }
      if (workers.size === 0 && stopping) resolveAll();
    });
  };
  // the first signal stops them gracefully, a second one kills them (a close that hangs)
  const stopAll = () => {
    const force = stopping;
    stopping = true;
    if (workers.size === 0) resolveAll();
    for (const w of workers.values()) w.process.kill(force ? 'SIGKILL' : 'SIGTERM');
  };
  process.on('SIGINT', stopAll);
  process.on('SIGTERM', stopAll);
  try {
    for (let i = 0; i < count; i++) fork(i);
    try {
      await listening;
      const where = location.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*):[^@/]*@/i, '$1:***@');
      const pids = [...workers.values()].map((w) => w.process.pid).join(', ');
      info(
        [
          `Ogoh is serving ${where} at ${url}`,
          `${count} server processes share the port (pids ${pids}).`,
          rest.worker === false
            ? 'Background jobs (uploads, analyses) wait for `ogoh worker` processes on this store.'
            : 'Background jobs (uploads, analyses) run in server process 0.',
          'Log in with a user from `ogoh users add --username NAME --role admin`.',
          'Press Ctrl+C to stop.',
        ].join('\n'),
      );
    } catch {
      // a process failed at start: stopAll is under way
    }
    await allExited;
  } finally {
    process.off('SIGINT', stopAll);
    process.off('SIGTERM', stopAll);
  }
  if (failure) throw failure;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API and the dashboard (default http://127.0.0.1:8787)')
    .option('--port <n>', 'port (0 picks a free one)', '8787')
    .option(
      '--host <address>',
      'address to bind; anything but loopback exposes Ogoh to the network',
      '127.0.0.1',
    )
    .option('--trust-proxy', 'trust X-Forwarded-For/-Proto/-Host from a reverse proxy (TLS termination)')
    .option('--web-dir <dir>', 'the built dashboard (default apps/web/dist)')
    .option('--no-worker', 'run no jobs here: leave uploads and analyses to `ogoh worker` processes')
    .option(
      '--worker-lease <seconds>',
      'lease of this process’s job claims; a crashed server’s job is re-run after it',
      '60',
    )
    .option(
      '--upload-dir <dir>',
      'where uploads wait for their ingest job; every worker must read it (default $OGOH_UPLOADS, else ogoh-uploads beside an SQLite store, else the temp dir)',
    )
    .option(
      '--processes <n|auto>',
      'server processes sharing the port (auto: one per core); rate limits and view caches are per process',
      '1',
    )
    .action(async (o: ServeFlags, cmd: Command) => {
      const g = globals(cmd);
      const count = parseProcesses(o.processes);
      const index = cluster.isWorker ? Number(process.env[WORKER_INDEX_ENV] ?? 0) : -1;
      const app = await openOgoh(g.db ? { db: g.db } : {});
      if (count > 1 && cluster.isPrimary) {
        // opened (and migrated) once here, so the processes do not race to migrate the store
        const location = app.location;
        await app.close();
        return servePrimary(location, o, count);
      }
      const flags: ServeFlags = { ...o, ...(g.quiet ? { quiet: true } : {}) };
      if (index >= 0) {
        flags.clusterWorker = true;
        // exactly one process runs queued jobs
        if (index > 0) flags.worker = false;
      }
      try {
        await serveUntilStopped(app, flags, () => [
          'Log in with a user from `ogoh users add --username NAME --role admin`.',
        ]);
      } finally {
        await app.close();
      }
    });
}
