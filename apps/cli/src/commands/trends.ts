import { listAlerts, MECHANISM_LANGS, type MechanismLang, openOgoh, parseSeriesBy, trends } from '@ogoh/app';
import { OgohError } from '@ogoh/core';
import type { Command } from 'commander';
import { info, printJson } from '../output.ts';
import { globals, parseDateFlag, parseIntFlag } from './common.ts';

const BARS = ' ▁▂▃▄▅▆▇█';

/** A one-line chart of a series: its last `width` days. */
export function sparkline(counts: readonly number[], width = 40): string {
  const xs = counts.slice(-width);
  const max = Math.max(1, ...xs);
  return xs.map((x) => BARS[Math.min(8, Math.ceil((x / max) * 8))]).join('');
}

export function registerTrends(program: Command): void {
  program
    .command('trends')
    .description(
      'items per day by narrative, technique, source, language and story, the convergence index, and spikes (stored as alerts with their items); --alerts lists stored alerts',
    )
    .option('--by <list>', 'series: narrative,technique,source,lang,story,convergence (default all)')
    .option('--since <date>', 'published on or after')
    .option('--until <date>', 'published before')
    .option('--top <n>', 'series shown per dimension (default 5; --json 20)')
    .option('--min-story-size <n>', 'story series for stories of at least this many items (default 3)')
    .option('--threshold <z>', 'robust z-score for a spike (default 3.5)')
    .option('--no-store', 'do not store the spikes as alerts')
    .option('--alerts', 'list stored alerts (spikes and laundering) instead of computing')
    .option('--limit <n>', '--alerts: at most this many (default 50)')
    .option('--lang <l>', 'language of the convergence mechanism text: en, ru or tg (default en)')
    .action(
      async (
        o: {
          by?: string;
          since?: string;
          until?: string;
          top?: string;
          minStorySize?: string;
          threshold?: string;
          store: boolean;
          alerts?: boolean;
          limit?: string;
          lang?: string;
        },
        cmd: Command,
      ) => {
        const g = globals(cmd);
        const by = parseSeriesBy(o.by);
        const since = parseDateFlag(o.since, '--since');
        const until = parseDateFlag(o.until, '--until');
        const top = parseIntFlag(o.top, '--top', 1, 1000);
        const minStorySize = parseIntFlag(o.minStorySize, '--min-story-size', 2);
        const limit = parseIntFlag(o.limit, '--limit', 1, 10_000);
        const lang = o.lang ?? 'en';
        if (!(MECHANISM_LANGS as readonly string[]).includes(lang))
          throw new OgohError('USAGE', `--lang "${lang}" is not en, ru or tg`, {
            field: '--lang',
            hint: 'the convergence mechanisms are written in en, ru and tg',
          });
        let threshold: number | undefined;
        if (o.threshold !== undefined) {
          threshold = Number(o.threshold);
          if (!Number.isFinite(threshold) || threshold <= 0) {
            throw new OgohError('USAGE', `--threshold must be a positive number, got "${o.threshold}"`, {
              field: '--threshold',
              hint: 'e.g. --threshold 3.5',
            });
          }
        }
        const app = await openOgoh(g.db ? { db: g.db } : {});
        try {
          if (o.alerts) {
            const alerts = await listAlerts(app, {
              ...(since ? { since } : {}),
              limit: limit ?? 50,
            });
            if (g.json) printJson(alerts);
            else {
              for (const a of alerts)
                process.stdout.write(
                  `${a.day}  ${a.kind.padEnd(10)} ${(a.by ?? '').padEnd(11)} ${a.key.slice(0, 40).padEnd(40)} ${String(a.value).padStart(4)} vs ${String(a.baseline).padStart(4)}  z ${a.score}  ${a.itemIds.length} item(s)\n`,
                );
              info(`${alerts.length} alert(s)`);
            }
            return;
          }
          const r = await trends(app, {
            lang: lang as MechanismLang,
            by,
            ...(since ? { since } : {}),
            ...(until ? { until } : {}),
            ...(minStorySize ? { minStorySize } : {}),
            top: top ?? (g.json ? 20 : 5),
            ...(threshold !== undefined ? { spikes: { threshold } } : {}),
            store: o.store,
          });
          if (g.json) {
            printJson(r);
            return;
          }
          if (r.days.length === 0) {
            info('no dated items in range');
            return;
          }
          process.stdout.write(`${r.days[0]} … ${r.days[r.days.length - 1]} (${r.days.length} days)\n`);
          const spikeDays = new Map<string, string[]>();
          for (const s of r.spikes)
            spikeDays.set(`${s.by}\u0000${s.key}`, [
              ...(spikeDays.get(`${s.by}\u0000${s.key}`) ?? []),
              s.day,
            ]);
          for (const [dim, list] of Object.entries(r.series)) {
            process.stdout.write(
              `\n${dim}${list.length ? '' : ': no data (no detections of this kind yet?)'}\n`,
            );
            for (const s of list) {
              const sp = spikeDays.get(`${dim}\u0000${s.key}`);
              process.stdout.write(
                `  ${s.key.slice(0, 36).padEnd(36)} ${String(s.total).padStart(6)}  ${sparkline(s.counts)}${sp ? `  spikes ${sp.join(', ')}` : ''}\n`,
              );
            }
          }
          if (r.convergence.length) {
            const last = r.convergence.filter((p) => p.items > 0).slice(-7);
            process.stdout.write(
              `\nconvergence index (share of narrative items meeting another family)\n  ${sparkline(r.convergence.map((p) => p.index))}  recent: ${last.map((p) => `${p.day.slice(5)} ${p.index}`).join(', ')}\n`,
            );
          }
          if (r.convergenceSignals.length) {
            process.stdout.write(
              `\nconvergence hypotheses per channel and story (${r.convergenceSignals.length}; for an analyst to confirm or reject)\n`,
            );
            for (const c of r.convergenceSignals.slice(0, 10))
              process.stdout.write(
                `  ${c.scope.padEnd(7)} ${c.key.slice(0, 36).padEnd(36)} ${c.pair}: ${c.families.join(' + ')}, ${c.items} items ${c.firstDay} … ${c.lastDay}\n    ${c.narratives.map((n) => `${n.id} (${n.items.length})`).join(', ')}\n    ${c.mechanism.trim().split('\n')[0]?.slice(0, 160)}\n`,
              );
          }
          process.stdout.write(
            `\n${r.spikes.length} spike(s) (${r.method.name}, window ${r.method.window} days, z ≥ ${r.method.threshold}, ≥ ${r.method.minCount} items)\n`,
          );
          for (const s of r.spikes.slice(0, 15))
            process.stdout.write(
              `  ${s.day}  ${s.by} ${s.key.slice(0, 40)}: ${s.value} vs median ${s.baseline} (z ${s.score})\n`,
            );
          if (o.store) info('spikes stored as alerts; list them with `ogoh trends --alerts`');
        } finally {
          await app.close();
        }
      },
    );
}
