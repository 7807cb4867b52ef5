import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { convergenceInItem } from './convergence.ts';
import { detect } from './detect.ts';
import { explainInWords } from './explain.ts';
import { train } from './model/model.ts';
import { defaultTaxonomy } from './taxonomy.ts';
import { checkWorthiness } from './worthiness.ts';

const taxonomy = defaultTaxonomy();
const FOLD: Record<string, string> = {
  ҳ: 'х',
  ҷ: 'ч',
  қ: 'к',
  ғ: 'г',
  ӣ: 'и',
  ӯ: 'у',
  Ҳ: 'Х',
  Ҷ: 'Ч',
  Қ: 'К',
  Ғ: 'Г',
  Ӣ: 'И',
  Ӯ: 'У',
};
const keyboardFold = (s: string) => s.replace(/[ҳҷқғӣӯҲҶҚҒӢӮ]/g, (c) => FOLD[c]!);
const flagged = (text: string, opts = {}) =>
  detect(text, { taxonomy, ...opts })
    .narratives.filter((n) => n.flagged)
    .map((n) => n.id)
    .sort();

const TAJIK = [
  'Режими тоғут ҳукумати лӯхтак аст. Ғуломони Маскав мусулмононро ба Русия месупоранд.',
  'Заминро барои қарз ба Чин доданд ва ҳоло захираҳоро мебаранд; ин доми қарз аст.',
  'Такрори солҳои 90-ум нашавад! Даҳшатҳои ҷанги шаҳрвандӣ ёдрас мекунанд, ки субот аз ҳама болотар аст.',
  'Ҳиҷоб анъанаи мо нест, ин либоси бегона аст ва риш нишонаи ифротгароӣ мебошад.',
];

test('Tajik typed on a Russian keyboard gets the same narratives as its proper spelling', () => {
  for (const text of TAJIK) {
    const proper = flagged(text);
    assert.ok(proper.length > 0, `expected a narrative in: ${text}`);
    assert.deepEqual(flagged(keyboardFold(text)), proper, text);
  }
});

test('evidence offsets index the original string', () => {
  const text =
    '🔥🔥 Срочно!\n\nКому это выгодно? За терактом стоят западные спецслужбы, а украинский след очевиден.';
  const r = detect(text, { taxonomy });
  const n = r.narratives.find((x) => x.id === 'ru-west-behind-terror');
  assert.ok(n?.flagged);
  assert.ok(n.evidence.length >= 2);
  for (const e of n.evidence) assert.equal(text.slice(e.start, e.end), e.text);
  for (const c of n.explain.cues) assert.equal(text.slice(c.start, c.end), c.text);
  assert.equal(r.taxonomyVersion, taxonomy.version);
});

test('benign religious, diaspora, Pamiri and neutral news texts are not flagged', () => {
  const lines = readFileSync(new URL('./fixtures/benign.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean);
  assert.ok(lines.length >= 15);
  for (const line of lines) assert.deepEqual(flagged(line), [], line);
});

test('a source affiliation is a small prior, never a decision on its own', () => {
  const neutral = 'Сегодня в Душанбе открылась новая школа, ученики получили учебники.';
  assert.deepEqual(flagged(neutral, { sourceAffiliation: 'russian-state' }), []);
  const weak = 'Россия — гарант безопасности региона.';
  const plain = detect(weak, { taxonomy, all: true }).narratives.find(
    (n) => n.id === 'ru-indispensable-security-guarantor',
  );
  const primed = detect(weak, { taxonomy, all: true, sourceAffiliation: 'russian-state' }).narratives.find(
    (n) => n.id === 'ru-indispensable-security-guarantor',
  );
  assert.ok(plain && primed);
  assert.ok(primed.score > plain.score, 'the prior raises the score');
  assert.ok(primed.score - plain.score < 0.2, 'but only a little');
  assert.equal(primed.explain.source?.affiliation, 'russian-state');
  const other = detect(weak, { taxonomy, all: true, sourceAffiliation: 'extremist' }).narratives.find(
    (n) => n.id === 'ru-indispensable-security-guarantor',
  );
  assert.equal(other?.score, plain.score, 'an affiliation of another family changes nothing');
});

test('topic anchors alone (a base, an organisation) do not flag a narrative', () => {
  assert.deepEqual(flagged('ОДКБ и 201-я военная база провели учения.'), []);
  assert.deepEqual(flagged('Денежные переводы из России и патент на работу.'), []);
});

test('cue-only scores are capped and say so; explanations exist in English, Russian and Tajik', () => {
  const text = TAJIK[0]!;
  const r = detect(text, { taxonomy });
  for (const n of r.narratives) assert.ok(n.score <= taxonomy.scoring.cueOnlyCap);
  assert.match(r.narratives[0]!.explain.combination, /no trained narrative model/);
  const en = explainInWords(r, 'en', { text });
  assert.match(en, /^Flagged as «.+» \(score 0\.\d\d\) because the text uses .*«Ғуломони Маскав»/);
  assert.match(explainInWords(r, 'ru', { text }), /^Отмечено как «Правительство как марионетка/);
  assert.match(explainInWords(r, 'tg', { text }), /^Ҳамчун «Ҳукумат ҳамчун лӯхтаки/);
  assert.match(explainInWords(detect('Обычный день.', { taxonomy }), 'en'), /^No narrative/);
});

test('technique hints work without a model and name their spans', () => {
  const text = 'Ин ҳама медонанд! Роҳи дигаре нест: ҳозир ё ҳеҷ гоҳ.';
  const r = detect(text, { taxonomy, lang: 'tg' });
  const ids = r.techniques.filter((t) => t.flagged).map((t) => t.id);
  assert.ok(ids.includes('Appeal_to_Popularity'), ids.join(','));
  assert.ok(ids.includes('Appeal_to_Time'), ids.join(','));
  for (const t of r.techniques) {
    assert.equal(t.explain.basis, 'cues');
    for (const s of t.spans) assert.ok(s.start >= 0 && s.end <= text.length && s.end > s.start);
  }
  assert.ok(r.paragraphs.length === 1 && r.paragraphs[0]!.techniques.length >= 2);
  assert.equal(r.modelVersions.techniques, undefined);
});

test('a technique model is used only for languages it was trained on, and its version is reported', () => {
  const examples = Array.from({ length: 120 }, (_, i) => ({
    id: `e${i}`,
    lang: 'ru' as const,
    text:
      i % 2
        ? `Это позор и кошмар, варвары снова лгут номер ${i}!`
        : `Погода в городе ${i} сегодня спокойная.`,
    labels: i % 2 ? ['Loaded_Language'] : [],
  }));
  const model = train('techniques', examples, {
    features: { bits: 12 },
    epochs: 4,
    labels: ['Loaded_Language'],
  });
  const ru = detect('Это позор и кошмар, варвары снова лгут!', { taxonomy, techniqueModel: [model] });
  assert.equal(ru.modelVersions.techniques, model.meta.version);
  assert.ok(ru.techniques.some((t) => t.id === 'Loaded_Language' && t.explain.basis.startsWith('model')));
  const tg = detect('Ин шармовар аст!', { taxonomy, techniqueModel: model, lang: 'tg' });
  assert.equal(tg.modelVersions.techniques, undefined);
});

test('convergence inside one item needs two actor families of one pair', () => {
  const text =
    'Коррумпированный клан правит самой бедной страной региона, режим не справляется. Светское государство провалилось: только шариат даст справедливость.';
  const r = detect(text, { taxonomy });
  const ids = r.narratives.filter((n) => n.flagged).map((n) => n.id);
  assert.ok(
    ids.includes('ru-tajik-state-failed') && ids.includes('isk-tajik-state-failed-tyranny'),
    ids.join(','),
  );
  const [signal] = convergenceInItem(r.narratives, taxonomy);
  assert.equal(signal?.pair, 'cp-failed-tajik-state');
  assert.match(signal!.mechanism, /incompetent and corrupt/);
  assert.deepEqual(new Set(signal!.narratives.map((n) => n.family)), new Set(['russian-state', 'isk']));
  assert.ok(signal!.narratives.every((n) => n.evidence.length > 0));
  // two narratives of ONE family are not convergence
  assert.deepEqual(
    convergenceInItem(
      [
        { id: 'ru-tajik-state-failed', score: 0.9, evidence: [] },
        { id: 'ru-economic-dependency-migrants', score: 0.9, evidence: [] },
      ],
      taxonomy,
    ),
    [],
  );
});

test('check-worthiness rises with figures, actors, narratives and reach, and gives its reasons', () => {
  const plain = checkWorthiness({ text: 'Сегодня хорошая погода.' });
  assert.equal(plain.score, 0);
  assert.deepEqual(plain.reasons, []);
  const text = 'Россия выделит 500 млн долларов, а ОДКБ — единственный гарант безопасности, заявил Путин.';
  const claim = checkWorthiness({ text });
  assert.ok(claim.score > 0.2);
  assert.deepEqual(new Set(claim.reasons.map((r) => r.kind)), new Set(['numbers', 'actors']));
  const viral = checkWorthiness({
    text,
    result: detect(text, { taxonomy }),
    reach: { views: 250_000, forwards: 900, outlets: 4 },
  });
  assert.ok(viral.score > claim.score);
  assert.ok(viral.reasons.some((r) => r.kind === 'reach') && viral.reasons.some((r) => r.kind === 'spread'));
  for (const r of viral.reasons) assert.ok(r.weight > 0 && r.weight < 1 && r.detail.length > 0);
});

test('evaluateDetection scores the cue detector on labelled texts', async () => {
  const { evaluateDetection } = await import('./detect.ts');
  const r = evaluateDetection('narratives', [
    { id: '1', text: TAJIK[0]!, labels: ['isk-government-puppet-of-foreign-powers'] },
    { id: '2', text: 'Имрӯз ҳаво гарм аст.', labels: [] },
    { id: '3', text: 'Сегодня тёплая погода.', labels: ['ru-west-destabiliser'] },
  ]);
  assert.equal(r.n, 3);
  assert.equal(r.micro.precision, 1);
  assert.equal(r.micro.recall, 0.5);
  assert.equal(r.labels.length, taxonomy.narratives.length);
});
