import { createInterface } from 'node:readline';
import { checkText, prepareText } from '@ogoh/app';
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
    .action(async (text: string | undefined, o: { jsonl?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      await prepareText();
      if (o.jsonl) {
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
          process.stdout.write(
            `${JSON.stringify(checkText(rec.text, rec.id === undefined ? undefined : String(rec.id)))}\n`,
          );
        }
        if (bad) process.exitCode = 2;
        return;
      }
      const input = text ?? (process.stdin.isTTY ? '' : await readStdin());
      if (!input.trim())
        throw new OgohError('USAGE', 'no text to check', {
          hint: 'pass the text as an argument or on stdin',
        });
      const r = checkText(input);
      if (g.json) printJson(r);
      else {
        process.stdout.write(
          `language: ${r.lang} (confidence ${r.confidence.toFixed(2)}, script ${r.script})\n`,
        );
        if (r.sentences)
          for (const s of r.sentences)
            process.stdout.write(
              `  ${s.lang} ${s.start}-${s.end}: ${input.slice(s.start, s.end).trim().slice(0, 60)}\n`,
            );
        process.stdout.write(`folded key: ${r.folded.slice(0, 200)}\n`);
        process.stdout.write(
          `narratives: ${r.narratives.length ? r.narratives.map((n) => n.id).join(', ') : 'none'}\n`,
        );
        process.stdout.write(
          `techniques: ${r.techniques.length ? r.techniques.map((n) => n.id).join(', ') : 'none'}\n`,
        );
      }
    });
}
