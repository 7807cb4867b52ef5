/**
 * Detection evaluation: narratives (cue matching, optionally plus a small trained model), the benign
 * control set, and persuasion techniques on SemEval-2023 Task 3 (ru, en) and UNLP 2025 (ru).
 *
 *   node --import tsx scripts/eval-detect.ts                       # all tasks, print the tables
 *   node --import tsx scripts/eval-detect.ts --task narratives      # narratives + benign
 *   node --import tsx scripts/eval-detect.ts --task benign          # benign false-positive rates only
 *   node --import tsx scripts/eval-detect.ts --task techniques      # needs ../shared/data (OGOH_SHARED)
 *   node --import tsx scripts/eval-detect.ts --fit                  # fit the narrative score calibration on dev
 *   node --import tsx scripts/eval-detect.ts --docs                 # … and write the sections of docs/EVALUATION.md
 *
 * Method. Narrative and benign data are project-authored (packages/detect/eval/*.jsonl, split
 * dev|test); coefficients, cue kinds and thresholds are tuned on `dev` only and figures are reported
 * on `test`. Techniques: SemEval-2023's train split (the dev gold is not distributed here) is split
 * by ARTICLE id, 80 % train / 20 % held out (a fixed hash of the id, so the split never changes);
 * models train on the 80 %, choose their thresholds on a slice of it, and are scored once on the
 * held-out 20 %. UNLP 2025 posts (ru) are split the same way by post id. Models trained here are
 * written to a temporary directory and never committed (the datasets are research-only).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { digest, type Lang } from '@ogoh/core';
import {
  analyzeText,
  defaultTaxonomy,
  detect,
  type Example,
  evaluate,
  loadTaxonomy,
  type Model,
  matchCues,
  multiLabelReport,
  narrativeSignals,
  type Report,
  recordEvaluation,
  reportTable,
  saveModel,
  signalFeatures,
  type Taxonomy,
  TECHNIQUE_IDS,
  taxonomyMatcher,
  train,
} from '@ogoh/detect';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const task = option('task') ?? 'all';
const fit = args.includes('--fit');
const writeDocs = args.includes('--docs');
const shared = process.env.OGOH_SHARED ?? join(root, '../shared');
const log = (...a: unknown[]) => console.error(...a);

interface EvalRow {
  id: string;
  lang: Lang;
  split: 'dev' | 'test';
  labels?: string[];
  topic?: string;
  variant?: string;
  text: string;
}

function readJsonl(file: string): EvalRow[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const r = JSON.parse(l) as EvalRow;
      if (!r.id || !r.lang || !r.text || (r.split !== 'dev' && r.split !== 'test'))
        throw new Error(`${file}:${i + 1}: needs id, lang, split (dev|test), text`);
      return r;
    });
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const f3 = (x: number) => x.toFixed(3);

// ------------------------------------------------------------------------------------- sections

const sections: Record<string, string> = {};

function writeSections(): void {
  const file = join(root, 'docs/EVALUATION.md');
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text =
      '# Evaluation\n\nHow Ogoh measures itself: held-apart data, documented methods, no tuning on test splits.\n';
  }
  for (const [heading, body] of Object.entries(sections)) {
    const block = `## ${heading}\n\n${body.trim()}\n`;
    const start = text.indexOf(`\n## ${heading}\n`);
    if (start < 0) {
      text = `${text.trimEnd()}\n\n${block}`;
      continue;
    }
    const next = text.indexOf('\n## ', start + 4);
    text = `${text.slice(0, start + 1)}${block}${next < 0 ? '' : text.slice(next)}`;
  }
  writeFileSync(file, text);
  log(`wrote ${Object.keys(sections).join(', ')} into docs/EVALUATION.md`);
}

// ------------------------------------------------------------------------------------ narratives

const narrativesFile = join(root, 'packages/detect/eval/narratives.jsonl');
const benignFile = join(root, 'packages/detect/eval/benign.jsonl');

function flaggedNarratives(text: string, tax: Taxonomy, model?: Model): string[] {
  const r = detect(text, { taxonomy: tax, ...(model ? { narrativeModel: model } : {}), explainFeatures: 0 });
  return r.narratives.filter((n) => n.flagged).map((n) => n.id);
}

function fpRate(rows: EvalRow[], tax: Taxonomy, model?: Model): { rate: number; flagged: EvalRow[] } {
  const flagged = rows.filter((r) => flaggedNarratives(r.text, tax, model).length > 0);
  return { rate: rows.length ? flagged.length / rows.length : 0, flagged };
}

/** Logistic regression by Newton's method with a small ridge (few features, few hundred rows). */
function logistic(xs: number[][], ys: number[], ridge = 0.5): number[] {
  const d = xs[0]!.length + 1;
  const w = new Array<number>(d).fill(0);
  for (let it = 0; it < 50; it++) {
    const g = new Array<number>(d).fill(0);
    const h = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    xs.forEach((x0, i) => {
      const x = [1, ...x0];
      const z = x.reduce((a, v, j) => a + v * w[j]!, 0);
      const p = 1 / (1 + Math.exp(-z));
      for (let j = 0; j < d; j++) {
        g[j]! += (p - ys[i]!) * x[j]!;
        for (let k = 0; k < d; k++) h[j]![k]! += p * (1 - p) * x[j]! * x[k]!;
      }
    });
    for (let j = 1; j < d; j++) {
      g[j]! += ridge * w[j]!;
      h[j]![j]! += ridge;
    }
    // solve h · step = g (Gaussian elimination)
    const m = h.map((row, i) => [...row, g[i]!]);
    for (let c = 0; c < d; c++) {
      let p = c;
      for (let r = c + 1; r < d; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
      [m[c], m[p]] = [m[p]!, m[c]!];
      if (Math.abs(m[c]![c]!) < 1e-12) continue;
      for (let r = 0; r < d; r++) {
        if (r === c) continue;
        const f = m[r]![c]! / m[c]![c]!;
        for (let k = c; k <= d; k++) m[r]![k]! -= f * m[c]![k]!;
      }
    }
    let delta = 0;
    for (let j = 0; j < d; j++) {
      const step = Math.abs(m[j]![j]!) < 1e-12 ? 0 : m[j]![d]! / m[j]![j]!;
      w[j]! -= step;
      delta += Math.abs(step);
    }
    if (delta < 1e-8) break;
  }
  return w;
}

function fitCalibration(tax: Taxonomy, dev: EvalRow[], benignDev: EvalRow[]): void {
  const matcher = taxonomyMatcher(tax);
  const xs: number[][] = [];
  const ys: number[] = [];
  for (const r of [...dev, ...benignDev]) {
    const sigs = narrativeSignals(tax, matchCues(matcher, analyzeText(r.text)));
    for (const s of sigs) {
      const [x, d, f] = signalFeatures(s);
      xs.push([x, d, f]);
      ys.push(r.labels?.includes(s.id) ? 1 : 0);
    }
  }
  const [bias, cues, distinct, family] = logistic(xs, ys);
  const c = tax.scoring.calibration;
  log(
    `fitted on ${xs.length} (item, narrative) signals from dev: bias ${f3(bias!)}, cues ${f3(cues!)}, agreement ${f3(distinct!)}, family ${f3(family!)} (source stays ${c.source}: dev items carry no source)`,
  );
  const scan: { t: number; f1: number; fp: number }[] = [];
  for (let t = 0.3; t <= 0.9001; t += 0.025) {
    const thr = loadTaxonomy(
      readFileSync(join(root, 'packages/detect/taxonomy/narratives.yaml'), 'utf8')
        .replace(
          /calibration: \{[^}]*\}/,
          `calibration: {bias: ${f3(bias!)}, cues: ${f3(cues!)}, distinct: ${f3(distinct!)}, family: ${f3(family!)}, source: ${c.source}}`,
        )
        .replace(/threshold: [0-9.]+\n/, `threshold: ${t.toFixed(3)}\n`),
    );
    const rows = [...dev, ...benignDev];
    const rep = multiLabelReport(
      thr.narratives.map((n) => n.id),
      rows.map((r) => r.labels ?? []),
      rows.map((r) => flaggedNarratives(r.text, thr)),
    );
    const fp = fpRate(benignDev, thr).rate;
    log(`  threshold ${t.toFixed(3)}: dev micro-F1 ${f3(rep.micro.f1)}, benign-dev FP ${pct(fp)}`);
    if (fp <= 0.02) scan.push({ t, f1: rep.micro.f1, fp });
  }
  // the middle of the best plateau (within 0.005 F1 of the best), not its edge: sturdier on new data
  const top = Math.max(...scan.map((x) => x.f1));
  const plateau = scan.filter((x) => x.f1 >= top - 0.005);
  const best = plateau[Math.floor((plateau.length - 1) / 2)]!;
  log(`chosen threshold ${best.t.toFixed(3)} (dev micro-F1 ${f3(best.f1)}, benign-dev FP ${pct(best.fp)})`);
  console.log(
    `calibration: {bias: ${f3(bias!)}, cues: ${f3(cues!)}, distinct: ${f3(distinct!)}, family: ${f3(family!)}, source: ${c.source}}\nthreshold: ${best.t.toFixed(3)}`,
  );
}

function evalNarratives(): void {
  const tax = defaultTaxonomy();
  const all = readJsonl(narrativesFile);
  const benign = readJsonl(benignFile);
  const dev = all.filter((r) => r.split === 'dev');
  const test = all.filter((r) => r.split === 'test');
  const benignDev = benign.filter((r) => r.split === 'dev');
  const benignTest = benign.filter((r) => r.split === 'test');
  if (fit) {
    fitCalibration(tax, dev, benignDev);
    return;
  }
  const ids = tax.narratives.map((n) => n.id);
  const run = (rows: EvalRow[], model?: Model) => rows.map((r) => flaggedNarratives(r.text, tax, model));
  const units = [...test, ...benignTest];
  const predicted = run(units);
  const report = multiLabelReport(
    ids,
    units.map((r) => r.labels ?? []),
    predicted,
  );
  const devUnits = [...dev, ...benignDev];
  const devReport = multiLabelReport(
    ids,
    devUnits.map((r) => r.labels ?? []),
    run(devUnits),
  );

  // recall by language and variant (test positives)
  const recallBy = (key: (r: EvalRow) => string) => {
    const groups = new Map<string, { hit: number; n: number }>();
    test.forEach((r, i) => {
      const g = groups.get(key(r)) ?? { hit: 0, n: 0 };
      const gold = r.labels ?? [];
      g.n += gold.length;
      g.hit += gold.filter((l) => predicted[i]!.includes(l)).length;
      groups.set(key(r), g);
    });
    return [...groups].map(([k, v]) => `| ${k} | ${v.n} | ${pct(v.hit / v.n)} |`).join('\n');
  };

  // cues + a narrative model trained on dev (narratives dev + benign dev as negatives)
  const trainRows: Example[] = devUnits.map((r) => ({
    id: r.id,
    text: r.text,
    lang: r.lang,
    labels: r.labels ?? [],
  }));
  const model = train('narratives', trainRows, {
    labels: ids,
    epochs: 10,
    holdout: 0,
    created: '2026-11-27T00:00:00.000Z',
  });
  const withModel = multiLabelReport(
    ids,
    units.map((r) => r.labels ?? []),
    run(units, model),
  );
  const benignModel = fpRate(benignTest, tax, model);

  const fpTest = fpRate(benignTest, tax);
  const fpDev = fpRate(benignDev, tax);
  const byGroup = (rows: EvalRow[], key: (r: EvalRow) => string) => {
    const g = new Map<string, EvalRow[]>();
    for (const r of rows) g.set(key(r), [...(g.get(key(r)) ?? []), r]);
    return [...g]
      .sort()
      .map(([k, rs]) => `| ${k} | ${rs.length} | ${pct(fpRate(rs, tax).rate)} |`)
      .join('\n');
  };

  log(reportTable(report));
  log(
    `test micro-F1 ${f3(report.micro.f1)} macro-F1 ${f3(report.macro.f1)}; dev micro-F1 ${f3(devReport.micro.f1)}`,
  );
  log(`with a model trained on dev: micro-F1 ${f3(withModel.micro.f1)}, benign FP ${pct(benignModel.rate)}`);
  log(
    `benign FP: test ${pct(fpTest.rate)} (${fpTest.flagged.length}/${benignTest.length}), dev ${pct(fpDev.rate)}`,
  );
  for (const r of [...fpTest.flagged, ...fpDev.flagged])
    log(`  FP ${r.id} [${r.split}] ${flaggedNarratives(r.text, tax).join(',')}: ${r.text.slice(0, 100)}`);
  const misses = test.filter((r, i) => (r.labels ?? []).some((l) => !predicted[i]!.includes(l)));
  log(`test misses: ${misses.length}`);
  for (const r of misses.slice(0, 80))
    log(`  miss ${r.id} ${r.lang} ${r.variant ?? ''} ${r.labels}: ${r.text.slice(0, 90)}`);

  sections.Narratives = `
Data: \`packages/detect/eval/narratives.jsonl\` — ${all.length} short texts written for Ogoh (synthetic,
non-operational paraphrases of each narrative's frame), 12 per narrative across Russian, Tajik
(including one keyboard-folded text per narrative: ҳ→х ҷ→ч қ→к ғ→г ӣ→и ӯ→у), English and Uzbek
(Latin), plus ${all.filter((r) => r.variant === 'two-frames').length} texts carrying two frames. Two texts per narrative are
*paraphrases* written without any of the taxonomy's cue phrases. Split: dev ${dev.length} / test ${test.length}. Precision is
measured with the benign test items (${benignTest.length}) in the pool, so false positives on ordinary speech count.

Method: \`detect()\` with the bundled taxonomy (${tax.version}) and no trained model (cue matching on
normalised, folded and stemmed tokens, scored by the calibrated combination in the taxonomy's
\`scoring\` block). The calibration coefficients and the threshold (${tax.scoring.threshold}) were fitted and chosen on
**dev only** (\`scripts/eval-detect.ts --fit\`); cue kinds (specific / default / generic / anchor) were set
beforehand from the research notes on which cues are ordinary speech, not tuned. The figures below are **test**.
Caveat: the texts and the cues were written by the same team, so these figures measure how well the
matcher generalises over inflection, folding, word order and language — not how often real-world
narratives use the taxonomy's wording. Treat them as an upper bound for cue matching; the
paraphrase rows show what happens without the cue wording.

| | micro P | micro R | micro F1 | macro F1 |
|---|---:|---:|---:|---:|
| test, cues only | ${f3(report.micro.precision)} | ${f3(report.micro.recall)} | **${f3(report.micro.f1)}** | ${f3(report.macro.f1)} |
| dev, cues only (tuned here) | ${f3(devReport.micro.precision)} | ${f3(devReport.micro.recall)} | ${f3(devReport.micro.f1)} | ${f3(devReport.macro.f1)} |
| test, cues + model trained on dev (${trainRows.length} texts) | ${f3(withModel.micro.precision)} | ${f3(withModel.micro.recall)} | ${f3(withModel.micro.f1)} | ${f3(withModel.macro.f1)} |

The model row shows that a narrative model trained on a couple of hundred texts hurts: its scores are
combined with the cues by adding log-odds, so wherever the under-trained model scores a text below its
prior for a narrative, it pulls a good cue match under the threshold. Train narrative models on a few thousand labelled items before enabling them.

Recall on test positives by language and by variant:

| language | gold labels | recall |
|---|---:|---:|
${recallBy((r) => r.lang)}

| variant | gold labels | recall |
|---|---:|---:|
${recallBy((r) => r.variant ?? 'plain (may use cue wording)')}

Per narrative (test, cues only):

${reportTable(report)}

`;

  sections['Benign control set'] = `
Data: \`packages/detect/eval/benign.jsonl\` — ${benign.length} ordinary texts written for Ogoh in Tajik
(${benign.filter((r) => r.lang === 'tg').length}, of which ${benign.filter((r) => r.variant === 'keyboard-folded').length} keyboard-folded), Russian (${benign.filter((r) => r.lang === 'ru').length}), English (${benign.filter((r) => r.lang === 'en').length}) and Uzbek (${benign.filter((r) => r.lang === 'uz').length}):
religious practice (Ramadan, Friday prayer, Eid, hajj, the hijri new year, a funeral prayer for a
fallen soldier), migrant and diaspora life (patents, remittances, consular help), Pamiri culture
(rubab, Navruz, Imamat Day, Chiragh-e Rawshan) and neutral news about Russia, China, the CSTO, the
201st base, migration figures, the Crocus trial, the law on traditions and Afghan border trade. They
deliberately share vocabulary with the narratives (ОДКБ, 201-я база, патент, переводы, хиджра,
халифат Аббасидов, Хуросон, шаҳид, старший брат…). Split dev ${benignDev.length} / test ${benignTest.length}; only dev was looked at while tuning.

Metric: share of items flagged with **any** narrative at the default threshold. Target ≤ 2 %.

| split | items | false-positive rate |
|---|---:|---:|
| test | ${benignTest.length} | **${pct(fpTest.rate)}** |
| dev | ${benignDev.length} | ${pct(fpDev.rate)} |
| test, cues + model trained on dev | ${benignTest.length} | ${pct(benignModel.rate)} |

By language (all ${benign.length} items):

| language | items | false-positive rate |
|---|---:|---:|
${byGroup(benign, (r) => r.lang + (r.variant === 'keyboard-folded' ? ' (folded)' : ''))}

By topic (all items):

| topic | items | false-positive rate |
|---|---:|---:|
${byGroup(benign, (r) => r.topic ?? '?')}

With ${benignTest.length} test items, 0 false positives still allows a true rate of up to about ${pct(3 / benignTest.length)} (95 % upper bound,
rule of three); the set is small and written by the team, so treat the figure as a regression guard.

${fpTest.flagged.length + fpDev.flagged.length === 0 ? 'No benign item was flagged.' : `Flagged benign items: ${[...fpTest.flagged, ...fpDev.flagged].map((r) => `\`${r.id}\` (${flaggedNarratives(r.text, tax).join(', ')})`).join('; ')}.`}
`;
}

// ------------------------------------------------------------------------------------ techniques

const SEMEVAL = join(shared, 'data/semeval2023-task3-persuasion/paragraph_level');
const UNLP = join(shared, 'data/unlp2025-telegram-manipulation/train.jsonl');

/** UNLP 2025 label → SemEval-2023 label (unmapped: euphoria, cherry_picking). */
export const UNLP_TO_SEMEVAL: Readonly<Record<string, string>> = {
  loaded_language: 'Loaded_Language',
  glittering_generalities: 'Appeal_to_Values',
  appeal_to_fear: 'Appeal_to_Fear-Prejudice',
  fud: 'Appeal_to_Fear-Prejudice',
  bandwagon: 'Appeal_to_Popularity',
  cliche: 'Conversation_Killer',
  whataboutism: 'Whataboutism',
  straw_man: 'Straw_Man',
};
const UNLP_LABELS = [...new Set(Object.values(UNLP_TO_SEMEVAL))];

/**
 * Fixed ≈20 % held out by id: content hashes, so the split is the same on every machine and run.
 * Two conditions because the first one alone (kept as it was during development) selects about a
 * third of the ids — parseInt reads only part of a base32 digest — and all tuning by cross-validation
 * was done on the ids it leaves out; the second condition keeps two thirds of its ids, so the held-out
 * articles are a subset of those never seen during tuning.
 */
const B32 = 'abcdefghijklmnopqrstuvwxyz234567';
const bucket = (key: string) =>
  [...digest(key).slice(0, 6)].reduce((a, c) => a * 32 + B32.indexOf(c), 0) % 100;
const heldOut = (key: string) =>
  Number.parseInt(digest(key).slice(0, 6), 32) % 100 < 20 && bucket(`${key}#2`) < 67;

function semeval(lang: 'ru' | 'en'): (Example & { held: boolean })[] {
  const dir = join(SEMEVAL, lang);
  const texts = new Map<string, string>();
  for (const line of readFileSync(join(dir, 'train-labels-subtask-3.template'), 'utf8').split('\n')) {
    const [a, n, ...rest] = line.split('\t');
    if (a && n && rest.length) texts.set(`${a}\t${n}`, rest.join('\t'));
  }
  const out: (Example & { held: boolean })[] = [];
  for (const line of readFileSync(join(dir, 'train-labels-subtask-3.txt'), 'utf8').split('\n')) {
    const [a, n, labels] = line.split('\t');
    if (!a || !n) continue;
    const text = texts.get(`${a}\t${n}`);
    if (!text?.trim()) continue;
    out.push({
      id: `${lang}-${a}-${n}`,
      text,
      lang,
      labels: (labels ?? '').split(',').filter(Boolean),
      group: `${lang}-${a}`,
      held: heldOut(`semeval-${lang}-${a}`),
    });
  }
  // each paragraph's context is its whole article (paragraphs in line order)
  const articles = new Map<string, string[]>();
  for (const e of out) articles.set(e.group!, [...(articles.get(e.group!) ?? []), e.text]);
  for (const e of out) e.context = articles.get(e.group!)!.join('\n');
  return out;
}

function unlp(): (Example & { held: boolean })[] {
  return readFileSync(UNLP, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: string; content: string; lang: string; techniques: string[] | null })
    .filter((r) => r.lang === 'ru' && r.content.trim())
    .map((r) => ({
      id: `unlp-${r.id}`,
      text: r.content,
      lang: 'ru' as Lang,
      labels: [
        ...new Set((r.techniques ?? []).map((t) => UNLP_TO_SEMEVAL[t]).filter((t): t is string => !!t)),
      ],
      annotated: UNLP_LABELS,
      group: `unlp-${r.id}`,
      held: heldOut(`unlp-${r.id}`),
    }));
}

function cueOnlyReport(rows: Example[]): Report {
  const tax = defaultTaxonomy();
  const pred = rows.map((e) =>
    detect(e.text, { taxonomy: tax, ...(e.lang ? { lang: e.lang } : {}), explainFeatures: 0 })
      .techniques.filter((t) => t.flagged)
      .map((t) => t.id),
  );
  return multiLabelReport(
    TECHNIQUE_IDS,
    rows.map((e) => e.labels),
    pred,
    rows.map((e) => e.annotated),
  );
}

function evalTechniques(): void {
  let ru: ReturnType<typeof semeval>;
  let en: ReturnType<typeof semeval>;
  let un: ReturnType<typeof unlp>;
  try {
    ru = semeval('ru');
    en = semeval('en');
    un = unlp();
  } catch (e) {
    log(`techniques: shared data not found under ${shared} (${(e as Error).message}); set OGOH_SHARED`);
    return;
  }
  const outDir = mkdtempSync(join(tmpdir(), 'ogoh-eval-detect-'));
  const trainOf = (xs: (Example & { held: boolean })[]) => xs.filter((e) => !e.held);
  const testOf = (xs: (Example & { held: boolean })[]) => xs.filter((e) => e.held);
  log(
    `SemEval ru ${ru.length} paragraphs (${testOf(ru).length} held out), en ${en.length} (${testOf(en).length}); UNLP ru ${un.length} posts (${testOf(un).length})`,
  );

  const epochs = Number(option('epochs') ?? 8);
  // Which variant is the headline for each language was decided beforehand by 4-fold CV on the
  // training portion (ru: SemEval ru alone beat ru+en and ru+UNLP); the others are reported too.
  const variants: { name: string; data: Example[]; evalOn: ('ru' | 'en' | 'unlp')[] }[] = [
    { name: 'SemEval ru', data: trainOf(ru), evalOn: ['ru', 'unlp'] },
    { name: 'SemEval en', data: trainOf(en), evalOn: ['en'] },
    { name: 'SemEval ru+en', data: [...trainOf(ru), ...trainOf(en)], evalOn: ['ru', 'en'] },
    { name: 'SemEval ru + UNLP ru', data: [...trainOf(ru), ...trainOf(un)], evalOn: ['ru', 'unlp'] },
  ];
  const sets = { ru: testOf(ru), en: testOf(en), unlp: testOf(un) };
  const results: {
    name: string;
    model: Model;
    reports: Partial<Record<'ru' | 'en' | 'unlp', Report>>;
    secs: number;
  }[] = [];
  for (const v of variants) {
    const t0 = performance.now();
    const model = train('techniques', v.data, {
      labels: TECHNIQUE_IDS,
      epochs,
      onEpoch: (e, of, phase) => log(`  ${v.name}: ${phase} epoch ${e}/${of}`),
    });
    const secs = (performance.now() - t0) / 1000;
    const reports: Partial<Record<'ru' | 'en' | 'unlp', Report>> = {};
    for (const k of v.evalOn) {
      reports[k] = evaluate(model, sets[k]);
      recordEvaluation(
        model,
        `heldout-${k}`,
        reports[k]!,
        'fixed 20 % held out by article (SemEval) or post id (UNLP)',
      );
    }
    const { json, weights } = saveModel(model);
    const file = join(outDir, `${model.meta.version}-${v.name.replace(/\W+/g, '-')}.json`);
    writeFileSync(file, json);
    writeFileSync(file.replace(/\.json$/, '.weights'), weights!);
    log(
      `${v.name}: ${secs.toFixed(0)} s; ${Object.entries(reports)
        .map(([k, r]) => `${k} micro-F1 ${f3(r.micro.f1)} macro ${f3(r.macro.f1)}`)
        .join('; ')}`,
    );
    results.push({ name: v.name, model, reports, secs });
  }
  const cueRu = cueOnlyReport(sets.ru);
  const cueEn = cueOnlyReport(sets.en);
  const cueUn = cueOnlyReport(sets.unlp);
  log(
    `cue hints only: ru micro ${f3(cueRu.micro.f1)}, en micro ${f3(cueEn.micro.f1)}, UNLP ru micro ${f3(cueUn.micro.f1)}`,
  );
  const ruModel = results[0]!;
  const enModel = results[1]!;
  log(reportTable(ruModel.reports.ru!));
  log(`models written to ${outDir} (not committed: trained on research-only data)`);

  const row = (name: string, r: Report | undefined) =>
    r
      ? `| ${name} | ${f3(r.micro.precision)} | ${f3(r.micro.recall)} | **${f3(r.micro.f1)}** | ${f3(r.macro.f1)} | ${r.n} |`
      : '';
  const others = results
    .flatMap((r) =>
      Object.entries(r.reports)
        .filter(([k]) => !((r === ruModel && k === 'ru') || (r === enModel && k === 'en')))
        .map(([k, rep]) =>
          row(`${k === 'unlp' ? 'UNLP ru posts (mapped labels)' : k} — model trained on ${r.name}`, rep),
        ),
    )
    .join('\n');
  sections['Persuasion techniques'] = `
The 23 SemEval-2023 Task 3 techniques (exact label strings), paragraph level, multi-label.

Data (read from \`../shared/data\`, never copied): SemEval-2023 Task 3 subtask 3 **train** split for
Russian (${ru.length} paragraphs, ${new Set(ru.map((e) => e.group)).size} articles) and English (${en.length} paragraphs,
${new Set(en.map((e) => e.group)).size} articles). The dev gold is not distributed, so 20 % of the train **articles** (a fixed
hash of the article id; ≈ 20 % of the paragraphs) are held out for evaluation (ru ${sets.ru.length} paragraphs, en ${sets.en.length}) and never used for
training, thresholds or model choice. UNLP 2025 (Russian Telegram posts, ${un.length}) is a second source, split the same
way by post id (${sets.unlp.length} held out); its labels are mapped to SemEval's where they correspond and only those labels
are scored (the others are neither positive nor negative for UNLP posts, in training and in scoring):

| UNLP 2025 | SemEval-2023 |
|---|---|
${Object.entries(UNLP_TO_SEMEVAL)
  .map(([a, b]) => `| ${a} | ${b} |`)
  .join('\n')}
| euphoria, cherry_picking | not mapped (no SemEval counterpart) |

\`fud\` (fear, uncertainty, doubt) is defined by UNLP as a subtype of appeal to fear, hence that mapping;
UNLP's whataboutism definition also covers what SemEval calls Appeal_to_Hypocrisy, so that mapping is loose.

Model: Ogoh's own one-vs-rest logistic regression (AdaGrad, L2 1e-4, ${epochs} epochs with the weights of the
second half averaged, positives of rare labels up-weighted by √(neg/pos) capped at 4) over hashed
features (2^18): word uni- and bigrams of stem keys, character 3–5-grams of keyboard-folded words,
punctuation/capitals/repetition shape features, the language, and the content words of the whole
article as context; features seen in fewer than 3 training paragraphs are dropped. Platt calibration
per label and one shared decision threshold (the one that maximises micro-F1) come from a 15 % slice
(by article) of the training portion, per language when a language has enough units there; the model
is then refitted on the whole training portion. No neural model, no external service, single core.
These settings, and the choice of a Russian-only model as the Russian headline, were made by 4-fold
cross-validation on the training portion only (CV micro-F1 ≈ 0.38 for ru, folds 0.36–0.43: the article
mix moves the figure more than any setting did; a shared threshold added ≈ 0.01, context and pruning
≈ 0.01 each). Macro-F1 stays low: with a few hundred examples per language the model learns the
frequent techniques (Loaded_Language, Doubt, Name_Calling-Labeling; barely Questioning_the_Reputation
and Exaggeration-Minimisation) and almost never predicts the rare ones.

| held-out 20 % | micro P | micro R | micro F1 | macro F1 | units |
|---|---:|---:|---:|---:|---:|
${row(`**ru** — model trained on ${ruModel.name}`, ruModel.reports.ru)}
${row(`**en** — model trained on ${enModel.name}`, enModel.reports.en)}
${others}
${row('ru — cue hints only (the Tajik method)', cueRu)}
${row('en — cue hints only', cueEn)}
${row('UNLP ru — cue hints only', cueUn)}

Published reference (not the same split): KInITVeraAI, XLM-RoBERTa-large, SemEval-2023 **dev** set,
micro-F1 ru **0.480**, en **0.425** (shared/data/semeval2023-task3-persuasion/PROVENANCE.md). The held-out
split here is drawn from the train distribution and is small (a few hundred paragraphs), so the comparison
is indicative only; the target for Russian without a neural model was micro-F1 ≥ 0.40.

Per technique, Russian held-out (model trained on ${ruModel.name}):

${reportTable(ruModel.reports.ru!)}

**Tajik and Uzbek.** There is no labelled persuasion-technique data in Tajik or Uzbek, so there is no Tajik
figure. For them Ogoh uses only the lexical hints in \`packages/detect/src/technique-cues.ts\` (draft phrases per
technique in en/ru/tg/uz, plus a repetition rule); a trained model is not applied to a language it saw fewer
than 50 training units of. The "cue hints only" rows show what that method reaches on Russian and English —
expect Tajik technique flags of roughly that quality (low recall, moderate precision): hints, not findings.
A real Tajik figure needs a labelled Tajik set.

Training cost here: ${results.map((r) => `${r.name} ${r.secs.toFixed(0)} s`).join(', ')} (one core of a shared machine,
including calibration and refit). Model files (JSON + Float32 weights, ${((ruModel.model.weights.length * 4) / 1e6).toFixed(0)} MB each) were written to a temporary
directory and are not part of the repository.

**Training your own model.** Operators train on data they are entitled to use:
\`ogoh train techniques --data my-paragraphs.jsonl\` — one JSON object per line:
\`{"id", "text", "lang"?, "labels": [...], "annotated"?: [...], "group"?, "context"?}\` (\`group\` keeps paragraphs of one
article on the same side of the calibration split, \`context\` is the article a paragraph comes from, \`annotated\`
lists the labels that were judged when a source labels only some techniques) — then
\`ogoh eval techniques --data held-out.jsonl\`. The same works for \`narratives\` with narrative ids as labels.
`;
}

// ------------------------------------------------------------------------------------------ main

if (task === 'narratives' || task === 'benign' || task === 'all') evalNarratives();
if ((task === 'techniques' || task === 'all') && !fit) evalTechniques();
if (task === 'benign')
  for (const k of Object.keys(sections)) if (k !== 'Benign control set') delete sections[k];
if (writeDocs && !fit) writeSections();
