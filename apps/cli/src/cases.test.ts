/**
 * `ogoh cases …` and `ogoh brief` end to end through the real binary, on the analysed demo corpus:
 * a case from an item and a story, evidence by detection id, notes, status rules (exit 1 on a move
 * the rules refuse, exit 2 on a bad flag), assignee, TLP, the audit trail under --as, and briefs
 * in three languages as Markdown and self-contained HTML.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';

const BIN = new URL('../bin/ogoh.js', import.meta.url).pathname;

let dir: string;
let db: string;

function ogoh(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, '--db', db, ...args], {
    encoding: 'utf8',
    env: { ...process.env, OGOH_DB: '', USER: 'cli-user', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function json<T>(args: string[]): T {
  const r = ogoh(['--json', ...args]);
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.err}`);
  return JSON.parse(r.out) as T;
}

let story: { id: string; firstItemId: string };
let convergence: { id: string; item_id: string };

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ogoh-cases-cli-'));
  db = join(dir, 'demo.db');
  const r = ogoh(['demo', '--items', '200', '--no-serve', '--out', join(dir, 'corpus')]);
  assert.equal(r.code, 0, r.err);
  const sql = new Database(db, { readonly: true });
  try {
    story = sql
      .prepare(
        "SELECT id, first_item_id AS firstItemId FROM stories WHERE size >= 3 AND langs LIKE '%tg%' ORDER BY size DESC LIMIT 1",
      )
      .get() as typeof story;
    convergence = sql
      .prepare("SELECT id, item_id FROM detections WHERE kind = 'convergence' ORDER BY id LIMIT 1")
      .get() as typeof convergence;
  } finally {
    sql.close();
  }
  assert.ok(story, 'the demo corpus has a multi-source story with Tajik members');
  assert.ok(convergence, 'the demo corpus has a convergence detection');
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('ogoh cases', () => {
  let id: string;

  test('create from an item and a story; show resolves them; the creator is $USER', () => {
    const c = json<{ id: string; status: string; tlp: string; createdBy: string }>([
      'cases',
      'create',
      '--title',
      'Квоты: фейк дар бораи донишҷӯён',
      '--from-item',
      story.firstItemId,
      '--from-story',
      story.id,
    ]);
    assert.match(c.id, /^ca_[a-z2-7]{10}$/);
    assert.deepEqual([c.status, c.tlp, c.createdBy], ['open', 'amber', 'cli-user']);
    id = c.id;
    const v = json<{
      evidence: { kind: string; item?: { excerpt: string; sourceName: string }; story?: { size: number } }[];
    }>(['cases', 'show', id]);
    assert.deepEqual(
      v.evidence.map((e) => e.kind),
      ['item', 'story'],
    );
    assert.ok(v.evidence[0]!.item!.excerpt.length > 20);
    assert.ok(v.evidence[0]!.item!.sourceName);
    assert.ok(v.evidence[1]!.story!.size >= 3);
    const human = ogoh(['cases', 'show', id]);
    assert.equal(human.code, 0);
    assert.match(human.out, /Квоты: фейк/);
    assert.match(human.out, /story of \d+ items from \d+ sources/);
  });

  test('unknown evidence is refused naming the flag, and nothing is stored', () => {
    const r = ogoh(['cases', 'create', '--title', 'x', '--from-item', 'it_nope']);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /field "item": no item "it_nope"/);
    const list = json<{ cases: unknown[] }>(['cases', 'list']);
    assert.equal(list.cases.length, 1);
    const bad = ogoh(['cases', 'create', '--title', 'x', '--tlp', 'orange']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--tlp.*TLP 2\.0/);
  });

  test('add by detection id, note, status rules, assign, tlp; the log says who did what', () => {
    const added = json<{ added: number; already: number }>([
      'cases',
      'add',
      id,
      '--detection',
      convergence.id,
      '--item',
      story.firstItemId,
      '--as',
      'zarina',
    ]);
    assert.deepEqual(added, { added: 1, already: 1 });
    assert.equal(ogoh(['cases', 'note', id, 'Манбаъ ҳанӯз тасдиқ нашуд', '--as', 'zarina']).code, 0);
    const refused = ogoh(['cases', 'status', id, 'published', '--as', 'zarina']);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /cannot go from open to published/);
    assert.equal(ogoh(['cases', 'status', id, 'in-review', '--as', 'bahrom']).code, 0);
    assert.equal(ogoh(['cases', 'assign', id, 'bahrom', '--as', 'zarina']).code, 0);
    assert.equal(ogoh(['cases', 'tlp', id, 'TLP:GREEN']).code, 0);
    assert.equal(ogoh(['cases', 'status', id, 'closing']).code, 2);
    const log = json<{ actor: string; action: string; before?: unknown; after?: unknown }[]>([
      'cases',
      'log',
      id,
    ]);
    assert.deepEqual(
      log.map((e) => [e.actor, e.action]),
      [
        ['cli-user', 'created'],
        ['cli-user', 'evidence-added'],
        ['cli-user', 'evidence-added'],
        ['zarina', 'evidence-added'],
        ['zarina', 'note-added'],
        ['bahrom', 'status-changed'],
        ['zarina', 'assigned'],
        ['cli-user', 'tlp-changed'],
      ],
    );
    assert.deepEqual([log[5]!.before, log[5]!.after], ['open', 'in_review']);
    assert.deepEqual([log[7]!.before, log[7]!.after], ['amber', 'green']);
    const human = ogoh(['cases', 'log', id]);
    assert.match(human.out, /bahrom\s+status-changed\s+open → in_review/);
    const list = json<{ cases: { id: string; assignee?: string }[] }>([
      'cases',
      'list',
      '--status',
      'in_review',
    ]);
    assert.deepEqual(
      list.cases.map((c) => [c.id, c.assignee]),
      [[id, 'bahrom']],
    );
    assert.deepEqual(json<{ cases: unknown[] }>(['cases', 'list', '--status', 'open']).cases, []);
  });

  test('closed cases take no evidence until reopened', () => {
    assert.equal(ogoh(['cases', 'status', id, 'closed']).code, 0);
    const r = ogoh(['cases', 'remove', id, '--detection', convergence.id]);
    assert.equal(r.code, 1);
    assert.match(r.err, /closed: its evidence cannot change/);
    assert.equal(ogoh(['cases', 'status', id, 'open']).code, 0);
    assert.deepEqual(json(['cases', 'remove', id, '--detection', convergence.id]), { removed: 1, absent: 0 });
    assert.deepEqual(json(['cases', 'add', id, '--detection', convergence.id]), { added: 1, already: 0 });
  });

  test('brief: Markdown and self-contained HTML in tg, ru and en, marked draft, TLP on top', () => {
    const marks = {
      tg: /ЛОИҲА — барои баррасии инсон/,
      ru: /ЧЕРНОВИК — для проверки человеком/,
      en: /DRAFT — for human review/,
    };
    for (const lang of ['tg', 'ru', 'en'] as const) {
      const md = ogoh(['brief', id, '--lang', lang]);
      assert.equal(md.code, 0, md.err);
      assert.match(md.out.split('\n')[0]!, /^\*\*TLP:GREEN\*\*/);
      assert.match(md.out, marks[lang]);
      assert.match(md.out, /\| 20\d\d-\d\d-\d\d \| \d+ \|/, 'timeline table');
      assert.match(md.out, /T0\d{3}/, 'DISARM ids from the convergence item narratives');
      const out = join(dir, `brief-${lang}.html`);
      const r = ogoh(['--json', 'brief', id, '--format', 'html', '--lang', lang, '--out', out]);
      assert.equal(r.code, 0, r.err);
      assert.equal(JSON.parse(r.out).out, out);
      const html = readFileSync(out, 'utf8');
      assert.match(html, new RegExp(`<html lang="${lang}">`));
      assert.match(html, marks[lang]);
      assert.ok(html.indexOf('TLP:GREEN') < html.indexOf('<h1>'), 'TLP marking before the title');
      assert.match(html, /<svg class="chart"/);
      assert.match(html, /@media print/);
      assert.doesNotMatch(html, /<script|<link|<img|\ssrc=|url\(/i, 'no external or active content');
    }
    const tg = readFileSync(join(dir, 'brief-tg.html'), 'utf8');
    assert.match(tg, /Занҷираи пайдоиш/);
    assert.match(tg, /Чиро бояд санҷид/);
  });

  test('bad brief flags exit 2 naming the flag; unknown case exits 1', () => {
    const r = ogoh(['brief', id, '--format', 'pdf']);
    assert.equal(r.code, 2);
    assert.match(r.err, /--format/);
    assert.equal(ogoh(['brief', id, '--lang', 'uz']).code, 2);
    const missing = ogoh(['brief', 'ca_nothere']);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /no case "ca_nothere"/);
  });
});
