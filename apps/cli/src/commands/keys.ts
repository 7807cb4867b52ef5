import { createApiKey, listApiKeys, openAuth, openOgoh, revokeApiKey } from '@ogoh/app';
import { ROLES } from '@ogoh/core';
import { type Command, Option } from 'commander';
import { info, printJson } from '../output.ts';
import { globals } from './common.ts';

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('API keys for scripts (Authorization: Bearer ogoh_…)');
  keys
    .command('create')
    .description('create an API key; it is printed once and stored only as a hash')
    .requiredOption('--name <name>', 'what the key is for')
    .addOption(new Option('--role <role>', 'what the key may do').choices([...ROLES]).makeOptionMandatory())
    .action(async (o: { name: string; role: string }, cmd: Command) => {
      const g = globals(cmd);
      const app = await openOgoh(g.db ? { db: g.db } : {});
      const auth = await openAuth(app);
      try {
        const { key, record } = await createApiKey(auth, o);
        if (g.json) printJson({ key, ...record });
        else {
          info(`API key ${record.id} (${record.role}) created; it is shown only now:`);
          process.stdout.write(`${key}\n`);
        }
      } finally {
        await auth.close();
        await app.close();
      }
    });
  keys
    .command('list')
    .description('list API keys (ids, names, roles; never the keys)')
    .action(async (_o: unknown, cmd: Command) => {
      const g = globals(cmd);
      const app = await openOgoh(g.db ? { db: g.db } : {});
      const auth = await openAuth(app);
      try {
        const list = await listApiKeys(auth);
        if (g.json) printJson(list);
        else
          for (const k of list)
            process.stdout.write(
              `${k.id.padEnd(20)} ${k.prefix}…  ${k.role.padEnd(8)} ${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'}  ${k.name}\n`,
            );
      } finally {
        await auth.close();
        await app.close();
      }
    });
  keys
    .command('revoke')
    .description('revoke an API key by id')
    .argument('<id>', 'the key id (ak_…) from `ogoh keys list`')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const g = globals(cmd);
      const app = await openOgoh(g.db ? { db: g.db } : {});
      const auth = await openAuth(app);
      try {
        await revokeApiKey(auth, id);
        if (g.json) printJson({ id, revoked: true });
        else info(`API key ${id} revoked`);
      } finally {
        await auth.close();
        await app.close();
      }
    });
}
