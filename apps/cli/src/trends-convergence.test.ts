/**
 * `ogoh trends` convergence hypotheses per channel and per story, end to end: narrative flags of
 * two actor families of one convergence pair planted on one channel's items and on one story's
 * members come back with the pair's mechanism and the evidence items, marked as hypotheses.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openOgoh } from '@ogoh/app';
import type { Detection, Item } from '@ogoh/core';

const BIN = new URL('../bin/ogoh.js', import.meta.url).pathname;

function ogoh(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, OGOH_DB: '' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface Signal {
  scope: string;
  key: string;
  pair: string;
  mechanism: string;
  families: string[];
  narratives: { id: string; items: string[] }[];
  hypothesis: boolean;
}

let dir: string;
let db: string;
const planted = { channel: '', channelItems: [] as string[], story: '', storyItems: [] as string[] };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ogoh-conv-'));
  db = join(dir, 'demo.db');
  const r = ogoh(['--db', db, '--json', 'demo', '--no-serve', '--out', join(dir, 'corpus')]);
  assert.equal(r.code, 0, r.err);
  const app = await openOgoh({ db });
  try {
    const mk = (it: Item, label: string): Detection => ({
      id: `dt_conv_${it.id}_${label}`,
      itemId: it.id,
      kind: 'narrative',
      label,
      score: 0.9,
      evidence: [],
      explain: {},
      model: 'test-conv@1',
      createdAt: '2026-11-27T00:00:00.000Z',
    });
    // a channel: three dated items of one source a few days apart
    const all = (await app.store.queryItems({ limit: 1000 })).items.filter((i) => i.published);
    const source = all[0]!.sourceId;
    const ofSource = all
      .filter((i) => i.sourceId === source)
      .sort((a, b) => (a.published! < b.published! ? -1 : 1))
      .slice(0, 3);
    assert.equal(ofSource.length, 3);
    planted.channel = source;
    planted.channelItems = ofSource.map((i) => i.id);
    // a story: two dated members
    const { stories } = await app.store.listStories({ minSize: 2, limit: 50 });
    let members: Item[] = [];
    for (const s of stories) {
      const items = (await app.store.getItems(s.members.map((m) => m.itemId))).filter((i) => i.published);
      if (items.length >= 2) {
        planted.story = s.id;
        members = items.slice(0, 2);
        break;
      }
    }
    assert.ok(planted.story, 'the demo has a story of two dated items');
    planted.storyItems = members.map((i) => i.id);
    const dets = [
      mk(ofSource[0]!, 'ru-tajik-state-failed'),
      mk(ofSource[1]!, 'ru-tajik-state-failed'),
      mk(ofSource[2]!, 'isk-tajik-state-failed-tyranny'),
      mk(members[0]!, 'ru-economic-dependency-migrants'),
      mk(members[1]!, 'isk-reward-belonging-youth'),
    ];
    await app.store.replaceDetections(
      dets.map((d) => d.itemId),
      dets,
      { models: ['test-conv@1'] },
    );
  } finally {
    await app.close();
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('trends --json lists channel and story convergence with mechanism and evidence', () => {
  const r = ogoh(['--db', db, '--json', 'trends', '--by', 'convergence', '--no-store']);
  assert.equal(r.code, 0, r.err);
  const { convergenceSignals } = JSON.parse(r.out) as { convergenceSignals: Signal[] };
  const chan = convergenceSignals.find(
    (s) => s.scope === 'channel' && s.key === planted.channel && s.pair === 'cp-failed-tajik-state',
  );
  assert.ok(chan, JSON.stringify(convergenceSignals.map((s) => [s.scope, s.key, s.pair])));
  assert.deepEqual(chan.families, ['isk', 'russian-state']);
  assert.equal(chan.hypothesis, true);
  assert.match(chan.mechanism, /Tajik state/);
  const evidence = new Set(chan.narratives.flatMap((n) => n.items));
  for (const id of planted.channelItems) assert.ok(evidence.has(id), `${id} is evidence`);
  const story = convergenceSignals.find(
    (s) => s.scope === 'story' && s.key === planted.story && s.pair === 'cp-economic-precarity',
  );
  assert.ok(story, 'the story carrying both frames is a signal');
  assert.deepEqual(new Set(story.narratives.flatMap((n) => n.items)), new Set(planted.storyItems));
});

test('trends prints the hypotheses for people', () => {
  const r = ogoh(['--db', db, 'trends', '--by', 'convergence', '--no-store']);
  assert.equal(r.code, 0, r.err);
  assert.match(
    r.out,
    /convergence hypotheses per channel and story \(\d+; for an analyst to confirm or reject\)/,
  );
  assert.match(r.out, /\n {2}(channel|story) +\S+ +cp-[a-z-]+: [a-z-]+ \+ [a-z-]+/);
});

test('trends --lang tg|ru shows the mechanism in that language; --lang uz is a usage error naming the flag', () => {
  const tg = ogoh(['--db', db, '--json', 'trends', '--by', 'convergence', '--no-store', '--lang', 'tg']);
  assert.equal(tg.code, 0, tg.err);
  const signals = (JSON.parse(tg.out) as { convergenceSignals: Signal[] }).convergenceSignals;
  const chan = signals.find((s) => s.key === planted.channel && s.pair === 'cp-failed-tajik-state');
  assert.ok(chan);
  assert.match(chan.mechanism, /давлати Тоҷикистонро нотавон/);
  const ru = ogoh(['--db', db, 'trends', '--by', 'convergence', '--no-store', '--lang', 'ru']);
  assert.equal(ru.code, 0, ru.err);
  assert.match(ru.out, /Обе стороны изображают таджикское государство/);
  assert.ok(!/Both present the Tajik state/.test(ru.out));
  const bad = ogoh(['--db', db, 'trends', '--lang', 'uz']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--lang/);
});
