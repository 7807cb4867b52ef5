/**
 * `ogoh reparse`: run today's parsers over every fetched payload kept raw, so a parser fix reaches
 * history. Items the fixed parser finds for the first time are stored; items whose content it
 * changes are rewritten in place (only from the payload they were first stored from) and queued
 * for analysis again. Images are not fetched again: their stored pHash and OCR text are reattached.
 */
import { type Item, isOgohError, type Source } from '@ogoh/core';
import { openCollectStore } from '@ogoh/store';
import type { Ogoh } from '../context.ts';
import { enrichImages, itemsFromPayload } from './poll-sources.ts';

export interface ReparseOptions {
  sourceId?: string;
  /** only payloads fetched at or after this time (ISO-8601) */
  since?: string;
  onProgress?: (p: { payloads: number; items: number }) => void;
}

export interface ReparseFailure {
  payloadId: string;
  url: string;
  code: string;
  reason: string;
}

export interface ReparseReport {
  payloads: number;
  /** sitemaps (discovery only) and payloads whose body or source is gone */
  skipped: number;
  items: number;
  new: number;
  changed: number;
  unchanged: number;
  failed: ReparseFailure[];
}

const PAGE = 200;

/** @example const r = await reparse(app, { sourceId: 'asiaplustj.info' }); */
export async function reparse(app: Ogoh, options: ReparseOptions = {}): Promise<ReparseReport> {
  const collect = await openCollectStore(app.location);
  const report: ReparseReport = {
    payloads: 0,
    skipped: 0,
    items: 0,
    new: 0,
    changed: 0,
    unchanged: 0,
    failed: [],
  };
  const sources = new Map<string, Source | undefined>();
  try {
    let after: { fetchedAt: string; payloadId: string } | undefined;
    for (;;) {
      const page = await collect.listPayloads({
        limit: PAGE,
        ...(options.sourceId ? { sourceId: options.sourceId } : {}),
        ...(options.since ? { since: options.since } : {}),
        ...(after ? { after } : {}),
      });
      if (page.length === 0) break;
      const last = page.at(-1)!;
      after = { fetchedAt: last.fetchedAt, payloadId: last.payloadId };
      for (const row of page) {
        if (!sources.has(row.sourceId)) sources.set(row.sourceId, await app.store.getSource(row.sourceId));
        const source = sources.get(row.sourceId);
        const payload = await app.store.getPayload(row.payloadId);
        if (row.format === 'sitemap' || !source || !payload?.body) {
          report.skipped++;
          continue;
        }
        report.payloads++;
        try {
          const parsed = await itemsFromPayload(
            source,
            payload,
            payload.encoding ? { charset: payload.encoding } : {},
          );
          await enrichImages(parsed.items, source, {
            collect,
            ocr: false,
            maxImagesPerItem: Number.POSITIVE_INFINITY,
            maxImageBytes: 0,
            now: payload.collectedAt,
          });
          const replaced = await collect.replaceItems(parsed.items);
          const missing = new Set(replaced.missing);
          const fresh: Item[] = parsed.items.filter((i) => missing.has(i.id));
          const written = fresh.length
            ? await app.store.writeBatch({ items: fresh, accounts: parsed.accounts })
            : { new: 0, duplicate: 0 };
          report.items += parsed.items.length;
          report.new += written.new;
          report.changed += replaced.changed;
          report.unchanged += replaced.unchanged + written.duplicate;
          await collect.notePayload({
            payloadId: row.payloadId,
            sourceId: row.sourceId,
            url: row.url,
            format: parsed.format,
            fetchedAt: row.fetchedAt,
            parsedAt: app.clock.now().toISOString(),
            items: parsed.items.length,
          });
        } catch (e) {
          report.failed.push({
            payloadId: row.payloadId,
            url: row.url,
            code: isOgohError(e) ? e.code : 'INTERNAL',
            reason: isOgohError(e) ? e.message : String(e),
          });
          await collect.notePayload({
            ...row,
            parsedAt: app.clock.now().toISOString(),
            items: 0,
            error: isOgohError(e) ? e.describe() : String(e),
          });
        }
        options.onProgress?.({ payloads: report.payloads, items: report.items });
      }
    }
    return report;
  } finally {
    await collect.close();
  }
}
