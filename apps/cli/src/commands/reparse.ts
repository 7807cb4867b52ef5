/** `ogoh reparse`: run today's parsers over stored raw payloads (after a parser fix). */
import { openOgoh, reparse } from '@ogoh/app';
import type { Command } from 'commander';
import { info, printJson, progressLine } from '../output.ts';
import { globals, parseDateFlag } from './common.ts';

export function registerReparse(program: Command): void {
  program
    .command('reparse')
    .description(
      're-read every fetched payload with the current parsers: new items stored, changed ones rewritten',
    )
    .option('--source <id>', 'only payloads of this source')
    .option('--since <date>', 'only payloads fetched since this date')
    .action(async (o: { source?: string; since?: string }, cmd: Command) => {
      const g = globals(cmd);
      const since = parseDateFlag(o.since, '--since');
      const app = await openOgoh(g.db ? { db: g.db } : {});
      try {
        const bar = progressLine(!g.quiet);
        const r = await reparse(app, {
          ...(o.source ? { sourceId: o.source } : {}),
          ...(since ? { since } : {}),
          onProgress: (p) => bar.update(`reparse: ${p.payloads} payload(s), ${p.items} item(s)`),
        });
        bar.done();
        if (g.json) printJson(r);
        else {
          for (const f of r.failed) info(`${f.url} (${f.payloadId}): ${f.code}: ${f.reason}`);
          info(
            `reparsed ${r.payloads} payload(s): ${r.items} item(s), ${r.new} new, ${r.changed} changed (queued for analysis), ${r.unchanged} unchanged; ${r.failed.length} failed, ${r.skipped} skipped`,
          );
        }
        if (r.failed.length > 0) process.exitCode = 1;
      } finally {
        await app.close();
      }
    });
}
