/**
 * The near-duplicate index story clustering reads: each item's MinHash signature and its LSH band
 * keys (53-bit hashes, as on SQLite). Re-putting an item replaces its rows.
 */
import { type CandidateRow, OgohError, type SignatureRow } from '@ogoh/core';
import { CANDIDATE_COLUMNS, type CandidateDbRow, toCandidate } from '../trace-rows.ts';
import { type Db, type Ex, pgError, write } from './db.ts';
import { bandHash, encodeSignature } from './rows.ts';

export async function putSignatures(db: Db, list: readonly SignatureRow[]): Promise<void> {
  if (list.length === 0) return;
  try {
    await write(db, (tx) => putSignaturesIn(db, tx, list));
  } catch (e) {
    throw pgError(e, 'cannot store signatures (none were stored)', db.location);
  }
}

/** putSignatures inside a caller's transaction (the analysis page commit). */
export async function putSignaturesIn(db: Db, tx: Ex, list: readonly SignatureRow[]): Promise<void> {
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
  // Three set-wise statements for the whole list, not three round trips per item; an item
  // listed twice keeps its last row, as when written one by one.
  const last = new Map<string, SignatureRow>();
  for (const row of list) last.set(row.itemId, row);
  const itemIds: string[] = [];
  const sigs: string[] = [];
  const bandItems: string[] = [];
  const bandKeys: string[] = [];
  for (const row of last.values()) {
    itemIds.push(row.itemId);
    sigs.push(Buffer.from(encodeSignature(row.signature)).toString('hex'));
    for (const h of new Set(row.bands.map(bandHash))) {
      bandItems.push(row.itemId);
      bandKeys.push(String(h));
    }
  }
  await tx.unsafe('DELETE FROM item_bands WHERE item_id = ANY($1::text[])', [itemIds] as never);
  await tx.unsafe(
    `INSERT INTO item_signatures (item_id, signature, bands)
         SELECT s.id, decode(s.sig, 'hex'), coalesce(b.bands, '{}'::bigint[])
         FROM unnest($1::text[], $2::text[]) AS s(id, sig)
         LEFT JOIN (SELECT x.id, array_agg(x.h ORDER BY x.ord) AS bands
                    FROM unnest($3::text[], $4::bigint[]) WITH ORDINALITY AS x(id, h, ord) GROUP BY x.id) b
           ON b.id = s.id
         ON CONFLICT (item_id) DO UPDATE SET signature = excluded.signature, bands = excluded.bands`,
    [itemIds, sigs, bandItems, bandKeys] as never,
  );
  await tx.unsafe(
    // the item's place in time rides along, so "latest items of a band" is an index range
    `INSERT INTO item_bands (band, item_id, sort_ms, seq)
         SELECT x.h, i.id, i.sort_ms, i.seq FROM unnest($1::text[], $2::bigint[]) AS x(id, h)
         JOIN items i ON i.id = x.id ON CONFLICT DO NOTHING`,
    [bandItems, bandKeys] as never,
  );
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
