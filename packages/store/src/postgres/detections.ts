/**
 * Detections. Re-analysis replaces, per item, the detections of the models it re-ran, so running
 * the narrative model again leaves technique or claim detections from other models alone.
 */
import { type Detection, OgohError } from '@ogoh/core';
import { type Db, pgError, write } from './db.ts';
import {
  DETECTION_COLUMNS,
  type DetectionRow,
  detectionParams,
  placeholders,
  rowToDetection,
} from './rows.ts';

const FIELDS = DETECTION_COLUMNS.split(', ');
const UPSERT = `INSERT INTO detections (${DETECTION_COLUMNS}) VALUES (${placeholders(FIELDS.length)})
  ON CONFLICT (id) DO UPDATE SET ${FIELDS.filter((c) => c !== 'id')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`;

const TYPES: Record<string, string> = { score: 'float8' };
const UPSERT_MANY = `INSERT INTO detections (${DETECTION_COLUMNS})
  SELECT * FROM unnest(${FIELDS.map((c, i) => `$${i + 1}::${TYPES[c] ?? 'text'}[]`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${FIELDS.filter((c) => c !== 'id')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`;

/** One row per id, the last given (as one upsert per detection in order would leave). */
function lastPerId(detections: readonly Detection[]): { d: Detection; i: number }[] {
  const last = new Map<unknown, number>();
  detections.forEach((d, i) => {
    last.set(d.id, i);
  });
  return detections.flatMap((d, i) => (last.get(d.id) === i ? [{ d, i }] : []));
}

/**
 * Deletes the detections of `itemIds` (and of the items the new detections name) made by the
 * replaced models — `models` when given, else the models of the new detections — then stores the
 * new ones, in one transaction.
 */
export async function replaceDetections(
  db: Db,
  itemIds: readonly string[],
  detections: readonly Detection[],
  models?: readonly string[],
): Promise<void> {
  const replaced = [...new Set(models ?? detections.map((d) => d.model))];
  const items = [...new Set([...itemIds, ...detections.map((d) => d.itemId)])];
  try {
    await write(db, async (tx) => {
      const known = new Set(
        (
          (await tx.unsafe('SELECT id FROM items WHERE id = ANY($1::text[])', [
            items,
          ] as never)) as unknown as {
            id: string;
          }[]
        ).map((r) => r.id),
      );
      detections.forEach((d, i) => {
        if (!known.has(d.itemId)) {
          throw new OgohError(
            'STORE',
            `detections[${i}] (${d.id}) is about unknown item "${d.itemId}"; no detection was replaced`,
            { file: db.location, field: 'itemId', hint: 'write the item (writeBatch) before analysing it' },
          );
        }
      });
      if (replaced.length > 0 && items.length > 0) {
        await tx.unsafe(
          'DELETE FROM detections WHERE item_id = ANY($1::text[]) AND model = ANY($2::text[])',
          [items, replaced] as never,
        );
      }
      // one statement for the page (a round trip per detection was most of this call's time);
      // a failure is retried row by row to name the detection at fault
      if (detections.length === 0) return;
      const rows = lastPerId(detections).map(({ d, i }) => ({
        d,
        i,
        row: detectionParams(d) as unknown as Record<string, unknown>,
      }));
      const columns = FIELDS.map((c) => rows.map(({ row }) => row[c] ?? null));
      try {
        await tx.unsafe('SAVEPOINT detections_batch');
        await tx.unsafe(UPSERT_MANY, columns as never);
        await tx.unsafe('RELEASE SAVEPOINT detections_batch');
        return;
      } catch {
        await tx.unsafe('ROLLBACK TO SAVEPOINT detections_batch');
      }
      for (const { d, i, row } of rows) {
        try {
          await tx.unsafe(UPSERT, FIELDS.map((c) => row[c] ?? null) as never);
        } catch (e) {
          throw pgError(e, `cannot store detections[${i}] (${d.id}); no detection was replaced`, db.location);
        }
      }
    });
  } catch (e) {
    throw pgError(e, 'cannot replace detections (nothing was changed)', db.location);
  }
}

/** Detections of these items, grouped in the order of `itemIds`, strongest first within an item. */
export async function detectionsFor(db: Db, itemIds: readonly string[]): Promise<Detection[]> {
  if (itemIds.length === 0) return [];
  try {
    const found = (await db.sql.unsafe(
      `SELECT ${FIELDS.map((c) => `d.${c}`).join(', ')}
       FROM detections d JOIN (SELECT id, min(pos) AS pos FROM unnest($1::text[]) WITH ORDINALITY AS u(id, pos) GROUP BY id) j
         ON d.item_id = j.id
       ORDER BY j.pos, d.score DESC, d.id`,
      [[...itemIds]] as never,
    )) as unknown as DetectionRow[];
    return found.map(rowToDetection);
  } catch (e) {
    throw pgError(e, 'cannot read detections', db.location);
  }
}
