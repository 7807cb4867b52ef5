/**
 * The near-duplicate index story clustering reads: each item's MinHash signature and its LSH band
 * keys (hashed, see migrations.ts). Re-putting an item replaces its rows.
 */
import { type CandidateRow, OgohError, type SignatureRow } from '@ogoh/core';
import { CANDIDATE_COLUMNS, type CandidateDbRow, toCandidate } from '../trace-rows.ts';
import { type Db, sqliteError } from './db.ts';
import { jsonList } from './items.ts';
import { bandHash, decodeBands, encodeBands, encodeSignature } from './rows.ts';

export function putSignatures(db: Db, rows: readonly SignatureRow[]): void {
  if (rows.length === 0) return;
  try {
    db.write(() => {
      const keyOf = db.stmt('SELECT CAST(sort_key AS TEXT) FROM items WHERE id = ?').pluck();
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
      rows.forEach((row, i) => {
        const key = keyOf.get(row.itemId) as string | undefined;
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
        const old = oldBands.get(key) as Uint8Array | undefined;
        if (old) for (const band of decodeBands(old)) dropBand.run(band, key);
        const hashes = [...new Set(row.bands.map(bandHash))];
        putSig.run(key, encodeSignature(row.signature), encodeBands(hashes));
        for (const h of hashes) putBand.run(h, key);
      });
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
