/**
 * The near-duplicate index story clustering reads: each item's MinHash signature and its LSH band
 * keys (hashed, see migrations.ts). Re-putting an item replaces its rows.
 */
import { type CandidateRow, OgohError, type SignatureRow } from '@ogoh/core';
import { CANDIDATE_COLUMNS, type CandidateDbRow, toCandidate } from '../trace-rows.ts';
import { type Db, sqliteError } from './db.ts';
import { jsonList } from './items.ts';
import { bandHash, decodeBands, encodeBands, encodeSignature } from './rows.ts';

/**
 * Writes a page's signatures. Band rows are inserted sorted by (band, item): the band index is
 * keyed by a hash, so rows written item by item land on random leaves of a B-tree far larger than
 * the page cache, and the transaction spills and rewrites the same pages again and again. Sort
 * keys of the page come from one read.
 */
export function putSignatures(db: Db, rows: readonly SignatureRow[]): void {
  if (rows.length === 0) return;
  try {
    db.write(() => {
      const keys = new Map(
        (
          db
            .stmt(
              'SELECT id, CAST(sort_key AS TEXT) AS k FROM items WHERE id IN (SELECT value FROM json_each(?))',
            )
            .all(jsonList(rows.map((r) => r.itemId))) as { id: string; k: string }[]
        ).map((r) => [r.id, r.k]),
      );
      const oldBands = db
        .stmt('SELECT bands FROM item_signatures WHERE item_key = CAST(? AS INTEGER)')
        .pluck();
      const dropBand = db.stmt('DELETE FROM item_bands WHERE band = ? AND item_key = CAST(? AS INTEGER)');
      const putSig = db.stmt(
        'INSERT OR REPLACE INTO item_signatures (item_key, signature, bands) VALUES (CAST(? AS INTEGER), ?, ?)',
      );
      const putBand = db.stmt(
        'INSERT OR IGNORE INTO item_bands (band, item_key) VALUES (?, CAST(? AS INTEGER))',
      );
      const drops: { h: number; key: string }[] = [];
      let adds: { h: number; key: string }[] = [];
      const seen = new Set<string>();
      rows.forEach((row, i) => {
        const key = keys.get(row.itemId);
        if (key === undefined) {
          throw new OgohError(
            'STORE',
            `rows[${i}] is a signature for unknown item "${row.itemId}"; no signature was stored`,
            {
              file: db.path,
              field: 'itemId',
              hint: 'write the item (writeBatch) before indexing it',
            },
          );
        }
        // re-indexing an item (`analyze --all`, a resumed page, an item listed twice): its old
        // band rows go first; the last signature written for an item wins
        const old = oldBands.get(key) as Uint8Array | undefined;
        if (old) for (const h of decodeBands(old)) drops.push({ h, key });
        if (seen.has(key)) adds = adds.filter((a) => a.key !== key);
        seen.add(key);
        const hashes = [...new Set(row.bands.map(bandHash))];
        putSig.run(key, encodeSignature(row.signature), encodeBands(hashes));
        for (const h of hashes) adds.push({ h, key });
      });
      const byBand = (a: { h: number; key: string }, b: { h: number; key: string }) =>
        a.h - b.h || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
      for (const d of drops.sort(byBand)) dropBand.run(d.h, d.key);
      for (const a of adds.sort(byBand)) putBand.run(a.h, a.key);
    });
  } catch (e) {
    throw sqliteError(e, 'cannot store signatures (none were stored)', db.path);
  }
}

/** Distinct items sharing any band key, oldest published first; `excludeItemId` left out. */
export function candidatesByBands(db: Db, bands: readonly string[], excludeItemId?: string): CandidateRow[] {
  if (bands.length === 0) return [];
  const hashes = [...new Set(bands.map(bandHash))];
  const rows = db
    .stmt(
      `SELECT ${CANDIDATE_COLUMNS} FROM items i JOIN item_signatures s ON s.item_key = i.sort_key
       WHERE i.sort_key IN (SELECT item_key FROM item_bands WHERE band IN (SELECT value FROM json_each(?)))
         AND i.id <> ?
       ORDER BY (i.sort_key < 0), i.sort_key`,
    )
    .all(jsonList(hashes), excludeItemId ?? '') as CandidateDbRow[];
  return rows.map(toCandidate);
}

/** Exact copies: items with this content hash, oldest published first. Unindexed items get an empty signature. */
export function candidatesByContentHash(db: Db, contentHash: string, excludeItemId?: string): CandidateRow[] {
  const rows = db
    .stmt(
      `SELECT ${CANDIDATE_COLUMNS} FROM items i LEFT JOIN item_signatures s ON s.item_key = i.sort_key
       WHERE i.content_hash = ? AND i.id <> ? ORDER BY (i.sort_key < 0), i.sort_key`,
    )
    .all(contentHash, excludeItemId ?? '') as CandidateDbRow[];
  return rows.map(toCandidate);
}
