import { listStories, openOgoh, searchItems, stats } from '@ogoh/app';
import type { Item, Story } from '@ogoh/core';
import type { Command } from 'commander';
import { info, printJson } from '../output.ts';
import { globals, parseDateFlag, parseIntFlag } from './common.ts';

function snippet(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

/** What `items --json` prints for one item: the record without internal keys. */
export function presentItem(i: Item): Record<string, unknown> {
  const { foldText: _f, raw: _r, contentHash: _h, payloadId: _p, ...rest } = i;
  return { ...rest, source: i.sourceId };
}

export function registerQueries(program: Command): void {
  program
    .command('items')
    .description('list stored items, newest first, with filters and full-text search')
    .option('--q <query>', 'full-text query (Tajik matches whether typed with Tajik or Russian letters)')
    .option('--lang <code>', 'language: tg, ru, uk, uz, en, fa, und')
    .option('--source <id>', 'source id')
    .option('--story <id>', 'story id')
    .option('--narrative <id>', 'items flagged with this narrative')
    .option('--technique <id>', 'items flagged with this technique')
    .option('--since <date>', 'published on or after')
    .option('--until <date>', 'published before')
    .option('--limit <n>', 'at most this many (default 50, max 1000)')
    .option('--cursor <c>', 'continue from a previous page')
    .action(async (o: Record<string, string | undefined>, cmd: Command) => {
      const g = globals(cmd);
      const since = parseDateFlag(o.since, '--since');
      const until = parseDateFlag(o.until, '--until');
      const limit = parseIntFlag(o.limit, '--limit', 1, 1000);
      const label = o.narrative ?? o.technique;
      const app = await openOgoh(g.db ? { db: g.db } : {});
      try {
        const page = await searchItems(app, {
          ...(o.q ? { q: o.q } : {}),
          ...(o.lang ? { lang: o.lang } : {}),
          ...(o.source ? { sourceId: o.source } : {}),
          ...(o.story ? { storyId: o.story } : {}),
          ...(label ? { label } : {}),
          ...(since ? { since } : {}),
          ...(until ? { until } : {}),
          ...(limit ? { limit } : {}),
          ...(o.cursor ? { cursor: o.cursor } : {}),
        });
        if (g.json) printJson(page.items.map(presentItem));
        else {
          for (const i of page.items)
            process.stdout.write(
              `${(i.published ?? '').slice(0, 16).padEnd(16)}  ${i.lang.padEnd(3)} ${i.sourceId.padEnd(22).slice(0, 22)} ${snippet(i.title ?? i.text, 80)}  [${i.id}]\n`,
            );
          info(`${page.items.length} item(s)${page.next ? `; more with --cursor ${page.next}` : ''}`);
        }
      } finally {
        await app.close();
      }
    });

  program
    .command('stories')
    .description('story clusters: exact and near-duplicate copies across outlets, largest first')
    .option('--min-size <n>', 'only stories with at least this many items', '2')
    .option('--limit <n>', 'at most this many (default 50)')
    .option('--cursor <c>', 'continue from a previous page')
    .action(async (o: { minSize?: string; limit?: string; cursor?: string }, cmd: Command) => {
      const g = globals(cmd);
      const minSize = parseIntFlag(o.minSize, '--min-size', 1) ?? 2;
      const limit = parseIntFlag(o.limit, '--limit', 1, 1000) ?? 50;
      const app = await openOgoh(g.db ? { db: g.db } : {});
      try {
        const page = await listStories(app, { minSize, limit, ...(o.cursor ? { cursor: o.cursor } : {}) });
        if (g.json) printJson(page.stories.map(presentStory));
        else {
          for (const s of page.stories)
            process.stdout.write(
              `${s.id}  ${String(s.size).padStart(4)} items ${String(s.sources).padStart(3)} sources  ${(s.firstSeen ?? '').slice(0, 16)}  ${s.langs.join(',').padEnd(8)} ${snippet(s.title ?? '', 70)}\n`,
            );
          info(
            `${page.stories.length} stor${page.stories.length === 1 ? 'y' : 'ies'}${page.next ? `; more with --cursor ${page.next}` : ''}`,
          );
        }
      } finally {
        await app.close();
      }
    });

  program
    .command('stats')
    .description('counts of items, sources, stories, by language and source')
    .action(async (_o: unknown, cmd: Command) => {
      const g = globals(cmd);
      const app = await openOgoh(g.db ? { db: g.db } : {});
      try {
        const s = await stats(app);
        if (g.json) printJson(s);
        else {
          process.stdout.write(
            `items ${s.items}, sources ${s.sources}, stories ${s.stories}, detections ${s.detections}\n`,
          );
          process.stdout.write(
            `by language: ${Object.entries(s.byLang)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}\n`,
          );
          if (s.firstPublished) process.stdout.write(`published ${s.firstPublished} … ${s.lastPublished}\n`);
        }
      } finally {
        await app.close();
      }
    });
}

function presentStory(s: Story): Record<string, unknown> {
  return { ...s };
}
