/**
 * The FeedbackStore contract: one node:test suite both adapters run unchanged, through the ports
 * only (no SQL). It pins what the triage queue and `ogoh train` rely on: append-only history, the
 * latest verdict winning, review filters and keyset pages over detections, and training examples
 * folded per label.
 *
 * @param open returns a NEW, EMPTY store and the feedback port on the same database on every call
 */
import assert from 'node:assert/strict';
import { after, afterEach, beforeEach, describe, test } from 'node:test';
import { type Detection, type Feedback, type FeedbackStore, isOgohError, type Store } from '@ogoh/core';
import * as f from './factories.ts';

const SRC = 'src-fb';
const OTHER = 'src-fb-other';

export interface FeedbackFixture {
  store: Store;
  feedback: FeedbackStore;
}

let counter = 0;
function verdict(d: Detection, overrides: Partial<Feedback> & Pick<Feedback, 'verdict'>): Feedback {
  counter++;
  return {
    id: `fb-${counter}-${d.id}`,
    detectionId: d.id,
    itemId: d.itemId,
    label: d.label,
    kind: d.kind,
    actor: 'analyst',
    at: new Date(Date.UTC(2026, 10, 1, 0, 0, counter)).toISOString(),
    ...overrides,
  } as Feedback;
}

export function feedbackContract(
  name: string,
  open: () => Promise<FeedbackFixture>,
  cleanup?: () => Promise<void>,
): void {
  describe(`${name} feedback store contract`, () => {
    let fx: FeedbackFixture;
    /** three items, newest first: c (ru, other source), b (tg), a (tg); detections on each */
    let dets: Record<string, Detection>;

    beforeEach(async () => {
      fx = await open();
      await fx.store.putSource(f.source({ id: SRC }));
      await fx.store.putSource(f.source({ id: OTHER }));
      const a = f.item({ sourceId: SRC, published: '2026-03-01T10:00:00.000Z', text: 'Матни аввал' });
      const b = f.item({
        sourceId: SRC,
        published: '2026-03-02T10:00:00.000Z',
        title: 'Сарлавҳа',
        text: 'Матни дуюм',
      });
      const c = f.item({
        sourceId: OTHER,
        published: '2026-03-03T10:00:00.000Z',
        lang: 'ru',
        text: 'Третий текст',
      });
      await fx.store.writeBatch({ items: [a, b, c] });
      dets = {
        aN: f.detection({ itemId: a.id, id: 'dt-a-n', label: 'N1', score: 0.55 }),
        aT: f.detection({ itemId: a.id, id: 'dt-a-t', kind: 'technique', label: 'Doubt', score: 0.9 }),
        bN: f.detection({ itemId: b.id, id: 'dt-b-n', label: 'N1', score: 0.7 }),
        bN2: f.detection({ itemId: b.id, id: 'dt-b-n2', label: 'N2', score: 0.4 }),
        cN: f.detection({ itemId: c.id, id: 'dt-c-n', label: 'N2', score: 0.95 }),
      };
      await fx.store.replaceDetections([a.id, b.id, c.id], Object.values(dets));
    });
    afterEach(async () => {
      await fx.feedback.close();
      await fx.store.close();
    });
    if (cleanup) after(cleanup);

    test('records verdicts as history; the latest verdict per detection wins', async () => {
      await fx.feedback.record(
        verdict(dets.aN!, { verdict: 'accept', actor: 'alice', reason: 'clear case' }),
      );
      await fx.feedback.record(verdict(dets.aN!, { verdict: 'reject', actor: 'bob' }));
      await fx.feedback.record(verdict(dets.bN!, { verdict: 'relabel', newLabel: 'N3' }));
      const all = await fx.feedback.list();
      assert.equal(all.feedback.length, 3);
      assert.deepEqual(
        all.feedback.map((x) => [x.detectionId, x.verdict, x.actor]),
        [
          ['dt-b-n', 'relabel', 'analyst'],
          ['dt-a-n', 'reject', 'bob'],
          ['dt-a-n', 'accept', 'alice'],
        ],
        'newest first, nothing overwritten',
      );
      assert.equal(all.feedback[2]!.reason, 'clear case');
      assert.equal('reason' in all.feedback[1]!, false, 'absent reason stays absent');
      const latest = await fx.feedback.latest(['dt-a-n', 'dt-b-n', 'dt-c-n']);
      assert.equal(latest.get('dt-a-n')?.verdict, 'reject');
      assert.equal(latest.get('dt-b-n')?.newLabel, 'N3');
      assert.equal(latest.has('dt-c-n'), false);
      assert.equal(await fx.feedback.countFeedback(), 3);
    });

    test('concurrent verdicts on one detection: all kept, and the latest pointer names the newest of them', async () => {
      const verdicts = ['accept', 'reject'] as const;
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          fx.feedback.record(verdict(dets.cN!, { verdict: verdicts[i % 2]! })),
        ),
      );
      const history = await fx.feedback.list({ detectionId: 'dt-c-n' });
      assert.equal(history.feedback.length, 12);
      const latest = await fx.feedback.latest(['dt-c-n']);
      assert.equal(latest.get('dt-c-n')?.id, history.feedback[0]!.id);
      const listed = await fx.feedback.listDetections({ id: 'dt-c-n' });
      assert.equal(listed.detections[0]?.latest?.id, history.feedback[0]!.id);
    });

    test('lists by item, detection and label (old or new label), a page at a time', async () => {
      await fx.feedback.record(verdict(dets.aN!, { verdict: 'accept' }));
      await fx.feedback.record(verdict(dets.aT!, { verdict: 'reject' }));
      await fx.feedback.record(verdict(dets.bN!, { verdict: 'relabel', newLabel: 'N2' }));
      await fx.feedback.record(verdict(dets.cN!, { verdict: 'accept' }));
      const byItem = await fx.feedback.list({ itemId: dets.aN!.itemId });
      assert.deepEqual(byItem.feedback.map((x) => x.detectionId).sort(), ['dt-a-n', 'dt-a-t']);
      assert.deepEqual(
        (await fx.feedback.list({ detectionId: 'dt-c-n' })).feedback.map((x) => x.verdict),
        ['accept'],
      );
      const n2 = await fx.feedback.list({ label: 'N2' });
      assert.deepEqual(
        n2.feedback.map((x) => x.detectionId),
        ['dt-c-n', 'dt-b-n'],
      );
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let guard = 0; guard < 10; guard++) {
        const page = await fx.feedback.list({ limit: 3, ...(cursor ? { cursor } : {}) });
        seen.push(...page.feedback.map((x) => x.id));
        if (!page.next) break;
        cursor = page.next;
      }
      assert.equal(seen.length, 4);
      assert.equal(new Set(seen).size, 4);
      await assert.rejects(
        fx.feedback.list({ cursor: 'bogus' }),
        (e) => isOgohError(e) && e.field === 'cursor',
      );
    });

    test('refuses feedback on an unknown detection or the wrong item, and keeps nothing of it', async () => {
      await assert.rejects(
        fx.feedback.record(verdict({ ...dets.aN!, id: 'dt-missing' }, { verdict: 'accept' })),
        (e) => isOgohError(e) && e.code === 'NOT_FOUND' && e.field === 'detectionId',
      );
      await assert.rejects(
        fx.feedback.record(verdict({ ...dets.aN!, itemId: dets.cN!.itemId }, { verdict: 'accept' })),
        (e) => isOgohError(e) && e.field === 'itemId',
      );
      assert.equal(await fx.feedback.countFeedback(), 0);
    });

    test('a verdict survives re-analysis that re-creates its detection', async () => {
      await fx.feedback.record(verdict(dets.cN!, { verdict: 'reject' }));
      await fx.store.replaceDetections([dets.cN!.itemId], [{ ...dets.cN!, score: 0.96 }]);
      const page = await fx.feedback.listDetections({ itemId: dets.cN!.itemId });
      assert.equal(page.detections[0]?.latest?.verdict, 'reject');
      assert.equal(page.detections[0]?.detection.score, 0.96);
    });

    test('lists detections newest item first with filters on kind, label, language, source, score and review state', async () => {
      await fx.feedback.record(verdict(dets.bN!, { verdict: 'accept' }));
      await fx.feedback.record(verdict(dets.aN!, { verdict: 'accept' }));
      await fx.feedback.record(verdict(dets.aN!, { verdict: 'reject' }));
      const ids = async (q: Parameters<FeedbackStore['listDetections']>[0]) =>
        (await fx.feedback.listDetections(q)).detections.map((d) => d.detection.id);
      assert.deepEqual(await ids({}), ['dt-c-n', 'dt-b-n', 'dt-b-n2', 'dt-a-n', 'dt-a-t']);
      assert.deepEqual(await ids({ kind: 'technique' }), ['dt-a-t']);
      assert.deepEqual(await ids({ id: 'dt-b-n2' }), ['dt-b-n2']);
      assert.deepEqual(await ids({ label: 'N1' }), ['dt-b-n', 'dt-a-n']);
      assert.deepEqual(await ids({ lang: 'ru' }), ['dt-c-n']);
      assert.deepEqual(await ids({ sourceId: SRC, minScore: 0.6 }), ['dt-b-n', 'dt-a-t']);
      assert.deepEqual(await ids({ review: 'unreviewed' }), ['dt-c-n', 'dt-b-n2', 'dt-a-t']);
      assert.deepEqual(await ids({ review: 'reject' }), ['dt-a-n']);
      assert.deepEqual(await ids({ review: 'accept' }), ['dt-b-n']);
      const full = (await fx.feedback.listDetections({ label: 'N1' })).detections;
      assert.equal(full[0]!.lang, 'tg');
      assert.equal(full[0]!.sourceId, SRC);
      assert.equal(full[0]!.published, '2026-03-02T10:00:00.000Z');
      assert.equal(full[1]!.latest?.verdict, 'reject');
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let guard = 0; guard < 10; guard++) {
        const page = await fx.feedback.listDetections({ limit: 2, ...(cursor ? { cursor } : {}) });
        seen.push(...page.detections.map((d) => d.detection.id));
        if (!page.next) break;
        cursor = page.next;
      }
      assert.deepEqual(seen, await ids({}), 'pages join up to the whole list, nothing twice');
      await assert.rejects(
        fx.feedback.listDetections({ cursor: 'x' }),
        (e) => isOgohError(e) && e.field === 'cursor',
      );
    });

    test('training examples fold the latest verdict per label: accept +, reject −, relabel − old + new', async () => {
      await fx.feedback.record(verdict(dets.aN!, { verdict: 'reject' }));
      await fx.feedback.record(verdict(dets.aN!, { verdict: 'accept' }));
      await fx.feedback.record(verdict(dets.aT!, { verdict: 'reject' }));
      await fx.feedback.record(verdict(dets.bN!, { verdict: 'relabel', newLabel: 'N3' }));
      await fx.feedback.record(verdict(dets.bN2!, { verdict: 'reject' }));
      const ex = await fx.feedback.trainingExamples('narrative');
      const byText = new Map(ex.map((e) => [e.text, e]));
      assert.equal(ex.length, 2);
      const a = byText.get('Матни аввал');
      assert.deepEqual([a?.positive, a?.negative], [['N1'], []]);
      const b = byText.get('Сарлавҳа\n\nМатни дуюм');
      assert.ok(b, 'the title is part of the text detection ran on');
      assert.deepEqual([b.positive, [...b.negative].sort()], [['N3'], ['N1', 'N2']]);
      assert.equal(b.lang, 'tg');
      const t = await fx.feedback.trainingExamples('technique');
      assert.deepEqual(
        t.map((e) => [e.text, e.positive, e.negative]),
        [['Матни аввал', [], ['Doubt']]],
      );
    });
  });
}
