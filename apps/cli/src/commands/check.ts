import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  type CheckOptions,
  type CheckResult,
  CLAIM_SCORE,
  checkText,
  checkTextWithSecondOpinion,
  claimMatcher,
  denseClaimMatcher,
  embedForCheck,
  llmConfigFromEnv,
  loadDetector,
  type Ogoh,
  openOgoh,
  operatorEmbedder,
  prepareText,
  resolveDbLocation,
} from '@ogoh/app';
import { OgohError } from '@ogoh/core';
import type { Command } from 'commander';
import { printJson } from '../output.ts';
import { globals } from './common.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('analyse a text without storing it (argument or stdin); --jsonl for batches')
    .argument('[text]', 'the text; read from stdin when omitted')
    .option('--jsonl', 'batch mode: each stdin line {"id","text","lang"?} → one stdout line, in order')
    .option('--explain', 'explain every flag in words, with its evidence, card and versions')
    .option('--explain-lang <lang>', 'language of the explanation: en, ru or tg', 'en')
    .option(
      '--llm',
      'also ask an OpenAI-compatible model (OGOH_LLM_URL, OGOH_LLM_MODEL, OGOH_LLM_KEY) for a second opinion, shown beside the flags',
    )
    .action(
      async (
        text: string | undefined,
        o: { jsonl?: boolean; explain?: boolean; explainLang: string; llm?: boolean },
        cmd: Command,
      ) => {
        const g = globals(cmd);
        const lang = o.explainLang;
        if (lang !== 'en' && lang !== 'ru' && lang !== 'tg')
          throw new OgohError('USAGE', `--explain-lang "${lang}" is not en, ru or tg`, {
            field: '--explain-lang',
          });
        const explain = o.explain ? lang : undefined;
        const llm = o.llm ? llmConfigFromEnv() : undefined;
        await prepareText();
        // The store, when there is one, contributes its trained models and its fact-check database;
        // checking never creates a store.
        const location = resolveDbLocation(g.db);
        let app: Ogoh | undefined;
        if (/^postgres(ql)?:\/\//i.test(location) || existsSync(location))
          app = await openOgoh({ db: location });
        try {
          const options: CheckOptions = { detector: await loadDetector(app) };
          if (explain) options.explain = explain;
          // With an embedding model (OGOH_EMBED_MODEL), claim matches add a dense similarity.
          let denseClaims: ((t: string) => Promise<{ id: string; score: number }[]>) | undefined;
          if (app) {
            const matcher = await claimMatcher(app);
            if (matcher.size > 0) {
              options.claims = (t) => matcher.match(t, 3, { minScore: CLAIM_SCORE.show });
              const embedder = await operatorEmbedder();
              if (embedder) {
                const dense = await denseClaimMatcher(app, embedder);
                denseClaims = (t) => dense.match(t, 3, { minScore: CLAIM_SCORE.show });
              }
            }
          }
          const run = async (t: string, id?: string): Promise<CheckResult> => {
            let opts = await embedForCheck(t, options);
            if (denseClaims) {
              const found = await denseClaims(t);
              opts = { ...opts, claims: () => found };
            }
            return llm ? checkTextWithSecondOpinion(t, id, opts, llm) : checkText(t, id, opts);
          };
          if (o.jsonl) await checkLines(run);
          else await checkOne(text, g.json === true, run);
        } finally {
          await app?.close();
        }
      },
    );
}

/** One line in, one line out, in order; a bad line gets an error line and exit code 2 at the end. */
type Run = (text: string, id?: string) => Promise<CheckResult>;

async function checkLines(run: Run): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  let bad = 0;
  for await (const l of rl) {
    line++;
    if (!l.trim()) continue;
    let rec: { id?: unknown; text?: unknown };
    try {
      rec = JSON.parse(l);
    } catch {
      bad++;
      process.stderr.write(`ogoh: stdin:${line}: not valid JSON; skipped\n`);
      process.stdout.write(`${JSON.stringify({ id: null, line, error: 'INPUT_PARSE' })}\n`);
      continue;
    }
    if (typeof rec.text !== 'string') {
      bad++;
      process.stderr.write(`ogoh: stdin:${line}: field "text" must be a string; skipped\n`);
      process.stdout.write(`${JSON.stringify({ id: rec.id ?? null, line, error: 'INPUT_FIELD' })}\n`);
      continue;
    }
    const id = rec.id === undefined ? undefined : String(rec.id);
    process.stdout.write(`${JSON.stringify(await run(rec.text, id))}\n`);
  }
  if (bad) process.exitCode = 2;
}

async function checkOne(text: string | undefined, json: boolean, run: Run): Promise<void> {
  const input = text ?? (process.stdin.isTTY ? '' : await readStdin());
  if (!input.trim())
    throw new OgohError('USAGE', 'no text to check', { hint: 'pass the text as an argument or on stdin' });
  const r = await run(input);
  if (json) printJson(r);
  else process.stdout.write(`${describe(r, input).join('\n')}\n`);
}

function describe(r: CheckResult, input: string): string[] {
  const out = [`language: ${r.lang} (confidence ${r.confidence.toFixed(2)}, script ${r.script})`];
  for (const s of r.sentences ?? [])
    out.push(`  ${s.lang} ${s.start}-${s.end}: ${input.slice(s.start, s.end).trim().slice(0, 60)}`);
  const ev = (e: { text: string }[]) => e.map((x) => `«${x.text}»`).join(', ');
  out.push(
    `narratives: ${r.narratives.map((n) => `${n.id} ${n.score.toFixed(2)} ${ev(n.evidence)}`).join('; ') || 'none'}`,
  );
  out.push(`techniques: ${r.techniques.map((t) => `${t.id} ${t.score.toFixed(2)}`).join('; ') || 'none'}`);
  out.push(`claims: ${r.claims.map((c) => `${c.id} ${c.score.toFixed(2)}`).join('; ') || 'none'}`);
  out.push(
    `versions: taxonomy ${r.versions.taxonomy}; narratives ${r.versions.narratives}; techniques ${r.versions.techniques}`,
  );
  const so = r.secondOpinion;
  if (so) {
    out.push(
      '',
      `second opinion from ${so.model} (an outside model's view; Ogoh's flags above are unchanged):`,
    );
    if (so.status === 'unavailable') out.push(`  unavailable: ${so.code}: ${so.error}`);
    for (const v of so.verdicts)
      out.push(`  ${v.kind} ${v.id}: ${v.verdict}${v.reason ? ` — ${v.reason}` : ''}`);
    for (const m of so.missed)
      out.push(`  possibly missed ${m.kind} ${m.id}${m.reason ? ` — ${m.reason}` : ''}`);
    for (const n of so.notes) out.push(`  (${n})`);
  }
  if (r.explanation) out.push('', r.explanation);
  // The literacy card of each flag (with --explain): what the narrative or technique is and how to check it.
  for (const f of [...r.narratives, ...r.techniques]) {
    const c = f.card;
    if (!c?.what || !c.check || !c.headings) continue;
    out.push(
      '',
      `▸ ${c.title} (${f.id})`,
      `  ${c.headings.what}: ${c.what}`,
      `  ${c.headings.check}: ${c.check}`,
    );
  }
  return out;
}
