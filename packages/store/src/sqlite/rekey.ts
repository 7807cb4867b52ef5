/**
 * Moving an item to a new published time. The rowid (`sort_key`) encodes the published instant
 * (keys.ts), so code that rewrites `items.published` in place must call `rekeyItem` in the same
 * write transaction, or ordering, time filters and story summaries keep using the old instant.
 */
import { OgohError } from '@ogoh/core';
import type { Db } from './db.ts';
import { KeyAllocator, publishedMs } from './keys.ts';
import { bandHash, decodeBands } from './rows.ts';
import { refreshStory } from './stories.ts';

/**
 * Gives item `itemId` the sort key of `published` (undefined = undated) and carries every row
 * keyed by it along: the FTS5 row (via the update trigger), signatures, band postings, detections'
 * label index, trace anchors and their postings, and its story's summary. A no-op when the key
 * would not change slot. Call inside `db.write`.
 */
export function rekeyItem(db: Db, itemId: string, published: string | undefined): void {
  if (!db.raw.inTransaction) throw new Error('rekeyItem must run inside a write transaction');
  const row = db.stmt('SELECT sort_key, story_id FROM items WHERE id = ?').safeIntegers(true).get(itemId) as
    | { sort_key: bigint; story_id: string | null }
    | undefined;
  if (!row)
    throw new OgohError('NOT_FOUND', `no item ${itemId} to re-key`, { file: db.path, field: 'itemId' });
  const keys = new KeyAllocator(db);
  const ms = publishedMs(published);
  if (keys.sameSlot(row.sort_key, ms)) return;
  const next = keys.next(ms);
  // Children reference the old key; check foreign keys at commit, once every row has moved.
  db.raw.pragma('defer_foreign_keys = ON');
  db.stmt('UPDATE items SET sort_key = ? WHERE sort_key = ?').run(next, row.sort_key);
  const bands = db.stmt('SELECT bands FROM item_signatures WHERE item_key = ?').pluck().get(row.sort_key) as
    | Uint8Array
    | undefined;
  db.stmt('UPDATE item_signatures SET item_key = ? WHERE item_key = ?').run(next, row.sort_key);
  // item_bands is keyed (band, item_key): move the item's own postings, never scan the table.
  const moveBand = db.stmt('UPDATE item_bands SET item_key = ? WHERE band = ? AND item_key = ?');
  for (const band of bands ? decodeBands(bands) : []) moveBand.run(next, band, row.sort_key);
  db.stmt('UPDATE detections SET item_key = ? WHERE item_id = ?').run(next, itemId);
  // trace anchors and their postings are keyed by the sort key too (its foreign key would fail)
  const anchorKeys = db.stmt('SELECT keys FROM trace_anchors WHERE item_key = ?').pluck().get(row.sort_key) as
    | string
    | undefined;
  if (anchorKeys !== undefined) {
    db.stmt('UPDATE trace_anchors SET item_key = ? WHERE item_key = ?').run(next, row.sort_key);
    const movePosting = db.stmt('UPDATE trace_postings SET item_key = ? WHERE key_hash = ? AND item_key = ?');
    for (const h of new Set((JSON.parse(anchorKeys) as string[]).map(bandHash)))
      movePosting.run(next, h, row.sort_key);
  }
  if (row.story_id !== null) refreshStory(db, row.story_id);
}
