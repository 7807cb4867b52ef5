/**
 * Comparing the JSON of the same CLI command on two stores (SQLite and PostgreSQL, or a store and
 * its migrated copy): what legitimately differs — wall-clock times the session wrote, timings, the
 * store's own location, a STIX bundle's export-time id — is normalised away, nothing else.
 * Shared by postgres.test.ts and migrate-store.test.ts.
 */

/** Values that depend on where or how fast a command ran, not on what the store holds. */
export const VOLATILE = /^(ms|seconds|db|store|location|path|timestamp|publish_timestamp)$|(Seconds|Ms)$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

/** `normalise` with `started`: timestamps at or after it (written by the session itself) become `<now>`. */
export function normaliser(started: number): (v: unknown, key?: string) => unknown {
  const normalise = (v: unknown, key = ''): unknown => {
    if (VOLATILE.test(key)) return '<volatile>';
    if (Array.isArray(v)) return v.map((x) => normalise(x));
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalise(x, k)]));
    if (typeof v === 'string' && ISO.test(v) && Date.parse(v) >= started) return '<now>';
    return v;
  };
  return normalise;
}

/** A STIX bundle's id is derived from its modification time: the export time, not the content. */
export function bundleless(doc: { type?: string; id?: string }): unknown {
  return doc.type === 'bundle' ? { ...doc, id: '<bundle>' } : doc;
}

/** CSV cells the session wrote (collection times) as `<now>`. */
export function nowInText(line: string, started: number): string {
  return line.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, (m) =>
    Date.parse(m) >= started ? '<now>' : m,
  );
}

/** An export's text as comparable lines or documents (JSONL and CSV by line, the rest as one JSON document). */
export function exportDoc(format: string, text: string, started: number): unknown {
  const normalise = normaliser(started);
  if (format === 'csv') return text.split('\n').map((line) => nowInText(line, started));
  if (format === 'jsonl') return text.split('\n').map((line) => (line ? normalise(JSON.parse(line)) : line));
  return normalise(bundleless(JSON.parse(text)));
}
