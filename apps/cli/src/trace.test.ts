/**
 * `ogoh trace` and `ogoh trends` end to end: the real binary on the analysed demo corpus, scored
 * against the demo manifest (planted reprint chains, translations, laundering), plus synthetic
 * narrative detections for the trend and spike path.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openOgoh } from '@ogoh/app';
import type { Detection, Item } from '@ogoh/core';

const BIN = new URL('../bin/ogoh.js', import.meta.url).pathname;
const SCORE = new URL('../../../packages/trace/eval/score-demo.ts', import.meta.url).pathname;

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, OGOH_DB: '' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface ManifestChain {
  id: string;
  laundering: boolean;
  steps: { source: string; id: string; relation: string; attributed: boolean }[];
}

describe('trace and trends on the demo corpus', () => {
  let dir: string;
  let db: string;
  let corpus: string;
  let chains: ManifestChain[];
  const byKey = new Map<string, Item>();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ogoh-trace-'));
    db = join(dir, 'demo.db');
    corpus = join(dir, 'corpus');
    const r = run(['--db', db, '--json', 'demo', '--no-serve', '--out', corpus]);
    assert.equal(r.code, 0, r.err);
    chains = (
      JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8')) as { reprintChains: ManifestChain[] }
    ).reprintChains;
    const app = await openOgoh({ db });
    try {
      let cursor: string | undefined;
      do {
        const page = await app.store.queryItems({ limit: 1000, ...(cursor ? { cursor } : {}) });
        for (const i of page.items) byKey.set(`${i.sourceId}|${i.externalId}`, i);
        cursor = page.next;
      } while (cursor);
    } finally {
      await app.close();
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('planted chains and translations end in one story, with first-seen, attribution and laundering', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', SCORE, '--db', db, '--manifest', join(corpus, 'manifest.json'), '--json'],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(r.status, 0, r.stderr);
    const s = JSON.parse(r.stdout) as {
      pairs: Record<string, { recall: number; total: number }>;
      chains: { stepsInOriginStory: number; steps: number };
      laundering: { accuracy: number; tp: number };
      attribution: { correct: number; total: number };
    };
    assert.equal(s.pairs['chain reprint']?.recall, 1);
    assert.equal(s.pairs['chain forward']?.recall, 1);
    assert.ok((s.pairs['chain repost']?.recall ?? 0) >= 0.9, JSON.stringify(s.pairs));
    assert.ok((s.pairs['chain translation']?.recall ?? 0) >= 0.6, JSON.stringify(s.pairs));
    assert.ok((s.pairs['translation ru>uz']?.recall ?? 0) >= 0.6);
    assert.ok(s.chains.stepsInOriginStory / s.chains.steps >= 0.8);
    assert.ok(s.laundering.accuracy >= 0.7 && s.laundering.tp > 0, JSON.stringify(s.laundering));
    assert.ok(s.attribution.correct / s.attribution.total >= 0.9);
  });

  test('ogoh trace prints the chain as a tree and --json gives nodes and edges', () => {
    const chain = chains.find((c) => c.laundering && c.steps.some((s) => s.relation === 'forward'))!;
    const origin = byKey.get(`${chain.steps[0]!.source}|${chain.steps[0]!.id}`)!;
    const human = run(['--db', db, 'trace', origin.id]);
    assert.equal(human.code, 0, human.err);
    assert.match(human.out, /^Story st_/);
    assert.match(human.out, /ORIGIN/);
    assert.match(human.out, /└─ /);
    assert.match(human.out, /forward/);
    assert.match(human.out, /LAUNDERING: first published by Вести Центр \(russian-state\)/);
    assert.ok(human.out.split('\n').length <= 40, 'fits one screen');
    const j = run(['--db', db, '--json', 'trace', origin.storyId!]);
    assert.equal(j.code, 0, j.err);
    const v = JSON.parse(j.out) as {
      story: { id: string };
      provenance: {
        firstItemId: string;
        nodes: { itemId: string; parent?: string; lagSeconds?: number; laundering: boolean }[];
        edges: { from: string; to: string; relation: string; lagSeconds?: number }[];
        laundering: { flagged: boolean };
      };
      cascade?: { size: number; depth: number };
    };
    assert.equal(v.story.id, origin.storyId);
    assert.equal(v.provenance.nodes.length, v.provenance.edges.length + 1);
    const inChain = new Set(chain.steps.map((s) => byKey.get(`${s.source}|${s.id}`)?.id));
    assert.ok(v.provenance.edges.every((e) => (e.lagSeconds ?? 0) >= 0));
    assert.ok(v.provenance.nodes.filter((n) => inChain.has(n.itemId)).length >= chain.steps.length - 1);
    assert.equal(v.provenance.laundering.flagged, true);
    assert.ok((v.cascade?.size ?? 0) >= 1);
  });

  test('an item outside any story is a tree of one; unknown ids and missing arguments fail clearly', () => {
    const lonely = [...byKey.values()].find((i) => !i.storyId)!;
    const r = run(['--db', db, '--json', 'trace', lonely.id]);
    assert.equal(r.code, 0, r.err);
    assert.equal((JSON.parse(r.out) as { provenance: { nodes: unknown[] } }).provenance.nodes.length, 1);
    const missing = run(['--db', db, 'trace', 'it_nothing']);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /no item or story "it_nothing"/);
    const bare = run(['--db', db, 'trace']);
    assert.equal(bare.code, 2);
    assert.match(bare.err, /give an item or story id/);
  });

  test('ogoh trace --cascades lists forward cascades and bridges', () => {
    const r = run(['--db', db, '--json', 'trace', '--cascades']);
    assert.equal(r.code, 0, r.err);
    const c = JSON.parse(r.out) as {
      cascades: { size: number; depth: number; rootChannel: string }[];
      bridges: unknown[];
    };
    assert.ok(c.cascades.length > 0);
    assert.ok(c.cascades.every((x) => x.size >= 1 && x.depth >= 1));
    assert.ok(c.cascades.some((x) => x.rootChannel === 'Голос Евразии'));
  });

  test('ogoh trends: series, spikes with their items stored as alerts, laundering alerts', async () => {
    // a narrative burst on one day after two quiet weeks, plus another family there (labels of their
    // own: the demo's real detections must not blur the planted series)
    const app = await openOgoh({ db });
    const items = [...byKey.values()]
      .filter((i) => i.published)
      .sort((a, b) => (a.published! < b.published! ? -1 : 1));
    const days = [...new Set(items.map((i) => i.published!.slice(0, 10)))];
    const burstDay = days[30]!;
    const dets: Detection[] = [];
    const mk = (it: Item, label: string): Detection => ({
      id: `dt_test_${it.id}_${label}`,
      itemId: it.id,
      kind: 'narrative',
      label,
      score: 0.9,
      evidence: [],
      explain: {},
      model: 'test-burst@1',
      createdAt: '2026-11-27T00:00:00.000Z',
    });
    for (const d of days.slice(10, 30)) {
      const it = items.find((i) => i.published!.startsWith(d));
      if (it) dets.push(mk(it, 'ru-test-burst'));
    }
    const burst = items.filter((i) => i.published!.startsWith(burstDay)).slice(0, 8);
    for (const it of burst) dets.push(mk(it, 'ru-test-burst'));
    dets.push(mk(burst[0]!, 'isk-test-burst'));
    try {
      await app.store.replaceDetections(
        dets.map((d) => d.itemId),
        dets,
        { models: ['test-burst@1'] },
      );
    } finally {
      await app.close();
    }
    const r = run(['--db', db, '--json', 'trends']);
    assert.equal(r.code, 0, r.err);
    const t = JSON.parse(r.out) as {
      days: string[];
      series: Record<string, { key: string; counts: number[] }[]>;
      convergence: { day: string; converging: number }[];
      spikes: { by: string; key: string; day: string; itemIds: string[]; score: number }[];
    };
    assert.ok(t.days.length > 30);
    assert.ok((t.series.lang ?? []).length >= 4);
    assert.ok((t.series.source ?? []).length > 5);
    const spike = t.spikes.find((s) => s.by === 'narrative' && s.key === 'ru-test-burst');
    assert.equal(spike?.day, burstDay, JSON.stringify(t.spikes.filter((s) => s.by === 'narrative')));
    assert.deepEqual(new Set(spike!.itemIds), new Set(burst.map((i) => i.id)));
    assert.ok(t.convergence.find((p) => p.day === burstDay)!.converging >= 1);
    const alerts = run(['--db', db, '--json', 'trends', '--alerts', '--limit', '1000']);
    const list = JSON.parse(alerts.out) as { kind: string; key: string; day: string }[];
    assert.ok(list.some((a) => a.kind === 'spike' && a.key === 'ru-test-burst' && a.day === burstDay));
    assert.ok(list.some((a) => a.kind === 'laundering'));
    // re-running replaces rather than duplicates
    run(['--db', db, '--json', 'trends']);
    const again = JSON.parse(
      run(['--db', db, '--json', 'trends', '--alerts', '--limit', '1000']).out,
    ) as unknown[];
    assert.equal(again.length, list.length);
    const human = run(['--db', db, 'trends', '--by', 'narrative,lang']);
    assert.equal(human.code, 0, human.err);
    assert.match(human.out, /ru-test-burst/);
    const bad = run(['--db', db, 'trends', '--by', 'mood']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--by "mood" is not a series/);
  });
});
