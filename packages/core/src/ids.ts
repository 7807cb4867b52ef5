/**
 * Stable identifiers. Ids are derived from content, never random, so re-ingesting the same input
 * yields the same ids and writes are idempotent. The digest is a 128-bit non-cryptographic hash over
 * UTF-16 code units (four 32-bit multiply-xor lanes with a final avalanche), rendered base32: short,
 * URL-safe, fast on the ingest hot path and dependency-free (core has no Node imports).
 */

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

function lane32(n: number): string {
  let out = '';
  let x = n >>> 0;
  // 32 bits → 7 base32 characters (35 bits; the top 3 are zero)
  for (let i = 0; i < 7; i++) {
    out = ALPHABET[x & 31] + out;
    x >>>= 5;
  }
  return out;
}

/** 28-character base32 digest of a string (128 bits). Not cryptographic; used for identity only. */
export function digest(input: string): string {
  let h1 = 0x6a09e667 ^ input.length;
  let h2 = 0xbb67ae85;
  let h3 = 0x3c6ef372;
  let h4 = 0xa54ff53a;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ c, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ c, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ c, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ c, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return lane32(h1) + lane32(h2) + lane32(h3) + lane32(h4);
}

/** Prefixed id from parts joined with a separator that cannot appear in ordinary ids. */
export function makeId(prefix: string, ...parts: string[]): string {
  return `${prefix}_${digest(parts.join('\u001f'))}`;
}

/**
 * An item's id: the same on every re-ingest. Source + external id when the format has one, else the
 * canonical URL, else the normalised-content hash.
 */
export function itemId(
  sourceId: string,
  key: { externalId?: string | undefined; canonicalUrl?: string | undefined; contentHash: string },
): string {
  if (key.externalId) return makeId('it', sourceId, 'ext', key.externalId);
  if (key.canonicalUrl) return makeId('it', sourceId, 'url', key.canonicalUrl);
  return makeId('it', sourceId, 'hash', key.contentHash);
}

/** A source id from a free text (channel id, domain): lower-case, [a-z0-9._-], at most 64 chars. */
export function slugId(input: string): string {
  const s = input
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return s || makeId('src', input);
}
