import { writeFileSync } from 'node:fs';
import { type CardFormat, isCardLang, renderCards } from '@ogoh/app';
import { OgohError } from '@ogoh/core';
import type { Command } from 'commander';
import { info } from '../output.ts';
import { globals } from './common.ts';

const FORMATS: readonly CardFormat[] = ['md', 'html', 'json'];

export function registerCards(program: Command): void {
  program
    .command('cards')
    .description(
      'media-literacy cards for techniques and narratives (all when no ID): Markdown, printable HTML or JSON',
    )
    .argument(
      '[ids...]',
      'technique labels (e.g. Loaded_Language) or narrative ids (e.g. ru-pamir-separatism)',
    )
    .option('--lang <lang>', 'card language: tg, ru or en', 'en')
    .option('--format <format>', 'md, html (self-contained, printable) or json', 'md')
    .option('--out <file>', 'write to this file instead of stdout')
    .action((ids: string[], o: { lang: string; format: string; out?: string }, cmd: Command) => {
      const g = globals(cmd);
      if (!isCardLang(o.lang))
        throw new OgohError('USAGE', `--lang "${o.lang}" is not tg, ru or en`, { field: '--lang' });
      const format = (g.json ? 'json' : o.format) as CardFormat;
      if (!FORMATS.includes(format))
        throw new OgohError('USAGE', `--format "${o.format}" is not md, html or json`, { field: '--format' });
      const text = renderCards(ids, { lang: o.lang, format });
      if (o.out) {
        writeFileSync(o.out, text);
        if (!g.quiet) info(`wrote ${ids.length || 'all'} card(s) (${o.lang}, ${format}) to ${o.out}`);
      } else process.stdout.write(text);
    });
}
