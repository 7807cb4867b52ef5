/**
 * `ogoh sources poll`: one polling cycle over the due sources, or a cycle every `--every` until
 * interrupted (Ctrl-C finishes the source in hand, then stops). Failing sources are listed on every
 * cycle; the exit code is 1 when a source failed in the last cycle.
 */
import {
  fetcherFor,
  loadCollectConfig,
  openOgoh,
  type PollReport,
  parseInterval,
  pollSources,
  type SourcePollReport,
} from '@ogoh/app';
import type { Command } from 'commander';
import { info, printJson } from '../output.ts';
import { globals } from './common.ts';

function line(r: SourcePollReport): string {
  const what =
    r.outcome === 'failed'
      ? `FAILED ${r.error?.code}: ${r.error?.url ? `${r.error.url}: ` : ''}${r.error?.message}${r.consecutiveFailures > 1 ? ` (${r.consecutiveFailures} in a row)` : ''}`
      : `${r.outcome}, ${r.new} new, ${r.duplicate} known${r.rejected ? `, ${r.rejected} rejected` : ''}${r.images ? `, ${r.images} image(s)${r.imageFailures ? ` (${r.imageFailures} unreadable)` : ''}` : ''}`;
  return `${r.sourceId.padEnd(28)} ${what} [${r.fetches} fetch${r.fetches === 1 ? '' : 'es'}, ${Math.round(r.ms)} ms]`;
}

function summary(rep: PollReport): string {
  return `poll ${rep.runId}: ${rep.due} source(s) due; ${rep.fetched} fetched, ${rep.notModified} unchanged, ${rep.failed} failed; ${rep.new} new item(s), ${rep.duplicate} already known${rep.resumed ? `; resumed ${rep.resumed} interrupted payload(s)` : ''} (${(rep.ms / 1000).toFixed(1)} s)`;
}

function report(rep: PollReport, json: boolean | undefined, quiet: boolean | undefined): void {
  if (json) {
    printJson(rep);
    return;
  }
  if (!quiet) for (const r of rep.sources) info(line(r));
  for (const f of rep.failing)
    info(
      `warning: ${f.sourceId} has failed ${f.consecutiveFailures} times in a row (${f.lastErrorCode}: ${f.lastError}); last success ${f.lastSuccessAt ?? 'never'}`,
    );
  info(summary(rep));
}

export function addPollCommand(parent: Command): void {
  parent
    .command('poll')
    .description('fetch due sources: conditional GET, robots.txt, per-host rate limits; new items only')
    .option('--source <ids>', 'only these sources (comma-separated), due or not, paused or not')
    .option('--all', 'every pollable source now, due or not')
    .option('--every <duration>', 'keep polling, one cycle every duration (e.g. 15m) until interrupted')
    .option('--config <file>', 'collection settings file (YAML; default $OGOH_CONFIG)')
    .action(async (o: { source?: string; all?: boolean; every?: string; config?: string }, cmd: Command) => {
      const g = globals(cmd);
      const everySec = o.every === undefined ? undefined : parseInterval(o.every, '--every');
      const config = await loadCollectConfig(o.config ? { file: o.config } : {});
      const app = await openOgoh(g.db ? { db: g.db } : {});
      const fetcher = fetcherFor(config);
      const stop = new AbortController();
      const onSignal = () => {
        if (stop.signal.aborted) process.exit(130);
        info('stopping after the sources in hand (Ctrl-C again to quit at once)');
        stop.abort(new Error('interrupted'));
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        const ids = o.source
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        for (;;) {
          let rep: PollReport;
          try {
            rep = await pollSources(app, {
              config,
              fetcher,
              signal: stop.signal,
              ...(ids && ids.length > 0 ? { sourceIds: ids } : {}),
              ...(o.all ? { force: true } : {}),
              ...(g.quiet || g.json ? {} : { onSource: (r) => info(line(r)) }),
            });
          } catch (e) {
            if (stop.signal.aborted) break;
            throw e;
          }
          report(rep, g.json, true);
          process.exitCode = rep.failed > 0 ? 1 : 0;
          if (everySec === undefined || stop.signal.aborted) break;
          const wait = new Promise<void>((resolve) => {
            const t = setTimeout(resolve, everySec * 1000);
            stop.signal.addEventListener(
              'abort',
              () => {
                clearTimeout(t);
                resolve();
              },
              { once: true },
            );
          });
          await wait;
          if (stop.signal.aborted) break;
        }
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        fetcher.close();
        await app.close();
      }
    });
}
