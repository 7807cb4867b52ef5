/**
 * Detections. Re-analysis replaces, per item, the detections of the models it re-ran, so running
 * the narrative model again leaves technique or claim detections from other models alone.
 */
import { type Detection, OgohError } from '@ogoh/core';
import { type Db, sqliteError } from './db.ts';
import { jsonList } from './items.ts';
import { DETECTION_COLUMNS, type DetectionRow, detectionParams, rowToDetection } from './rows.ts';

const UPSERT = `INSERT INTO detections (${DETECTION_COLUMNS}, item_key)
  VALUES (@id, @item_id, @kind, @label, @score, @evidence, @explain, @model, @taxonomy_version, @created_at,
          (SELECT sort_key FROM items WHERE id = @item_id))
  ON CONFLICT (id) DO UPDATE SET item_id = excluded.item_id, item_key = excluded.item_key, kind = excluded.kind,
    label = excluded.label, score = excluded.score, evidence = excluded.evidence, explain = excluded.explain,
    model = excluded.model, taxonomy_version = excluded.taxonomy_version, created_at = excluded.created_at`;

/**
 * Deletes the detections of `itemIds` (and of the items the new detections name) made by the
 * replaced models — `models` when given, else the models of the new detections — then stores the
 * new ones, in one transaction. Pass `models` to clear a model's old output when it now finds nothing.
 */
export function replaceDetections(
  db: Db,
  itemIds: readonly string[],
  detections: readonly Detection[],
  models?: readonly string[],
): void {
  const replaced = [...new Set(models ?? detections.map((d) => d.model))];
  const items = [...new Set([...itemIds, ...detections.map((d) => d.itemId)])];
  try {
    db.write(() => {
      const known = new Set(
        db
          .stmt('SELECT id FROM items WHERE id IN (SELECT value FROM json_each(?))')
          .pluck()
          .all(jsonList(items)) as string[],
      );
      detections.forEach((d, i) => {
        if (!known.has(d.itemId)) {
          throw new OgohError(
            'STORE',
            `detections[${i}] (${d.id}) is about unknown item "${d.itemId}"; no detection was replaced`,
            { file: db.path, field: 'itemId', hint: 'write the item (writeBatch) before analysing it' },
          );
        }
      });
      if (replaced.length > 0 && items.length > 0) {
        db.stmt(
          `DELETE FROM detections WHERE item_id IN (SELECT value FROM json_each(?))
             AND model IN (SELECT value FROM json_each(?))`,
        ).run(jsonList(items), jsonList(replaced));
      }
      const upsert = db.stmt(UPSERT);
      detections.forEach((d, i) => {
        try {
          upsert.run(detectionParams(d));
        } catch (e) {
          const column = /constraint failed: \w+\.(\w+)/.exec(e instanceof Error ? e.message : '')?.[1];
          throw sqliteError(
            e,
            `cannot store detections[${i}] (${d.id}); no detection was replaced`,
            db.path,
            {
              ...(column ? { field: column } : {}),
            },
          );
        }
      });
    });
  } catch (e) {
    throw sqliteError(e, 'cannot replace detections (nothing was changed)', db.path);
  }
}

/** Detections of these items, grouped in the order of `itemIds`, strongest first within an item. */
export function detectionsFor(db: Db, itemIds: readonly string[]): Detection[] {
  if (itemIds.length === 0) return [];
  const rows = db
    .stmt(
      `SELECT ${DETECTION_COLUMNS.split(', ')
        .map((c) => `d.${c}`)
        .join(', ')}
       FROM detections d JOIN (SELECT value AS id, min(key) AS pos FROM json_each(?) GROUP BY value) j ON d.item_id = j.id
       ORDER BY j.pos, d.score DESC, d.id`,
    )
    .all(jsonList(itemIds)) as DetectionRow[];
  return rows.map(rowToDetection);
}
