import { readFileSync } from 'node:fs';
import { type ReviewResult, reviewCounterMessage } from '@ogoh/app';
import { OgohError } from '@ogoh/core';
import type { Command } from 'commander';
import { printJson } from '../output.ts';
import { globals } from './common.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function registerReview(program: Command): void {
  program
    .command('review-message')
    .description(
      'review a draft counter-message for stigmatising or generalising wording about ethnic, religious or regional groups; exit 1 when something is flagged',
    )
    .argument('[text]', 'the draft; read from --file or stdin when omitted')
    .option('--file <file>', 'read the draft from a UTF-8 file')
    .option('--lang <lang>', 'language of the reasons and suggestions: en, ru or tg', 'en')
    .action(async (text: string | undefined, o: { file?: string; lang: string }, cmd: Command) => {
      const g = globals(cmd);
      if (o.lang !== 'en' && o.lang !== 'ru' && o.lang !== 'tg')
        throw new OgohError('USAGE', `--lang "${o.lang}" is not en, ru or tg`, { field: '--lang' });
      if (text !== undefined && o.file)
        throw new OgohError('USAGE', 'give the draft either as an argument or with --file, not both', {
          field: '--file',
        });
      let draft = text;
      if (draft === undefined && o.file) {
        try {
          draft = readFileSync(o.file, 'utf8');
        } catch (e) {
          throw new OgohError('INPUT_MISSING', 'cannot read the draft', {
            file: o.file,
            field: '--file',
            cause: e,
          });
        }
      }
      if (draft === undefined) draft = process.stdin.isTTY ? '' : await readStdin();
      const r = reviewCounterMessage(draft, o.lang);
      if (g.json) printJson(r);
      else process.stdout.write(`${describe(r).join('\n')}\n`);
      // Like a linter: flagged wording is a failed check, so scripts and CI can gate on it.
      if (!r.ok) process.exitCode = 1;
    });
}

function describe(r: ReviewResult): string[] {
  const head = {
    en: ['No stigmatising or generalising wording found.', (n: number) => `${n} passage(s) to reword:`],
    ru: [
      'Стигматизирующих или обобщающих формулировок не найдено.',
      (n: number) => `Переформулировать: ${n}`,
    ],
    tg: ['Ибораҳои тамғазананда ё умумиятдиҳанда ёфт нашуданд.', (n: number) => `Бояд аз нав навишт: ${n}`],
  }[r.explainLang] as [string, (n: number) => string];
  if (r.ok) return [head[0]];
  const out = [head[1](r.findings.length)];
  for (const f of r.findings) {
    out.push('', `  ${f.start}-${f.end} [${f.kind}, ${f.group.type}] «${f.text}»`, `  ${f.why}`);
    for (const s of f.suggestions) out.push(`   - ${s}`);
    out.push(`   → ${f.rewrite}`);
  }
  return out;
}
