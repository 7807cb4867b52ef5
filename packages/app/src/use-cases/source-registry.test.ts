/**
 * The source registry: ids from domains and channel ids (never display names), platform guesses,
 * show/edit/pause/remove, YAML import that stores nothing unless every entry is valid (errors with
 * file, line and field), export that imports back unchanged, and the starter catalogue.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AFFILIATIONS, isOgohError } from '@ogoh/core';
import { parse } from 'yaml';
import { type Ogoh, openOgoh } from '../context.ts';
import {
  editSource,
  exportSources,
  formatInterval,
  guessPlatform,
  importSources,
  importSourcesText,
  PAUSED_TAG,
  parseInterval,
  registerSource,
  removeSource,
  STARTER_CATALOGUE,
  showSource,
  telegramChannel,
} from './source-registry.ts';

const dir = mkdtempSync(join(tmpdir(), 'ogoh-registry-'));
let app: Ogoh;
before(async () => {
  app = await openOgoh({ db: join(dir, 'r.db'), clock: { now: () => new Date('2026-03-01T10:00:00.000Z') } });
});
after(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('source registry', () => {
  test('URLs give ids from the domain or the channel, and a platform guess', async () => {
    assert.equal(telegramChannel('https://t.me/s/SputnikTj'), 'SputnikTj');
    assert.equal(telegramChannel('t.me/factcheck_tj'), 'factcheck_tj');
    assert.equal(telegramChannel('https://t.me/SputnikTj/123'), undefined);
    assert.equal(guessPlatform('https://khovar.tj/feed/'), 'rss');
    assert.equal(guessPlatform('https://example.tj/sitemap-news.xml'), 'sitemap');
    assert.equal(guessPlatform('https://example.tj/atom.xml'), 'atom');
    assert.equal(guessPlatform('https://example.tj/news/1'), 'web');
    const feed = await registerSource(app, { url: 'https://www.avesta.tj/feed/', affiliation: 'unknown' });
    assert.equal(feed.id, 'avesta.tj');
    assert.equal(feed.platform, 'rss');
    const tg = await registerSource(app, { url: 'https://t.me/SputnikTj', affiliation: 'russian-state' });
    assert.equal(tg.id, 'tg-sputniktj');
    assert.equal(tg.platform, 'telegram');
    assert.equal(tg.channelId, 'SputnikTj');
    assert.equal(tg.url, 'https://t.me/s/SputnikTj');
    assert.equal(tg.name, '@SputnikTj');
    await assert.rejects(registerSource(app, {}), { code: 'USAGE', field: '--url' });
    await assert.rejects(registerSource(app, { url: 'ftp://x.tj/feed', platform: 'rss' }), { code: 'USAGE' });
  });

  test('intervals read and print as durations', () => {
    assert.equal(parseInterval('15m'), 900);
    assert.equal(parseInterval('2h'), 7200);
    assert.equal(parseInterval(45), 45);
    assert.equal(formatInterval(900), '15m');
    assert.equal(formatInterval(86400), '1d');
    assert.throws(() => parseInterval('soon', '--every'), { code: 'USAGE', field: '--every' });
  });

  test('show, edit, pause and remove', async () => {
    await registerSource(app, { id: 'edit.example', url: 'https://edit.example/rss', languages: ['tg'] });
    const edited = await editSource(app, 'edit.example', {
      affiliation: 'tajik-state',
      affiliationNote: 'state agency per its own site',
      pollIntervalSec: 600,
      pause: true,
    });
    assert.equal(edited.affiliation, 'tajik-state');
    assert.ok(edited.tags.includes(PAUSED_TAG));
    const cleared = await editSource(app, 'edit.example', { unset: ['affiliationNote'], pause: false });
    assert.equal(cleared.affiliationNote, undefined);
    assert.ok(!cleared.tags.includes(PAUSED_TAG));
    assert.equal(cleared.pollIntervalSec, 600);
    await assert.rejects(editSource(app, 'edit.example', { affiliation: 'bogus' as never }), {
      code: 'INPUT_FIELD',
    });
    const shown = await showSource(app, 'edit.example');
    assert.equal(shown.source.id, 'edit.example');
    assert.equal(shown.items, 0);
    assert.deepEqual(shown.recentPolls, []);
    await removeSource(app, 'edit.example');
    await assert.rejects(showSource(app, 'edit.example'), { code: 'NOT_FOUND' });
    await assert.rejects(removeSource(app, 'edit.example'), { code: 'NOT_FOUND' });
  });

  test('YAML import is all-or-nothing and names file, line and field', async () => {
    const bad = `sources:
  - id: ok.example
    platform: rss
    url: https://ok.example/rss
  - id: bad.example
    platform: rss
    url: https://bad.example/rss
    affiliation: friendly
`;
    try {
      await importSourcesText(app, bad, 'list.yaml');
      assert.fail('accepted');
    } catch (e) {
      assert.ok(isOgohError(e));
      assert.equal(e.code, 'INPUT_FIELD');
      assert.equal(e.file, 'list.yaml');
      assert.equal(e.line, 5);
      assert.equal(e.field, 'affiliation');
    }
    assert.equal(await app.store.getSource('ok.example'), undefined, 'nothing was imported');
    await assert.rejects(
      importSourcesText(app, 'sources:\n  - id: x\n    platform: rss\n    url: feed\n', 'f.yaml'),
      {
        code: 'INPUT_FIELD',
        field: 'url',
        line: 2,
      },
    );
    await assert.rejects(importSourcesText(app, 'sources: [\n', 'f.yaml'), {
      code: 'INPUT_PARSE',
      file: 'f.yaml',
    });
    await assert.rejects(
      importSourcesText(
        app,
        '- {id: a.tj, platform: web, url: "https://a.tj/"}\n- {id: a.tj, platform: web, url: "https://a.tj/"}\n',
        'f.yaml',
      ),
      { code: 'INPUT_FIELD', field: 'id', line: 2 },
    );
  });

  test('export imports back unchanged', async () => {
    const list = `- id: round.example
  name: Round Trip
  platform: rss
  url: https://round.example/feed/
  languages: [tg, ru]
  country: TJ
  affiliation: independent
  affiliationNote: evidence here
  tags: [t1]
  pollInterval: 30m
`;
    const first = await importSourcesText(app, list, 'l.yaml');
    assert.deepEqual(first.added, ['round.example']);
    const yaml = await exportSources(app, ['round.example']);
    assert.deepEqual(parse(yaml), { sources: parse(list) });
    const file = join(dir, 'export.yaml');
    writeFileSync(file, yaml);
    const again = await importSources(app, file);
    assert.deepEqual(again, { added: [], updated: [], unchanged: ['round.example'] });
  });

  test('the starter catalogue imports: real outlets keyed by domain or channel, affiliation with evidence', async () => {
    const text = readFileSync(STARTER_CATALOGUE, 'utf8');
    const r = await importSources(app, STARTER_CATALOGUE);
    const entries = (
      parse(text) as {
        sources: { id: string; affiliation: string; affiliationNote?: string; tags?: string[] }[];
      }
    ).sources;
    assert.equal(r.added.length + r.updated.length + r.unchanged.length, entries.length);
    for (const e of entries) {
      assert.ok(AFFILIATIONS.includes(e.affiliation as never), e.id);
      assert.ok(e.affiliationNote && e.affiliationNote.length > 10, `${e.id} says why`);
      assert.match(
        e.id,
        /^(tg-[a-z0-9_]+|[a-z0-9-]+(\.[a-z0-9-]+)+(-[a-z]+)?)$/,
        `${e.id} is a domain or channel id`,
      );
    }
    const sputnik = await app.store.getSource('tj.sputniknews.ru');
    assert.equal(sputnik?.affiliation, 'russian-state');
    assert.equal(sputnik?.url, 'https://tj.sputniknews.ru/export/rss2/archive/index.xml');
    assert.equal((await app.store.getSource('khovar.tj'))?.affiliation, 'tajik-state');
    assert.equal((await app.store.getSource('tg-factcheck_tj'))?.channelId, 'factcheck_tj');
    // feeds nobody documented are registered but not polled
    assert.ok((await app.store.getSource('jumhuriyat.tj'))?.tags.includes(PAUSED_TAG));
  });
});
