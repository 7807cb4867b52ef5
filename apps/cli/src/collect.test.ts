/**
 * End-to-end collection through the real `ogoh` binary: a local HTTP server on 127.0.0.1 (allowed
 * with OGOH_FETCH_ALLOW, as an operator would), `sources add|import|show|edit|export|remove|poll`,
 * `ingest <url>` refusing private addresses, and `reparse`.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

const BIN = new URL('../bin/ogoh.js', import.meta.url).pathname;

let dir: string;
let db: string;
let server: Server;
let origin: string;
let feedIds = [1, 2, 3];
let config: string;

function rss(ids: number[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Local</title><link>${origin}/</link>${ids
    .map(
      (i) =>
        `<item><guid>local-${i}</guid><link>${origin}/news/${i}</link><title>Хабари ${i}</title><description>Матни хабари рақами ${i} дар бораи Душанбе.</description></item>`,
    )
    .join('')}</channel></rss>`;
}

/** Runs the binary without blocking: the fixture server answers from this same process. */
function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, OGOH_DB: '', OGOH_CONFIG: config, OGOH_FETCH_ALLOW: '127.0.0.1', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const ogoh = (args: string[], env: Record<string, string> = {}) => run(['--db', db, ...args], env);

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ogoh-cli-collect-'));
  db = join(dir, 'store.db');
  // no politeness delay or retries against our own test server; the allow-list stays in the env
  config = join(dir, 'ogoh.yaml');
  writeFileSync(config, 'fetch:\n  perHostIntervalMs: 0\n  retries: 0\nocr:\n  enabled: false\n');
  server = createServer((req, res) => {
    if (req.url === '/feed.xml') {
      const body = rss(feedIds);
      const etag = `"${feedIds.join('-')}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag });
      return res.end(body);
    }
    if (req.url === '/broken.xml') {
      res.writeHead(500, { 'content-type': 'text/plain' });
      return res.end('Internal Server Error');
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('ogoh sources and polling', () => {
  test('add from URLs: ids from the domain or the channel, platform guessed', async () => {
    const tg = await ogoh([
      '--json',
      'sources',
      'add',
      '--url',
      'https://t.me/s/factcheck_tj',
      '--affiliation',
      'independent',
    ]);
    assert.equal(tg.code, 0, tg.err);
    const s = JSON.parse(tg.out);
    assert.equal(s.id, 'tg-factcheck_tj');
    assert.equal(s.platform, 'telegram');
    const local = await ogoh([
      'sources',
      'add',
      '--id',
      'local.example',
      '--url',
      `${origin}/feed.xml`,
      '--languages',
      'tg',
      '--interval',
      '15m',
    ]);
    assert.equal(local.code, 0, local.err);
    assert.match(local.err, /source local\.example saved \(rss, unknown\)/);
    const bad = await ogoh(['sources', 'add', '--url', 'https://x.tj/feed', '--interval', 'soon']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--interval/);
  });

  test('poll stores each item once; a failing source is reported and the exit code says so', async () => {
    await ogoh(['sources', 'add', '--id', 'broken.example', '--url', `${origin}/broken.xml`]);
    const first = await ogoh(['--json', 'sources', 'poll', '--source', 'local.example,broken.example']);
    assert.equal(first.code, 1, first.err);
    const rep = JSON.parse(first.out);
    const by = Object.fromEntries(rep.sources.map((s: { sourceId: string }) => [s.sourceId, s]));
    assert.equal(by['local.example'].new, 3);
    assert.equal(by['broken.example'].outcome, 'failed');
    assert.equal(by['broken.example'].error.code, 'FETCH_HTTP');
    const human = await ogoh(['sources', 'poll', '--source', 'local.example']);
    assert.equal(human.code, 0, human.err);
    assert.match(human.err, /local\.example\s+not-modified, 0 new/);
    feedIds = [2, 3, 4];
    const again = JSON.parse((await ogoh(['--json', 'sources', 'poll', '--all'])).out);
    assert.equal(again.new, 1);
    const stats = JSON.parse((await ogoh(['--json', 'stats'])).out);
    assert.equal(stats.bySource['local.example'], 4);
  });

  test('without the allow-list the local server is refused; ingest of a private URL exits 2 with the reason', async () => {
    const refused = await ogoh(['--json', 'sources', 'poll', '--source', 'local.example'], {
      OGOH_FETCH_ALLOW: '',
    });
    assert.equal(refused.code, 1);
    assert.equal(JSON.parse(refused.out).sources[0].error.code, 'FETCH_BLOCKED');
    const r = await ogoh(['ingest', 'http://192.168.1.10/feed.xml']);
    assert.equal(r.code, 2);
    assert.match(
      r.err,
      /http:\/\/192\.168\.1\.10\/feed\.xml: refused to connect to 192\.168\.1\.10: a private-network address/,
    );
    const ok = await ogoh(['--json', 'ingest', `${origin}/feed.xml`, '--source', 'local.example']);
    assert.equal(ok.code, 0, ok.err);
    assert.equal(JSON.parse(ok.out).new, 0);
  });

  test('show, edit, export, import and remove', async () => {
    const show = await ogoh(['sources', 'show', 'broken.example']);
    assert.equal(show.code, 0, show.err);
    assert.match(show.out, /FAILING \(\d+ in a row\)/);
    assert.match(show.out, /FETCH_HTTP/);
    const edit = await ogoh([
      '--json',
      'sources',
      'edit',
      'broken.example',
      '--pause',
      '--affiliation',
      'independent',
      '--note',
      'its own about page',
    ]);
    assert.equal(edit.code, 0, edit.err);
    assert.ok(JSON.parse(edit.out).tags.includes('paused'));
    const file = join(dir, 'sources.yaml');
    assert.equal((await ogoh(['sources', 'export', file])).code, 0);
    const yaml = readFileSync(file, 'utf8');
    assert.match(yaml, /id: broken\.example/);
    assert.match(yaml, /pollInterval: 15m/);
    const fresh = join(dir, 'other.db');
    const imp = await run(['--db', fresh, '--json', 'sources', 'import', file]);
    assert.equal(imp.code, 0, imp.err);
    assert.equal(JSON.parse(imp.out).added.length, 3);
    writeFileSync(
      join(dir, 'bad.yaml'),
      'sources:\n  - id: x.tj\n    platform: rss\n    url: https://x.tj/rss\n    pollInterval: often\n',
    );
    const bad = await ogoh(['sources', 'import', join(dir, 'bad.yaml')]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /bad\.yaml:2 field "pollInterval"/);
    const cat = await ogoh(['--json', 'sources', 'import', '--catalogue']);
    assert.equal(cat.code, 0, cat.err);
    assert.ok(JSON.parse(cat.out).added.includes('tj.sputniknews.ru'));
    assert.equal((await ogoh(['sources', 'remove', 'tj.sputniknews.ru'])).code, 0);
    const kept = await ogoh(['sources', 'remove', 'local.example']);
    assert.equal(kept.code, 1);
    assert.match(kept.err, /still has 4 item/);
    assert.equal((await ogoh(['sources', 'remove', 'nope.example'])).code, 1);
  });

  test('reparse reads the stored payloads again and changes nothing that is right', async () => {
    const r = await ogoh(['--json', 'reparse', '--source', 'local.example']);
    assert.equal(r.code, 0, r.err);
    const rep = JSON.parse(r.out);
    assert.equal(rep.payloads, 2);
    assert.equal(rep.new, 0);
    assert.equal(rep.changed, 0);
    assert.equal(rep.failed.length, 0);
  });
});
