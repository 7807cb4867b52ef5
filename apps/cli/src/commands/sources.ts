import { addSource, listSources, openOgoh } from '@ogoh/app';
import { AFFILIATIONS, PLATFORMS } from '@ogoh/core';
import { type Command, Option } from 'commander';
import { info, printJson } from '../output.ts';
import { globals } from './common.ts';

export function registerSources(program: Command): void {
  const sources = program.command('sources').description('the source registry');
  sources
    .command('add')
    .description('register a source (or update one with the same id)')
    .requiredOption('--id <id>', 'domain or channel based id, e.g. example.tj or tg-1234')
    .option('--name <name>', 'display name')
    .option('--url <url>', 'feed or site URL')
    .option('--channel <id>', 'Telegram channel id or username')
    .addOption(new Option('--platform <p>', 'platform').choices([...PLATFORMS]))
    .addOption(new Option('--affiliation <a>', 'affiliation').choices([...AFFILIATIONS]))
    .option('--note <text>', 'evidence for the affiliation')
    .option('--languages <codes>', 'comma-separated language codes')
    .option('--country <code>', 'country code')
    .option('--tags <tags>', 'comma-separated tags')
    .action(async (o: Record<string, string | undefined>, cmd: Command) => {
      const g = globals(cmd);
      const app = await openOgoh(g.db ? { db: g.db } : {});
      try {
        const s = await addSource(app, {
          id: o.id!,
          ...(o.name ? { name: o.name } : {}),
          ...(o.url ? { url: o.url } : {}),
          ...(o.channel ? { channelId: o.channel } : {}),
          ...(o.platform ? { platform: o.platform as (typeof PLATFORMS)[number] } : {}),
          ...(o.affiliation ? { affiliation: o.affiliation as (typeof AFFILIATIONS)[number] } : {}),
          ...(o.note ? { affiliationNote: o.note } : {}),
          ...(o.languages ? { languages: o.languages.split(',').map((x) => x.trim()) } : {}),
          ...(o.country ? { country: o.country } : {}),
          ...(o.tags ? { tags: o.tags.split(',').map((x) => x.trim()) } : {}),
        });
        if (g.json) printJson(s);
        else info(`source ${s.id} saved (${s.platform}, ${s.affiliation})`);
      } finally {
        await app.close();
      }
    });
  sources
    .command('list')
    .description('list registered sources')
    .action(async (_o: unknown, cmd: Command) => {
      const g = globals(cmd);
      const app = await openOgoh(g.db ? { db: g.db } : {});
      try {
        const list = await listSources(app);
        if (g.json) printJson(list);
        else
          for (const s of list)
            process.stdout.write(
              `${s.id.padEnd(28)} ${s.platform.padEnd(9)} ${s.affiliation.padEnd(25)} ${s.name}\n`,
            );
      } finally {
        await app.close();
      }
    });
}
