import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { isOgohError, type OgohError } from '@ogoh/core';
import { parseAllowList } from './address.ts';
import { createFetcher, FetchError, type Fetcher, type FetcherOptions, parseRetryAfter } from './fetch.ts';
import { type FixtureServer, serveFixtures } from './fixture-server.ts';

const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>';
const ALLOW_LOCAL = parseAllowList('127.0.0.1', 'test');

async function failure(p: Promise<unknown>): Promise<OgohError> {
  try {
    await p;
  } catch (e) {
    if (isOgohError(e)) return e;
    throw e;
  }
  assert.fail('expected a failure');
}

describe('fetcher against a local fixture server', () => {
  let srv: FixtureServer;
  const fetchers: Fetcher[] = [];
  const make = (o: FetcherOptions = {}) => {
    const f = createFetcher({
      allow: ALLOW_LOCAL,
      limiter: { intervalMs: 0, perHost: 4 },
      backoffMs: 5,
      timeoutMs: 2000,
      ...o,
    });
    fetchers.push(f);
    return f;
  };

  before(async () => {
    srv = await serveFixtures({
      '/feed.xml': {
        body: RSS,
        etag: '"v1"',
        headers: { 'content-type': 'application/rss+xml; charset=utf-8' },
      },
      '/lm.xml': { body: RSS, lastModified: 'Mon, 02 Mar 2026 10:00:00 GMT' },
      '/gzip': { body: RSS, encoding: 'gzip' },
      '/br': { body: RSS, encoding: 'br' },
      '/deflate': { body: RSS, encoding: 'deflate' },
      '/moved': { redirect: '/feed.xml', status: 301 },
      '/hop1': { redirect: '/hop2' },
      '/hop2': { redirect: '/hop1' },
      '/to-private': { redirect: 'http://127.0.0.2:9/feed' },
      '/to-file': { redirect: 'file:///etc/passwd' },
      '/boom': { status: 500, body: 'oops' },
      '/gone': { status: 404 },
      '/slow': { body: 'x'.repeat(200), drip: { bytes: 1, everyMs: 50 } },
      '/endless': { endless: true },
      '/bomb': (_req, res) => {
        res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/xml' });
        res.end(zlib.gzipSync(Buffer.alloc(5 * 1024 * 1024)));
      },
      '/corrupt-gzip': { body: 'not gzip at all', headers: { 'content-encoding': 'gzip' } },
    });
  });
  after(async () => {
    for (const f of fetchers) f.close();
    await srv.close();
  });

  it('refuses the loopback server without an allow-list, before connecting', async () => {
    const f = make({ allow: [] });
    const before = srv.requests.length;
    const e = await failure(f.fetch({ url: srv.url('/feed.xml') }));
    assert.equal(e.code, 'FETCH_BLOCKED');
    assert.match(e.message, /loopback/);
    assert.equal(srv.requests.length, before, 'nothing reached the server');
  });

  it('refuses names that resolve to private or metadata addresses', async () => {
    const f = make({
      allow: [],
      resolve: async (h) => (h === 'meta.example' ? ['169.254.169.254'] : ['93.184.216.34', '10.0.0.7']),
    });
    const e1 = await failure(f.fetch({ url: 'http://feeds.example/rss' }));
    assert.equal(e1.code, 'FETCH_BLOCKED');
    assert.match(e1.message, /feeds\.example \(10\.0\.0\.7\): a private-network address/);
    const e2 = await failure(f.fetch({ url: 'http://meta.example/latest/meta-data/' }));
    assert.match(e2.message, /metadata/);
    const e3 = await failure(f.fetch({ url: 'http://[::ffff:10.0.0.1]/' }));
    assert.equal(e3.code, 'FETCH_BLOCKED');
  });

  it('checks every redirect hop: a redirect to another loopback address or a file: URL is refused', async () => {
    const f = make();
    const e = await failure(f.fetch({ url: srv.url('/to-private') }));
    assert.equal(e.code, 'FETCH_BLOCKED');
    assert.match(e.message, /127\.0\.0\.2/);
    const e2 = await failure(f.fetch({ url: srv.url('/to-file') }));
    assert.equal(e2.code, 'FETCH_BLOCKED');
  });

  it('fetches with a clear User-Agent and answers 304 to its own validators', async () => {
    const f = make();
    const first = await f.fetch({ url: srv.url('/feed.xml') });
    assert.equal(first.status, 200);
    assert.equal(new TextDecoder().decode(first.body), RSS);
    assert.equal(first.etag, '"v1"');
    assert.equal(first.charset, 'utf-8');
    const ua = srv.requests.at(-1)?.headers['user-agent'] ?? '';
    assert.match(ua, /^Ogoh\//);
    const second = await f.fetch({ url: srv.url('/feed.xml'), etag: first.etag! });
    assert.equal(second.status, 304);
    assert.equal(second.notModified, true);
    assert.equal(second.body.length, 0);
    const lm = await f.fetch({ url: srv.url('/lm.xml') });
    const lm2 = await f.fetch({ url: srv.url('/lm.xml'), lastModified: lm.lastModified! });
    assert.equal(lm2.notModified, true);
  });

  it('decodes gzip, brotli and deflate', async () => {
    const f = make();
    for (const p of ['/gzip', '/br', '/deflate']) {
      const r = await f.fetch({ url: srv.url(p) });
      assert.equal(new TextDecoder().decode(r.body), RSS, p);
      assert.ok(r.wireBytes > 0);
    }
    const e = await failure(f.fetch({ url: srv.url('/corrupt-gzip') }));
    assert.match(e.message, /compressed body is corrupt/);
  });

  it('follows redirects and stops loops', async () => {
    const f = make();
    const r = await f.fetch({ url: srv.url('/moved') });
    assert.equal(r.finalUrl, srv.url('/feed.xml'));
    assert.deepEqual(r.redirects, [srv.url('/feed.xml')]);
    const e = await failure(f.fetch({ url: srv.url('/hop1') }));
    assert.match(e.message, /redirect loop/);
  });

  it('retries 500s with backoff, then reports the status', async () => {
    const f = make({ retries: 2 });
    const before = srv.hits('/boom');
    const e = await failure(f.fetch({ url: srv.url('/boom') }));
    assert.equal(e.code, 'FETCH_HTTP');
    assert.equal((e as FetchError).status, 500);
    assert.equal(srv.hits('/boom') - before, 3);
    const before404 = srv.hits('/gone');
    const e404 = await failure(f.fetch({ url: srv.url('/gone') }));
    assert.equal((e404 as FetchError).status, 404);
    assert.equal(srv.hits('/gone') - before404, 1, 'a 404 is not retried');
  });

  it('honours Retry-After on 429 and 503, and gives up on a wait longer than allowed', async () => {
    let calls = 0;
    srv.route('/busy', (_req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(429, { 'retry-after': '1' });
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(RSS);
      }
    });
    srv.route('/down', { status: 503, headers: { 'retry-after': '3600' } });
    const f = make();
    const t0 = performance.now();
    const r = await f.fetch({ url: srv.url('/busy') });
    assert.equal(r.attempts, 2);
    assert.ok(performance.now() - t0 >= 950, 'waited for Retry-After');
    const e = await failure(f.fetch({ url: srv.url('/down') }));
    assert.equal((e as FetchError).status, 503);
    assert.equal((e as FetchError).retryAfterMs, 3600_000);
    assert.equal(srv.hits('/down'), 1, 'an hour-long Retry-After is reported, not waited for');
  });

  it('limits time: a dripping body times out', async () => {
    const f = make({ timeoutMs: 300, retries: 0 });
    const e = await failure(f.fetch({ url: srv.url('/slow') }));
    assert.equal(e.code, 'FETCH_TIMEOUT');
  });

  it('limits size: an endless body and a decompression bomb are cut off', async () => {
    const f = make({ maxBytes: 256 * 1024 });
    const e = await failure(f.fetch({ url: srv.url('/endless') }));
    assert.equal(e.code, 'FETCH_TOO_LARGE');
    const b = await failure(f.fetch({ url: srv.url('/bomb') }));
    assert.equal(b.code, 'FETCH_TOO_LARGE');
    assert.match(b.message, /decompression bomb/);
  });

  it('refuses non-http schemes and URLs with credentials', async () => {
    const f = make();
    assert.equal((await failure(f.fetch({ url: 'ftp://example.tj/x' }))).code, 'FETCH_BLOCKED');
    assert.equal((await failure(f.fetch({ url: 'http://u:p@127.0.0.1/' }))).code, 'FETCH_BLOCKED');
    assert.equal((await failure(f.fetch({ url: 'not a url' }))).code, 'USAGE');
  });
});

describe('robots.txt through the fetcher', () => {
  it('obeys Disallow, applies Crawl-delay to the host, and reads a 5xx robots.txt as "stay away"', async () => {
    const srv = await serveFixtures({
      '/robots.txt': { body: 'User-agent: *\nDisallow: /private\nCrawl-delay: 0.2\n' },
      '/private/feed': { body: RSS },
      '/open': { body: RSS },
    });
    const f = createFetcher({ allow: ALLOW_LOCAL, limiter: { intervalMs: 0 } });
    try {
      const e = await failure(f.fetch({ url: srv.url('/private/feed') }));
      assert.equal(e.code, 'FETCH_ROBOTS');
      assert.equal(srv.hits('/private/feed'), 0);
      await f.fetch({ url: srv.url('/open') });
      await f.fetch({ url: srv.url('/open') });
      const stat = f.stats().find((s) => s.host === srv.host)!;
      assert.equal(stat.intervalMs, 200);
      assert.ok(stat.minGapMs >= 199, `gap ${stat.minGapMs}`);
      assert.equal(srv.hits('/robots.txt'), 1, 'robots.txt is cached');
    } finally {
      f.close();
      await srv.close();
    }
    const down = await serveFixtures({ '/robots.txt': { status: 503 }, '/feed': { body: RSS } });
    const g = createFetcher({ allow: ALLOW_LOCAL, limiter: { intervalMs: 0 } });
    try {
      const e = await failure(g.fetch({ url: down.url('/feed') }));
      assert.equal(e.code, 'FETCH_ROBOTS');
      assert.match(e.message, /server error/);
      assert.equal(down.hits('/feed'), 0);
    } finally {
      g.close();
      await down.close();
    }
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    assert.equal(parseRetryAfter('120'), 120_000);
    assert.equal(
      parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('2015-10-21T07:28:00Z')),
      10_000,
    );
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.ok(new FetchError('FETCH_HTTP', 'x', { url: 'u', status: 500 }) instanceof Error);
  });
});
