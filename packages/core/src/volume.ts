/**
 * Volume over time: item counts per day (UTC) split by language or source. A port of its own
 * rather than a Store method, so it can be added without touching adapters that implement Store;
 * stores answer it from their indexes without reading item rows.
 */

export type VolumeBy = 'lang' | 'source';

export interface VolumeQuery {
  by: VolumeBy;
  /** inclusive lower bound on `published` (ISO-8601) */
  since?: string;
  /** exclusive upper bound on `published` (ISO-8601) */
  until?: string;
}

export interface VolumeRow {
  /** UTC day, YYYY-MM-DD */
  day: string;
  /** the language code or source id */
  key: string;
  count: number;
}

export interface VolumeReader {
  /** Rows for days that have items, ordered by day then key; undated items are left out. */
  volume(query: VolumeQuery): Promise<VolumeRow[]>;
  close(): Promise<void>;
}
