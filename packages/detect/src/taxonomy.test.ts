import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { OgohError } from '@ogoh/core';
import { defaultTaxonomy, loadTaxonomy, taxonomyVersion } from './taxonomy.ts';

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
