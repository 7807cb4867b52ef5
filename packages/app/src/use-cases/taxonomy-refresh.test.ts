/**
 * Taxonomy changes: which narratives count as changed, and the path for a store with no record of
 * the taxonomy it was analysed with (only items holding detections of another version are redone).
 * The CLI test (apps/cli/src/taxonomy.test.ts) covers the recorded path end to end.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultTaxonomy, loadTaxonomy } from '@ogoh/detect';
import { testFactories as f } from '@ogoh/store';
import { foldKey } from '@ogoh/text';
import { openOgoh } from '../context.ts';
import { loadDetector } from './detect-items.ts';
import { changedNarratives, redetectForTaxonomy, taxonomyFingerprint } from './taxonomy-refresh.ts';

const BUNDLED = new URL('../../../detect/taxonomy/narratives.yaml', import.meta.url);
const GUARANTOR = 'ru-indispensable-security-guarantor';

test('changed narratives: one edited cue names one narrative; a scoring change names all', () => {
  const yaml = readFileSync(BUNDLED, 'utf8');
  const base = taxonomyFingerprint(defaultTaxonomy());
  assert.deepEqual(changedNarratives(base, base), []);
  const at =
    yaml.indexOf('    indicators:\n', yaml.indexOf(`  - id: ${GUARANTOR}`)) + '    indicators:\n'.length;
  const oneCue = loadTaxonomy(`${yaml.slice(0, at)}      - { tg: "ҷашни Наврӯз" }\n${yaml.slice(at)}`);
  assert.deepEqual(changedNarratives(base, taxonomyFingerprint(oneCue)), [GUARANTOR]);
  const scoring = loadTaxonomy(
    yaml.replace(/cue_only_cap: ([\d.]+)/, (_m, v) => `cue_only_cap: ${Number(v) - 0.05}`),
  );
  assert.equal(
    changedNarratives(base, taxonomyFingerprint(scoring)).length,
    defaultTaxonomy().narratives.length,
  );
  // a comment-only edit changes the version hash but no narrative
  const comment = loadTaxonomy(`# reviewed\n${yaml}`);
  assert.notEqual(comment.version, defaultTaxonomy().version);
  assert.deepEqual(changedNarratives(base, taxonomyFingerprint(comment)), []);
});

test('translated convergence mechanisms are display text: same version, same fingerprint, nothing re-detected', () => {
  const yaml = readFileSync(BUNDLED, 'utf8');
  const untranslated = loadTaxonomy(yaml.replace(/^ {4}mechanism_(ru|tg): .*\n/gm, ''));
  assert.equal(untranslated.convergencePairs[0]!.mechanisms.tg, undefined);
  assert.equal(untranslated.version, defaultTaxonomy().version);
  assert.deepEqual(taxonomyFingerprint(untranslated), taxonomyFingerprint(defaultTaxonomy()));
  // the English mechanism goes into detections: a change there is a change for every label
  const english = loadTaxonomy(yaml.replace('incompetent and corrupt', 'corrupt and incompetent'));
  assert.equal(
    changedNarratives(taxonomyFingerprint(defaultTaxonomy()), taxonomyFingerprint(english)).length,
    defaultTaxonomy().narratives.length,
  );
});

test('no recorded taxonomy: only items with detections of another version are re-detected, once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogoh-taxrefresh-'));
  const app = await openOgoh({ db: join(dir, 'o.db') });
  try {
    await app.store.putSource(f.source({ id: 'src-test' }));
    const text =
      'Русия кафили амнияти Тоҷикистон аст. Танҳо Русия ҳимоя карда метавонад, пойгоҳи низомии 201 моро аз таҳдид аз Афғонистон муҳофизат мекунад.';
    const stale = f.item({ lang: 'tg', text, foldText: foldKey(text), published: '2026-11-01T10:00:00Z' });
    const fresh = f.item({
      lang: 'tg',
      text: `${text} `,
      foldText: foldKey(text),
      published: '2026-11-01T11:00:00Z',
    });
    await app.store.writeBatch({ items: [stale, fresh], payloads: [f.payload({ id: stale.payloadId })] });
    const detector = await loadDetector(app);
    const current = detector.taxonomy.version;
    const det = (itemId: string, version: string) => ({
      id: `dt-${itemId}`,
      itemId,
      kind: 'narrative' as const,
      label: 'old-label',
      score: 0.9,
      evidence: [],
      explain: {},
      model: `cues-${version}`,
      taxonomyVersion: version,
      createdAt: '2026-11-01T12:00:00Z',
    });
    await app.store.replaceDetections([stale.id], [det(stale.id, '2026.1.1+oldhash0')]);
    await app.store.replaceDetections([fresh.id], [det(fresh.id, current)]);

    const r = await redetectForTaxonomy(app, detector, new Map());
    assert.equal(r.redetected, 1);
    assert.equal(r.previous, '2026.1.1+oldhash0');
    const after = await app.store.detectionsFor([stale.id, fresh.id]);
    const ofStale = after.filter((d) => d.itemId === stale.id);
    assert.ok(!ofStale.some((d) => d.label === 'old-label'), 'the old version’s flags are gone');
    assert.ok(ofStale.some((d) => d.label === GUARANTOR && d.taxonomyVersion === current));
    assert.ok(
      after.some((d) => d.itemId === fresh.id && d.label === 'old-label'),
      'current-version items untouched',
    );
    assert.ok(existsSync(join(`${join(dir, 'o.db')}.models`, 'analysed-taxonomy.json')));
    // recorded now: a second run does nothing
    assert.equal((await redetectForTaxonomy(app, detector, new Map())).redetected, 0);
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
