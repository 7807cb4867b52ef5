/**
 * `ogoh alerts`: alert rules (a narrative spike, a convergence signal, a new source in a story, a
 * claim match) posted to webhooks with an HMAC signature; `run` evaluates the rules and sends what
 * is due (retries included), `list` and `log` show the events and the delivery log.
 */
import { userInfo } from 'node:os';
import {
  addAlertRule,
  type DeliverReport,
  listAlertDeliveries,
  listAlertEvents,
  listAlertRules,
  openOgoh,
  removeAlertRule,
  runAlerts,
  sendTestAlert,
  setAlertRuleEnabled,
} from '@ogoh/app';
import {
  ALERT_EVENT_STATES,
  ALERT_RULE_KINDS,
  type AlertEventState,
  type AlertRuleKind,
  OgohError,
} from '@ogoh/core';
import { type Command, Option } from 'commander';
import { info, printJson } from '../output.ts';
import { globals, parseIntFlag } from './common.ts';

function actor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

function parseScore(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new OgohError('USAGE', `${flag} "${value}" is not a number`, {
      field: flag,
      hint: 'e.g. 0.8 (or 3.5 for a spike z-score)',
    });
  return n;
}

interface DeliverFlags {
  backoffMs?: string;
  timeoutMs?: string;
}

function deliverOptions(o: DeliverFlags) {
  const backoffMs = parseIntFlag(o.backoffMs, '--backoff-ms', 0, 86_400_000);
  const timeoutMs = parseIntFlag(o.timeoutMs, '--timeout-ms', 100, 300_000);
  return {
    ...(backoffMs !== undefined ? { backoffMs } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  };
}

function deliveryLine(d: DeliverReport): string {
  return `${d.attempts} attempt(s): ${d.delivered} delivered, ${d.failed} failed (to retry), ${d.dead} given up`;
}

async function withApp<T>(
  cmd: Command,
  fn: (app: Awaited<ReturnType<typeof openOgoh>>) => Promise<T>,
): Promise<T> {
  const g = globals(cmd);
  const app = await openOgoh(g.db ? { db: g.db } : {});
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

export function registerAlerts(program: Command): void {
  const alerts = program
    .command('alerts')
    .description(
      'alert rules → signed webhook POSTs (X-Ogoh-Signature), retried with backoff; events and delivery log',
    );
  const rules = alerts.command('rules').description('add, list, disable, enable or remove alert rules');
  rules
    .command('add')
    .description('add a rule; its signing secret is printed once')
    .requiredOption('--name <name>', 'what the rule is for')
    .addOption(
      new Option('--kind <kind>', 'what it watches').choices([...ALERT_RULE_KINDS]).makeOptionMandatory(),
    )
    .requiredOption('--url <url>', 'the webhook receiving the events (http or https)')
    .option(
      '--label <id>',
      'narrative id (narrative_spike) or detection label / claim id (convergence, claim_match)',
    )
    .option(
      '--threshold <n>',
      'smallest spike z-score (narrative_spike) or detection score 0..1 (convergence, claim_match)',
    )
    .option('--story <id>', 'the story watched (source_joins_story)')
    .option('--id <id>', 'the rule id (default: generated)')
    .option('--max-attempts <n>', 'deliveries tried per event before giving up (default 6)')
    .option(
      '--allow-private',
      'let the rule post to 127.0.0.1 / private addresses (needs OGOH_ALERTS_ALLOW_PRIVATE=1)',
    )
    .option('--disabled', 'add it disabled')
    .action(
      async (
        o: {
          name: string;
          kind: AlertRuleKind;
          url: string;
          label?: string;
          threshold?: string;
          story?: string;
          id?: string;
          maxAttempts?: string;
          allowPrivate?: boolean;
          disabled?: boolean;
        },
        cmd: Command,
      ) => {
        const g = globals(cmd);
        const threshold = parseScore(o.threshold, '--threshold');
        const maxAttempts = parseIntFlag(o.maxAttempts, '--max-attempts', 1, 20);
        const rule = await withApp(cmd, (app) =>
          addAlertRule(
            app,
            {
              name: o.name,
              kind: o.kind,
              targetUrl: o.url,
              params: {
                ...(o.label !== undefined ? { label: o.label } : {}),
                ...(threshold !== undefined ? { threshold } : {}),
                ...(o.story !== undefined ? { storyId: o.story } : {}),
              },
              ...(o.id !== undefined ? { id: o.id } : {}),
              ...(maxAttempts !== undefined ? { maxAttempts } : {}),
              ...(o.allowPrivate ? { allowPrivate: true } : {}),
              ...(o.disabled ? { enabled: false } : {}),
            },
            actor(),
          ),
        );
        if (g.json) printJson(rule);
        else {
          info(
            `alert rule ${rule.id} (${rule.kind}) → ${rule.targetUrl}; its signing secret is shown only now:`,
          );
          process.stdout.write(`${rule.secret}\n`);
        }
      },
    );
  rules
    .command('list')
    .description('list the rules (never their secrets)')
    .action(async (_o: unknown, cmd: Command) => {
      const g = globals(cmd);
      const list = await withApp(cmd, (app) => listAlertRules(app));
      if (g.json) printJson(list);
      else if (list.length === 0) info('no alert rules (add one with `ogoh alerts rules add`)');
      else
        for (const r of list)
          process.stdout.write(
            `${r.id.padEnd(20)} ${r.enabled ? 'on ' : 'off'} ${r.kind.padEnd(18)} ${r.name}  → ${r.targetUrl}  ${JSON.stringify(r.params)}\n`,
          );
    });
  for (const [name, enabled] of [
    ['disable', false],
    ['enable', true],
  ] as const)
    rules
      .command(name)
      .description(`${name} a rule (a disabled rule raises and sends nothing)`)
      .argument('<rule>', 'the rule id from `ogoh alerts rules list`')
      .action(async (id: string, _o: unknown, cmd: Command) => {
        const g = globals(cmd);
        await withApp(cmd, (app) => setAlertRuleEnabled(app, id, enabled));
        if (g.json) printJson({ id, enabled });
        else info(`alert rule ${id} ${enabled ? 'enabled' : 'disabled'}`);
      });
  rules
    .command('remove')
    .description('remove a rule with its events and delivery log')
    .argument('<rule>', 'the rule id from `ogoh alerts rules list`')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const g = globals(cmd);
      await withApp(cmd, (app) => removeAlertRule(app, id));
      if (g.json) printJson({ id, removed: true });
      else info(`alert rule ${id} removed`);
    });

  alerts
    .command('run')
    .description('evaluate the rules (one event per new cause) and send every due event, retries included')
    .option('--backoff-ms <ms>', 'first retry delay, doubled per attempt with jitter (default 30000)')
    .option('--timeout-ms <ms>', 'per request (default 10000)')
    .action(async (o: DeliverFlags, cmd: Command) => {
      const g = globals(cmd);
      const options = deliverOptions(o);
      const report = await withApp(cmd, (app) => runAlerts(app, options));
      if (g.json) printJson(report);
      else {
        info(`${report.rules} enabled rule(s); ${report.raised.length} new event(s)`);
        for (const p of report.problems) info(`rule ${p.ruleId} not evaluated: ${p.message}`);
        info(deliveryLine(report.delivery));
        for (const d of report.delivery.deliveries)
          if (d.error)
            info(
              `  ${d.eventId} attempt ${d.attempt}: ${d.error}${d.nextAttemptAt ? ` (again at ${d.nextAttemptAt})` : ''}`,
            );
      }
    });
  alerts
    .command('test')
    .description('send a test event for a rule now (exit 1 unless it was delivered)')
    .argument('<rule>', 'the rule id from `ogoh alerts rules list`')
    .option('--backoff-ms <ms>', 'first retry delay (default 30000)')
    .option('--timeout-ms <ms>', 'per request (default 10000)')
    .action(async (id: string, o: DeliverFlags, cmd: Command) => {
      const g = globals(cmd);
      const options = deliverOptions(o);
      const { event, delivery } = await withApp(cmd, (app) => sendTestAlert(app, id, options));
      const mine = delivery.deliveries.filter((d) => d.eventId === event.id);
      const ok = mine.some((d) => d.status === 'delivered');
      if (g.json) printJson({ event, deliveries: mine, delivered: ok });
      else {
        for (const d of mine)
          info(
            `attempt ${d.attempt}: ${d.status}${d.httpStatus ? ` HTTP ${d.httpStatus}` : ''}${d.error ? ` — ${d.error}` : ''}`,
          );
        info(
          ok
            ? `test event ${event.id} delivered`
            : `test event ${event.id} not delivered yet (retried by \`ogoh alerts run\`)`,
        );
      }
      if (!ok) process.exitCode = 1;
    });
  alerts
    .command('list')
    .description('list alert events, newest first')
    .option('--rule <id>', 'only this rule')
    .addOption(new Option('--state <state>', 'only events in this state').choices([...ALERT_EVENT_STATES]))
    .option('--limit <n>', 'at most this many (default 100)')
    .action(async (o: { rule?: string; state?: AlertEventState; limit?: string }, cmd: Command) => {
      const g = globals(cmd);
      const limit = parseIntFlag(o.limit, '--limit', 1, 10_000);
      const events = await withApp(cmd, (app) =>
        listAlertEvents(app, {
          ...(o.rule ? { ruleId: o.rule } : {}),
          ...(o.state ? { state: o.state } : {}),
          ...(limit ? { limit } : {}),
        }),
      );
      if (g.json) printJson(events);
      else if (events.length === 0) info('no alert events');
      else
        for (const e of events)
          process.stdout.write(
            `${e.createdAt}  ${e.state.padEnd(9)} ${String(e.attempts).padStart(2)}×  ${e.ruleId}  ${e.fingerprint}\n`,
          );
    });
  alerts
    .command('log')
    .description('the delivery log: every attempt, newest first')
    .option('--rule <id>', 'only this rule')
    .option('--event <id>', 'only this event')
    .option('--limit <n>', 'at most this many (default 100)')
    .action(async (o: { rule?: string; event?: string; limit?: string }, cmd: Command) => {
      const g = globals(cmd);
      const limit = parseIntFlag(o.limit, '--limit', 1, 10_000);
      const log = await withApp(cmd, (app) =>
        listAlertDeliveries(app, {
          ...(o.rule ? { ruleId: o.rule } : {}),
          ...(o.event ? { eventId: o.event } : {}),
          ...(limit ? { limit } : {}),
        }),
      );
      if (g.json) printJson(log);
      else if (log.length === 0) info('no deliveries yet');
      else
        for (const d of log)
          process.stdout.write(
            `${d.at}  ${d.status.padEnd(9)} #${d.attempt} ${d.httpStatus ?? '---'}  ${d.eventId}${d.error ? `  ${d.error}` : ''}\n`,
          );
    });
}
