/**
 * `ogoh coord`: coordinated sharing (CooRTweet's method) over the store's items — the same URL, the
 * same story (exact or near-duplicate text) or the same forwarded post shared by many accounts within
 * seconds — or over a CSV of share events with CooRTweet's columns.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { type Item, OgohError } from '@ogoh/core';
import { canonicalUrl } from '@ogoh/ingest';
import {
  type CoordParams,
  type CoordResult,
  detectCoordination,
  loadShareCsv,
  type ShareTable,
  ShareTableBuilder,
} from '@ogoh/trace';
import type { Ogoh } from '../context.ts';

export interface CoordOptions extends Omit<CoordParams, 'onPhase'> {
  /** a CSV of share events (object_id,account_id,content_id,timestamp_share) instead of the store */
  input?: string;
  /** which shared objects to consider from the store @default all three */
  objects?: ('url' | 'story' | 'forward')[];
  since?: string;
  until?: string;
}

export interface CoordReport extends CoordResult {
  /** where the events came from, and what was skipped */
  input: {
    kind: 'store' | 'csv';
    events: number;
    rejected?: number;
    rejects?: { line: number; reason: string }[];
  };
  /** display names of store accounts (author name in its source), for people reading the groups */
  names: Record<string, string>;
}

/** The sharing account of an item: its author where the platform has one (groups), else the channel/outlet. */
function accountOf(item: Item): string {
  return item.authorId ?? `source:${item.sourceId}`;
}

/** Share events from stored items: one per shared URL, per story membership and per forward. */
export async function shareEventsFromStore(
  app: Ogoh,
  options: Pick<CoordOptions, 'objects' | 'since' | 'until'> = {},
  names: Record<string, string> = {},
): Promise<ShareTable> {
  const kinds = new Set(options.objects ?? ['url', 'story', 'forward']);
  const builder = new ShareTableBuilder(1 << 16);
  let cursor: string | undefined;
  do {
    const page = await app.store.queryItems({
      limit: 1000,
      ...(cursor ? { cursor } : {}),
      ...(options.since ? { since: options.since } : {}),
      ...(options.until ? { until: options.until } : {}),
    });
    for (const item of page.items) {
      if (!item.published) continue;
      const t = Date.parse(item.published) / 1000;
      const account = accountOf(item);
      names[account] ??= item.authorName ? `${item.authorName} (${item.sourceId})` : item.sourceId;
      const seen = new Set<string>();
      const add = (object: string) => {
        if (seen.has(object)) return;
        seen.add(object);
        builder.add(object, account, t, item.id);
      };
      if (kinds.has('url')) for (const l of item.links) add(`url:${canonicalUrl(l.url) ?? l.url}`);
      if (kinds.has('story') && item.storyId) add(`story:${item.storyId}`);
      if (kinds.has('forward') && item.telegram?.forwardedFromId) add(`fwd:${item.telegram.forwardedFromId}`);
    }
    cursor = page.next;
  } while (cursor);
  return builder.build();
}

export async function coordination(app: Ogoh | undefined, options: CoordOptions): Promise<CoordReport> {
  const { input, objects, since, until, ...params } = options;
  if (input) {
    const lines = createInterface({
      input: createReadStream(input, { encoding: 'utf8' }),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    let loaded: Awaited<ReturnType<typeof loadShareCsv>>;
    try {
      loaded = await loadShareCsv(lines, { file: input });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT')
        throw new OgohError('INPUT_MISSING', 'no such file', { file: input });
      throw e;
    }
    const r = detectCoordination(loaded.table, params);
    return {
      ...r,
      input: {
        kind: 'csv',
        events: loaded.rows,
        rejected: loaded.rejectedCount,
        rejects: loaded.rejected.map((x) => ({ line: x.line, reason: x.reason })),
      },
      names: {},
    };
  }
  if (!app)
    throw new OgohError('USAGE', 'no store to read share events from', { hint: 'give --input FILE or --db' });
  const names: Record<string, string> = {};
  const table = await shareEventsFromStore(
    app,
    { ...(objects ? { objects } : {}), ...(since ? { since } : {}), ...(until ? { until } : {}) },
    names,
  );
  const r = detectCoordination(table, params);
  const used = new Set(r.groups.flatMap((g) => g.accounts));
  return {
    ...r,
    input: { kind: 'store', events: table.size },
    names: Object.fromEntries(Object.entries(names).filter(([k]) => used.has(k))),
  };
}
