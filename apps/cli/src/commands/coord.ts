import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { type CoordOptions, coordination, type Ogoh, openOgoh, resolveDbLocation, toGexf } from '@ogoh/app';
import { OgohError } from '@ogoh/core';
import type { Command } from 'commander';
import { info, printJson } from '../output.ts';
import { globals, parseDateFlag, parseIntFlag } from './common.ts';

function parseQuantile(v: string): number {
  const q = Number(v);
  if (!Number.isFinite(q) || q < 0 || q >= 1)
    throw new OgohError('USAGE', '--edge-quantile must be a number from 0 (keep all edges) to below 1', {
      field: '--edge-quantile',
    });
  return q;
}

export function registerCoord(program: Command): void {
  program
    .command('coord')
    .description(
      'coordinated sharing: accounts that share the same URL, story or forward within seconds of each other, again and again (CooRTweet’s method)',
    )
    .option('--window <seconds>', 'time window for two shares to count as coordinated', '60')
    .option(
      '--min-participation <n>',
      'an account must take part in at least this many coordinated shares',
      '2',
    )
    .option(
      '--edge-quantile <q>',
      'keep edges heavier than this quantile of edge weights (0 keeps all)',
      '0.5',
    )
    .option('--min-weight <n>', 'drop edges whose accounts co-shared fewer than this many objects', '1')
    .option('--fast-window <seconds>', 'also flag pairs that co-share within this narrower window')
    .option(
      '--input <file>',
      'CSV of share events: object_id,account_id,content_id,timestamp_share (instead of the store)',
    )
    .option('--objects <kinds>', 'objects from the store: url,story,forward', 'url,story,forward')
    .option('--since <date>', 'items published on or after')
    .option('--until <date>', 'items published before')
    .option('--gexf <file>', 'also write the network as GEXF 1.3 for Gephi')
    .action(async (o: Record<string, string | undefined>, cmd: Command) => {
      const g = globals(cmd);
      const fast = parseIntFlag(o.fastWindow, '--fast-window', 1);
      const objects = (o.objects ?? '').split(',').map((x) => x.trim());
      for (const k of objects)
        if (k !== 'url' && k !== 'story' && k !== 'forward')
          throw new OgohError('USAGE', `--objects "${k}" is not url, story or forward`, {
            field: '--objects',
          });
      const since = parseDateFlag(o.since, '--since');
      const until = parseDateFlag(o.until, '--until');
      const options: CoordOptions = {
        timeWindow: parseIntFlag(o.window, '--window', 1)!,
        minParticipation: parseIntFlag(o.minParticipation, '--min-participation', 1)!,
        edgeQuantile: parseQuantile(o.edgeQuantile ?? '0.5'),
        minWeight: parseIntFlag(o.minWeight, '--min-weight', 1)!,
        objects: objects as ('url' | 'story' | 'forward')[],
        ...(fast ? { fastWindow: fast } : {}),
        ...(o.input ? { input: o.input } : {}),
        ...(since ? { since } : {}),
        ...(until ? { until } : {}),
      };
      const location = resolveDbLocation(g.db);
      let app: Ogoh | undefined;
      if (!o.input || /^postgres/i.test(location) || existsSync(location))
        app = await openOgoh({ db: location });
      try {
        const r = await coordination(o.input ? undefined : app, options);
        if (o.gexf) await writeFile(o.gexf, toGexf(r, { description: 'Ogoh coordinated-sharing network' }));
        if (g.json) {
          printJson({
            groups: r.groups.map((x) => ({
              id: x.id,
              accounts: x.accounts,
              objects: x.objects,
              edges: x.edges,
              weight: x.weight,
              topObjects: x.topObjects,
              ...(x.communities ? { communities: x.communities } : {}),
            })),
            edges: r.edges,
            counts: r.counts,
            params: r.params,
            input: r.input,
            names: r.names,
          });
        } else {
          for (const x of r.groups)
            process.stdout.write(
              `${x.id}  ${x.accounts.length} accounts, ${x.objects} objects, ${x.edges} edges: ${x.accounts
                .slice(0, 6)
                .map((a) => r.names[a] ?? a)
                .join(', ')}${x.accounts.length > 6 ? ', …' : ''}\n`,
            );
          info(
            `${r.input.events} share events${r.input.rejected ? ` (${r.input.rejected} rejected rows)` : ''}; ${r.counts.pairs} coordinated pairs, ${r.counts.keptEdges} edges kept, ${r.counts.groups} group(s)${o.gexf ? `; network written to ${o.gexf}` : ''}`,
          );
        }
      } finally {
        await app?.close();
      }
    });
}
