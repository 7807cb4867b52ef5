/**
 * `ogoh triage` (the review queue, most informative first), `ogoh feedback DETECTION_ID
 * accept|reject|relabel` (a verdict, appended to the history) and `ogoh feedback list`.
 */
import { userInfo } from 'node:os';
import {
  listFeedback,
  openFeedback,
  openOgoh,
  recordFeedback,
  type TriageEntry,
  type TriageOptions,
  triageQueue,
} from '@ogoh/app';
import { type Feedback, OgohError, VERDICTS, type Verdict } from '@ogoh/core';
import type { Command } from 'commander';
import { info, printJson } from '../output.ts';
import { globals, parseIntFlag } from './common.ts';

function oneLine(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

/** The text with every evidence span of the entry wrapped in [[…]] (overlapping spans merged). */
export function markEvidence(entry: Pick<TriageEntry, 'text' | 'detections'>): string {
  const spans = entry.detections
    .flatMap((d) => d.evidence)
    .filter((s) => s.start >= 0 && s.end > s.start && s.end <= entry.text.length)
    .sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  let open: { start: number; end: number } | undefined;
  const flush = () => {
    if (!open) return;
    out += `${entry.text.slice(at, open.start)}[[${entry.text.slice(open.start, open.end)}]]`;
    at = open.end;
    open = undefined;
  };
  for (const s of spans) {
    if (open && s.start <= open.end) open.end = Math.max(open.end, s.end);
    else {
      flush();
      open = { start: Math.max(s.start, at), end: s.end };
    }
  }
  flush();
  return out + entry.text.slice(at);
}

function cliActor(as: string | undefined): string {
  if (as !== undefined) {
    if (!as.trim()) throw new OgohError('USAGE', '--as needs a user name', { field: '--as' });
    return as.trim();
  }
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {}
  return `cli:${name}`;
}

function parseScore(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new OgohError('USAGE', `--min-score must be a number from 0 to 1, got "${v}"`, {
      field: '--min-score',
    });
  return n;
}

function printFeedback(f: Feedback): void {
  process.stdout.write(
    `${f.at.slice(0, 19)}  ${f.actor.padEnd(12).slice(0, 12)} ${f.verdict.padEnd(7)} ${f.label}${f.newLabel ? ` → ${f.newLabel}` : ''}  [${f.detectionId}]${f.reason ? `  “${oneLine(f.reason, 60)}”` : ''}\n`,
  );
}

export function registerTriage(program: Command): void {
  program
    .command('triage')
    .description(
      'flagged items no analyst has reviewed yet, most informative first (scores near their threshold, check-worthiness, recency), with evidence and reasons',
    )
    .option('--narrative <id>', 'items with this unreviewed narrative flag')
    .option('--technique <id>', 'items with this unreviewed technique flag')
    .option('--lang <code>', 'language: tg, ru, uk, uz, en, fa, und')
    .option('--source <id>', 'source id')
    .option('--min-score <x>', 'only flags scoring at least this (0–1)')
    .option('--limit <n>', 'entries (default 20, max 200)')
    .option('--cursor <c>', 'continue from a previous page')
    .action(async (o: Record<string, string | undefined>, cmd: Command) => {
      const g = globals(cmd);
      const limit = parseIntFlag(o.limit, '--limit', 1, 200);
      const minScore = parseScore(o.minScore);
      const options: TriageOptions = {
        ...(o.narrative ? { narrative: o.narrative } : {}),
        ...(o.technique ? { technique: o.technique } : {}),
        ...(o.lang ? { lang: o.lang } : {}),
        ...(o.source ? { sourceId: o.source } : {}),
        ...(minScore !== undefined ? { minScore } : {}),
        ...(limit ? { limit } : {}),
        ...(o.cursor ? { cursor: o.cursor } : {}),
      };
      const app = await openOgoh(g.db ? { db: g.db } : {});
      const fb = await openFeedback(app).catch(async (e) => {
        await app.close();
        throw e;
      });
      try {
        const page = await triageQueue(app, fb, options);
        if (g.json) printJson(page);
        else {
          for (const [n, e] of page.entries.entries()) {
            process.stdout.write(
              `\n#${n + 1}  priority ${e.priority.toFixed(3)}  ${e.lang}  ${e.sourceId}  ${(e.published ?? '').slice(0, 10)}  [${e.itemId}]\n`,
            );
            for (const r of e.why.reasons) process.stdout.write(`    why: ${r}\n`);
            process.stdout.write(`    ${oneLine(markEvidence(e), 400)}\n`);
            for (const d of e.detections)
              process.stdout.write(
                `    ${d.review ? `(${d.review.verdict})`.padEnd(10) : 'open'.padEnd(10)}${d.kind.padEnd(11)}${d.label}  ${d.score.toFixed(2)}/${d.threshold.toFixed(2)}  [${d.id}]\n`,
              );
          }
          info(
            `${page.entries.length} item(s) to review (ranked from ${page.considered} unreviewed flag(s)${page.windowFull ? ', the newest only' : ''})${page.next ? `; more with --cursor ${page.next}` : ''}. Give a verdict with: ogoh feedback DETECTION_ID accept|reject|relabel`,
          );
        }
      } finally {
        await fb.close();
        await app.close();
      }
    });

  program
    .command('feedback')
    .description(
      'a verdict on a detection — ogoh feedback DETECTION_ID accept|reject|relabel [--label L] [--reason R] [--as USER] — or the verdict history: ogoh feedback list',
    )
    .argument('<detection>', 'a detection id (from ogoh triage), or "list"')
    .argument('[verdict]', `one of: ${VERDICTS.join(', ')}`)
    .option('--label <id>', 'relabel: the narrative or technique the text carries instead')
    .option('--reason <text>', 'why (kept with the verdict)')
    .option('--as <user>', 'who gives the verdict (default cli:<login name>)')
    .option('--item <id>', 'list: verdicts on this item')
    .option('--detection <id>', 'list: verdicts on this detection')
    .option('--for-label <id>', 'list: verdicts on (or relabelled to) this label')
    .option('--limit <n>', 'list: at most this many (default 100)')
    .option('--cursor <c>', 'list: continue from a previous page')
    .action(
      async (
        target: string,
        verdictArg: string | undefined,
        o: Record<string, string | undefined>,
        cmd: Command,
      ) => {
        const g = globals(cmd);
        const listing = target === 'list';
        if (listing && verdictArg !== undefined)
          throw new OgohError('USAGE', `"feedback list" takes no verdict (got "${verdictArg}")`, {
            field: 'verdict',
          });
        if (!listing) {
          if (verdictArg === undefined)
            throw new OgohError('USAGE', 'give a verdict after the detection id', {
              field: 'verdict',
              hint: `one of: ${VERDICTS.join(', ')}; e.g. ogoh feedback ${target} reject --reason "…"`,
            });
          if (!(VERDICTS as readonly string[]).includes(verdictArg))
            throw new OgohError('USAGE', `unknown verdict "${verdictArg}"`, {
              field: 'verdict',
              hint: `one of: ${VERDICTS.join(', ')}`,
            });
          if (verdictArg === 'relabel' && o.label === undefined)
            throw new OgohError('USAGE', 'relabel needs --label', {
              field: '--label',
              hint: 'the narrative or technique id the text carries instead',
            });
          if (verdictArg !== 'relabel' && o.label !== undefined)
            throw new OgohError('USAGE', '--label goes only with relabel', { field: '--label' });
        }
        const limit = parseIntFlag(o.limit, '--limit', 1, 10_000);
        const actor = listing ? '' : cliActor(o.as);
        const app = await openOgoh(g.db ? { db: g.db } : {});
        const fb = await openFeedback(app).catch(async (e) => {
          await app.close();
          throw e;
        });
        try {
          if (listing) {
            const page = await listFeedback(fb, {
              ...(o.item ? { itemId: o.item } : {}),
              ...(o.detection ? { detectionId: o.detection } : {}),
              ...(o.forLabel ? { label: o.forLabel } : {}),
              ...(limit ? { limit } : {}),
              ...(o.cursor ? { cursor: o.cursor } : {}),
            });
            if (g.json) printJson(page);
            else {
              for (const f of page.feedback) printFeedback(f);
              info(
                `${page.feedback.length} verdict(s), newest first${page.next ? `; more with --cursor ${page.next}` : ''}`,
              );
            }
            return;
          }
          const r = await recordFeedback(app, fb, {
            detectionId: target,
            verdict: verdictArg as Verdict,
            actor,
            ...(o.label !== undefined ? { newLabel: o.label } : {}),
            ...(o.reason !== undefined ? { reason: o.reason } : {}),
          });
          if (g.json) printJson(r);
          else
            info(
              `recorded: ${r.actor} ${r.verdict === 'accept' ? 'accepted' : r.verdict === 'reject' ? 'rejected' : `relabelled to ${r.newLabel}`} ${r.kind} ${r.label} on item ${r.itemId} (${r.id}); ogoh train uses it next time`,
            );
        } finally {
          await fb.close();
          await app.close();
        }
      },
    );
}
