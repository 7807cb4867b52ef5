import { analyse, ingestPaths, openOgoh } from '@ogoh/app';
import { FORMATS } from '@ogoh/core';
import { type Command, Option } from 'commander';
import { info, printJson, progressLine } from '../output.ts';
import { globals, parseDateFlag, parseMap } from './common.ts';

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description(
      'collect items from files, directories and URLs (RSS, Atom, Telegram export or t.me/s page, HTML, sitemap, CSV, JSONL)',
    )
    .argument(
      '<paths...>',
      'files or directories (recursive), or http(s) URLs (fetched with the guarded fetcher)',
    )
    .option('--source <id>', 'attribute every item to this source (created if new)')
    .addOption(new Option('--format <format>', 'input format').choices(['auto', ...FORMATS]).default('auto'))
    .option(
      '--map <pairs>',
      'CSV/JSONL columns: target=column,… (targets: id,text,title,url,published,author,lang,source)',
    )
    .option(
      '--images',
      'pHash and OCR (tesseract) the photos of Telegram exports; OCR text becomes searchable',
    )
    .action(
      async (
        paths: string[],
        opts: { source?: string; format: string; map?: string; images?: boolean },
        cmd: Command,
      ) => {
        const g = globals(cmd);
        const map = parseMap(opts.map);
        const app = await openOgoh(g.db ? { db: g.db } : {});
        try {
          const bar = progressLine(!g.quiet);
          const report = await ingestPaths(app, paths, {
            ...(opts.source ? { sourceId: opts.source } : {}),
            format: opts.format as (typeof FORMATS)[number] | 'auto',
            ...(map ? { map } : {}),
            ...(opts.images ? { images: true } : {}),
            onProgress: (p) =>
              bar.update(`ingest ${p.fileIndex + 1}/${p.files} ${p.file}: ${p.records} records`),
          });
          bar.done();
          if (g.json)
            printJson({
              new: report.new,
              duplicate: report.duplicate,
              rejected: report.rejected,
              skipped: report.skipped,
              errors: report.errors,
            });
          else {
            for (const e of report.errors)
              info(
                `${e.file}${e.line ? `:${e.line}` : ''}${e.column ? `:${e.column}` : ''}: ${e.reason}${e.field ? ` [${e.field}]` : ''}`,
              );
            info(
              `new ${report.new}, duplicate ${report.duplicate}, rejected ${report.rejected}, skipped ${report.skipped} (${report.files.length} file(s))`,
            );
          }
          // A file that could not be read or parsed is bad input: exit 2, after the other files were ingested.
          if (report.errors.some((e) => e.code !== 'INPUT_FIELD')) process.exitCode = 2;
        } finally {
          await app.close();
        }
      },
    );

  program
    .command('analyze')
    .alias('analyse')
    .description('analyse stored items not yet analysed: duplicates and stories now, detections as they land')
    .option('--all', 're-analyse every item')
    .option('--since <date>', 'only items collected since this date')
    .action(async (opts: { all?: boolean; since?: string }, cmd: Command) => {
      const g = globals(cmd);
      const since = parseDateFlag(opts.since, '--since');
      const app = await openOgoh(g.db ? { db: g.db } : {});
      try {
        const bar = progressLine(!g.quiet);
        const report = await analyse(app, {
          ...(opts.all ? { all: true } : {}),
          ...(since ? { since } : {}),
          onProgress: (p) => bar.update(`analyse: ${p.analysed} items`),
        });
        bar.done();
        if (g.json) printJson(report);
        else {
          info(
            `analysed ${report.analysed} item(s); ${report.storyLinks} story link(s), ${report.newStories} new stor${report.newStories === 1 ? 'y' : 'ies'}`,
          );
          info(
            `links: ${report.copyLinks} copy, ${report.rewriteLinks} rewrite, ${report.translationLinks} translation; laundering flags: ${report.launderingFlags}`,
          );
          const t = report.taxonomy;
          if (t?.redetected)
            info(
              `taxonomy ${t.current} (was ${t.previous ?? 'unrecorded'}): re-detected ${t.redetected} item(s); changed: ${t.changed.join(', ') || 'scoring or unrecorded'}`,
            );
        }
      } finally {
        await app.close();
      }
    });
}
