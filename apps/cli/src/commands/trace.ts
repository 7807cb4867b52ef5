import { openOgoh, type TraceView, telegramCascades, traceStory } from '@ogoh/app';
import { OgohError } from '@ogoh/core';
import type { Command } from 'commander';
import { info, printJson } from '../output.ts';
import { globals, parseDateFlag, parseIntFlag } from './common.ts';

/** "34m", "2h47m", "3d4h": lags read at a glance. */
export function lagText(seconds: number | undefined): string {
  if (seconds === undefined) return '';
  const s = Math.abs(seconds);
  const sign = seconds < 0 ? '−' : '+';
  if (s < 60) return `${sign}${s}s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${sign}${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${sign}${h}h${String(m % 60).padStart(2, '0')}m`;
  return `${sign}${Math.floor(h / 24)}d${h % 24}h`;
}

function when(published: string | undefined, previous: string | undefined): string {
  if (!published) return 'undated';
  const day = published.slice(0, 10);
  const time = published.slice(11, 16);
  return !previous || previous.slice(0, 10) !== day ? `${day} ${time}` : time;
}

function short(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** The provenance tree as indented text: one line per item, children under their parent. */
export function renderTrace(v: TraceView, maxNodes = 30): string {
  const p = v.provenance;
  const lines: string[] = [];
  const first = p.nodes[0];
  if (v.story) {
    lines.push(
      `Story ${v.story.id} · ${v.story.size} items · ${v.story.sources} sources · ${v.story.langs.join(', ')} · first seen ${first?.published ? `${first.published.slice(0, 16).replace('T', ' ')} UTC` : 'undated'}`,
    );
  } else lines.push(`Item ${v.itemId} is in no story: nothing copied, rewrote or translated it`);
  if (first) lines.push(`“${short(first.title, 100)}”`);
  if (p.laundering.flagged && p.laundering.origin) {
    const names = [...new Set(p.nodes.filter((n) => n.laundering).map((n) => n.sourceName))];
    const o = p.laundering.origin;
    // the state item is the story's first, or a later one the copies descend from (an earlier twin came first)
    const from =
      o.itemId === p.firstItemId
        ? `first published by ${o.sourceName} (${o.affiliation})`
        : `copied from ${o.sourceName} (${o.affiliation}), item ${o.itemId}, not the story's first item`;
    lines.push(
      `⚠ LAUNDERING: ${from}; re-published without attribution by ${names.length} source(s): ${names.join(', ')}`,
    );
  }
  lines.push('');
  const children = new Map<string, typeof p.nodes>();
  for (const n of p.nodes) if (n.parent) children.set(n.parent, [...(children.get(n.parent) ?? []), n]);
  const byId = new Map(p.nodes.map((n) => [n.itemId, n]));
  let shown = 0;
  const walk = (id: string, prefix: string, last: boolean, root: boolean) => {
    if (shown >= maxNodes) return;
    shown++;
    const n = byId.get(id)!;
    const parent = n.parent ? byId.get(n.parent) : undefined;
    const branch = root ? '' : last ? '└─ ' : '├─ ';
    const what = root
      ? 'ORIGIN'
      : `${n.relation}${n.via && n.via !== 'similarity' && n.via !== 'forward' ? ` (${n.via})` : ''}${n.relation === 'translation' || n.relation === 'rewrite' ? ` ${Math.round((n.similarity ?? 0) * 100)}%` : ''}`;
    const credit = root
      ? ''
      : n.attribution
        ? `  credits ${n.credits ?? n.attribution} (${n.attribution})`
        : n.laundering
          ? '  ⚠ no attribution'
          : '  no attribution';
    const shared = n.reasons
      ? `  shared: ${[...n.reasons.entities, ...n.reasons.numbers, ...n.reasons.dates, ...n.reasons.names].slice(0, 5).join(', ')}`
      : '';
    const views = n.views !== undefined ? `  ${n.views} views` : '';
    lines.push(
      `${prefix}${branch}${when(n.published, parent?.published)}${n.lagSeconds !== undefined ? ` (${lagText(n.lagSeconds)})` : ''}  ${n.sourceName} [${n.affiliation}] ${n.lang}  ${what}${credit}${shared}${views}  ${n.itemId}`,
    );
    if (root) lines.push(`   ${short(n.title, 110)}`);
    const kids = children.get(id) ?? [];
    const next = root ? '' : prefix + (last ? '   ' : '│  ');
    kids.forEach((k, i) => {
      walk(k.itemId, next, i === kids.length - 1, false);
    });
  };
  if (first) walk(first.itemId, '', true, true);
  if (shown < p.nodes.length)
    lines.push(`… and ${p.nodes.length - shown} more item(s): --all shows every one, --json gives them all`);
  if (v.cascade) {
    const c = v.cascade;
    lines.push(
      '',
      `Telegram: ${c.size} re-share(s) of a post in ${c.rootChannel}, depth ${c.depth}, ${c.reach > 0 ? `reach ${c.reach} views` : 'no view counts'}${c.speed.firstSeconds !== undefined ? `, first after ${lagText(c.speed.firstSeconds)}` : ''}${c.speed.halfSeconds !== undefined ? `, half within ${lagText(c.speed.halfSeconds)}` : ''}`,
    );
  }
  return lines.join('\n');
}

export function registerTrace(program: Command): void {
  program
    .command('trace')
    .description(
      'where a story started and how it travelled: the provenance tree of a story or item (times, lags, attribution, laundering); --cascades for Telegram forward cascades and bridge channels',
    )
    .argument('[id]', 'an item id (it_…) or a story id (st_…)')
    .option(
      '--cascades',
      'list Telegram forward cascades across the store and the channels that bridge source families',
    )
    .option('--since <date>', 'cascades: published on or after')
    .option('--until <date>', 'cascades: published before')
    .option('--limit <n>', 'cascades: at most this many (default 20)')
    .option('--all', 'show every item of a large story (default: the first 30 of the tree)')
    .action(
      async (
        id: string | undefined,
        o: { cascades?: boolean; since?: string; until?: string; limit?: string; all?: boolean },
        cmd: Command,
      ) => {
        const g = globals(cmd);
        if (!o.cascades && !id)
          throw new OgohError('USAGE', 'give an item or story id, or --cascades', {
            field: 'id',
            hint: 'e.g. ogoh trace st_… (ids from `ogoh stories` or `ogoh items`)',
          });
        const since = parseDateFlag(o.since, '--since');
        const until = parseDateFlag(o.until, '--until');
        const limit = parseIntFlag(o.limit, '--limit', 1, 1000);
        const app = await openOgoh(g.db ? { db: g.db } : {});
        try {
          if (o.cascades) {
            const r = await telegramCascades(app, {
              ...(since ? { since } : {}),
              ...(until ? { until } : {}),
              ...(limit ? { limit } : {}),
            });
            if (g.json) {
              printJson(r);
              return;
            }
            for (const c of r.cascades)
              process.stdout.write(
                `${(c.rootPublished ?? '').slice(0, 16).padEnd(16)}  ${short(c.rootChannel, 24).padEnd(24)} ${String(c.size).padStart(3)} re-shares  depth ${c.depth}  reach ${String(c.reach).padStart(7)}  first ${lagText(c.speed.firstSeconds).padEnd(7)} median lag ${lagText(c.speed.medianLagSeconds)}  ${c.rootItemId ?? c.root}\n`,
              );
            if (r.bridges.length) {
              process.stdout.write('\nBridges between source families (takes from → feeds):\n');
              for (const b of r.bridges.slice(0, 10))
                process.stdout.write(
                  `  ${short(b.name, 24).padEnd(24)} [${b.affiliation}]  ${Object.entries(b.takesFrom)
                    .map(([k, v]) => `${k} ${v}`)
                    .join(', ')} → ${Object.entries(b.feeds)
                    .map(([k, v]) => `${k} ${v}`)
                    .join(', ')}  score ${b.score}\n`,
                );
            }
            info(`${r.cascades.length} cascade(s), ${r.bridges.length} bridge(s)`);
            return;
          }
          const view = await traceStory(app, id!);
          if (g.json) printJson(view);
          else process.stdout.write(`${renderTrace(view, o.all ? Number.POSITIVE_INFINITY : 30)}\n`);
        } finally {
          await app.close();
        }
      },
    );
}
