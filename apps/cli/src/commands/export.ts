/**
 * `ogoh export stix|misp|claimreview|csv|jsonl|gexf`: a query (the `ogoh items` filters) or a case
 * (`--case`) in a format partners import, on stdout or into `--out FILE`. A STIX bundle that breaks
 * a STIX 2.1 rule is never written: the command fails with the rule instead. Every export is
 * recorded (audit log; a case's own trail) under `--actor`, else `cli:<OS user>`.
 */
import { writeFile } from 'node:fs/promises';
import {
  EXPORT_FORMATS,
  EXPORT_MAX,
  exportData,
  openOgoh,
  parseExportFormat,
  parseExportTlp,
} from '@ogoh/app';
import { OgohError } from '@ogoh/core';
import type { Command } from 'commander';
import { info, printJson } from '../output.ts';
import { cliActor, globals, parseDateFlag, parseIntFlag } from './common.ts';

interface ExportFlags {
  q?: string;
  lang?: string;
  source?: string;
  story?: string;
  narrative?: string;
  since?: string;
  until?: string;
  case?: string;
  tlp?: string;
  limit?: string;
  org?: string;
  window?: string;
  out?: string;
  actor?: string;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .argument('<format>', `one of ${EXPORT_FORMATS.join(', ')}`)
    .description(
      'export a query or a case for partners: STIX 2.1 (OpenCTI, DISARM), MISP event, ClaimReview, CSV, JSONL, GEXF',
    )
    .option('--q <query>', 'full-text query (as in `ogoh items`)')
    .option('--lang <code>', 'language: tg, ru, uk, uz, en, fa, und')
    .option('--source <id>', 'source id')
    .option('--story <id>', 'story id')
    .option('--narrative <id>', 'items flagged with this narrative (or technique) id')
    .option('--since <date>', 'published on or after')
    .option('--until <date>', 'published before')
    .option('--case <id>', 'export this case (its evidence, notes and TLP) instead of a query')
    .option(
      '--tlp <level>',
      'marking: clear, green, amber, amber+strict, red (default amber, or the case TLP)',
    )
    .option('--limit <n>', `at most this many items (default 1000, max ${EXPORT_MAX})`)
    .option('--org <name>', 'the producing organisation in STIX and MISP (default $OGOH_ORG, else "Ogoh")')
    .option('--window <seconds>', 'gexf: seconds within which two shares count as coordinated', '60')
    .option('--out <file>', 'write here instead of stdout')
    .option('--actor <name>', 'who exports, for the audit trail (default cli:<OS user>)')
    .addHelpText(
      'after',
      '\nExamples:\n  ogoh export stix --narrative ru-west-destabiliser --since 2026-03-01 --out west.stix.json\n  ogoh export misp --case ca_k3v9x2m4qd --tlp red --out case.misp.json\n  ogoh export csv --lang tg > tajik.csv',
    )
    .action(async (formatArg: string, o: ExportFlags, cmd: Command) => {
      const g = globals(cmd);
      const format = parseExportFormat(formatArg, '<format>');
      const tlp = o.tlp !== undefined ? parseExportTlp(o.tlp, '--tlp') : undefined;
      const since = parseDateFlag(o.since, '--since');
      const until = parseDateFlag(o.until, '--until');
      const limit = parseIntFlag(o.limit, '--limit', 1, EXPORT_MAX);
      const window = parseIntFlag(o.window, '--window', 1, 86_400);
      const actor = cliActor(o.actor);
      if (o.case) {
        const mixed = (['q', 'lang', 'source', 'story', 'narrative', 'since', 'until'] as const).find(
          (k) => o[k] !== undefined,
        );
        if (mixed)
          throw new OgohError('USAGE', `--case exports the case's own evidence; --${mixed} does not apply`, {
            field: `--${mixed}`,
            hint: 'give either --case or query filters',
          });
      }
      const app = await openOgoh(g.db ? { db: g.db } : {});
      try {
        const r = await exportData(
          app,
          format,
          {
            ...(o.q ? { q: o.q } : {}),
            ...(o.lang ? { lang: o.lang } : {}),
            ...(o.source ? { sourceId: o.source } : {}),
            ...(o.story ? { storyId: o.story } : {}),
            ...(o.narrative ? { narrative: o.narrative } : {}),
            ...(since ? { since } : {}),
            ...(until ? { until } : {}),
          },
          {
            ...(o.case ? { caseId: o.case } : {}),
            ...(tlp ? { tlp } : {}),
            ...(limit ? { limit } : {}),
            ...(o.org ? { producer: o.org } : {}),
            ...(window ? { window } : {}),
          },
          { actor },
        );
        if (o.out) {
          await writeFile(o.out, r.body);
          if (g.json)
            printJson({
              file: o.out,
              format,
              items: r.items,
              objects: r.objects,
              tlp: r.tlp,
              actor,
              truncated: r.truncated,
              bytes: Buffer.byteLength(r.body),
            });
        } else process.stdout.write(r.body);
        if (!g.quiet || r.truncated)
          info(
            `${format}: ${r.items} item(s), TLP:${r.tlp.toUpperCase()}${o.out ? ` → ${o.out}` : ''}${
              r.truncated ? `; more items matched: raise --limit (max ${EXPORT_MAX}) or narrow the query` : ''
            }`,
          );
      } finally {
        await app.close();
      }
    });
}
