/**
 * `--taxonomy FILE` (global; same as OGOH_TAXONOMY) points every command at an edited taxonomy, and
 * `ogoh taxonomy` validates the one in force and says which narratives changed since the store was
 * last analysed — what the next `ogoh analyze` will re-detect.
 */
import { existsSync } from 'node:fs';
import { type Ogoh, openOgoh, operatorTaxonomy, resolveDbLocation, taxonomyStatus } from '@ogoh/app';
import type { Command } from 'commander';
import { info, printJson } from '../output.ts';
import { globals } from './common.ts';

export function registerTaxonomy(program: Command): void {
  program.option(
    '--taxonomy <file>',
    'narrative taxonomy YAML to use instead of the bundled one (or $OGOH_TAXONOMY)',
  );
  // The flag becomes the environment variable the application reads, before any command runs.
  program.hook('preAction', (root) => {
    const file = (root.opts() as { taxonomy?: string }).taxonomy;
    if (file) process.env.OGOH_TAXONOMY = file;
  });

  program
    .command('taxonomy')
    .description(
      'validate the taxonomy in force; list the narratives changed since the store was last analysed',
    )
    .action(async (_o: unknown, cmd: Command) => {
      const g = globals(cmd);
      const taxonomy = operatorTaxonomy();
      const location = resolveDbLocation(g.db);
      let app: Ogoh | undefined;
      if (/^postgres(ql)?:\/\//i.test(location) || existsSync(location))
        app = await openOgoh({ db: location });
      try {
        const status = app
          ? await taxonomyStatus(app, taxonomy)
          : { current: taxonomy.version, changed: [], narratives: taxonomy.narratives.length };
        const out = { ...status, file: taxonomy.source, status: taxonomy.status };
        if (g.json) printJson(out);
        else {
          info(
            `taxonomy ${out.current} (${out.status}, ${out.narratives} narratives) from ${out.file}: valid`,
          );
          if ('analysedWith' in status && status.analysedWith) {
            if (status.analysedWith === status.current) info('the store was analysed with this taxonomy');
            else
              info(
                `the store was analysed with ${status.analysedWith}; the next \`ogoh analyze\` re-detects its items (${status.changed.length} narrative(s) changed: ${status.changed.join(', ') || 'scoring only'})`,
              );
          }
        }
      } finally {
        await app?.close();
      }
    });
}
