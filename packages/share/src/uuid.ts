/**
 * Name-based UUIDs (RFC 4122 version 5, SHA-1) so that exporting the same records twice gives the
 * same STIX and MISP ids: a partner re-importing an updated export sees new versions of the same
 * objects, not duplicates.
 */
import { createHash } from 'node:crypto';

/** Ogoh's own namespace for object ids (fixed forever: changing it would change every exported id). */
export const OGOH_NAMESPACE = '72279f9c-c456-412e-91a3-56006c23be95';
/** The namespace STIX 2.1 (section 2.9) fixes for deterministic cyber-observable ids. */
export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** True for a lower-case RFC 4122 UUID (versions 1-5, the RFC variant), as STIX ids require. */
export function isUuid(s: string): boolean {
  return UUID.test(s);
}

/** UUID version 5 of `name` (UTF-8) in `namespace`. */
export function uuidv5(namespace: string, name: string): string {
  if (!isUuid(namespace)) throw new Error(`uuidv5: bad namespace ${namespace}`);
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * JSON with object keys sorted at every level (enough of RFC 8785 for the strings and objects the
 * id-contributing properties hold), as STIX hashes them for SCO ids.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
