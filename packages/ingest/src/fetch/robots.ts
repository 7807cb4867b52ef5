/**
 * robots.txt (RFC 9309): which paths a site asks crawlers to leave alone, and how long to wait
 * between requests. Pure parsing and matching; the fetcher decides when to fetch and cache it.
 */

export interface RobotsRules {
  /** rules of the group that applies to our user agent (most specific group wins), longest pattern first */
  rules: { allow: boolean; pattern: string; re: RegExp }[];
  /** Crawl-delay in seconds from that group, when given */
  crawlDelaySec?: number;
  sitemaps: string[];
}

/** Everything allowed: a missing robots.txt (4xx) means no restrictions. */
export const ALLOW_ALL: RobotsRules = { rules: [], sitemaps: [] };
/** Everything disallowed: an unreachable robots.txt (5xx, network error) means stay away for now. */
export const DISALLOW_ALL: RobotsRules = {
  rules: [{ allow: false, pattern: '/', re: /^\// }],
  sitemaps: [],
};

/** Bytes of robots.txt read; RFC 9309 asks crawlers to parse at least 500 KiB. */
export const ROBOTS_MAX_BYTES = 512 * 1024;

function patternRe(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`);
}

/** Percent-encoding normalised so `/%D0%9D` and `/Н` compare equal, as RFC 9309 asks. */
function normalisePath(p: string): string {
  try {
    return encodeURI(decodeURI(p));
  } catch {
    return p;
  }
}

/**
 * Parses robots.txt and keeps the group for `agent` (the product token, e.g. "ogoh"): the group
 * whose user-agent line matches the token case-insensitively, else the `*` group, else nothing.
 * @example parseRobots('User-agent: *\nDisallow: /private', 'ogoh').rules.length // 1
 */
export function parseRobots(text: string, agent: string): RobotsRules {
  const token = agent.toLowerCase();
  type Group = { agents: string[]; lines: [string, string][] };
  const groups: Group[] = [];
  const sitemaps: string[] = [];
  let current: Group | undefined;
  let lastWasAgent = false;
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], lines: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (key === 'sitemap') {
      if (value) sitemaps.push(value);
      continue;
    }
    if (current && (key === 'allow' || key === 'disallow' || key === 'crawl-delay'))
      current.lines.push([key, value]);
  }
  const mine = groups.filter((g) => g.agents.some((a) => a !== '*' && a !== '' && token.includes(a)));
  const chosen = mine.length > 0 ? mine : groups.filter((g) => g.agents.includes('*'));
  const out: RobotsRules = { rules: [], sitemaps };
  for (const g of chosen) {
    for (const [key, value] of g.lines) {
      if (key === 'crawl-delay') {
        const n = Number(value);
        if (Number.isFinite(n) && n >= 0) out.crawlDelaySec = Math.max(out.crawlDelaySec ?? 0, n);
        continue;
      }
      // "Disallow:" with no path allows everything: no rule.
      if (value === '') continue;
      const pattern = normalisePath(value.startsWith('/') || value.startsWith('*') ? value : `/${value}`);
      out.rules.push({ allow: key === 'allow', pattern, re: patternRe(pattern) });
    }
  }
  // Longest (most specific) pattern first; on equal length, allow wins.
  out.rules.sort((a, b) => b.pattern.length - a.pattern.length || Number(b.allow) - Number(a.allow));
  return out;
}

/**
 * May `pathAndQuery` be fetched? The longest matching rule decides; no match allows.
 * `/robots.txt` itself is always allowed.
 * @example isAllowedByRobots(parseRobots('User-agent: *\nDisallow: /', 'ogoh'), '/feed') // false
 */
export function isAllowedByRobots(rules: RobotsRules, pathAndQuery: string): boolean {
  if (pathAndQuery === '/robots.txt') return true;
  const path = normalisePath(pathAndQuery || '/');
  for (const r of rules.rules) if (r.re.test(path)) return r.allow;
  return true;
}
