import { randomBytes } from 'node:crypto';
import { addUser, listUsers, openAuth, openOgoh, setUserDisabled } from '@ogoh/app';
import { OgohError, ROLES } from '@ogoh/core';
import { type Command, Option } from 'commander';
import { info, printJson } from '../output.ts';
import { globals } from './common.ts';

/** The first line of stdin (a password piped in, so it never shows in `ps` or shell history). */
async function firstLineOfStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) {
    chunks.push(c as Buffer);
    if (Buffer.concat(chunks).includes(0x0a)) break;
  }
  return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trimEnd();
}

export function registerUsers(program: Command): void {
  const users = program
    .command('users')
    .description('dashboard and API users (roles: admin, analyst, viewer)');
  users
    .command('add')
    .description('add a user; without --password-stdin a password is generated and printed once')
    .requiredOption('--username <name>', 'lower-case letters, digits, ".", "_" or "-"')
    .addOption(new Option('--role <role>', 'what the user may do').choices([...ROLES]).makeOptionMandatory())
    .option('--password-stdin', 'read the password from the first line of stdin')
    .action(async (o: { username: string; role: string; passwordStdin?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      let password = o.passwordStdin ? await firstLineOfStdin() : '';
      const generated = !o.passwordStdin;
      if (generated) password = randomBytes(12).toString('base64url');
      if (o.passwordStdin && !password)
        throw new OgohError('USAGE', 'no password on stdin', {
          field: '--password-stdin',
          hint: 'e.g. printf %s "$PASSWORD" | ogoh users add --username U --role viewer --password-stdin',
        });
      const app = await openOgoh(g.db ? { db: g.db } : {});
      const auth = await openAuth(app);
      try {
        const u = await addUser(auth, { username: o.username, role: o.role, password });
        if (g.json) printJson({ ...u, ...(generated ? { password } : {}) });
        else {
          info(`user ${u.username} added (${u.role})`);
          if (generated) process.stdout.write(`password: ${password}\n`);
        }
      } finally {
        await auth.close();
        await app.close();
      }
    });
  users
    .command('list')
    .description('list users')
    .action(async (_o: unknown, cmd: Command) => {
      const g = globals(cmd);
      const app = await openOgoh(g.db ? { db: g.db } : {});
      const auth = await openAuth(app);
      try {
        const list = await listUsers(auth);
        if (g.json) printJson(list);
        else
          for (const u of list)
            process.stdout.write(
              `${u.username.padEnd(24)} ${u.role.padEnd(8)} ${u.disabled ? 'disabled' : 'active  '} last login ${u.lastLoginAt ?? 'never'}\n`,
            );
      } finally {
        await auth.close();
        await app.close();
      }
    });
  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    users
      .command(verb)
      .description(disabled ? 'disable a user and end their sessions' : 'enable a disabled user')
      .argument('<username>')
      .action(async (username: string, _o: unknown, cmd: Command) => {
        const g = globals(cmd);
        const app = await openOgoh(g.db ? { db: g.db } : {});
        const auth = await openAuth(app);
        try {
          const u = await setUserDisabled(auth, username, disabled);
          if (g.json) printJson(u);
          else info(`user ${u.username} ${disabled ? 'disabled' : 'enabled'}`);
        } finally {
          await auth.close();
          await app.close();
        }
      });
  }
}
