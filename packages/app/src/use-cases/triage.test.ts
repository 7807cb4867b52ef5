/**
 * The triage queue and the feedback loop over real stores (SQLite always, PostgreSQL with
 * OGOH_TEST_PG): most informative first with reasons, filters, cursor pages, reviewed items leaving
 * the queue, verdict validation; and `trainModel` learning from a rejection while keeping the
 * feedback items out of its held-out slice.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { type Detection, type FeedbackStore, isOgohError } from '@ogoh/core';
import { predict } from '@ogoh/detect';
import { testFactories as f } from '@ogoh/store';
import postgres from 'postgres';
import { type Ogoh, openOgoh } from '../context.ts';
import { currentModel } from './models.ts';
import { trainModel } from './train-eval.ts';
import { openFeedback, recordFeedback, triageQueue, uncertainty } from './triage.ts';

const dir = mkdtempSync(join(tmpdir(), 'ogoh-triage-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const NOW = new Date('2026-11-20T12:00:00.000Z');
const clock = { now: () => NOW };
const NARR = 'ru-indispensable-security-guarantor';

function det(itemId: string, label: string, score: number, kind: Detection['kind'] = 'narrative'): Detection {
  return f.detection({
    itemId,
    id: `dt-${itemId.slice(-6)}-${label}`,
    kind,
    label,
    score,
    explain: { threshold: 0.5 },
    model: 'cues-test',
    taxonomyVersion: '2026.1.0+test',
  });
}

/** four flagged items: near the threshold (old), far above it (new), a Telegram post with reach, a Russian one */
async function seed(app: Ogoh) {
  await app.store.putSource(f.source({ id: 'wire' }));
  await app.store.putSource(f.source({ id: 'chan', platform: 'telegram' }));
  const near = f.item({ sourceId: 'wire', published: '2026-11-01T10:00:00.000Z', text: 'Паёми шубҳанок' });
  const sure = f.item({ sourceId: 'wire', published: '2026-11-19T10:00:00.000Z', text: 'Паёми равшан' });
  const reach = f.item({
    sourceId: 'chan',
    published: '2026-11-18T10:00:00.000Z',
    title: 'Хабар',
    text: 'Русия 201 пойгоҳ дорад ва 5000 сарбоз',
    telegram: { messageId: 7, views: 250_000, forwards: 900 },
  });
  const ru = f.item({
    sourceId: 'wire',
    lang: 'ru',
    published: '2026-11-17T10:00:00.000Z',
    text: 'Россия поможет',
  });
  await app.store.writeBatch({ items: [near, sure, reach, ru] });
  const dets = [
    det(near.id, NARR, 0.52),
    det(sure.id, NARR, 0.99),
    det(reach.id, NARR, 0.8),
    det(reach.id, 'Loaded_Language', 0.7, 'technique'),
    det(ru.id, 'Doubt', 0.62, 'technique'),
  ];
  await app.store.replaceDetections([near.id, sure.id, reach.id, ru.id], dets);
  return { near, sure, reach, ru, dets };
}

function triageSuite(name: string, location: () => string, cleanup?: () => Promise<void>) {
  describe(`triage queue on ${name}`, () => {
    let app: Ogoh;
    let fb: FeedbackStore;
    let s: Awaited<ReturnType<typeof seed>>;
    test('setup', async () => {
      app = await openOgoh({ db: location(), clock });
      fb = await openFeedback(app);
      s = await seed(app);
    });
    after(async () => {
      await fb?.close();
      await app?.close();
      await cleanup?.();
    });

    test('most informative first, each entry explained, with evidence, versions and the text offsets point into', async () => {
      const q = await triageQueue(app, fb);
      const order = q.entries.map((e) => e.itemId);
      assert.equal(order.length, 4);
      assert.equal(q.considered, 5);
      assert.equal(q.windowFull, false);
      // the near-threshold item beats the certain one although it is older
      assert.ok(
        order.indexOf(s.near.id) < order.indexOf(s.sure.id),
        JSON.stringify(q.entries.map((e) => e.why)),
      );
      // reach, figures and actors lift the Telegram post above the certain wire item
      assert.ok(order.indexOf(s.reach.id) < order.indexOf(s.sure.id));
      const top = q.entries[0]!;
      assert.ok(top.priority >= q.entries[1]!.priority);
      const reach = q.entries.find((e) => e.itemId === s.reach.id)!;
      assert.equal(reach.text, 'Хабар\n\nРусия 201 пойгоҳ дорад ва 5000 сарбоз');
      assert.ok(reach.why.worthiness > 0.3, JSON.stringify(reach.why));
      assert.match(reach.why.reasons.join(' | '), /audience|figure|names Russia/);
      assert.deepEqual(reach.detections.map((d) => d.label).sort(), ['Loaded_Language', NARR]);
      assert.deepEqual(reach.models, ['cues-test']);
      assert.deepEqual(reach.taxonomyVersions, ['2026.1.0+test']);
      assert.ok(reach.detections.every((d) => d.evidence.length > 0 && d.threshold === 0.5));
      const near = q.entries.find((e) => e.itemId === s.near.id)!;
      assert.match(near.why.reasons.join(' '), /scored 0\.52 against its threshold 0\.5/);
      assert.ok(near.why.uncertainty > 0.9);
    });

    test('filters narrow the queue; cursor pages join up without repeats', async () => {
      const ids = async (o: Parameters<typeof triageQueue>[2]) =>
        (await triageQueue(app, fb, o)).entries.map((e) => e.itemId).sort();
      assert.deepEqual(await ids({ technique: 'Doubt' }), [s.ru.id]);
      assert.deepEqual(await ids({ lang: 'ru' }), [s.ru.id]);
      assert.deepEqual(await ids({ sourceId: 'chan' }), [s.reach.id]);
      assert.deepEqual(await ids({ narrative: NARR, minScore: 0.9 }), [s.sure.id]);
      assert.deepEqual(await ids({ narrative: NARR, technique: 'Loaded_Language' }), [s.reach.id]);
      const all = (await triageQueue(app, fb)).entries.map((e) => e.itemId);
      const paged: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 10; i++) {
        const p = await triageQueue(app, fb, { limit: 3, ...(cursor ? { cursor } : {}) });
        paged.push(...p.entries.map((e) => e.itemId));
        if (!p.next) break;
        cursor = p.next;
      }
      assert.deepEqual(paged, all);
      await assert.rejects(
        triageQueue(app, fb, { cursor: 'nope' }),
        (e) => isOgohError(e) && e.field === 'cursor',
      );
      await assert.rejects(
        triageQueue(app, fb, { minScore: 2 }),
        (e) => isOgohError(e) && e.field === 'minScore',
      );
    });

    test('verdicts are validated, recorded with actor and time, and take reviewed items out of the queue', async () => {
      const nearDet = s.dets[0]!;
      await assert.rejects(
        recordFeedback(app, fb, { detectionId: nearDet.id, verdict: 'relabel', actor: 'ana' }),
        (e) => isOgohError(e) && e.field === 'label',
      );
      await assert.rejects(
        recordFeedback(app, fb, {
          detectionId: nearDet.id,
          verdict: 'relabel',
          newLabel: 'no-such',
          actor: 'ana',
        }),
        (e) => isOgohError(e) && e.field === 'label',
      );
      await assert.rejects(
        recordFeedback(app, fb, { detectionId: 'dt-missing', verdict: 'accept', actor: 'ana' }),
        (e) => isOgohError(e) && e.code === 'NOT_FOUND',
      );
      const r = await recordFeedback(app, fb, {
        detectionId: nearDet.id,
        verdict: 'reject',
        reason: 'a quote the article refutes',
        actor: 'ana',
      });
      assert.equal(r.at, NOW.toISOString());
      assert.equal(r.itemId, s.near.id);
      const q = await triageQueue(app, fb);
      assert.equal(
        q.entries.some((e) => e.itemId === s.near.id),
        false,
      );
      // one of two detections reviewed: the item stays, its reviewed detection says so
      const tech = s.dets[3]!;
      await recordFeedback(app, fb, {
        detectionId: tech.id,
        verdict: 'relabel',
        newLabel: 'Exaggeration-Minimisation',
        actor: 'ana',
      });
      const reach = (await triageQueue(app, fb)).entries.find((e) => e.itemId === s.reach.id)!;
      const reviewed = reach.detections.find((d) => d.id === tech.id)!;
      assert.equal(reviewed.review?.verdict, 'relabel');
      assert.equal(reviewed.review?.newLabel, 'Exaggeration-Minimisation');
    });
  });
}

triageSuite('sqlite', () => join(dir, 'triage.db'));

const pg = process.env.OGOH_TEST_PG;
if (!pg) {
  test('triage queue on PostgreSQL', {
    skip: 'OGOH_TEST_PG is not set (scripts/pg-start.sh starts a server)',
  }, () => {});
} else {
  const schema = `triage${process.pid}_${Date.now().toString(36)}`;
  const u = new URL(pg);
  u.searchParams.set('schema', schema);
  triageSuite(
    'postgres',
    () => u.toString(),
    async () => {
      const sql = postgres(pg, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await sql.end({ timeout: 5 });
      }
    },
  );
}

test('uncertainty is 1 on the threshold and 0 at the far end of the scale', () => {
  assert.equal(uncertainty(0.5, 0.5), 1);
  assert.equal(uncertainty(1, 0.5), 0);
  assert.equal(uncertainty(0, 0.5), 0);
  assert.ok(uncertainty(0.35, 0.3) > uncertainty(0.9, 0.3));
});

describe('train uses feedback', () => {
  const PATTERN = 'Только Россия способна защитить наш рынок';
  test('a rejection lowers the next model’s score for that text; feedback stays out of the held-out slice', async (t) => {
    const db = join(dir, 'train.db');
    const app = await openOgoh({ db, clock });
    const fb = await openFeedback(app);
    try {
      await app.store.putSource(f.source({ id: 'wire' }));
      // an item the file's pattern flags, though it is about phones, not security
      const text = `${PATTERN} от дешёвых телефонов, пишет обзор цен.`;
      const item = f.item({ sourceId: 'wire', lang: 'ru', published: '2026-11-19T10:00:00.000Z', text });
      await app.store.writeBatch({ items: [item] });
      const d = det(item.id, NARR, 0.9);
      await app.store.replaceDetections([item.id], [d]);
      const lines: string[] = [];
      for (let i = 0; i < 50; i++) {
        lines.push(
          JSON.stringify({
            id: `p${i}`,
            lang: 'ru',
            labels: [NARR],
            text: `${PATTERN} и Таджикистан, пример ${i}: 201-я база и ОДКБ гарантируют безопасность.`,
          }),
          JSON.stringify({
            id: `n${i}`,
            lang: 'ru',
            labels: [],
            text: `Цены на телефоны и плов в Душанбе, обзор номер ${i}, рынок спокоен.`,
          }),
        );
      }
      // the item's own text is in the file too (labelled positive): feedback replaces it
      lines.push(JSON.stringify({ id: 'same', lang: 'ru', labels: [NARR], text }));
      const data = join(dir, 'train.jsonl');
      writeFileSync(data, `${lines.join('\n')}\n`);

      const before = await trainModel(app, 'narratives', data, { feedback: true });
      assert.deepEqual(before.feedback, { items: 0, positive: 0, negative: 0, replaced: 0, weight: 3 });
      const score = async () => {
        const m = await currentModel(app, 'narratives');
        return predict(m!, text, 'ru').find((x) => x.label === NARR)!.p;
      };
      const s0 = await score();

      await recordFeedback(app, fb, {
        detectionId: d.id,
        verdict: 'reject',
        reason: 'about phones',
        actor: 'ana',
      });
      const withFeedback = await trainModel(app, 'narratives', data, { force: true });
      assert.deepEqual(withFeedback.feedback, { items: 1, positive: 0, negative: 1, replaced: 1, weight: 3 });
      // held out: drawn from the file, minus the replaced line; trained: the rest plus 3 copies of the verdict
      assert.equal(withFeedback.heldOut + withFeedback.trained, lines.length - 1 + 3);
      const s1 = await score();
      assert.ok(s1 < s0 - 0.05, `score after the rejection ${s1} vs before ${s0}`);

      const optOut = await trainModel(app, 'narratives', data, { feedback: false, force: true });
      assert.equal(optOut.feedback, undefined);
      const s2 = await score();
      assert.ok(s2 > s1 + 0.05, `--no-feedback ignores the rejection (${s2} vs ${s1})`);
      t.diagnostic(
        `score of the rejected text: ${s0.toFixed(3)} before, ${s1.toFixed(3)} after, ${s2.toFixed(3)} without feedback`,
      );
    } finally {
      await fb.close();
      await app.close();
    }
  });
});
