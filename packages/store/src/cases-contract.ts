/**
 * The CaseStore contract: what every adapter must do, run against SQLite (sqlite/cases.test.ts) and
 * PostgreSQL (postgres/cases.test.ts). Status rules, evidence freezing on closed cases, and one
 * audit event per change written with the change.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { type CaseStore, isOgohError } from '@ogoh/core';

const T0 = '2026-03-01T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

function rejectsWith(code: string, pattern?: RegExp) {
  return (e: unknown) => {
    assert.ok(isOgohError(e), String(e));
    assert.equal(e.code, code, e.message);
    if (pattern) assert.match(e.message, pattern);
    return true;
  };
}

export function caseStoreContract(
  name: string,
  /** opens the store named `key` (the same key: the same store, through a new connection) */
  open: (key: string) => Promise<CaseStore>,
  cleanup: () => Promise<void> = async () => {},
): void {
  describe(`CaseStore contract: ${name}`, () => {
    const opened: CaseStore[] = [];
    let n = 0;
    const fresh = async () => {
      const s = await open(`k${++n}`);
      opened.push(s);
      return s;
    };
    after(async () => {
      for (const s of opened) await s.close();
      await cleanup();
    });

    test('create with evidence, read back, audit trail of the creation', async () => {
      const s = await fresh();
      const c = await s.createCase({
        id: 'ca_1',
        title: '  Фейк дар бораи ҳуҷҷатҳо  ',
        tlp: 'amber',
        createdBy: 'nilufar',
        at: at(0),
        evidence: [
          { kind: 'item', ref: 'it_a', note: 'first sighting' },
          { kind: 'story', ref: 'st_b' },
          { kind: 'item', ref: 'it_a' },
          { kind: 'detection', ref: 'de_c', itemId: 'it_a' },
        ],
      });
      assert.equal(c.title, 'Фейк дар бораи ҳуҷҷатҳо');
      assert.equal(c.status, 'open');
      assert.equal(c.summary, '');
      assert.deepEqual(await s.getCase('ca_1'), c);
      assert.equal(await s.getCase('ca_none'), undefined);
      const ev = await s.listEvidence('ca_1');
      assert.deepEqual(
        ev.map((e) => [e.kind, e.ref, e.itemId, e.note, e.addedBy]),
        [
          ['item', 'it_a', undefined, 'first sighting', 'nilufar'],
          ['story', 'st_b', undefined, undefined, 'nilufar'],
          ['detection', 'de_c', 'it_a', undefined, 'nilufar'],
        ],
      );
      const log = await s.listEvents('ca_1');
      assert.deepEqual(
        log.map((e) => e.action),
        ['created', 'evidence-added', 'evidence-added', 'evidence-added'],
      );
      assert.deepEqual(log[0]!.after, { title: 'Фейк дар бораи ҳуҷҷатҳо', status: 'open', tlp: 'amber' });
      assert.ok(log.every((e) => e.actor === 'nilufar' && e.at === at(0) && e.caseId === 'ca_1'));
      assert.ok(log.every((e, i) => i === 0 || e.seq > log[i - 1]!.seq));
      await assert.rejects(
        s.createCase({ id: 'ca_1', title: 'again', tlp: 'red', createdBy: 'x', at: at(1) }),
        rejectsWith('CONFLICT'),
      );
      assert.equal((await s.listEvents('ca_1')).length, 4, 'a refused create writes nothing');
    });

    test('bad input is a coded error naming the field, and writes nothing', async () => {
      const s = await fresh();
      await assert.rejects(
        s.createCase({ id: 'ca_bad', title: '   ', tlp: 'amber', createdBy: 'x', at: at(0) }),
        (e) => rejectsWith('INPUT_FIELD')(e) && isOgohError(e) && e.field === 'title',
      );
      await assert.rejects(
        s.createCase({ id: 'ca_bad', title: 't', tlp: 'orange' as 'red', createdBy: 'x', at: at(0) }),
        (e) => rejectsWith('INPUT_FIELD')(e) && isOgohError(e) && e.field === 'tlp',
      );
      assert.equal(await s.getCase('ca_bad'), undefined);
      await assert.rejects(s.updateCase('ca_none', { tlp: 'red' }, 'x', at(1)), rejectsWith('NOT_FOUND'));
      await assert.rejects(
        s.addNote('ca_none', { id: 'n1', text: 'x' }, 'x', at(1)),
        rejectsWith('NOT_FOUND'),
      );
    });

    test('updates: one event per changed field with before and after; no-op writes nothing', async () => {
      const s = await fresh();
      await s.createCase({ id: 'ca_u', title: 'T', tlp: 'green', createdBy: 'a', at: at(0) });
      const c = await s.updateCase(
        'ca_u',
        { title: 'T2', summary: 'Ҷамъбаст', assignee: 'bahrom', tlp: 'red', status: 'in_review' },
        'a',
        at(5),
      );
      assert.deepEqual(
        {
          title: c.title,
          summary: c.summary,
          assignee: c.assignee,
          tlp: c.tlp,
          status: c.status,
          updatedAt: c.updatedAt,
        },
        {
          title: 'T2',
          summary: 'Ҷамъбаст',
          assignee: 'bahrom',
          tlp: 'red',
          status: 'in_review',
          updatedAt: at(5),
        },
      );
      assert.deepEqual(await s.getCase('ca_u'), c);
      const same = await s.updateCase('ca_u', { title: 'T2', tlp: 'red' }, 'b', at(6));
      assert.deepEqual(same, c);
      const unassigned = await s.updateCase('ca_u', { assignee: null }, 'b', at(7));
      assert.equal(unassigned.assignee, undefined);
      const log = (await s.listEvents('ca_u')).slice(1);
      assert.deepEqual(
        log.map((e) => [e.action, e.before, e.after, e.actor]),
        [
          ['title-changed', 'T', 'T2', 'a'],
          ['summary-changed', '', 'Ҷамъбаст', 'a'],
          ['status-changed', 'open', 'in_review', 'a'],
          ['assigned', undefined, 'bahrom', 'a'],
          ['tlp-changed', 'green', 'red', 'a'],
          ['assigned', 'bahrom', undefined, 'b'],
        ],
      );
    });

    test('status moves follow the rules; a closed case takes no evidence until reopened', async () => {
      const s = await fresh();
      await s.createCase({ id: 'ca_s', title: 'S', tlp: 'clear', createdBy: 'a', at: at(0) });
      await assert.rejects(
        s.updateCase('ca_s', { status: 'published' }, 'a', at(1)),
        (e) =>
          rejectsWith('CONFLICT', /cannot go from open to published/)(e) &&
          isOgohError(e) &&
          e.field === 'status',
      );
      await assert.rejects(
        s.updateCase('ca_s', { status: 'open' }, 'a', at(1)),
        rejectsWith('CONFLICT', /already open/),
      );
      await s.updateCase('ca_s', { status: 'in_review' }, 'a', at(2));
      await s.updateCase('ca_s', { status: 'published' }, 'a', at(3));
      await s.updateCase('ca_s', { status: 'closed' }, 'a', at(4));
      await assert.rejects(
        s.addEvidence('ca_s', { kind: 'item', ref: 'it_late' }, 'a', at(5)),
        rejectsWith('CONFLICT', /closed/),
      );
      await assert.rejects(
        s.updateCase('ca_s', { status: 'in_review' }, 'a', at(5)),
        rejectsWith('CONFLICT'),
      );
      await s.updateCase('ca_s', { status: 'open' }, 'b', at(6));
      assert.equal(await s.addEvidence('ca_s', { kind: 'item', ref: 'it_late' }, 'b', at(7)), true);
      const log = await s.listEvents('ca_s');
      assert.deepEqual(
        log.filter((e) => e.action === 'status-changed').map((e) => `${e.before}>${e.after}`),
        ['open>in_review', 'in_review>published', 'published>closed', 'closed>open'],
      );
      assert.equal(log.at(-1)!.action, 'evidence-added');
    });

    test('evidence: add once, remove, frozen when closed; casesWith finds cases by evidence', async () => {
      const s = await fresh();
      await s.createCase({ id: 'ca_e', title: 'E', tlp: 'amber', createdBy: 'a', at: at(0) });
      await s.createCase({
        id: 'ca_f',
        title: 'F',
        tlp: 'amber',
        createdBy: 'a',
        at: at(1),
        evidence: [{ kind: 'item', ref: 'it_x' }],
      });
      assert.equal(
        await s.addEvidence('ca_e', { kind: 'item', ref: 'it_x', note: 'same post' }, 'b', at(2)),
        true,
      );
      assert.equal(await s.addEvidence('ca_e', { kind: 'item', ref: 'it_x' }, 'b', at(3)), false);
      assert.deepEqual(
        (await s.casesWith('item', 'it_x')).map((c) => c.id),
        ['ca_e', 'ca_f'],
      );
      assert.deepEqual(await s.casesWith('story', 'it_x'), []);
      assert.equal(await s.detectionItem('de_none'), undefined);
      await assert.rejects(
        s.addEvidence('ca_e', { kind: 'post' as 'item', ref: 'p' }, 'b', at(3)),
        rejectsWith('INPUT_FIELD'),
      );
      assert.equal(await s.removeEvidence('ca_e', 'item', 'it_nope', 'b', at(4)), false);
      await s.updateCase('ca_e', { status: 'closed' }, 'b', at(4));
      await assert.rejects(s.removeEvidence('ca_e', 'item', 'it_x', 'b', at(5)), rejectsWith('CONFLICT'));
      await s.updateCase('ca_e', { status: 'open' }, 'b', at(6));
      assert.equal(await s.removeEvidence('ca_e', 'item', 'it_x', 'c', at(7)), true);
      assert.deepEqual(await s.listEvidence('ca_e'), []);
      const actions = (await s.listEvents('ca_e')).map((e) => [e.action, e.actor]);
      assert.deepEqual(actions, [
        ['created', 'a'],
        ['evidence-added', 'b'],
        ['status-changed', 'b'],
        ['status-changed', 'b'],
        ['evidence-removed', 'c'],
      ]);
      assert.deepEqual((await s.listEvents('ca_e')).at(-1)!.before, {
        kind: 'item',
        ref: 'it_x',
        note: 'same post',
      });
    });

    test('notes in order, each audited; notes are allowed on a closed case', async () => {
      const s = await fresh();
      await s.createCase({ id: 'ca_n', title: 'N', tlp: 'amber', createdBy: 'a', at: at(0) });
      await s.addNote('ca_n', { id: 'no_1', text: 'Манбаъ тасдиқ нашуд' }, 'a', at(1));
      await s.updateCase('ca_n', { status: 'closed' }, 'a', at(2));
      await s.addNote('ca_n', { id: 'no_2', text: 'closed: duplicate of ca_x' }, 'b', at(3));
      await assert.rejects(
        s.addNote('ca_n', { id: 'no_3', text: '  ' }, 'b', at(4)),
        rejectsWith('INPUT_FIELD'),
      );
      const notes = await s.listNotes('ca_n');
      assert.deepEqual(
        notes.map((n) => [n.id, n.text, n.author, n.at]),
        [
          ['no_1', 'Манбаъ тасдиқ нашуд', 'a', at(1)],
          ['no_2', 'closed: duplicate of ca_x', 'b', at(3)],
        ],
      );
      const log = await s.listEvents('ca_n');
      assert.deepEqual(log.at(-1)!.after, { id: 'no_2', text: 'closed: duplicate of ca_x' });
      assert.equal(log.length, 4);
    });

    test('list: most recently changed first, filters, pages with a cursor', async () => {
      const s = await fresh();
      for (let i = 1; i <= 5; i++)
        await s.createCase({ id: `ca_l${i}`, title: `L${i}`, tlp: 'green', createdBy: 'a', at: at(i) });
      await s.updateCase('ca_l2', { assignee: 'zarina' }, 'a', at(10));
      await s.updateCase('ca_l4', { status: 'in_review' }, 'a', at(11));
      assert.deepEqual(
        (await s.listCases()).cases.map((c) => c.id),
        ['ca_l4', 'ca_l2', 'ca_l5', 'ca_l3', 'ca_l1'],
      );
      assert.deepEqual(
        (await s.listCases({ status: 'open' })).cases.map((c) => c.id),
        ['ca_l2', 'ca_l5', 'ca_l3', 'ca_l1'],
      );
      assert.deepEqual(
        (await s.listCases({ assignee: 'zarina' })).cases.map((c) => c.id),
        ['ca_l2'],
      );
      const p1 = await s.listCases({ limit: 2 });
      assert.equal(p1.cases.length, 2);
      assert.ok(p1.next);
      const p2 = await s.listCases({ limit: 2, cursor: p1.next });
      const p3 = await s.listCases({ limit: 2, cursor: p2.next! });
      assert.deepEqual(
        [...p1.cases, ...p2.cases, ...p3.cases].map((c) => c.id),
        ['ca_l4', 'ca_l2', 'ca_l5', 'ca_l3', 'ca_l1'],
      );
      assert.equal(p3.next, undefined);
      await assert.rejects(s.listCases({ cursor: 'bogus' }), rejectsWith('USAGE'));
    });

    test('exports are recorded on the trail, on closed cases too, without moving the case up the list', async () => {
      const s = await fresh();
      await s.createCase({ id: 'ca_x1', title: 'X1', tlp: 'red', createdBy: 'a', at: at(0) });
      await s.createCase({ id: 'ca_x2', title: 'X2', tlp: 'green', createdBy: 'a', at: at(1) });
      const e = await s.recordExport(
        'ca_x1',
        { format: 'stix', objects: 42, items: 7, tlp: 'red', truncated: false },
        'cli:nilufar',
        at(5),
      );
      assert.equal(e.action, 'exported');
      assert.equal(e.actor, 'cli:nilufar');
      assert.equal(e.at, at(5));
      assert.equal(e.caseId, 'ca_x1');
      assert.ok(e.seq > 0);
      assert.deepEqual(e.after, { format: 'stix', objects: 42, items: 7, tlp: 'red', truncated: false });
      assert.equal(e.before, undefined);
      assert.deepEqual((await s.listEvents('ca_x1')).at(-1), e);
      // the case did not change: same updatedAt, still below the newer case
      assert.equal((await s.getCase('ca_x1'))!.updatedAt, at(0));
      assert.deepEqual(
        (await s.listCases()).cases.map((c) => c.id),
        ['ca_x2', 'ca_x1'],
      );
      await s.updateCase('ca_x2', { status: 'closed' }, 'a', at(6));
      const b = await s.recordExport(
        'ca_x2',
        { format: 'brief-html', objects: 3, items: 3, tlp: 'green', lang: 'tg' },
        'zarina',
        at(7),
      );
      assert.deepEqual(b.after, { format: 'brief-html', objects: 3, items: 3, tlp: 'green', lang: 'tg' });
      await assert.rejects(
        s.recordExport('ca_none', { format: 'csv', objects: 1, items: 1, tlp: 'amber' }, 'a', at(8)),
        rejectsWith('NOT_FOUND'),
      );
      await assert.rejects(
        s.recordExport('ca_x1', { format: 'csv', objects: -1, items: 1, tlp: 'amber' }, 'a', at(8)),
        rejectsWith('INPUT_FIELD', /objects/),
      );
      await assert.rejects(
        s.recordExport('ca_x1', { format: 'csv', objects: 1, items: 1, tlp: 'amber' }, '', at(8)),
        rejectsWith('INPUT_FIELD'),
      );
      assert.equal((await s.listEvents('ca_x1')).length, 2, 'refused exports write nothing');
    });

    test('concurrent status changes: exactly one of two identical moves wins', async () => {
      const s = await open('shared');
      const s2 = await open('shared');
      opened.push(s, s2);
      await s.createCase({ id: 'ca_c', title: 'C', tlp: 'amber', createdBy: 'a', at: at(0) });
      const results = await Promise.allSettled([
        s.updateCase('ca_c', { status: 'closed' }, 'a', at(1)),
        s2.updateCase('ca_c', { status: 'closed' }, 'b', at(1)),
      ]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      assert.equal((await s.listEvents('ca_c')).filter((e) => e.action === 'status-changed').length, 1);
    });

    test('closed store says so', async () => {
      const s = await open('closing');
      await s.close();
      await s.close();
      await assert.rejects(s.getCase('x'), rejectsWith('STORE', /closed/));
    });
  });
}
