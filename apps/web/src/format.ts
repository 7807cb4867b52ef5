/** Formatting shared by the pages: times in UTC (analysts compare sources across time zones). */

/** "2026-03-02 05:00 UTC", or "" for a missing or unparseable time. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatDay(iso: string | undefined): string {
  return iso ? formatTime(iso).slice(0, 10) : '';
}

export function formatPct(x: number): string {
  return `${Math.round(Math.max(0, Math.min(1, x)) * 100)}%`;
}

export function formatNumber(n: number, locale: string): string {
  try {
    return new Intl.NumberFormat(locale).format(n);
  } catch {
    return String(n);
  }
}

/** Query-string value or undefined for empty/missing. */
export function param(search: URLSearchParams, name: string): string | undefined {
  const v = search.get(name)?.trim();
  return v ? v : undefined;
}

/** Builds "?a=1&b=2" from the defined, non-empty entries ("" when none). */
export function queryString(values: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The start of a text up to a word boundary, on one line: a heading for untitled posts. */
export function headline(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.lastIndexOf(' ', max);
  return `${flat.slice(0, cut > max * 0.5 ? cut : max)}…`;
}
