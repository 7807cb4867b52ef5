/**
 * A brief's convergence notes and DISARM list in the brief's language: the taxonomy's Russian and
 * Tajik mechanism texts (not the English one the detection carries), DISARM technique names from
 * the derived CC BY-SA table with its attribution in the footer, in Markdown and HTML.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CaseStore, Detection } from '@ogoh/core';
import { defaultTaxonomy } from '@ogoh/detect';
import { disarmTechnique } from '@ogoh/share';
import { testFactories as f } from '@ogoh/store';
import { type Ogoh, openOgoh } from '../context.ts';
import { buildBrief } from './briefs.ts';
import { createCase, openCases } from './cases.ts';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const dir = mkdtempSync(join(tmpdir(), 'ogoh-brief-i18n-'));
let app: Ogoh;
let cases: CaseStore;
let caseId: string;
const pair = defaultTaxonomy().convergencePairs.find((p) => p.id === 'cp-failed-tajik-state')!;
const narrative = defaultTaxonomy().narratives.find((n) => n.id === pair.narratives[0])!;

before(async () => {
  app = await openOgoh({ db: join(dir, 'store.db'), clock: { now: () => NOW } });
  await app.store.putSource(f.source({ id: 'src-a', name: 'Ахбори рӯз', affiliation: 'russian-state' }));
  const item = f.item({
    sourceId: 'src-a',
    text: 'Давлати ноком! Ҳукумат ҳеҷ кор карда наметавонад, танҳо Маскав кӯмак мекунад.',
    published: '2026-03-01T08:00:00.000Z',
  });
  await app.store.writeBatch({ items: [item] });
  const det = (kind: Detection['kind'], label: string, explain: Record<string, unknown>): Detection => ({
    id: `dt_${kind}_${item.id}`,
    itemId: item.id,
    kind,
    label,
    score: 0.8,
    evidence: [{ start: 0, end: 13 }],
    explain,
    model: 'test',
    createdAt: NOW.toISOString(),
  });
  await app.store.replaceDetections(
    [item.id],
    [
      det('narrative', narrative.id, {}),
      // what analysis stores: the English mechanism of the pair
      det('convergence', pair.id, { mechanism: pair.mechanism, narratives: [{ id: narrative.id }] }),
    ],
    { models: ['test'] },
  );
  cases = await openCases(app);
  caseId = (await createCase(app, cases, { title: 'Давлати ноком', items: [item.id] }, 'a')).id;
});
after(async () => {
  await cases?.close();
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('brief language', () => {
  test('convergence notes carry the taxonomy mechanism in tg, ru and en', async () => {
    const tg = await buildBrief(app, cases, caseId, { format: 'md', lang: 'tg' });
    const ru = await buildBrief(app, cases, caseId, { format: 'md', lang: 'ru' });
    const en = await buildBrief(app, cases, caseId, { format: 'md', lang: 'en' });
    assert.equal(tg.data.convergence[0]!.mechanism, pair.mechanisms.tg);
    assert.equal(ru.data.convergence[0]!.mechanism, pair.mechanisms.ru);
    assert.equal(en.data.convergence[0]!.mechanism, pair.mechanism);
    assert.match(tg.text, /давлати Тоҷикистонро нотавон/);
    assert.ok(!tg.text.includes(pair.mechanism), 'no English mechanism in the Tajik brief');
    assert.match(ru.text, /таджикское государство некомпетентным/);
    const html = await buildBrief(app, cases, caseId, { format: 'html', lang: 'tg' });
    assert.match(html.text, /<p>Ҳарду ҷониб давлати Тоҷикистонро/);
  });

  test('DISARM techniques with their names, and the CC BY-SA attribution in the footer', async () => {
    assert.ok(narrative.disarm.length > 0, 'the narrative maps to DISARM');
    for (const format of ['md', 'html'] as const) {
      const b = await buildBrief(app, cases, caseId, { format, lang: 'tg' });
      for (const id of narrative.disarm) {
        const t = disarmTechnique(id);
        assert.ok(t, `${id} is in the derived table`);
        const entry = b.data.disarm.find((x) => x.id === id)!;
        assert.equal(entry.name, t.name);
        const shown =
          format === 'md'
            ? `- ${id} ${t.name} (`
            : `<code>${id}</code> ${t.name.replace(/&/g, '&amp;')} <span`;
        assert.ok(b.text.includes(shown), `${format}: ${shown}`);
      }
      assert.match(b.data.disarmAttribution!, /^Номҳои усулҳои DISARM .*DISARM Foundation.*CC BY-SA 4\.0/);
      const footer =
        format === 'md'
          ? b.text.slice(b.text.lastIndexOf('---'))
          : b.text.slice(b.text.lastIndexOf('<footer>'));
      assert.match(footer, /DISARM Framework by the DISARM Foundation/, `${format} footer`);
      assert.match(footer, /CC BY-SA 4\.0/);
    }
  });

  test('a brief without DISARM techniques has no attribution line', async () => {
    const bare = await createCase(app, cases, { title: 'Empty' }, 'a');
    const b = await buildBrief(app, cases, bare.id, { format: 'md', lang: 'en' });
    assert.deepEqual(b.data.disarm, []);
    assert.equal(b.data.disarmAttribution, undefined);
    assert.ok(!/DISARM Foundation/.test(b.text));
  });
});
