/**
 * `ogoh cases …` (incidents: evidence, notes, status, assignee, TLP, audit trail) and
 * `ogoh brief CASE_ID` (a draft brief in Markdown or printable HTML, in tg, ru or en).
 * Every change is recorded under `--as USER`, else $USER.
 */
import { writeFileSync } from 'node:fs';
import {
  addCaseNote,
  addEvidence,
  type BriefFormat,
  type BriefLang,
  type CaseView,
  caseLog,
  createCase,
  type EvidenceRefs,
  exportBrief,
  listCases,
  type Ogoh,
  openCases,
  openOgoh,
  removeEvidence,
  showCase,
  updateCase,
} from '@ogoh/app';
import {
  CASE_STATUSES,
  type Case,
  type CaseEvent,
  type CaseExport,
  type CaseStatus,
  type CaseStore,
  OgohError,
  TLP_LEVELS,
  type Tlp,
} from '@ogoh/core';
import type { Command } from 'commander';
import { info, printJson } from '../output.ts';
import { cliActor, globals, parseIntFlag } from './common.ts';

const collect = (v: string, prev: string[] = []) => [...prev, v];

function actorOf(opts: { as?: string }): string {
  const who = opts.as ?? process.env.USER ?? process.env.LOGNAME;
  if (!who?.trim())
    throw new OgohError('USAGE', 'who is doing this? no --as and no $USER', {
      field: '--as',
      hint: 'e.g. --as nilufar',
    });
  return who.trim();
}

function parseStatus(v: string | undefined, flag: string): CaseStatus | undefined {
  if (v === undefined) return undefined;
  const s = v.replace('-', '_');
  if (!(CASE_STATUSES as readonly string[]).includes(s))
    throw new OgohError('USAGE', `${flag} "${v}" is not a case status`, {
      field: flag,
      hint: `one of ${CASE_STATUSES.join(', ')}`,
    });
  return s as CaseStatus;
}

function parseTlp(v: string | undefined, flag: string): Tlp | undefined {
  if (v === undefined) return undefined;
  const s = v.toLowerCase().replace(/^tlp:/, '');
  if (!(TLP_LEVELS as readonly string[]).includes(s))
    throw new OgohError('USAGE', `${flag} "${v}" is not a TLP 2.0 label`, {
      field: flag,
      hint: `one of ${TLP_LEVELS.join(', ')}`,
    });
  return s as Tlp;
}

async function withCases<T>(cmd: Command, fn: (app: Ogoh, cases: CaseStore) => Promise<T>): Promise<T> {
  const g = globals(cmd);
  const app = await openOgoh(g.db ? { db: g.db } : {});
  try {
    const cases = await openCases(app);
    try {
      return await fn(app, cases);
    } finally {
      await cases.close();
    }
  } finally {
    await app.close();
  }
}

interface BriefFlags {
  format: string;
  lang: string;
  out?: string;
  actor?: string;
}

function caseLine(c: Case): string {
  return `${c.id}  ${c.status.padEnd(9)}  TLP:${c.tlp.toUpperCase().padEnd(12)}  ${(c.assignee ?? '-').padEnd(12)}  ${c.updatedAt.slice(0, 16).replace('T', ' ')}  ${c.title}`;
}

function value(v: unknown): string {
  if (v === undefined) return '∅';
  if (typeof v === 'string') return v.length > 80 ? `${v.slice(0, 79)}…` : v;
  return JSON.stringify(v);
}

/** An export as the trail shows it: "stix · TLP:AMBER · 42 objects · 7 items". */
function exportLine(v: unknown): string {
  const x = (v ?? {}) as Partial<CaseExport>;
  return [
    `${x.format}${x.lang ? ` (${x.lang})` : ''}`,
    `TLP:${String(x.tlp).toUpperCase()}`,
    `${x.objects} objects`,
    `${x.items} items${x.truncated ? ' (truncated)' : ''}`,
  ].join(' · ');
}

export function eventLine(e: CaseEvent): string {
  const change =
    e.action === 'exported'
      ? exportLine(e.after)
      : e.action === 'created' || e.action.startsWith('evidence') || e.action === 'note-added'
        ? value(e.after ?? e.before)
        : `${value(e.before)} → ${value(e.after)}`;
  return `${e.at.slice(0, 19).replace('T', ' ')}  ${e.actor.padEnd(12)}  ${e.action.padEnd(16)}  ${change}`;
}

export function renderCase(v: CaseView): string {
  const c = v.case;
  const lines = [
    `${c.id}  ${c.title}`,
    `status ${c.status} · TLP:${c.tlp.toUpperCase()} · assignee ${c.assignee ?? '-'} · created by ${c.createdBy} ${c.createdAt.slice(0, 16).replace('T', ' ')} · updated ${c.updatedAt.slice(0, 16).replace('T', ' ')}`,
  ];
  if (c.summary) lines.push('', c.summary);
  lines.push('', `Evidence (${v.evidence.length})`);
  for (const e of v.evidence) {
    const head = `- ${e.kind} ${e.ref}${e.note ? `  “${e.note}”` : ''}  (${e.addedBy})`;
    if (e.missing) {
      lines.push(`${head}  ⚠ no longer in the store`);
      continue;
    }
    lines.push(head);
    if (e.story)
      lines.push(
        `    story of ${e.story.size} items from ${e.story.sources} sources (${e.story.langs.join(', ')}), first seen ${e.story.firstSeen?.slice(0, 16).replace('T', ' ') ?? 'undated'}${e.story.title ? `: ${e.story.title}` : ''}`,
      );
    if (e.item) {
      const i = e.item;
      lines.push(
        `    ${i.published?.slice(0, 16).replace('T', ' ') ?? 'undated'}  ${i.sourceName}${i.affiliation ? ` [${i.affiliation}]` : ''} ${i.lang}${i.url ? `  ${i.url}` : ''}`,
        `    ${i.excerpt}`,
      );
      const dets = e.detection ? [e.detection] : i.detections;
      for (const d of dets) {
        const quotes = d.evidence
          .map((s) => s.text)
          .filter((t): t is string => !!t)
          .slice(0, 3)
          .map((t) => `“${t}”`)
          .join(' ');
        lines.push(
          `    · ${d.kind} ${d.label} ${d.score.toFixed(2)}${quotes ? `  ${quotes}` : ''}  (${d.id})`,
        );
      }
    }
  }
  if (v.notes.length > 0) {
    lines.push('', `Notes (${v.notes.length})`);
    for (const n of v.notes) lines.push(`- ${n.at.slice(0, 16).replace('T', ' ')} ${n.author}: ${n.text}`);
  }
  return `${lines.join('\n')}\n`;
}

function refsFrom(o: {
  item?: string[];
  story?: string[];
  detection?: string[];
  note?: string;
}): EvidenceRefs {
  return {
    ...(o.item ? { items: o.item } : {}),
    ...(o.story ? { stories: o.story } : {}),
    ...(o.detection ? { detections: o.detection } : {}),
    ...(o.note ? { note: o.note } : {}),
  };
}

export function registerCases(program: Command): void {
  const cases = program
    .command('cases')
    .description('cases (incidents): evidence, notes, status, assignee, TLP marking and an audit trail');
  const as = (c: Command) => c.option('--as <user>', 'who is doing this (default $USER)');

  as(
    cases
      .command('create')
      .description('open a case, optionally from items, stories and detections')
      .requiredOption('--title <text>', 'what the case is about')
      .option('--from-item <id>', 'an item as evidence (repeatable)', collect)
      .option('--from-story <id>', 'a story as evidence (repeatable)', collect)
      .option('--from-detection <id>', 'a detection as evidence (repeatable)', collect)
      .option('--summary <text>', "the analyst's summary")
      .option('--tlp <label>', `TLP 2.0 marking: ${TLP_LEVELS.join(', ')}`, 'amber')
      .option('--assign <user>', 'who works on it'),
  ).action(
    async (
      o: {
        title: string;
        fromItem?: string[];
        fromStory?: string[];
        fromDetection?: string[];
        summary?: string;
        tlp: string;
        assign?: string;
        as?: string;
      },
      cmd: Command,
    ) => {
      const g = globals(cmd);
      const actor = actorOf(o);
      const tlp = parseTlp(o.tlp, '--tlp')!;
      const c = await withCases(cmd, (app, store) =>
        createCase(
          app,
          store,
          {
            title: o.title,
            tlp,
            ...refsFrom({
              ...(o.fromItem ? { item: o.fromItem } : {}),
              ...(o.fromStory ? { story: o.fromStory } : {}),
              ...(o.fromDetection ? { detection: o.fromDetection } : {}),
            }),
            ...(o.summary ? { summary: o.summary } : {}),
            ...(o.assign ? { assignee: o.assign } : {}),
          },
          actor,
        ),
      );
      if (g.json) printJson(c);
      else process.stdout.write(`${c.id}\n`);
      if (!g.quiet) info(`case ${c.id} opened by ${actor}: ${c.title}`);
    },
  );

  cases
    .command('list')
    .description('cases, most recently changed first')
    .option('--status <status>', `only this status: ${CASE_STATUSES.join(', ')}`)
    .option('--assignee <user>', 'only cases assigned to this user')
    .option('--limit <n>', 'at most this many', '100')
    .option('--cursor <c>', 'the next page, from a previous listing')
    .action(
      async (o: { status?: string; assignee?: string; limit: string; cursor?: string }, cmd: Command) => {
        const g = globals(cmd);
        const status = parseStatus(o.status, '--status');
        const limit = parseIntFlag(o.limit, '--limit', 1, 1000)!;
        const page = await withCases(cmd, (_app, store) =>
          listCases(store, {
            ...(status ? { status } : {}),
            ...(o.assignee ? { assignee: o.assignee } : {}),
            limit,
            ...(o.cursor ? { cursor: o.cursor } : {}),
          }),
        );
        if (g.json) printJson(page);
        else {
          for (const c of page.cases) process.stdout.write(`${caseLine(c)}\n`);
          info(`${page.cases.length} case(s)${page.next ? `; more with --cursor ${page.next}` : ''}`);
        }
      },
    );

  cases
    .command('show')
    .description('a case with its evidence resolved (excerpts, sources, detections with quotes), notes')
    .argument('<id>', 'case id (ca_…)')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const g = globals(cmd);
      const v = await withCases(cmd, (app, store) => showCase(app, store, id));
      if (g.json) printJson(v);
      else process.stdout.write(renderCase(v));
    });

  const evidenceFlags = (c: Command) =>
    c
      .option('--item <id>', 'an item (repeatable)', collect)
      .option('--story <id>', 'a story (repeatable)', collect)
      .option('--detection <id>', 'a detection (repeatable)', collect);

  as(
    evidenceFlags(
      cases.command('add').description('add evidence to a case').argument('<id>', 'case id'),
    ).option('--note <text>', 'why this is evidence'),
  ).action(
    async (
      id: string,
      o: { item?: string[]; story?: string[]; detection?: string[]; note?: string; as?: string },
      cmd: Command,
    ) => {
      const g = globals(cmd);
      const actor = actorOf(o);
      const r = await withCases(cmd, (app, store) => addEvidence(app, store, id, refsFrom(o), actor));
      if (g.json) printJson(r);
      if (!g.quiet) info(`${r.added} added to ${id}${r.already ? `, ${r.already} already there` : ''}`);
    },
  );

  as(
    evidenceFlags(
      cases.command('remove').description('remove evidence from a case').argument('<id>', 'case id'),
    ),
  ).action(
    async (
      id: string,
      o: { item?: string[]; story?: string[]; detection?: string[]; as?: string },
      cmd: Command,
    ) => {
      const g = globals(cmd);
      const actor = actorOf(o);
      const refs = [
        ...(o.item ?? []).map((r) => ['item', r] as const),
        ...(o.story ?? []).map((r) => ['story', r] as const),
        ...(o.detection ?? []).map((r) => ['detection', r] as const),
      ];
      if (refs.length === 0)
        throw new OgohError('USAGE', 'nothing to remove', {
          field: '--item',
          hint: 'give --item, --story or --detection',
        });
      const removed = await withCases(cmd, async (app, store) => {
        let n = 0;
        for (const [kind, ref] of refs) if (await removeEvidence(app, store, id, kind, ref, actor)) n++;
        return n;
      });
      if (g.json) printJson({ removed, absent: refs.length - removed });
      if (!g.quiet) info(`${removed} removed from ${id}`);
      if (removed < refs.length) {
        info(`ogoh: ${refs.length - removed} of the references were not evidence of ${id}`);
        process.exitCode = 1;
      }
    },
  );

  as(
    cases
      .command('note')
      .description('add a note')
      .argument('<id>', 'case id')
      .argument('<text>', 'the note'),
  ).action(async (id: string, text: string, o: { as?: string }, cmd: Command) => {
    const g = globals(cmd);
    const actor = actorOf(o);
    const n = await withCases(cmd, (app, store) => addCaseNote(app, store, id, text, actor));
    if (g.json) printJson(n);
    if (!g.quiet) info(`note ${n.id} added to ${id}`);
  });

  const update = (
    name: string,
    description: string,
    argName: string,
    patchOf: (v: string) => Parameters<typeof updateCase>[3],
  ) =>
    as(
      cases.command(name).description(description).argument('<id>', 'case id').argument(`<${argName}>`),
    ).action(async (id: string, v: string, o: { as?: string }, cmd: Command) => {
      const g = globals(cmd);
      const actor = actorOf(o);
      const patch = patchOf(v);
      const c = await withCases(cmd, (app, store) => updateCase(app, store, id, patch, actor));
      if (g.json) printJson(c);
      if (!g.quiet) info(caseLine(c));
    });
  update(
    'status',
    `move a case: ${CASE_STATUSES.join(', ')} (closed cases take no evidence until reopened)`,
    'status',
    (v) => ({
      status: parseStatus(v, 'status')!,
    }),
  );
  update('assign', 'assign a case to a user ("-" unassigns)', 'user', (v) => ({
    assignee: v === '-' ? null : v,
  }));
  update('tlp', `set the TLP 2.0 marking: ${TLP_LEVELS.join(', ')}`, 'label', (v) => ({
    tlp: parseTlp(v, 'label')!,
  }));
  update('title', 'rename a case', 'title', (v) => ({ title: v }));
  update('summary', "set the analyst's summary", 'text', (v) => ({ summary: v }));

  cases
    .command('log')
    .description('the audit trail: who did what, when, before and after')
    .argument('<id>', 'case id')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const g = globals(cmd);
      const events = await withCases(cmd, (_app, store) => caseLog(store, id));
      if (g.json) printJson(events);
      else for (const e of events) process.stdout.write(`${eventLine(e)}\n`);
    });

  program
    .command('brief')
    .description('a draft brief for human review from a case: Markdown or one printable HTML file')
    .argument('<case>', 'case id (ca_…)')
    .option('--format <f>', 'md or html', 'md')
    .option('--lang <l>', 'tg, ru or en', 'en')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--actor <name>', 'who takes the brief out, for the audit trail (default cli:<OS user>)')
    .action(async (id: string, o: BriefFlags, cmd: Command) => {
      const g = globals(cmd);
      if (o.format !== 'md' && o.format !== 'html')
        throw new OgohError('USAGE', `--format "${o.format}" is not md or html`, { field: '--format' });
      if (o.lang !== 'tg' && o.lang !== 'ru' && o.lang !== 'en')
        throw new OgohError('USAGE', `--lang "${o.lang}" is not tg, ru or en`, { field: '--lang' });
      const format = o.format as BriefFormat;
      const lang = o.lang as BriefLang;
      const actor = cliActor(o.actor);
      // recorded on the case's trail and in the audit log: a brief on stdout or in a file has left
      const brief = await withCases(cmd, (app, store) =>
        exportBrief(app, store, id, { format, lang }, { actor }),
      );
      if (o.out) {
        try {
          writeFileSync(o.out, brief.text);
        } catch (e) {
          throw new OgohError('INPUT_MISSING', 'cannot write the brief', {
            file: o.out,
            field: '--out',
            cause: e,
          });
        }
      } else if (!g.json) process.stdout.write(brief.text);
      if (g.json)
        printJson({
          case: id,
          format,
          lang,
          ...(o.out ? { out: o.out } : { text: brief.text }),
          bytes: Buffer.byteLength(brief.text),
          warnings: brief.warnings,
        });
      for (const w of brief.warnings) info(`ogoh: ${w}`);
      if (o.out && !g.quiet) info(`brief for ${id} (${format}, ${lang}) written to ${o.out}`);
    });
}
