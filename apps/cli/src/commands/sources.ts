import { writeFile } from 'node:fs/promises';
import {
  editSource,
  exportSources,
  formatInterval,
  importSources,
  listSources,
  openOgoh,
  parseInterval,
  type RegisterInput,
  registerSource,
  removeSource,
  type SourcePatch,
  STARTER_CATALOGUE,
  showSource,
} from '@ogoh/app';
import { AFFILIATIONS, OgohError, PLATFORMS } from '@ogoh/core';
import { type Command, Option } from 'commander';
import { info, printJson } from '../output.ts';
import { globals } from './common.ts';
import { addPollCommand } from './poll.ts';

type Opts = Record<string, string | boolean | undefined>;

const list = (v: string) =>
  v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** The fields `add` and `edit` share, from their flags. */
function fields(o: Opts): RegisterInput {
  const out: RegisterInput = {};
  if (typeof o.name === 'string') out.name = o.name;
  if (typeof o.url === 'string') out.url = o.url;
  if (typeof o.channel === 'string') out.channelId = o.channel.replace(/^@/, '');
  if (typeof o.platform === 'string') out.platform = o.platform as (typeof PLATFORMS)[number];
  if (typeof o.affiliation === 'string') out.affiliation = o.affiliation as (typeof AFFILIATIONS)[number];
  if (typeof o.note === 'string') out.affiliationNote = o.note;
  if (typeof o.languages === 'string') out.languages = list(o.languages);
  if (typeof o.country === 'string') out.country = o.country;
  if (typeof o.tags === 'string') out.tags = list(o.tags);
  if (typeof o.interval === 'string') out.pollIntervalSec = parseInterval(o.interval, '--interval');
  return out;
}

function withSourceFlags(c: Command): Command {
  return c
    .option('--name <name>', 'display name (never used as the id)')
    .option('--url <url>', 'feed, page, sitemap or t.me channel URL')
    .option('--channel <id>', 'Telegram channel username')
    .addOption(
      new Option('--platform <p>', 'platform (guessed from --url when left out)').choices([...PLATFORMS]),
    )
    .addOption(new Option('--affiliation <a>', 'affiliation').choices([...AFFILIATIONS]))
    .option('--note <text>', 'evidence for the affiliation')
    .option('--languages <codes>', 'comma-separated language codes')
    .option('--country <code>', 'country code')
    .option('--tags <tags>', 'comma-separated tags')
    .option('--interval <duration>', 'poll interval, e.g. 15m or 2h');
}

export function registerSources(program: Command): void {
  const sources = program.command('sources').description('the source registry and live polling');
  withSourceFlags(
    sources
      .command('add')
      .description(
        'register a source (or update one with the same id); the id comes from the domain or channel',
      )
      .option('--id <id>', 'domain or channel based id, e.g. example.tj or tg-channel (default: from --url)'),
  ).action(async (o: Opts, cmd: Command) => {
    const g = globals(cmd);
    const app = await openOgoh(g.db ? { db: g.db } : {});
    try {
      const s = await registerSource(app, {
        ...fields(o),
        ...(typeof o.id === 'string' ? { id: o.id } : {}),
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
        const all = await listSources(app);
        if (g.json) printJson(all);
        else
          for (const s of all)
            process.stdout.write(
              `${s.id.padEnd(28)} ${s.platform.padEnd(9)} ${s.affiliation.padEnd(25)} ${s.name}\n`,
            );
      } finally {
        await app.close();
      }
    });
  sources
    .command('show')
    .description('a source with its health and last polls')
    .argument('<id>', 'source id')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const g = globals(cmd);
      const app = await openOgoh(g.db ? { db: g.db } : {});
      try {
        const d = await showSource(app, id);
        if (g.json) {
          printJson(d);
          return;
        }
        const s = d.source;
        const out = [
          `${s.id}  ${s.name}`,
          `  platform     ${s.platform}${s.url ? `  ${s.url}` : ''}${s.channelId ? `  (channel ${s.channelId})` : ''}`,
          `  affiliation  ${s.affiliation}${s.affiliationNote ? ` — ${s.affiliationNote}` : ''}`,
          `  languages    ${s.languages.join(', ') || '-'}   country ${s.country ?? '-'}   tags ${s.tags.join(', ') || '-'}`,
          `  interval     ${s.pollIntervalSec ? formatInterval(s.pollIntervalSec) : 'default'}   items ${d.items}`,
        ];
        const h = d.health;
        if (h)
          out.push(
            `  health       ${h.consecutiveFailures ? `FAILING (${h.consecutiveFailures} in a row)` : 'ok'}; last success ${h.lastSuccessAt ?? 'never'}; next due ${h.nextDueAt ?? 'now'}`,
            `               ${h.fetches} poll(s), ${h.failures} failed, ${h.totalNew} new item(s) in all; last poll ${h.lastItems ?? 0} item(s), ${h.lastNew ?? 0} new`,
            ...(h.lastError ? [`  last error   ${h.lastErrorAt} ${h.lastErrorCode}: ${h.lastError}`] : []),
          );
        else out.push('  health       never polled');
        for (const p of d.recentPolls)
          out.push(
            `  ${p.at}  ${p.outcome.padEnd(12)} ${p.status ?? ''} ${p.new !== undefined ? `${p.new} new` : ''}${p.error ? ` ${p.errorCode}: ${p.error}` : ''}`,
          );
        process.stdout.write(`${out.join('\n')}\n`);
      } finally {
        await app.close();
      }
    });
  withSourceFlags(
    sources
      .command('edit')
      .description('change a source; --pause/--resume stop and restart its polling')
      .argument('<id>', 'source id')
      .option('--pause', 'stop polling it (it stays registered with its items)')
      .option('--resume', 'poll it again')
      .option('--unset <fields>', 'clear fields: url, channelId, country, affiliationNote, pollIntervalSec'),
  ).action(async (id: string, o: Opts, cmd: Command) => {
    const g = globals(cmd);
    if (o.pause && o.resume)
      throw new OgohError('USAGE', '--pause and --resume contradict each other', { field: '--pause' });
    const allowed = ['url', 'channelId', 'country', 'affiliationNote', 'pollIntervalSec'] as const;
    const unset = typeof o.unset === 'string' ? list(o.unset) : [];
    for (const u of unset)
      if (!(allowed as readonly string[]).includes(u))
        throw new OgohError('USAGE', `--unset cannot clear "${u}"`, {
          field: '--unset',
          hint: `fields: ${allowed.join(', ')}`,
        });
    const { id: _id, ...rest } = fields(o);
    const patch: SourcePatch = { ...rest };
    if (o.pause) patch.pause = true;
    if (o.resume) patch.pause = false;
    if (unset.length) patch.unset = unset as NonNullable<SourcePatch['unset']>;
    const app = await openOgoh(g.db ? { db: g.db } : {});
    try {
      const s = await editSource(app, id, patch);
      if (g.json) printJson(s);
      else
        info(
          `source ${s.id} saved (${s.platform}, ${s.affiliation}${s.tags.includes('paused') ? ', paused' : ''})`,
        );
    } finally {
      await app.close();
    }
  });
  sources
    .command('remove')
    .description('remove a source without items (one with items stays: pause it instead)')
    .argument('<id>', 'source id')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const g = globals(cmd);
      const app = await openOgoh(g.db ? { db: g.db } : {});
      try {
        await removeSource(app, id);
        if (g.json) printJson({ removed: id });
        else info(`source ${id} removed`);
      } finally {
        await app.close();
      }
    });
  addPollCommand(sources);
  sources
    .command('import')
    .description('register the sources of a YAML list (all or none); --catalogue for the starter catalogue')
    .argument('[file]', 'YAML file: a list of sources, or `sources:` holding one')
    .option('--catalogue', 'the starter catalogue of outlets in Tajikistan’s information space')
    .action(async (file: string | undefined, o: { catalogue?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      if (!file && !o.catalogue)
        throw new OgohError('USAGE', 'give a YAML file or --catalogue', {
          field: 'file',
          hint: 'e.g. ogoh sources import sources.yaml',
        });
      if (file && o.catalogue)
        throw new OgohError('USAGE', 'give a file or --catalogue, not both', { field: '--catalogue' });
      const app = await openOgoh(g.db ? { db: g.db } : {});
      try {
        const r = await importSources(app, file ?? STARTER_CATALOGUE);
        if (g.json) printJson(r);
        else info(`${r.added.length} added, ${r.updated.length} updated, ${r.unchanged.length} unchanged`);
      } finally {
        await app.close();
      }
    });
  sources
    .command('export')
    .description('the registry as YAML (stdout, or a file) that `sources import` reads back')
    .argument('[file]', 'write here instead of stdout')
    .option('--source <ids>', 'only these sources (comma-separated)')
    .action(async (file: string | undefined, o: { source?: string }, cmd: Command) => {
      const g = globals(cmd);
      const app = await openOgoh(g.db ? { db: g.db } : {});
      try {
        const yaml = await exportSources(app, o.source ? list(o.source) : undefined);
        if (file) {
          await writeFile(file, yaml);
          info(`wrote ${file}`);
        } else process.stdout.write(yaml);
      } finally {
        await app.close();
      }
    });
}
