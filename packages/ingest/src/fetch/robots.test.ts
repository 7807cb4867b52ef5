import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DISALLOW_ALL, isAllowedByRobots, parseRobots } from './robots.ts';

const TXT = `# example
User-agent: Googlebot
Disallow: /

User-agent: *
Disallow: /private/
Disallow: /*.pdf$
Allow: /private/open/
Crawl-delay: 2

User-agent: Ogoh
User-agent: other
Disallow: /not-for-ogoh
Allow: /not-for-ogoh/feed
Crawl-delay: 5

Sitemap: https://example.tj/sitemap.xml
`;

describe('robots.txt', () => {
  it('uses the group naming our product token over the * group', () => {
    const r = parseRobots(TXT, 'ogoh');
    assert.equal(r.crawlDelaySec, 5);
    assert.equal(isAllowedByRobots(r, '/not-for-ogoh/x'), false);
    assert.equal(isAllowedByRobots(r, '/not-for-ogoh/feed'), true);
    assert.equal(
      isAllowedByRobots(r, '/private/x'),
      true,
      'the * group does not apply once a named group does',
    );
    assert.deepEqual(r.sitemaps, ['https://example.tj/sitemap.xml']);
  });

  it('falls back to the * group; the longest match wins; $ anchors; * is a wildcard', () => {
    const r = parseRobots(TXT, 'someone-else');
    assert.equal(r.crawlDelaySec, 2);
    assert.equal(isAllowedByRobots(r, '/private/secret'), false);
    assert.equal(isAllowedByRobots(r, '/private/open/feed.xml'), true);
    assert.equal(isAllowedByRobots(r, '/files/report.pdf'), false);
    assert.equal(isAllowedByRobots(r, '/files/report.pdf?x=1'), true);
    assert.equal(isAllowedByRobots(r, '/news/'), true);
  });

  it('allows everything for an empty file or an empty Disallow, and robots.txt itself always', () => {
    assert.equal(isAllowedByRobots(parseRobots('', 'ogoh'), '/x'), true);
    assert.equal(isAllowedByRobots(parseRobots('User-agent: *\nDisallow:', 'ogoh'), '/x'), true);
    assert.equal(isAllowedByRobots(DISALLOW_ALL, '/x'), false);
    assert.equal(isAllowedByRobots(DISALLOW_ALL, '/robots.txt'), true);
  });

  it('matches percent-encoded and raw non-ASCII paths alike', () => {
    const r = parseRobots('User-agent: *\nDisallow: /хабар/', 'ogoh');
    assert.equal(isAllowedByRobots(r, '/%D1%85%D0%B0%D0%B1%D0%B0%D1%80/1'), false);
  });
});
