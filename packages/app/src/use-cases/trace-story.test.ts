import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { testFactories as f } from '@ogoh/store';
import { foldKey } from '@ogoh/text';
import { openOgoh } from '../context.ts';
import { linkStories, openTrace, traceStory } from './trace-story.ts';

test('link stage: translation links with reasons, provenance, a laundering alert; the embedding hook adds recall', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogoh-link-'));
  const app = await openOgoh({ db: join(dir, 'o.db') });
  try {
    await app.store.putSource(
      f.source({
        id: 'wire',
        name: 'Вести Центр',
        affiliation: 'russian-state',
        url: 'https://vesti.example/',
      }),
    );
    await app.store.putSource(
      f.source({ id: 'chan', name: 'Навиди рӯз', affiliation: 'unknown', platform: 'telegram' }),
    );
    await app.store.putSource(f.source({ id: 'src-test' }));
    const mk = (sourceId: string, lang: 'ru' | 'tg', published: string, text: string) =>
      f.item({ sourceId, lang, published, text, foldText: foldKey(text) });
    const ru = mk(
      'wire',
      'ru',
      '2026-10-06T10:00:00Z',
      'В Санкт-Петербурге ввели онлайн-очередь на патент. Платёж составляет 7400 рублей, сообщил Минтруд.',
    );
    const tg = mk(
      'chan',
      'tg',
      '2026-10-06T15:00:00Z',
      'Дар Санкт-Петербург навбати онлайн барои патент ҷорӣ шуд. Пардохт 7400 рубл аст, хабар дод Вазорати меҳнат.',
    );
    const ru2 = mk('wire', 'ru', '2026-10-07T10:00:00Z', 'Встреча в Ишкашиме: обсудили мост через Пяндж.');
    const tg2 = mk('chan', 'tg', '2026-10-07T12:00:00Z', 'Дар Ишкошим вохӯрӣ: пули болои Панҷ баррасӣ шуд.');
    await app.store.writeBatch({ items: [ru, tg, ru2, tg2], payloads: [f.payload({ id: ru.payloadId })] });

    const r1 = await linkStories(app, [ru, tg, ru2, tg2]);
    assert.equal(r1.translations, 1);
    const stored = await app.store.getItem(tg.id);
    assert.ok(stored?.storyId);
    const view = await traceStory(app, tg.id);
    assert.equal(view.provenance.firstItemId, ru.id);
    assert.equal(view.provenance.nodes[1]?.relation, 'translation');
    assert.ok(view.provenance.nodes[1]?.reasons?.numbers.includes('7400'));
    assert.equal(view.provenance.laundering.flagged, true, 'the channel does not credit the state wire');
    const trace = await openTrace(app);
    try {
      assert.equal((await trace.provenance(stored.storyId)).length, 1);
      const alerts = await trace.listAlerts({ kind: 'laundering' });
      assert.equal(alerts.length, 1);
      assert.deepEqual(alerts[0]!.itemIds, [ru.id, tg.id]);
    } finally {
      await trace.close();
    }
    assert.equal((await app.store.getItem(tg2.id))?.storyId, undefined, 'two shared names alone do not link');

    // the plug-in: an embedder that finds the pair similar
    const embedder = { embed: async (texts: string[]) => texts.map(() => Float32Array.from([1, 0.1, 0])) };
    const r2 = await linkStories(app, [tg2], { embedder });
    assert.equal(r2.translations, 1);
    const t2 = await app.store.getItem(tg2.id);
    assert.equal(t2?.storyId, (await app.store.getItem(ru2.id))?.storyId);
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
