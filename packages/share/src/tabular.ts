/**
 * Flat exports: CSV (one row per item, detections summarised, for spreadsheets) and JSON Lines (one
 * export header, then one item per line with its detections in full, for scripts). Internal keys
 * (folded text, raw record, hashes) never leave; media of withheld items are not mentioned.
 */
import type { Detection, Item } from '@ogoh/core';
import { describeQuery, type ExportInput } from './input.ts';
import { tlpLabel } from './tlp.ts';

export const CSV_COLUMNS = [
  'tlp',
  'item_id',
  'published',
  'collected',
  'source_id',
  'source_name',
  'affiliation',
  'platform',
  'lang',
  'url',
  'title',
  'text',
  'story_id',
  'narratives',
  'techniques',
  'convergence',
  'claims',
] as const;

/**
 * One CSV field (RFC 4180). A value that a spreadsheet would run as a formula (starting with = + - @
 * or a tab/CR) gets a leading apostrophe (OWASP CSV injection advice).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function byItem(input: ExportInput): Map<string, Detection[]> {
  const out = new Map<string, Detection[]>();
  for (const d of input.detections) {
    const l = out.get(d.itemId) ?? [];
    l.push(d);
    out.set(d.itemId, l);
  }
  return out;
}

/** "label 0.87; other 0.55": the best score per label, best first */
function summary(list: Detection[], kind: Detection['kind']): string {
  const best = new Map<string, number>();
  for (const d of list) if (d.kind === kind) best.set(d.label, Math.max(best.get(d.label) ?? 0, d.score));
  return [...best]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([l, s]) => `${l} ${s.toFixed(2)}`)
    .join('; ');
}

function sortedItems(input: ExportInput): Item[] {
  return [...input.items].sort(
    (a, b) => (b.published ?? '').localeCompare(a.published ?? '') || a.id.localeCompare(b.id),
  );
}

/** CSV with a header row, CRLF line ends and a UTF-8 byte-order mark (so Excel reads Cyrillic right). */
export function toCsv(input: ExportInput): string {
  const sources = new Map(input.sources.map((s) => [s.id, s]));
  const dets = byItem(input);
  const claims = new Map<string, string[]>();
  for (const c of input.claims ?? [])
    for (const a of c.items) {
      const l = claims.get(a.itemId) ?? [];
      l.push(`${c.claim.id} ${a.score.toFixed(2)}`);
      claims.set(a.itemId, l);
    }
  const rows = [CSV_COLUMNS.join(',')];
  const tlp = tlpLabel(input.tlp);
  for (const i of sortedItems(input)) {
    const s = sources.get(i.sourceId);
    const list = dets.get(i.id) ?? [];
    const row: string[] = [
      tlp,
      i.id,
      i.published ?? '',
      i.collectedAt,
      i.sourceId,
      s?.name ?? '',
      s?.affiliation ?? '',
      s?.platform ?? '',
      i.lang,
      i.canonicalUrl ?? i.url ?? '',
      i.title ?? '',
      i.text,
      i.storyId ?? '',
      summary(list, 'narrative'),
      summary(list, 'technique'),
      summary(list, 'convergence'),
      [...(claims.get(i.id) ?? []), ...(summary(list, 'claim') ? [summary(list, 'claim')] : [])].join('; '),
    ];
    rows.push(row.map(csvField).join(','));
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

/** JSON Lines: a `{"type":"export"}` header, then one `{"type":"item"}` line per item with its detections. */
export function toJsonl(input: ExportInput): string {
  const sources = new Map(input.sources.map((s) => [s.id, s]));
  const dets = byItem(input);
  const lines: string[] = [
    JSON.stringify({
      type: 'export',
      tlp: tlpLabel(input.tlp),
      producer: input.producer.name,
      ...(input.case
        ? { case: { id: input.case.id, title: input.case.title, status: input.case.status } }
        : {}),
      ...(input.query ? { query: input.query, description: describeQuery(input.query) } : {}),
      items: input.items.length,
      detections: input.detections.length,
    }),
  ];
  for (const i of sortedItems(input)) {
    const s = sources.get(i.sourceId);
    lines.push(
      JSON.stringify({
        type: 'item',
        id: i.id,
        source: s
          ? { id: s.id, name: s.name, platform: s.platform, affiliation: s.affiliation }
          : { id: i.sourceId },
        lang: i.lang,
        ...(i.published ? { published: i.published } : {}),
        collected: i.collectedAt,
        ...(i.canonicalUrl || i.url ? { url: i.canonicalUrl ?? i.url } : {}),
        ...(i.title ? { title: i.title } : {}),
        text: i.text,
        ...(i.ocrText ? { ocrText: i.ocrText } : {}),
        ...(i.authorName ? { author: i.authorName } : {}),
        ...(i.storyId ? { storyId: i.storyId } : {}),
        ...(i.telegram ? { telegram: i.telegram } : {}),
        ...(i.mediaWithheld ? { mediaWithheld: true } : { mediaCount: i.media.length }),
        detections: (dets.get(i.id) ?? [])
          .sort((a, b) => a.kind.localeCompare(b.kind) || b.score - a.score || a.label.localeCompare(b.label))
          .map((d) => ({
            kind: d.kind,
            label: d.label,
            score: d.score,
            model: d.model,
            evidence: d.evidence.map((e) => ({
              start: e.start,
              end: e.end,
              text: e.text ?? i.text.slice(e.start, e.end),
            })),
            createdAt: d.createdAt,
          })),
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}
