/**
 * Live polling against a local fixture server on 127.0.0.1 (allowed explicitly): repeated polls
 * store each item exactly once; garbage, 500s, endless bodies and a private address are reported
 * while the other sources go on; health and backoff; Telegram paging; sitemap discovery; OCR of a
 * post's image that becomes searchable; extremist media never stored; resume after an interrupted
 * poll; reparse after a "parser fix".
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Item, Source } from '@ogoh/core';
import { type FixtureServer, parseAllowList, serveFixtures, tesseractInfo } from '@ogoh/ingest';
import { openCollectStore } from '@ogoh/store';
import { type Ogoh, openOgoh } from '../context.ts';
import {
  type CollectConfig,
  DEFAULT_COLLECT_CONFIG,
  loadCollectConfig,
  pollSources,
} from './poll-sources.ts';
import { searchItems } from './query.ts';
import { reparse } from './reparse.ts';
import { addSource } from './sources.ts';

const dir = mkdtempSync(join(tmpdir(), 'ogoh-poll-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
let now = new Date('2026-03-02T10:00:00.000Z');
const clock = { now: () => now };
const advance = (sec: number) => {
  now = new Date(now.getTime() + sec * 1000);
};

const config = (over: Partial<CollectConfig> = {}): CollectConfig => ({
  ...DEFAULT_COLLECT_CONFIG,
  allow: parseAllowList('127.0.0.1', 'test'),
  perHostIntervalMs: 0,
  perHostConcurrency: 4,
  timeoutMs: 3000,
  retries: 0,
  ocr: false,
  ...over,
});

function rss(host: string, ids: number[], title = 'Ахбори санҷишӣ'): string {
  const items = ids
    .map(
      (
        i,
      ) => `<item><guid>${host}/news/${i}</guid><link>${host}/news/${i}</link><title>Хабари рақами ${i}</title>
<description>Матни хабари рақами ${i} дар бораи иқтисоди Тоҷикистон ва нархи орд дар бозор.</description>
<pubDate>Mon, 02 Mar 2026 0${i % 10}:00:00 +0500</pubDate></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${title}</title><link>${host}/</link>${items}</channel></rss>`;
}

async function fresh(): Promise<Ogoh> {
  return openOgoh({ db: join(dir, `p${++n}.db`), clock });
}

async function register(
  app: Ogoh,
  id: string,
  url: string,
  over: Partial<Pick<Source, 'affiliation'>> = {},
): Promise<void> {
  await addSource(app, { id, platform: 'rss', url, languages: ['tg', 'ru'], ...over });
}

async function allItems(app: Ogoh): Promise<Item[]> {
  return (await app.store.queryItems({ limit: 1000 })).items;
}

describe('polling', () => {
  let srv: FixtureServer;
  before(async () => {
    srv = await serveFixtures();
  });
  after(() => srv.close());

  test('repeated polls store each item exactly once; changes arrive once; validators are used', async () => {
    const app = await fresh();
    try {
      srv.route('/a/rss', {
        body: rss(srv.origin, [1, 2, 3]),
        etag: '"a1"',
        headers: { 'content-type': 'application/rss+xml' },
      });
      srv.route('/b/feed', { body: rss(srv.origin, [7, 8]), lastModified: 'Mon, 02 Mar 2026 09:00:00 GMT' });
      await register(app, 'a.example', srv.url('/a/rss'));
      await register(app, 'b.example', srv.url('/b/feed'));
      const r1 = await pollSources(app, { config: config(), force: true });
      assert.equal(r1.failed, 0);
      assert.equal(r1.new, 5);
      const r2 = await pollSources(app, { config: config(), force: true });
      assert.equal(r2.new, 0);
      assert.deepEqual(
        r2.sources.map((s) => s.outcome),
        ['not-modified', 'not-modified'],
      );
      assert.equal(srv.requests.at(-1)?.headers['if-modified-since'], 'Mon, 02 Mar 2026 09:00:00 GMT');
      // the feed moves on: one new item, two old ones, one dropped
      srv.route('/a/rss', { body: rss(srv.origin, [2, 3, 4]), etag: '"a2"' });
      const r3 = await pollSources(app, { config: config(), force: true });
      assert.equal(r3.new, 1);
      assert.equal(r3.duplicate, 2);
      // a server without validators sending the same bytes: recognised by the body hash
      srv.route('/a/rss', { body: rss(srv.origin, [2, 3, 4]) });
      await pollSources(app, { config: config(), force: true });
      const r5 = await pollSources(app, { config: config(), sourceIds: ['a.example'] });
      assert.equal(r5.sources[0]?.outcome, 'unchanged');
      const items = await allItems(app);
      assert.equal(items.length, 6);
      assert.equal(new Set(items.map((i) => i.id)).size, 6);
      assert.ok(items.every((i) => i.sourceId === 'a.example' || i.sourceId === 'b.example'));
      const stats = await app.store.stats();
      assert.equal(stats.payloads, 3, 'one raw payload per distinct body');
    } finally {
      await app.close();
    }
  });

  test('garbage, 500s, endless bodies and private addresses are reported; the rest go on; failing sources back off', async () => {
    const app = await fresh();
    try {
      srv.route('/ok', { body: rss(srv.origin, [11, 12]) });
      srv.route('/garbage', { body: '<html><body><h1>Service temporarily unavailable</h1></body></html>' });
      srv.route('/binary', {
        body: new Uint8Array([0, 1, 2, 3, 255, 0, 7]),
        headers: { 'content-type': 'application/rss+xml' },
      });
      srv.route('/500', { status: 500, body: 'Internal Server Error' });
      srv.route('/endless', { endless: true, headers: { 'content-type': 'application/rss+xml' } });
      await register(app, 'ok.example', srv.url('/ok'));
      await register(app, 'garbage.example', srv.url('/garbage'));
      await register(app, 'binary.example', srv.url('/binary'));
      await register(app, 'fivehundred.example', srv.url('/500'));
      await register(app, 'endless.example', srv.url('/endless'));
      await register(app, 'private.example', 'http://10.20.30.40/rss');
      const cfg = config({ maxBytes: 512 * 1024 });
      const r = await pollSources(app, { config: cfg, force: true });
      const by = Object.fromEntries(r.sources.map((s) => [s.sourceId, s]));
      assert.equal(by['ok.example']?.outcome, 'fetched');
      assert.equal(by['ok.example']?.new, 2);
      assert.equal(by['garbage.example']?.error?.code, 'INPUT_PARSE');
      assert.match(by['garbage.example']?.error?.message ?? '', /expected a feed, the server sent html/);
      assert.equal(by['binary.example']?.error?.code, 'INPUT_BINARY');
      assert.equal(by['fivehundred.example']?.error?.code, 'FETCH_HTTP');
      assert.equal(by['endless.example']?.error?.code, 'FETCH_TOO_LARGE');
      assert.equal(by['private.example']?.error?.code, 'FETCH_BLOCKED');
      assert.match(by['private.example']?.error?.message ?? '', /10\.20\.30\.40: a private-network address/);
      assert.equal(r.failed, 5);
      // the garbage was kept raw (a parser fix can read it again)
      assert.equal((await app.store.stats()).payloads, 3);

      // not due yet: failures back off
      const early = await pollSources(app, { config: cfg });
      assert.equal(early.due, 0);
      for (let i = 0; i < 2; i++) {
        advance(3 * 86400);
        await pollSources(app, { config: cfg });
      }
      const last = await pollSources(app, { config: cfg, force: true });
      assert.deepEqual(
        last.failing.map((f) => f.sourceId),
        ['binary.example', 'endless.example', 'fivehundred.example', 'garbage.example', 'private.example'],
      );
      assert.ok(last.failing.every((f) => f.consecutiveFailures >= 3));
      const collect = await openCollectStore(app.location);
      try {
        const h = await collect.getHealth('fivehundred.example');
        assert.equal(h?.lastErrorCode, 'FETCH_HTTP');
        assert.equal(h?.consecutiveFailures, 4);
        assert.equal(h?.lastSuccessAt, undefined);
        const ok = await collect.getHealth('ok.example');
        assert.equal(ok?.consecutiveFailures, 0);
        assert.equal(ok?.totalNew, 2);
        const log = await collect.listPollLog({ sourceId: 'fivehundred.example' });
        assert.equal(log.length, 4);
        assert.equal(log[0]?.status, 500);
      } finally {
        await collect.close();
      }
      assert.equal((await allItems(app)).length, 2);
    } finally {
      await app.close();
    }
  });

  test('Telegram channels page back until known posts; sitemaps lead to articles, fetched once', async () => {
    const app = await fresh();
    try {
      const post = (id: number, text: string) =>
        `<div class="tgme_widget_message_wrap"><div class="tgme_widget_message" data-post="fixture_chan/${id}"><div class="tgme_widget_message_text js-message_text">${text}</div><span class="tgme_widget_message_views">5</span><a class="tgme_widget_message_date" href="https://t.me/fixture_chan/${id}"><time datetime="2026-03-01T0${id % 10}:00:00+00:00"></time></a></div></div>`;
      const page = (ids: number[], before?: number) =>
        `<!DOCTYPE html><html><head>${before ? `<link rel="prev" href="/s/fixture_chan?before=${before}">` : ''}</head><body><div class="tgme_channel_info"><div class="tgme_channel_info_header_username">@fixture_chan</div></div>${ids.map((i) => post(i, `Паём ${i}: хабари муҳим дар бораи обу ҳаво.`)).join('')}</body></html>`;
      srv.route('/s/fixture_chan', { body: page([103, 104], 103) });
      srv.route('/s/fixture_chan?before=103', { body: page([101, 102]) });
      await addSource(app, { id: 'tg-fixture_chan', platform: 'telegram', url: srv.url('/s/fixture_chan') });
      const r1 = await pollSources(app, { config: config(), force: true });
      assert.equal(r1.new, 4);
      assert.equal(r1.sources[0]?.fetches, 2);
      srv.route('/s/fixture_chan', { body: page([104, 105], 104) });
      const r2 = await pollSources(app, { config: config(), force: true });
      assert.equal(r2.new, 1);
      assert.equal(r2.sources[0]?.fetches, 2, 'one older page, which brought nothing new: stop');
      const ids = (await allItems(app)).map((i) => i.externalId).sort();
      assert.deepEqual(ids, [
        'fixture_chan/101',
        'fixture_chan/102',
        'fixture_chan/103',
        'fixture_chan/104',
        'fixture_chan/105',
      ]);

      const article = (t: string) =>
        `<!DOCTYPE html><html lang="ru"><head><title>${t}</title></head><body><article><h1>${t}</h1><p>${'Подробный текст статьи о событиях в Душанбе и реакции властей. '.repeat(8)}</p></article></body></html>`;
      srv.route('/sitemap.xml', {
        body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${srv.url('/art/1')}</loc><lastmod>2026-03-01</lastmod></url><url><loc>${srv.url('/art/2')}</loc><lastmod>2026-03-02</lastmod></url></urlset>`,
      });
      srv.route('/art/1', { body: article('Первая статья') });
      srv.route('/art/2', { body: article('Вторая статья') });
      await addSource(app, { id: 'site.example', platform: 'sitemap', url: srv.url('/sitemap.xml') });
      const s1 = await pollSources(app, { config: config(), sourceIds: ['site.example'] });
      assert.equal(s1.new, 2);
      assert.equal(s1.sources[0]?.fetches, 3);
      const titles = (await app.store.queryItems({ sourceId: 'site.example' })).items
        .map((i) => i.title)
        .sort();
      assert.deepEqual(titles, ['Вторая статья', 'Первая статья']);
      const hits = srv.hits('/art/1');
      await pollSources(app, { config: config(), sourceIds: ['site.example'] });
      assert.equal(srv.hits('/art/1'), hits, 'an article whose lastmod did not move is not fetched again');
    } finally {
      await app.close();
    }
  });

  test('an interrupted poll resumes: a stored but unparsed payload is parsed first, nothing twice', async () => {
    const app = await fresh();
    try {
      srv.route('/r/rss', { body: rss(srv.origin, [21, 22]) });
      await register(app, 'r.example', srv.url('/r/rss'));
      // Simulate a crash after step 1 (raw stored, noted) of a poll: the payload exists, unparsed.
      const body = new TextEncoder().encode(rss(srv.origin, [21, 22]));
      const payload = {
        id: 'pl_interrupted',
        uri: srv.url('/r/rss'),
        format: 'rss' as const,
        sourceId: 'r.example',
        size: body.length,
        collectedAt: now.toISOString(),
        body,
      };
      await app.store.writeBatch({ payloads: [payload], items: [] });
      const collect = await openCollectStore(app.location);
      await collect.notePayload({
        payloadId: payload.id,
        sourceId: 'r.example',
        url: payload.uri,
        format: 'rss',
        fetchedAt: payload.collectedAt,
      });
      await collect.close();
      const r = await pollSources(app, { config: config(), force: true });
      assert.equal(r.resumed, 1);
      assert.equal(r.new, 0, 'the resumed payload already stored both items; the fetch finds them');
      assert.equal(r.duplicate, 2);
      assert.equal((await allItems(app)).length, 2);
      const again = await pollSources(app, { config: config(), force: true });
      assert.equal(again.resumed, 0);
    } finally {
      await app.close();
    }
  });

  test('reparse re-reads stored payloads: changed items are rewritten and re-queued, none duplicated', async () => {
    const app = await fresh();
    try {
      srv.route('/x/rss', { body: rss(srv.origin, [31, 32]) });
      await register(app, 'x.example', srv.url('/x/rss'));
      await pollSources(app, { config: config(), force: true });
      const before = await allItems(app);
      // what an older, buggy parser might have stored
      const collect = await openCollectStore(app.location);
      const broken = { ...before[0]!, text: 'garbled', foldText: 'garbled' };
      assert.equal((await collect.replaceItems([broken])).changed, 1);
      await collect.close();
      await app.store.markAnalysed([before[0]!.id], now.toISOString());
      const r = await reparse(app, {});
      assert.equal(r.payloads, 1);
      assert.equal(r.changed, 1);
      assert.equal(r.new, 0);
      assert.equal(r.failed.length, 0);
      const fixed = await app.store.getItem(before[0]!.id);
      assert.equal(fixed?.text, before[0]!.text);
      assert.equal(fixed?.analyzedAt, undefined);
      assert.equal((await allItems(app)).length, 2);
      const again = await reparse(app, {});
      assert.equal(again.changed, 0);
      assert.equal(again.unchanged, 2);
    } finally {
      await app.close();
    }
  });

  test('hosts are never asked faster than their rate limit', async () => {
    const app = await fresh();
    try {
      for (let i = 0; i < 6; i++) {
        srv.route(`/rl/${i}`, { body: rss(srv.origin, [40 + i]) });
        await register(app, `rl${i}.example`, srv.url(`/rl/${i}`));
      }
      const r = await pollSources(app, {
        config: config({ perHostIntervalMs: 40, perHostConcurrency: 1 }),
        force: true,
      });
      assert.equal(r.failed, 0);
      const host = r.hosts.find((h) => h.host === srv.host)!;
      assert.ok(host.starts >= 6);
      assert.ok(host.minGapMs >= 39, `gap ${host.minGapMs}`);
    } finally {
      await app.close();
    }
  });
});

describe('images: OCR and perceptual hashes', async () => {
  const tesseract = await tesseractInfo();
  const png = readFileSync(new URL('../../../ingest/src/ocr/fixtures/tg-ru.png', import.meta.url));
  let srv: FixtureServer;
  before(async () => {
    srv = await serveFixtures({
      '/img/poster.png': { body: new Uint8Array(png), headers: { 'content-type': 'image/png' } },
    });
  });
  after(() => srv.close());

  const page = (chan: string) =>
    `<!DOCTYPE html><html><body><div class="tgme_channel_info"></div><div class="tgme_widget_message_wrap"><div class="tgme_widget_message" data-post="${chan}/9"><a class="tgme_widget_message_photo_wrap" style="background-image:url('${srv.url('/img/poster.png')}')"></a><div class="tgme_widget_message_text js-message_text">Нигаред ба расм.</div><a class="tgme_widget_message_date"><time datetime="2026-03-01T10:00:00+00:00"></time></a></div></div></body></html>`;

  test('Tajik and Russian text in a post image is read, stored beside the item and searchable', {
    skip: tesseract ? false : 'tesseract is not installed: run scripts/ocr-install.sh (CI installs it)',
  }, async () => {
    const app = await fresh();
    try {
      srv.route('/s/poster_chan', { body: page('poster_chan') });
      await addSource(app, {
        id: 'tg-poster_chan',
        platform: 'telegram',
        url: srv.url('/s/poster_chan'),
        languages: ['tg', 'ru'],
      });
      const r = await pollSources(app, { config: config({ ocr: true }), force: true });
      assert.equal(r.sources[0]?.images, 1);
      assert.equal(r.sources[0]?.imageFailures, 0);
      const [item] = await allItems(app);
      assert.match(item?.ocrText ?? '', /Ҳукумат ҷавоб дод/);
      assert.match(item?.ocrText ?? '', /Правительство ответило/);
      assert.equal(item?.text, 'Нигаред ба расм.', 'the post text stays as written');
      assert.match(item?.media[0]?.hash ?? '', /^phash:[0-9a-f]{16}$/);
      for (const q of ['ҷавоб', 'чавоб', 'ғайриқонунӣ', 'правительство'])
        assert.equal((await searchItems(app, { q })).items.length, 1, `search "${q}"`);
      const collect = await openCollectStore(app.location);
      try {
        const media = await collect.mediaByUrl(srv.url('/img/poster.png'));
        assert.ok(media?.body && media.body.length === png.length, 'a non-extremist image is kept');
        const similar = await collect.similarMedia(media.phash!, { maxDistance: 0 });
        assert.deepEqual(similar[0]?.itemIds, [item?.id]);
      } finally {
        await collect.close();
      }
    } finally {
      await app.close();
    }
  });

  test('an extremist source: media never stored, only hashes, metadata and OCR text; items marked', async () => {
    const app = await fresh();
    try {
      srv.route('/s/ext_chan', { body: page('ext_chan') });
      await addSource(app, {
        id: 'tg-ext_chan',
        platform: 'telegram',
        url: srv.url('/s/ext_chan'),
        affiliation: 'extremist',
        affiliationNote: 'test fixture',
      });
      const r = await pollSources(app, { config: config({ ocr: tesseract !== undefined }), force: true });
      assert.equal(r.sources[0]?.images, 1);
      const [item] = await allItems(app);
      assert.equal(item?.mediaWithheld, true);
      assert.match(item?.media[0]?.hash ?? '', /^phash:/);
      const collect = await openCollectStore(app.location);
      try {
        const media = await collect.mediaByUrl(srv.url('/img/poster.png'));
        assert.equal(media?.withheld, true);
        assert.equal(media?.body, undefined);
        assert.equal(media?.size, png.length);
        if (tesseract) assert.match(media?.ocrText ?? '', /Правительство/);
      } finally {
        await collect.close();
      }
    } finally {
      await app.close();
    }
  });
});

describe('collection settings', () => {
  test('the allow-list comes from OGOH_FETCH_ALLOW and the config file only; bad settings name the field', async () => {
    const file = join(dir, 'ogoh.yaml');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      file,
      'fetch:\n  allow: [10.1.0.0/16]\n  perHostIntervalMs: 250\npoll:\n  defaultInterval: 15m\nocr:\n  enabled: false\n',
    );
    const cfg = await loadCollectConfig({ file, env: { OGOH_FETCH_ALLOW: '127.0.0.1' } });
    assert.equal(cfg.allow.length, 2);
    assert.equal(cfg.perHostIntervalMs, 250);
    assert.equal(cfg.defaultIntervalSec, 900);
    assert.equal(cfg.ocr, false);
    assert.equal((await loadCollectConfig({ env: {} })).allow.length, 0);
    writeFileSync(file, 'fetch:\n  perHostIntervalMs: -1\n');
    await assert.rejects(loadCollectConfig({ file, env: {} }), {
      code: 'INPUT_FIELD',
      field: 'fetch.perHostIntervalMs',
    });
    writeFileSync(file, 'fetch:\n  allow: "10.0.0.0/99"\n');
    await assert.rejects(loadCollectConfig({ file, env: {} }), { code: 'USAGE' });
    await assert.rejects(loadCollectConfig({ env: { OGOH_FETCH_ALLOW: 'http://x' } }), {
      code: 'USAGE',
      field: 'OGOH_FETCH_ALLOW',
    });
    await assert.rejects(loadCollectConfig({ file: join(dir, 'none.yaml'), env: {} }), {
      code: 'INPUT_MISSING',
    });
  });
});
