/**
 * Which network addresses the fetcher may connect to. A feed URL comes from whoever registered the
 * source, and a redirect from whoever runs the server: either could point the fetcher at the
 * machine itself, the local network or a cloud metadata service (SSRF). So every address is
 * classified after DNS resolution, on every hop, and only public unicast addresses pass unless the
 * operator's allow-list (OGOH_FETCH_ALLOW or the config file) names the host or a range holding it.
 */
import { isIP } from 'node:net';
import { OgohError } from '@ogoh/core';

export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'metadata'
  | 'unspecified'
  | 'multicast'
  | 'reserved';

/** Why each class is refused, for error messages. */
const WHY: Record<Exclude<AddressClass, 'public'>, string> = {
  loopback: 'a loopback address (this machine)',
  private: 'a private-network address',
  'link-local': 'a link-local address',
  metadata: 'a cloud metadata service address',
  unspecified: 'an unspecified address',
  multicast: 'a multicast or broadcast address',
  reserved: 'a reserved or documentation address',
};

/** An IPv4 or IPv6 address as a 128-bit bigint (IPv4 as ::ffff:a.b.c.d, like the OS does). */
export interface ParsedIp {
  version: 4 | 6;
  value: bigint;
}

function parseV4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

function parseV6(input: string): bigint | undefined {
  let s = input;
  const zone = s.indexOf('%');
  if (zone !== -1) s = s.slice(0, zone);
  // an embedded dotted IPv4 tail (::ffff:1.2.3.4)
  let tail: bigint | undefined;
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.', lastColon)) {
    tail = parseV4(s.slice(lastColon + 1));
    if (tail === undefined) return undefined;
    s = `${s.slice(0, lastColon + 1)}${(tail >> 16n).toString(16)}:${(tail & 0xffffn).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? head.length !== 8 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  let v = 0n;
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return undefined;
    v = (v << 16n) | BigInt(Number.parseInt(g, 16));
  }
  return v;
}

const V4_MAPPED = 0xffffn << 32n;

/** Parses an IP literal (IPv6 may carry brackets or a zone); undefined when it is not one. */
export function parseIp(input: string): ParsedIp | undefined {
  const s = input.startsWith('[') && input.endsWith(']') ? input.slice(1, -1) : input;
  const kind = isIP(s);
  if (kind === 4) {
    const v = parseV4(s);
    return v === undefined ? undefined : { version: 4, value: V4_MAPPED | v };
  }
  if (kind === 6 || s.includes(':')) {
    const v = parseV6(s);
    return v === undefined ? undefined : { version: 6, value: v };
  }
  return undefined;
}

interface Range {
  base: bigint;
  bits: number;
  cls: Exclude<AddressClass, 'public'>;
}

function v4Range(cidr: string, cls: Range['cls']): Range {
  const [ip, bits] = cidr.split('/') as [string, string];
  return { base: V4_MAPPED | parseV4(ip)!, bits: 96 + Number(bits), cls };
}
function v6Range(cidr: string, cls: Range['cls']): Range {
  const [ip, bits] = cidr.split('/') as [string, string];
  return { base: parseV6(ip)!, bits: Number(bits), cls };
}

/** Most specific first: metadata addresses sit inside link-local and private ranges. */
const RANGES: Range[] = [
  v4Range('169.254.169.254/32', 'metadata'), // AWS, GCP, Azure, OpenStack, DigitalOcean
  v4Range('169.254.170.2/32', 'metadata'), // AWS ECS task metadata
  v4Range('100.100.100.200/32', 'metadata'), // Alibaba Cloud
  v4Range('192.0.0.192/32', 'metadata'), // Oracle Cloud
  v6Range('fd00:ec2::254/128', 'metadata'), // AWS over IPv6
  v4Range('0.0.0.0/8', 'unspecified'),
  v4Range('10.0.0.0/8', 'private'),
  v4Range('100.64.0.0/10', 'private'), // carrier-grade NAT
  v4Range('127.0.0.0/8', 'loopback'),
  v4Range('169.254.0.0/16', 'link-local'),
  v4Range('172.16.0.0/12', 'private'),
  v4Range('192.0.0.0/24', 'reserved'),
  v4Range('192.0.2.0/24', 'reserved'),
  v4Range('192.88.99.0/24', 'reserved'),
  v4Range('192.168.0.0/16', 'private'),
  v4Range('198.18.0.0/15', 'reserved'),
  v4Range('198.51.100.0/24', 'reserved'),
  v4Range('203.0.113.0/24', 'reserved'),
  v4Range('224.0.0.0/4', 'multicast'),
  v4Range('240.0.0.0/4', 'reserved'), // includes 255.255.255.255
  v6Range('::/128', 'unspecified'),
  v6Range('::1/128', 'loopback'),
  v6Range('100::/64', 'reserved'),
  v6Range('2001:db8::/32', 'reserved'),
  v6Range('fc00::/7', 'private'),
  v6Range('fe80::/10', 'link-local'),
  v6Range('fec0::/10', 'private'),
  v6Range('ff00::/8', 'multicast'),
];

function inRange(v: bigint, base: bigint, bits: number): boolean {
  const shift = BigInt(128 - bits);
  return v >> shift === base >> shift;
}

/** The IPv4 address an IPv6 address carries (NAT64, 6to4, IPv4-compatible), if any. */
function embeddedV4(v: bigint): bigint | undefined {
  if (inRange(v, parseV6('64:ff9b::')!, 96)) return v & 0xffffffffn;
  if (inRange(v, parseV6('2002::')!, 16)) return (v >> 80n) & 0xffffffffn;
  if (v >> 32n === 0n && v > 1n) return v & 0xffffffffn; // deprecated ::a.b.c.d
  return undefined;
}

/**
 * Classifies an IP literal. IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4) are judged
 * by that address, so `::ffff:127.0.0.1` is loopback.
 * @example classifyAddress('10.1.2.3') // 'private'
 */
export function classifyAddress(ip: string): AddressClass {
  const parsed = parseIp(ip);
  if (!parsed) return 'reserved';
  let v = parsed.value;
  const inner = embeddedV4(v);
  if (inner !== undefined) v = V4_MAPPED | inner;
  for (const r of RANGES) if (inRange(v, r.base, r.bits)) return r.cls;
  return 'public';
}

/** One allow-list entry: an exact host name, a `*.suffix` wildcard, or an address range. */
export type AllowRule =
  | { kind: 'host'; host: string }
  | { kind: 'suffix'; suffix: string }
  | { kind: 'cidr'; base: bigint; bits: number; text: string };

/**
 * Parses an allow-list: comma- (or whitespace-) separated host names, `*.domain` wildcards, IP
 * addresses and CIDR ranges. `origin` names where it came from for error messages.
 * @example parseAllowList('127.0.0.1, 10.0.0.0/8, intranet.example', 'OGOH_FETCH_ALLOW')
 * @throws OgohError USAGE naming the bad entry
 */
export function parseAllowList(spec: string | readonly string[] | undefined, origin: string): AllowRule[] {
  if (spec === undefined) return [];
  const entries = (typeof spec === 'string' ? spec.split(/[,\s]+/) : spec)
    .map((e) => e.trim())
    .filter(Boolean);
  return entries.map((entry): AllowRule => {
    const slash = entry.indexOf('/');
    const ipPart = slash === -1 ? entry : entry.slice(0, slash);
    const ip = parseIp(ipPart);
    if (ip) {
      const max = ip.version === 4 ? 32 : 128;
      const bits = slash === -1 ? max : Number(entry.slice(slash + 1));
      if (
        !Number.isInteger(bits) ||
        bits < 0 ||
        bits > max ||
        (slash !== -1 && !/^\d+$/.test(entry.slice(slash + 1)))
      )
        throw new OgohError('USAGE', `allow-list entry "${entry}" has a bad prefix length`, {
          field: origin,
          hint: `use ${ip.version === 4 ? '0–32' : '0–128'} after the slash, e.g. 10.0.0.0/8`,
        });
      const total = ip.version === 4 ? 96 + bits : bits;
      return { kind: 'cidr', base: ip.value, bits: total, text: entry };
    }
    const host = entry.toLowerCase().replace(/\.$/, '');
    if (/^\*\.[a-z0-9.-]+$/.test(host)) return { kind: 'suffix', suffix: host.slice(1) };
    if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host))
      return { kind: 'host', host };
    throw new OgohError('USAGE', `allow-list entry "${entry}" is neither a host name nor an address range`, {
      field: origin,
      hint: 'comma-separated host names (example.tj, *.example.tj), addresses or CIDR ranges (127.0.0.1, 10.0.0.0/8)',
    });
  });
}

/** Does an allow-list rule name this host (by name) or this address (by range)? */
export function allowedBy(rules: readonly AllowRule[], host: string, ip: string | undefined): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  const parsed = ip === undefined ? undefined : parseIp(ip);
  for (const r of rules) {
    if (r.kind === 'host' && r.host === h) return true;
    if (r.kind === 'suffix' && h.endsWith(r.suffix)) return true;
    if (r.kind === 'cidr' && parsed && inRange(parsed.value, r.base, r.bits)) return true;
  }
  return false;
}

/**
 * Throws FETCH_BLOCKED unless `ip` (what `host` resolved to) is public or allowed.
 * @example assertAddressAllowed('feeds.example', '10.0.0.5', []) // throws: a private-network address
 */
export function assertAddressAllowed(
  host: string,
  ip: string,
  rules: readonly AllowRule[],
  url?: string,
): void {
  const cls = classifyAddress(ip);
  if (cls === 'public' || allowedBy(rules, host, ip)) return;
  const named = parseIp(host) ? ip : `${host} (${ip})`;
  throw new OgohError('FETCH_BLOCKED', `refused to connect to ${named}: ${WHY[cls]}`, {
    ...(url ? { file: url } : {}),
    hint: 'an operator can allow it with OGOH_FETCH_ALLOW or fetch.allow in the config file (host names or CIDR ranges)',
  });
}
