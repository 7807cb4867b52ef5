/**
 * Text helpers for the demo generator: template filling, Tajik keyboard folding, Uzbek Latin →
 * Cyrillic transliteration, Persian digits, and the escaping and date formats the output files use.
 */
import type { DemoLang, Facts } from './templates/types.ts';

// ---------------------------------------------------------------------------------- templates

const SLOT = /\{([a-zA-Z][a-zA-Z0-9_]*)(?:\.([a-z]+))?\}/g;

/** Fills `{name}` / `{name.case}` slots from facts, in one language. Throws on an unknown slot. */
export function fill(template: string, facts: Facts, lang: DemoLang): string {
  return template.replace(SLOT, (whole, name: string, form: string | undefined) => {
    const v = facts[name];
    if (v === undefined) throw new Error(`template slot ${whole} has no fact (${lang}): "${template}"`);
    if (typeof v === 'number') return formatNumber(v, lang);
    if (typeof v === 'string') return lang === 'fa' ? persianDigits(v) : v;
    const hit = (form ? v[`${lang}.${form}`] : undefined) ?? v[lang];
    if (hit === undefined) throw new Error(`fact "${name}" has no ${lang} form for ${whole}`);
    return hit;
  });
}

/** Integers with the grouping each language prints; the generator only uses integers here. */
export function formatNumber(n: number, lang: DemoLang): string {
  const s =
    Math.abs(n) >= 10000 ? groupDigits(String(Math.abs(n)), lang === 'en' ? ',' : ' ') : String(Math.abs(n));
  const signed = n < 0 ? `${lang === 'en' ? '-' : '−'}${s}` : s;
  return lang === 'fa' ? persianDigits(signed) : signed;
}

function groupDigits(s: string, sep: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += sep;
    out += s[i];
  }
  return out;
}

const FA_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
export function persianDigits(s: string): string {
  return s.replace(/[0-9]/g, (d) => FA_DIGITS[Number(d)] as string);
}

// ------------------------------------------------------------------------------------ Tajik

const FOLD: Record<string, string> = {
  ҳ: 'х',
  ҷ: 'ч',
  қ: 'к',
  ғ: 'г',
  ӣ: 'и',
  ӯ: 'у',
  Ҳ: 'Х',
  Ҷ: 'Ч',
  Қ: 'К',
  Ғ: 'Г',
  Ӣ: 'И',
  Ӯ: 'У',
};
const FOLD_RE = /[ҳҷқғӣӯҲҶҚҒӢӮ]/g;
/** Tajik as typed on a Russian keyboard layout: the six Tajik letters lose their marks. */
export function foldTajik(s: string): string {
  return s.replace(FOLD_RE, (c) => FOLD[c] as string);
}
export const TAJIK_ONLY_LETTERS = /[ҳҷқғӣӯҲҶҚҒӢӮ]/;

// ------------------------------------------------------------------------------------ Uzbek

/** Uzbek Latin → Cyrillic lives in @ogoh/text (the claim lexicon uses it too). */
export { uzLatinToCyrillic } from '@ogoh/text';

// ------------------------------------------------------------------------------- file formats

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
  );
}

/** RFC 4180 field: quoted when it holds a comma, quote, CR or LF. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A clock reading shifted to a fixed UTC offset (minutes), as y-m-d h:m:s parts. */
function shifted(ms: number, offsetMin: number): Date {
  return new Date(ms + offsetMin * 60_000);
}
function offsetText(offsetMin: number, colon: boolean): string {
  if (offsetMin === 0 && !colon) return 'GMT';
  const sign = offsetMin < 0 ? '-' : '+';
  const a = Math.abs(offsetMin);
  return `${sign}${pad(Math.floor(a / 60))}${colon ? ':' : ''}${pad(a % 60)}`;
}

/** RSS 2.0 pubDate (RFC 822 with a four-digit year), e.g. "Fri, 20 Nov 2026 14:05:00 +0300". */
export function rfc822(ms: number, offsetMin: number): string {
  const d = shifted(ms, offsetMin);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${offsetText(offsetMin, false)}`;
}

/** ISO 8601 with an explicit offset, e.g. "2026-11-20T14:05:00+05:00" (or "Z"). */
export function isoOffset(ms: number, offsetMin: number): string {
  const d = shifted(ms, offsetMin);
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return offsetMin === 0 ? `${base}Z` : `${base}${offsetText(offsetMin, true)}`;
}

/** Wall-clock time without an offset, as Telegram Desktop writes "date". */
export function localNoOffset(ms: number, offsetMin: number): string {
  return isoOffset(ms, offsetMin).slice(0, 19);
}

export function isoUtc(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

// ------------------------------------------------------------------------------------- CP1251

const CP1251_EXTRA: Record<string, number> = {
  Ё: 0xa8,
  ё: 0xb8,
  '«': 0xab,
  '»': 0xbb,
  '—': 0x97,
  '–': 0x96,
  '№': 0xb9,
  '…': 0x85,
  '“': 0x93,
  '”': 0x94,
  '„': 0x84,
  '‘': 0x91,
  '’': 0x92,
  '\u00a0': 0xa0,
  '°': 0xb0,
  '·': 0xb7,
  '§': 0xa7,
  '±': 0xb1,
  '•': 0x95,
  '−': 0x2d,
};

/**
 * Encodes text as Windows-1251, the legacy Cyrillic code page some Russian-language sites still
 * serve. Only what a Russian feed needs is mapped; anything else throws, or with `xmlRefs` becomes a
 * numeric character reference (`&#9889;`) as such sites emit for emoji.
 */
export function encodeCp1251(s: string, xmlRefs = false): Uint8Array {
  let out = new Uint8Array(s.length);
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    let b: number | undefined;
    if (c < 0x80) b = c;
    else if (c >= 0x410 && c <= 0x44f) b = c - 0x410 + 0xc0;
    else b = CP1251_EXTRA[ch];
    if (b === undefined) {
      if (!xmlRefs) throw new Error(`character U+${c.toString(16)} "${ch}" has no Windows-1251 code`);
      // XML can still carry it, as a numeric character reference (never inside CDATA)
      const ref = `&#${c};`;
      const grown = new Uint8Array(out.length + ref.length);
      grown.set(out.subarray(0, n));
      out = grown;
      for (const r of ref) out[n++] = r.charCodeAt(0);
      continue;
    }
    out[n++] = b;
  }
  return out.subarray(0, n);
}
