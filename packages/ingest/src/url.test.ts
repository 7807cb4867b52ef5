import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalUrl } from './url.ts';

describe('canonicalUrl', () => {
  const cases: [string, string | undefined][] = [
    ['HTTPS://Asiaplus.tj:443/ru/news/?utm_source=tg&b=2&a=1#top', 'https://asiaplus.tj/ru/news?a=1&b=2'],
    ['http://example.org:80/', 'http://example.org/'],
    ['http://example.org:8080/a/', 'http://example.org:8080/a'],
    ['https://example.org', 'https://example.org/'],
    [
      'https://ria.ru/20240501/x.html?fbclid=1&gclid=2&yclid=3&ysclid=4&_openstat=5&ref=6&from=7&mc_cid=8',
      'https://ria.ru/20240501/x.html',
    ],
    ['https://x.tj/a?UTM_Medium=1&id=5', 'https://x.tj/a?id=5'],
    ['https://x.tj/a?b=2&a=2&a=1', 'https://x.tj/a?a=2&a=1&b=2'],
    [
      'https://x.tj/%d0%bd%d0%be%d0%b2%d0%be%d1%81%d1%82%d0%b8',
      'https://x.tj/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8',
    ],
    ['https://x.tj/новости', 'https://x.tj/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8'],
    ['https://user:pw@example.org/x', 'https://example.org/x'],
    ['https://t.me/s/khabarhoi_vatan/101', 'https://t.me/khabarhoi_vatan/101'],
    ['https://telegram.me/khabarhoi_vatan/101?utm_source=x', 'https://t.me/khabarhoi_vatan/101'],
    ['  https://example.org/a  ', 'https://example.org/a'],
    ['mailto:a@b.tj', undefined],
    ['ftp://example.org/', undefined],
    ['//example.org/a', undefined],
    ['/relative/path', undefined],
    ['https://', undefined],
    ['not a url', undefined],
  ];
  for (const [input, out] of cases) it(`${input} → ${out}`, () => assert.equal(canonicalUrl(input), out));

  it('folds the case of internationalised domain names into one punycode host', () => {
    const a = canonicalUrl('https://ТОҶИКИСТОН.ТҶ/а');
    assert.equal(a, canonicalUrl('https://тоҷикистон.тҷ/а'));
    assert.match(a ?? '', /^https:\/\/xn--[a-z0-9-]+\.xn--[a-z0-9-]+\/%D0%B0$/);
  });

  it('is idempotent', () => {
    for (const [input] of cases) {
      const once = canonicalUrl(input);
      if (once) assert.equal(canonicalUrl(once), once);
    }
  });
});
