/**
 * Cases and briefs through the app use cases, on SQLite and (when OGOH_TEST_PG is set) PostgreSQL:
 * the same hand-made store of a Tajik story with a Persian rewrite, a narrative detection and a
 * convergence hypothesis. Evidence is checked before it is stored, shown resolved, and the brief
 * carries the quotes, DISARM ids and card text of what was flagged.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { type CaseStore, type Detection, isOgohError } from '@ogoh/core';
import { defaultTaxonomy } from '@ogoh/detect';
import { testFactories as f } from '@ogoh/store';
import postgres from 'postgres';
import { type Ogoh, openOgoh } from '../context.ts';
import { buildBrief } from './briefs.ts';
import {
  addCaseNote,
  addEvidence,
  casesForItem,
  createCase,
  openCases,
  showCase,
  updateCase,
} from './cases.ts';

const NOW = new Date('2026-03-10T12:00:00.000Z');

/** A two-source story (origin in Tajik, a Persian rewrite) with a narrative and a convergence detection. */
async function seed(app: Ogoh) {
  const narrative = defaultTaxonomy().narratives.find((n) => n.disarm.length > 0)!;
  await app.store.putSource(f.source({ id: 'src-a', name: 'Ахбори рӯз', affiliation: 'russian-state' }));
  await app.store.putSource(f.source({ id: 'src-b', name: 'Ava', affiliation: 'unknown' }));
  const origin = f.item({
    sourceId: 'src-a',
    text: 'Ҳукумат 300 ҳазор сомонӣ барои ғалла ҷудо кард, вале нарх боз қимат шуд. Давлати ноком!',
    published: '2026-03-01T08:00:00.000Z',
  });
  const rewrite = f.item({
    sourceId: 'src-b',
    lang: 'fa',
    text: 'دولت ۳۰۰ هزار سامانی برای غله اختصاص داد اما قیمت باز هم بالا رفت',
    published: '2026-03-03T09:00:00.000Z',
  });
  await app.store.writeBatch({ items: [origin, rewrite] });
  await app.store.assignStories([
    { storyId: 'st_test', itemId: origin.id, link: 'first', similarity: 1 },
    { storyId: 'st_test', itemId: rewrite.id, link: 'translation', similarity: 0.8 },
  ]);
  const det = (kind: Detection['kind'], label: string, start: number, end: number): Detection => ({
    id: `dt_${kind}_${origin.id}`,
    itemId: origin.id,
    kind,
    label,
    score: 0.8,
    evidence: [{ start, end }],
    explain:
      kind === 'convergence'
        ? { mechanism: 'Both call the state a failure.', narratives: [{ id: narrative.id }] }
        : {},
    model: 'test',
    createdAt: NOW.toISOString(),
  });
  const found = [det('narrative', narrative.id, 71, 84), det('convergence', 'cp-test', 0, 7)];
  await app.store.replaceDetections([origin.id], found, { models: ['test'] });
  return { origin, rewrite, narrative, detections: found };
}

function suite(name: string, open: () => Promise<Ogoh>, cleanup: () => Promise<void>) {
  describe(`cases and briefs: ${name}`, () => {
    let app: Ogoh;
    let cases: CaseStore;
    let s: Awaited<ReturnType<typeof seed>>;
    after(async () => {
      await cases?.close();
      await app?.close();
      await cleanup();
    });

    test('create from an item and a story; evidence shown resolved', async () => {
      app = await open();
      cases = await openCases(app);
      s = await seed(app);
      const c = await createCase(
        app,
        cases,
        { title: 'Ғалла', items: [s.origin.id], stories: ['st_test'], note: 'first seen here' },
        'nilufar',
      );
      assert.equal(c.tlp, 'amber');
      assert.equal(c.createdAt, NOW.toISOString());
      const v = await showCase(app, cases, c.id);
      const [item, story] = v.evidence;
      assert.equal(item!.item!.sourceName, 'Ахбори рӯз');
      assert.equal(item!.item!.affiliation, 'russian-state');
      assert.equal(item!.note, 'first seen here');
      const nd = item!.item!.detections.find((d) => d.kind === 'narrative')!;
      assert.equal(nd.evidence[0]!.text, s.origin.text.slice(71, 84), 'span text taken from the item');
      assert.equal(story!.story!.size, 2);
      assert.equal(story!.story!.firstSeen, '2026-03-01T08:00:00.000Z');
      assert.deepEqual(
        (await casesForItem(app, cases, s.rewrite.id)).map((x) => x.id),
        [c.id],
        'the rewrite is in the case through its story',
      );
    });

    test('unknown references are NOT_FOUND naming the kind; nothing stored', async () => {
      const before = (await cases.listCases()).cases.length;
      for (const [refs, field] of [
        [{ items: ['it_nope'] }, 'item'],
        [{ stories: ['st_nope'] }, 'story'],
        [{ detections: ['dt_nope'] }, 'detection'],
      ] as const) {
        await assert.rejects(createCase(app, cases, { title: 't', ...refs }, 'x'), (e) => {
          assert.ok(isOgohError(e));
          assert.equal(e.code, 'NOT_FOUND');
          assert.equal(e.field, field);
          return true;
        });
      }
      assert.equal((await cases.listCases()).cases.length, before);
    });

    test('the brief: quotes, DISARM, card text, convergence, RTL, notes; status and TLP in it', async () => {
      const c = await createCase(app, cases, { title: 'Brief test', detections: [s.detections[1]!.id] }, 'a');
      assert.deepEqual(await addEvidence(app, cases, c.id, { stories: ['st_test'] }, 'b'), {
        added: 1,
        already: 0,
      });
      await addCaseNote(app, cases, c.id, 'Нархҳоро бо омори расмӣ муқоиса кунед', 'b');
      await updateCase(app, cases, c.id, { status: 'in_review', tlp: 'red', summary: 'Ду манбаъ.' }, 'b');
      const en = await buildBrief(app, cases, c.id, { format: 'md', lang: 'en' });
      const d = en.data;
      assert.equal(d.facts.items, 2);
      assert.deepEqual(d.facts.langs.sort(), ['fa', 'tg']);
      assert.equal(d.narratives[0]!.id, s.narrative.id);
      assert.deepEqual(d.narratives[0]!.quotes[0]!.text, s.origin.text.slice(71, 84).trim());
      assert.ok(d.narratives[0]!.card, 'the narrative has its media-literacy card');
      assert.deepEqual(
        d.disarm.map((x) => x.id),
        [...new Set(s.narrative.disarm)].sort(),
      );
      assert.equal(d.convergence[0]!.pair, 'cp-test');
      assert.equal(d.convergence[0]!.mechanism, 'Both call the state a failure.');
      assert.match(en.text, /^\*\*TLP:RED\*\*/);
      assert.match(en.text, /in review/);
      assert.match(en.text, /Нархҳоро бо омори расмӣ/);
      assert.ok(
        d.checks.some((x) => /translations/.test(x)),
        'two languages: compare translations',
      );
      assert.ok(
        d.checks.some((x) => /figure/.test(x)),
        'numbers in the text: verify figures',
      );
      if (d.provenance === 'unavailable') assert.ok(en.warnings.some((w) => /provenance/.test(w)));
      else assert.equal(d.provenance[0]!.steps[0]!.sourceName, 'Ахбори рӯз');
      const html = await buildBrief(app, cases, c.id, { format: 'html', lang: 'tg' });
      assert.equal(html.contentType, 'text/html; charset=utf-8');
      assert.equal(html.fileName, `${c.id}-brief-tg.html`);
      assert.match(html.text, /<span dir="rtl" lang="fa">دولت/);
      assert.match(html.text, /ЛОИҲА/);
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'ogoh-cases-app-'));
suite(
  'sqlite',
  () => openOgoh({ db: join(dir, 'store.db'), clock: { now: () => NOW } }),
  async () => rmSync(dir, { recursive: true, force: true }),
);

const url = process.env.OGOH_TEST_PG;
if (!url) {
  test('cases and briefs: postgres', {
    skip: 'OGOH_TEST_PG is not set (scripts/pg-start.sh starts a server)',
  }, () => {});
} else {
  const schema = `ca${process.pid}_${Date.now().toString(36)}`;
  suite(
    'postgres',
    () =>
      openOgoh({ db: `${url}${url.includes('?') ? '&' : '?'}schema=${schema}`, clock: { now: () => NOW } }),
    async () => {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await sql.end({ timeout: 5 });
      }
    },
  );
}
