/**
 * The near-duplicate index story clustering reads: each item's MinHash signature and its LSH band
 * keys (53-bit hashes, as on SQLite). Re-putting an item replaces its rows.
 */
import { type CandidateRow, OgohError, type SignatureRow } from '@ogoh/core';
import { CANDIDATE_COLUMNS, type CandidateDbRow, toCandidate } from '../trace-rows.ts';
import { type Db, pgError, write } from './db.ts';
import { bandHash, encodeSignature } from './rows.ts';

export async function putSignatures(db: Db, list: readonly SignatureRow[]): Promise<void> {
  if (list.length === 0) return;
  try {
    await write(db, async (tx) => {
      const ids = list.map((r) => r.itemId);
      const known = new Set(
        (
          (await tx.unsafe('SELECT id FROM items WHERE id = ANY($1::text[])', [ids] as never)) as unknown as {
            id: string;
          }[]
        ).map((r) => r.id),
      );
      list.forEach((row, i) => {
        if (!known.has(row.itemId)) {
          throw new OgohError(
            'STORE',
            `rows[${i}] is a signature for unknown item "${row.itemId}"; no signature was stored`,
            {
              file: db.location,
              field: 'itemId',
              hint: 'write the item (writeBatch) before indexing it',
            },
          );
        }
      });
      for (const row of list) {
        const hashes = [...new Set(row.bands.map(bandHash))].map(String);
        const sig = Buffer.from(encodeSignature(row.signature));
        await tx.unsafe('DELETE FROM item_bands WHERE item_id = $1', [row.itemId]);
        await tx.unsafe(
          `INSERT INTO item_signatures (item_id, signature, bands) VALUES ($1, $2, $3::bigint[])
           ON CONFLICT (item_id) DO UPDATE SET signature = excluded.signature, bands = excluded.bands`,
          [row.itemId, sig, hashes] as never,
        );
        await tx.unsafe(
          // the item's place in time rides along, so "latest items of a band" is an index range
          `INSERT INTO item_bands (band, item_id, sort_ms, seq) SELECT b, i.id, i.sort_ms, i.seq
           FROM unnest($1::bigint[]) AS b, items i WHERE i.id = $2 ON CONFLICT DO NOTHING`,
          [hashes, row.itemId] as never,
        );
      }
    });
  } catch (e) {
    throw pgError(e, 'cannot store signatures (none were stored)', db.location);
  }
}

const OLDEST_FIRST = 'ORDER BY (i.pub_ms IS NULL), i.sort_ms, i.seq';

/** Distinct items sharing any band key, oldest published first; `excludeItemId` left out. */
export async function candidatesByBands(
  db: Db,
  bands: readonly string[],
  excludeItemId?: string,
): Promise<CandidateRow[]> {
  if (bands.length === 0) return [];
  const hashes = [...new Set(bands.map(bandHash))].map(String);
  try {
    const found = (await db.sql.unsafe(
      `SELECT ${CANDIDATE_COLUMNS} FROM items i JOIN item_signatures s ON s.item_id = i.id
       WHERE i.id IN (SELECT item_id FROM item_bands WHERE band = ANY($1::bigint[])) AND i.id <> $2
       ${OLDEST_FIRST}`,
      [hashes, excludeItemId ?? ''] as never,
    )) as unknown as CandidateDbRow[];
    return found.map(toCandidate);
  } catch (e) {
    throw pgError(e, 'cannot read near-duplicate candidates', db.location);
  }
}

/** Exact copies: items with this content hash, oldest published first. Unindexed items get an empty signature. */
export async function candidatesByContentHash(
  db: Db,
  contentHash: string,
  excludeItemId?: string,
): Promise<CandidateRow[]> {
  try {
    const found = (await db.sql.unsafe(
      `SELECT ${CANDIDATE_COLUMNS} FROM items i LEFT JOIN item_signatures s ON s.item_id = i.id
       WHERE i.content_hash = $1 AND i.id <> $2 ${OLDEST_FIRST}`,
      [contentHash, excludeItemId ?? ''],
    )) as unknown as CandidateDbRow[];
    return found.map(toCandidate);
  } catch (e) {
    throw pgError(e, 'cannot read exact copies', db.location);
  }
}
