/**
 * Stable identifiers. Ids are derived from content, never random, so re-ingesting the same input
 * yields the same ids and writes are idempotent. The hash is FNV-1a 64 over UTF-8 run twice with
 * different offsets (128 bits), rendered base32: short, URL-safe and dependency-free (core has no
 * Node imports).
 */

const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

function fnv1a64(bytes: Uint8Array, offset: bigint): bigint {
  let h = offset;
  for (const b of bytes) {
    h ^= BigInt(b);
    h = (h * FNV_PRIME) & MASK;
  }
  return h;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const encoder = new TextEncoder();

function base32(n: bigint, chars: number): string {
  let out = '';
  for (let i = 0; i < chars; i++) {
    out = ALPHABET[Number(n & 31n)] + out;
    n >>= 5n;
  }
  return out;
}

/** 26-character base32 digest of a string (128 bits). Not cryptographic; used for identity only. */
export function digest(input: string): string {
  const bytes = encoder.encode(input);
  const a = fnv1a64(bytes, 0xcbf29ce484222325n);
  const b = fnv1a64(bytes, 0x84222325cbf29ce4n ^ BigInt(bytes.length));
  return base32(a, 13) + base32(b, 13);
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
