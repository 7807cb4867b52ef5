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
  info([`Ogoh is serving ${where} at ${url}`, jobs, ...banner(url), 'Press Ctrl+C to stop.'].join('\n'));
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
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
    .action(async (o: ServeFlags, cmd: Command) => {
      const g = globals(cmd);
      const app = await openOgoh(g.db ? { db: g.db } : {});
      try {
        await serveUntilStopped(app, { ...o, ...(g.quiet ? { quiet: true } : {}) }, () => [
          'Log in with a user from `ogoh users add --username NAME --role admin`.',
        ]);
      } finally {
        await app.close();
      }
    });
}
