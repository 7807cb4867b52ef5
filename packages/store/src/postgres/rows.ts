/**
 * Row ↔ record mapping. The PostgreSQL tables keep the SQLite column names and value shapes (ISO
 * strings and JSON as text, so values round-trip byte for byte; NULL → absent property), so the
 * pure mapping functions are shared rather than copied. Counts and bigints are cast to int/text in
 * the SQL, because the driver returns int8 as strings.
 */
export {
  accountParams,
  bandHash,
  DETECTION_COLUMNS,
  type DetectionRow,
  decodeSignature,
  detectionParams,
  encodeSignature,
  ITEM_INSERT_COLUMNS,
  type ItemRow,
  itemColumns,
  itemParams,
  PAYLOAD_COLUMNS,
  type PayloadRow,
  payloadParams,
  rowToDetection,
  rowToItem,
  rowToPayload,
  rowToSource,
  SOURCE_COLUMNS,
  type SourceRow,
  sourceParams,
} from '../sqlite/rows.ts';

/** `$1, $2, …, $n` starting at `from`. */
export function placeholders(n: number, from = 1): string {
  return Array.from({ length: n }, (_, i) => `$${i + from}`).join(', ');
}
