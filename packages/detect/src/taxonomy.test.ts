import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { OgohError } from '@ogoh/core';
import {
  convergenceMechanism,
  defaultTaxonomy,
  loadTaxonomy,
  pairMechanism,
  taxonomyVersion,
} from './taxonomy.ts';

const bundledText = readFileSync(new URL('../taxonomy/narratives.yaml', import.meta.url), 'utf8');
const minimal = readFileSync(new URL('./fixtures/mini-taxonomy.yaml', import.meta.url), 'utf8');

function error(yaml: string): OgohError {
  try {
    loadTaxonomy(yaml, 'test.yaml');
  } catch (e) {
    assert.ok(e instanceof OgohError, `expected OgohError, got ${e}`);
    return e;
  }
  assert.fail('expected the taxonomy to be rejected');
}

test('the bundled taxonomy loads: 22 narratives, 9 convergence pairs, every indicator has an Uzbek cue', () => {
  const t = defaultTaxonomy();
  assert.equal(t.narratives.length, 22);
  assert.equal(t.convergencePairs.length, 9);
  assert.match(t.version, /^\d{4}\.\d{1,2}\.\d+\+[a-z2-7]{8}$/);
  for (const n of t.narratives)
    for (const i of n.indicators) assert.ok(i.cues.uz?.length, `${n.id}[${i.index}] has no uz cue`);
  const families = new Set(t.narratives.map((n) => n.actorFamily));
  assert.deepEqual([...families].sort(), ['isk', 'other', 'russian-state', 'tajik-state']);
  assert.equal(t.status, 'draft');
});

test('the taxonomy version changes with any edit, even a comment', () => {
  const a = loadTaxonomy(bundledText);
  const b = loadTaxonomy(`${bundledText}\n# reviewed by someone\n`);
  assert.notEqual(taxonomyVersion(a), taxonomyVersion(b));
  assert.equal(a.declaredVersion, b.declaredVersion);
  assert.equal(taxonomyVersion(a), taxonomyVersion(loadTaxonomy(bundledText)));
});

test('every convergence pair has its mechanism in Russian and in Tajik (Tajik letters, not Russian text)', () => {
  for (const p of defaultTaxonomy().convergencePairs) {
    const { en, ru, tg } = p.mechanisms;
    assert.equal(en, p.mechanism);
    assert.ok(ru && /[а-яё]{4}/i.test(ru) && !/[ҳҷқғӣӯ]/i.test(ru), `${p.id}: ru`);
    assert.ok(tg && /[ҳҷқғӣӯ]/i.test(tg), `${p.id}: tg has no Tajik letters`);
    // Tajik, not Russian: no Russian-only letters, and Tajik function words
    assert.ok(!/[щыьц]/i.test(tg), `${p.id}: tg has letters Tajik does not use`);
    assert.match(tg, /(^|\s)(ва|ки|аз|дар|ба|бо|ҳарду|мекунад|медиҳанд)(\s|$)/, p.id);
    assert.equal(pairMechanism(p, 'tg'), tg);
    assert.equal(pairMechanism(p, 'uz'), en, 'an untranslated language falls back to English');
  }
  assert.match(convergenceMechanism('cp-failed-tajik-state', 'tg')!, /давлати Тоҷикистон/);
  assert.match(convergenceMechanism('cp-failed-tajik-state', 'ru')!, /таджикское государство/);
  assert.equal(convergenceMechanism('cp-none', 'ru'), undefined);
});

test('translated mechanisms are display text: adding or editing them leaves the version as it was', () => {
  const bundled = loadTaxonomy(bundledText);
  const untranslated = bundledText.replace(/^ {4}mechanism_(ru|tg): .*\n/gm, '');
  assert.notEqual(untranslated, bundledText);
  const plain = loadTaxonomy(untranslated);
  assert.equal(plain.version, bundled.version, 'the file before the translations hashes the same');
  assert.equal(plain.convergencePairs[0]!.mechanisms.tg, undefined);
  assert.equal(pairMechanism(plain.convergencePairs[0]!, 'tg'), plain.convergencePairs[0]!.mechanism);
  const corrected = loadTaxonomy(bundledText.replace('нотавон ва фасодзада', 'бесалоҳият ва фасодзада'));
  assert.equal(corrected.version, bundled.version);
  assert.match(corrected.convergencePairs[0]!.mechanisms.tg!, /бесалоҳият/);
  // the English mechanism is copied into detections: editing it is a new version
  const english = loadTaxonomy(bundledText.replace('incompetent and corrupt', 'corrupt and incompetent'));
  assert.notEqual(english.version, bundled.version);
});

test('a translation is cut out of the hash by its lines: on a line (or block) of its own, or refused', () => {
  const base = loadTaxonomy(minimal, 'mini.yaml');
  const withTg = minimal.replace(
    '    mechanism: Both say the same.\n',
    '    mechanism: Both say the same.\n    mechanism_tg: Ҳарду як чизро мегӯянд.  # draft\n    mechanism_ru: >-\n      Обе стороны\n      говорят одно и то же.\n',
  );
  const t = loadTaxonomy(withTg, 'mini.yaml');
  assert.equal(t.version, base.version);
  assert.deepEqual(t.convergencePairs[0]!.mechanisms, {
    en: 'Both say the same.',
    ru: 'Обе стороны говорят одно и то же.',
    tg: 'Ҳарду як чизро мегӯянд.',
  });
  const flow = minimal.replace(
    / {2}- id: cp-test\n.*\n.*\n.*\n/,
    '  - { id: cp-test, narratives: [a-one, b-one], mechanism: Both say the same., mechanism_tg: Ҳарду, grounding: hypothesis }\n',
  );
  assert.notEqual(flow, minimal);
  const e = error(flow);
  assert.equal(e.code, 'INPUT_FIELD');
  assert.equal(e.field, 'convergence_pairs[0].mechanism_tg');
  assert.equal(e.line, 16);
  assert.match(e.message, /line of its own/);
});

test('a minimal taxonomy loads and computes cue weights from their kind', () => {
  const t = loadTaxonomy(minimal, 'mini.yaml');
  assert.equal(t.narratives.length, 2);
  const [a] = t.narratives;
  assert.equal(a!.indicators[0]!.weight, 0.85);
  assert.equal(a!.indicators[1]!.weight, 0.3);
  assert.deepEqual(a!.indicators[0]!.cues.tg, ['ҳукумати лӯхтак']);
});

test('validation errors name the file, line and field', () => {
  const e = error(minimal.replace('kind: specific', 'kind: specfic'));
  assert.equal(e.code, 'INPUT_FIELD');
  assert.equal(e.field, 'narratives[0].indicators[0].kind');
  assert.equal(e.file, 'test.yaml');
  assert.ok(e.line! > 1);
  assert.match(e.describe(), /test\.yaml:\d+:\d+ field "narratives\[0\]\.indicators\[0\]\.kind"/);
});

test('converges_with must be symmetric and name known narratives', () => {
  const asym = error(minimal.replace('converges_with: [b-one]', 'converges_with: []'));
  assert.equal(asym.field, 'narratives[1].converges_with[0]');
  assert.match(asym.message, /does not list/);
  const unknown = error(minimal.replace('converges_with: [b-one]', 'converges_with: [b-one, zz-missing]'));
  assert.equal(unknown.field, 'narratives[0].converges_with[1]');
  assert.match(unknown.message, /unknown narrative "zz-missing"/);
});

test('technique labels must be exact SemEval-2023 strings', () => {
  const e = error(
    minimal.replace('typical_techniques: [Loaded_Language]', 'typical_techniques: [Loaded-Language]'),
  );
  assert.equal(e.field, 'narratives[0].typical_techniques[0]');
});

test('missing fields, bad versions, unknown keys and broken YAML are rejected', () => {
  assert.equal(error(minimal.replace(/\n {4}description: .*\n/, '\n')).field, 'narratives[0].description');
  assert.equal(error(minimal.replace('version: "2026.11.1"', 'version: "v1"')).field, 'version');
  assert.equal(
    error(minimal.replace('    grounding: report\n', '    grounding: report\n    colour: red\n')).field,
    'narratives[0]',
  );
  assert.equal(
    error(minimal.replace('{tg: "ҳукумати лӯхтак", kind: specific}', '{kind: specific}')).field,
    'narratives[0].indicators[0]',
  );
  const syntax = error(minimal.replace('narratives:\n', 'narratives:\n  - [\n'));
  assert.equal(syntax.code, 'INPUT_PARSE');
  assert.ok(syntax.line! > 1);
  assert.equal(
    error(minimal.replace('narratives: [a-one, b-one]', 'narratives: [a-one, zz-missing]')).field,
    'convergence_pairs[0].narratives[1]',
  );
});
