import { createInterface } from 'node:readline';
import {
  claimMatcher,
  denseClaimMatcher,
  getClaims,
  importClaims,
  listClaims,
  openOgoh,
  operatorEmbedder,
  trainClaimRanker,
} from '@ogoh/app';
import { OgohError } from '@ogoh/core';
import type { Command } from 'commander';
import { info, printJson } from '../output.ts';
import { globals, parseIntFlag } from './common.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseScore(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n >= 0 && n <= 1))
    throw new OgohError('USAGE', '--min-score must be a number from 0 to 1', { field: '--min-score' });
  return n;
}

const MAX_K = 1000;

export function registerClaims(program: Command): void {
  const claims = program.command('claims').description('the fact-check database: import and match claims');

  claims
    .command('import')
    .description(
      'import fact-checks: ClaimReview JSON/JSON-LD/JSONL, Fact Check Tools JSON, or CSV (id,claim,…)',
    )
    .argument('<files...>', 'files to import; the same ids again update their claims')
    .action(async (files: string[], _o: unknown, cmd: Command) => {
      const g = globals(cmd);
      const app = await openOgoh(g.db ? { db: g.db } : {});
      try {
        const r = await importClaims(app, files);
        if (g.json) printJson(r);
        for (const i of r.issues) {
          const where = i.line !== undefined ? `:${i.line}` : i.path !== undefined ? ` ${i.path}` : '';
          info(`ogoh: ${i.file}${where}: ${i.reason}; skipped`);
        }
        if (!g.quiet)
          for (const f of r.files)
            info(
              `${f.file} (${f.format}): ${f.claims} claims${f.issues ? `, ${f.issues} bad records skipped` : ''}`,
            );
        if (!g.json) info(`stored: ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged`);
        if (r.issues.length > 0) process.exitCode = 2;
      } finally {
        await app.close();
      }
    });

  claims
    .command('match')
    .description('fact-checked claims that a text repeats (argument or stdin); --jsonl for batches')
    .argument('[text]', 'the text; read from stdin when omitted')
    .option('--k <n>', 'matches per text', '10')
    .option('--lang <code>', 'the language of the text(s) when known (tg, ru, uz, en, fa)')
    .option('--min-score <s>', 'leave out matches scoring below this (0..1)')
    .option(
      '--jsonl',
      'batch mode: each stdin line {"id","text","lang"?} → one stdout line {"id","matches"}, in order',
    )
    .action(
      async (
        text: string | undefined,
        o: { k: string; lang?: string; minScore?: string; jsonl?: boolean },
        cmd: Command,
      ) => {
        const g = globals(cmd);
        const k = parseIntFlag(o.k, '--k', 1, MAX_K)!;
        const minScore = parseScore(o.minScore);
        const opts = (lang: string | undefined) => ({
          ...(lang !== undefined ? { lang } : {}),
          ...(minScore !== undefined ? { minScore } : {}),
        });
        if (o.jsonl && text !== undefined)
          throw new OgohError('USAGE', '--jsonl reads the texts from stdin; give no TEXT argument', {
            field: '--jsonl',
          });
        const app = await openOgoh(g.db ? { db: g.db } : {});
        try {
          const matcher = await claimMatcher(app);
          if (matcher.size === 0 && !g.quiet)
            info('ogoh: no claims imported yet; run `ogoh claims import <file>` first');
          // With an embedding model (OGOH_EMBED_MODEL), matches add a dense similarity.
          const embedder = matcher.size > 0 ? await operatorEmbedder() : undefined;
          const dense = embedder ? await denseClaimMatcher(app, embedder) : undefined;
          const find = async (t: string, lang: string | undefined) =>
            dense ? dense.match(t, k, opts(lang)) : matcher.match(t, k, opts(lang));
          if (o.jsonl) {
            const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
            let line = 0;
            let bad = 0;
            for await (const l of rl) {
              line++;
              if (!l.trim()) continue;
              let rec: { id?: unknown; text?: unknown; lang?: unknown };
              try {
                rec = JSON.parse(l);
              } catch {
                bad++;
                info(`ogoh: stdin:${line}: not valid JSON; skipped`);
                process.stdout.write(`${JSON.stringify({ id: null, line, error: 'INPUT_PARSE' })}\n`);
                continue;
              }
              const id = rec !== null && typeof rec === 'object' ? (rec.id ?? null) : null;
              if (rec === null || typeof rec !== 'object' || typeof rec.text !== 'string') {
                bad++;
                info(`ogoh: stdin:${line}: field "text" must be a string; skipped`);
                process.stdout.write(`${JSON.stringify({ id, line, error: 'INPUT_FIELD' })}\n`);
                continue;
              }
              const matches = await find(rec.text, typeof rec.lang === 'string' ? rec.lang : o.lang);
              process.stdout.write(`${JSON.stringify({ id, matches })}\n`);
            }
            if (bad) process.exitCode = 2;
            return;
          }
          const input = text ?? (process.stdin.isTTY ? '' : await readStdin());
          if (!input.trim())
            throw new OgohError('USAGE', 'no text to match', {
              hint: 'pass the text as an argument or on stdin, or use --jsonl',
            });
          const matches = await find(input, o.lang);
          if (g.json) {
            printJson({ matches });
            return;
          }
          if (matches.length === 0) {
            process.stdout.write('no matching fact-checks\n');
            return;
          }
          const details = new Map(
            (
              await getClaims(
                app,
                matches.map((m) => m.id),
              )
            ).map((c) => [c.id, c]),
          );
          matches.forEach((m, i) => {
            const c = details.get(m.id);
            const head = [c?.rating, c?.org].filter(Boolean).join(' · ');
            process.stdout.write(`${i + 1}. ${m.score.toFixed(2)}  ${m.id}${head ? `  [${head}]` : ''}\n`);
            if (c) process.stdout.write(`   ${c.text.replace(/\s+/g, ' ').slice(0, 160)}\n`);
            if (c?.url && c.url !== m.id) process.stdout.write(`   ${c.url}\n`);
          });
        } finally {
          await app.close();
        }
      },
    );

  claims
    .command('list')
    .description('list imported claims in id order, a page at a time')
    .option('--limit <n>', 'claims per page', '50')
    .option('--cursor <c>', 'the `next` cursor of the previous page')
    .action(async (o: { limit: string; cursor?: string }, cmd: Command) => {
      const g = globals(cmd);
      const limit = parseIntFlag(o.limit, '--limit', 1, 10_000)!;
      const app = await openOgoh(g.db ? { db: g.db } : {});
      try {
        const page = await listClaims(app, o.cursor === undefined ? { limit } : { limit, cursor: o.cursor });
        if (g.json) {
          printJson(page);
          return;
        }
        for (const c of page.claims)
          process.stdout.write(
            `${c.id}\t${c.rating ?? ''}\t${c.org ?? ''}\t${c.text.replace(/\s+/g, ' ').slice(0, 100)}\n`,
          );
        info(
          `${page.claims.length} of ${page.total} claims${page.next ? `; next page: --cursor ${page.next}` : ''}`,
        );
      } finally {
        await app.close();
      }
    });

  claims
    .command('train')
    .description(
      'fit the match re-ranker on your own judged queries (JSONL {"text","claims":[ids],"lang"?} per line); installed for this store when it does no worse on a held-out fifth than the ranker in use',
    )
    .requiredOption('--data <file>', 'judged queries, JSONL')
    .action(async (o: { data: string }, cmd: Command) => {
      const g = globals(cmd);
      const app = await openOgoh(g.db ? { db: g.db } : {});
      try {
        const r = await trainClaimRanker(app, o.data);
        if (g.json) printJson(r);
        else
          info(
            `${r.queries} judged queries (${r.unreachable} with no imported claim among the candidates); held-out fifth MAP@5 ${r.heldOutMap5.fitted.toFixed(3)} fitted, ${r.heldOutMap5.before.toFixed(3)} before; ${r.installed ? `installed: ${r.file}` : 'not installed (it did worse than the ranker in use)'}`,
          );
      } finally {
        await app.close();
      }
    });
}
