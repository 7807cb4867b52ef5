/**
 * One spelling per web page, so that the same article shared with different tracking tags, ports,
 * fragments or parameter orders is recognised as the same URL when tracing how a story spread.
 */

/** Query parameters that identify the campaign or click, never the page. */
// biome-ignore format: a lookup table reads best compact
const TRACKING = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'ysclid', 'ymclid', '_openstat',
  'ref', 'ref_src', 'ref_url', 'referrer', 'from', 'mc_cid', 'mc_eid', 'igshid', 'igsh', 'si', 'spm', '_ga',
  '_gl', 'twclid', 'ttclid', 'li_fat_id', 'rb_clickid', 's_cid', 'oly_anon_id', 'oly_enc_id', 'vero_id',
  'vero_conv', 'wt_mc', 'cmpid', 'ncid', 'ocid', 'sr_share', 'at_medium', 'at_campaign', '_hsenc', '_hsmi',
  'mkt_tok', 'trk', 'utm',
]);

function isTracking(key: string): boolean {
  const k = key.toLowerCase();
  return k.startsWith('utm_') || k.startsWith('pk_') || TRACKING.has(k);
}

const upperHex = (s: string) => s.replace(/%[0-9a-f]{2}/gi, (m) => m.toUpperCase());

/**
 * Canonical form of an http(s) URL: lower-case scheme and host (WHATWG parsing also punycodes IDNs),
 * no default port, no fragment, no tracking parameters (utm_*, fbclid, gclid, yclid, ysclid,
 * _openstat, ref, from, mc_cid, …), remaining parameters sorted by name (stable), percent-escapes in
 * upper case, no trailing slash except for the root; `t.me/s/<channel>` and `telegram.me` fold to
 * `t.me/<channel>`.
 * @returns undefined for anything that is not an absolute http(s) URL
 * @example canonicalUrl('HTTPS://Asiaplus.tj:443/ru/news/?utm_source=tg&b=2&a=1#top') // 'https://asiaplus.tj/ru/news?a=1&b=2'
 */
export function canonicalUrl(url: string): string | undefined {
  const s = url.trim();
  if (!/^https?:\/\//i.test(s)) return undefined;
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return undefined;
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.hostname === '') return undefined;
  u.hash = '';
  u.username = '';
  u.password = '';
  let host = u.hostname.replace(/\.$/, '');
  let path = upperHex(u.pathname);
  if (host === 'telegram.me' || host === 'www.t.me' || host === 'www.telegram.me') host = 't.me';
  if (host === 't.me' && path.startsWith('/s/')) path = path.slice(2);
  if (path.length > 1) path = path.replace(/\/+$/, '') || '/';

  const kept: [string, string][] = [];
  for (const [k, v] of u.searchParams) if (!isTracking(k)) kept.push([k, v]);
  kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const query = kept.length ? `?${upperHex(new URLSearchParams(kept).toString())}` : '';
  const port = u.port ? `:${u.port}` : '';
  return `${u.protocol}//${host}${port}${path}${query}`;
}
