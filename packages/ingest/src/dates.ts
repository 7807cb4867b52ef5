/**
 * Dates as feeds and exports write them → UTC ISO-8601. Every parser keeps the original string as
 * `publishedRaw`, so a guess here (a missing zone is taken as UTC) can be revisited later.
 */

// biome-ignore format: a lookup table reads best compact
const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  // Russian genitive and nominative abbreviations, seen in hand-made Russian-language feeds
  янв: 1, фев: 2, мар: 3, апр: 4, мая: 5, май: 5, июн: 6, июл: 7, авг: 8, сен: 9, окт: 10, ноя: 11, дек: 12,
};

/** Zone names → minutes east of UTC. RFC 822 names plus the zones this region's feeds use. */
// biome-ignore format: a lookup table reads best compact
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360,
  PST: -480, PDT: -420, BST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180, MSK: 180,
  MSD: 240, SAMT: 240, YEKT: 300, OMST: 360, NOVT: 420, KRAT: 420, TJT: 300, UZT: 300, TMT: 300, KGT: 360,
  ALMT: 360, AQTT: 300, AFT: 270, IRST: 210, PKT: 300,
};

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysIn(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return DAYS[month - 1] ?? 0;
}

/** Build the ISO string, or undefined when a component is out of range. */
function build(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
  offsetMin: number,
): string | undefined {
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return undefined;
  if (h > 24 || mi > 59 || s > 60 || (h === 24 && (mi > 0 || s > 0))) return undefined;
  const t = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms) - offsetMin * 60_000;
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}

/** "+05:00", "-0300", "+05", "Z", "GMT+3", "MSK" → minutes east of UTC; null for unrecognised text. */
function zoneOffset(z: string | undefined): number | null {
  if (z === undefined || z === '') return 0;
  const t = z.trim().toUpperCase();
  if (t in ZONES) return ZONES[t] as number;
  const m = /^(?:(?:GMT|UTC|UT)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(t);
  if (m) {
    const h = Number(m[2]);
    const mi = Number(m[3] ?? 0);
    if (h > 14 || mi > 59) return null;
    return (m[1] === '-' ? -1 : 1) * (h * 60 + mi);
  }
  // RFC 822 military single letters are unreliable by the RFC's own admission: read as UTC.
  if (/^[A-IK-Z]$/.test(t)) return 0;
  return null;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const RFC822 =
  /^(?:[A-Za-zА-Яа-я]{2,}\.?(?:,\s*|\s+))?(\d{1,2})[\s-]+([A-Za-zА-Яа-я]{3,})\.?[\s-]+(\d{2}|\d{4}),?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s*([A-Za-z]{1,5}(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2}))?$/;
const DOTTED =
  /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[,\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([A-Za-z]{1,5}(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2})?$/;

/**
 * Parse a date as found in feeds, exports and spreadsheets into a UTC ISO-8601 string.
 *
 * Accepted: ISO-8601 (`2024-05-01`, `2024-05-01T10:11:12.5+05:00`, space for `T`); RFC 822/1123/2822
 * (`Wed, 01 May 2024 10:11:12 +0500`, named zones GMT/EST/MSK/TJT/…, two-digit years); unix seconds
 * (9–10 digits, optional fraction) and milliseconds (12–13 digits); `dd.mm.yyyy[ hh:mm[:ss]][ zone]`.
 * A time without a zone is read as UTC: this covers Telegram Desktop's `date` ("2024-05-01T10:11:12"),
 * which is the exporting computer's local time — prefer `date_unixtime` where there is one.
 * @returns the ISO string, or undefined when the text is not a date we can read unambiguously
 * @example parseDate('Wed, 01 May 2024 10:11:12 MSK') // '2024-05-01T07:11:12.000Z'
 */
export function parseDate(raw: string): string | undefined {
  // a trailing comment such as "(UTC)" or "(Tajikistan Time)" adds nothing the offset does not say
  const s = raw.trim().replace(/\s*\([^()]*\)$/, '');
  if (s === '' || s.length > 64) return undefined;

  if (/^\d{9,10}(?:\.\d+)?$/.test(s)) return fromEpochMs(Number(s) * 1000);
  if (/^\d{12,13}$/.test(s)) return fromEpochMs(Number(s));

  let m = ISO.exec(s);
  if (m) {
    const off = zoneOffset(m[8]);
    if (off === null) return undefined;
    const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
    return build(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), ms, off);
  }

  m = RFC822.exec(s);
  if (m) {
    const mo = MONTHS[m[2]!.toLowerCase().slice(0, 3)];
    if (mo === undefined) return undefined;
    let y = +m[3]!;
    if (m[3]!.length === 2) y += y < 50 ? 2000 : 1900;
    const off = zoneOffset(m[7]);
    if (off === null) return undefined;
    return build(y, mo, +m[1]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), 0, off);
  }

  m = DOTTED.exec(s);
  if (m) {
    const off = zoneOffset(m[7]);
    if (off === null) return undefined;
    return build(+m[3]!, +m[2]!, +m[1]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), 0, off);
  }
  return undefined;
}

function fromEpochMs(ms: number): string | undefined {
  if (!Number.isFinite(ms)) return undefined;
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  return y < 1970 || y > 2200 ? undefined : d.toISOString();
}

/** unix seconds as a number or digit string (Telegram's `date_unixtime`) → ISO, or undefined. */
export function fromUnixSeconds(v: unknown): string | undefined {
  const n =
    typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,12}$/.test(v) ? Number(v) : Number.NaN;
  return Number.isFinite(n) && n > 0 ? fromEpochMs(n * 1000) : undefined;
}
