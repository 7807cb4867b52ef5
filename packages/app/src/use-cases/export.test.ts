import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isOgohError } from '@ogoh/core';
import { readClaimFile } from '@ogoh/detect';
import { validateStixBundle } from '@ogoh/share';
import { openCaseStore, openClaimStore } from '@ogoh/store';
import postgres from 'postgres';
import { type Ogoh, openOgoh } from '../context.ts';
import { buildBrief, exportBrief } from './briefs.ts';
import { createCase, openCases } from './cases.ts';
import { exportData, parseExportFormat, parseExportTlp } from './export.ts';
import { loadDemo } from './load-demo.ts';
import { openAuth } from './users.ts';

let dir: string;
let app: Ogoh;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ogoh-export-'));
  app = await openOgoh({ db: join(dir, 'ogoh.db'), clock: { now: () => new Date('2026-11-27T12:00:00Z') } });
  await loadDemo(app, { dir: join(dir, 'corpus'), items: 80 });
});
after(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A TLP:GREEN case holding the store's first `n` items. */
async function caseOfFirstItems(a: Ogoh, title: string, n: number, actor: string): Promise<string> {
  const page = await a.store.queryItems({ limit: n });
  const cases = await openCases(a);
  try {
    return (await createCase(a, cases, { title, tlp: 'green', items: page.items.map((i) => i.id) }, actor))
      .id;
  } finally {
    await cases.close();
  }
}

/** the tests export as the operator would from the CLI */
const by = { actor: 'cli:test' };
const usage = (field: string) => (e: unknown) => isOgohError(e) && e.code === 'USAGE' && e.field === field;

describe('export of a query', () => {
  test('STIX: a valid bundle of every item, the same bytes on re-export', async () => {
    const r = await exportData(app, 'stix', {}, {}, by);
    assert.equal(r.contentType, 'application/stix+json;version=2.1');
    assert.equal(r.filename, 'ogoh-export-2026-11-27.stix.json');
    assert.equal(r.tlp, 'amber');
    assert.deepEqual(r.stixIssues, []);
    const bundle = JSON.parse(r.body);
    assert.deepEqual(validateStixBundle(bundle), []);
    const stats = await app.store.stats();
    assert.equal(r.items, stats.items);
    assert.equal(
      bundle.objects.filter((o: { type: string }) => o.type === 'media-content').length,
      stats.items,
    );
    assert.ok(
      bundle.objects.some((o: { type: string }) => o.type === 'narrative'),
      'the demo has narrative flags',
    );
    assert.equal((await exportData(app, 'stix', {}, {}, by)).body, r.body);
  });

  test('filters select the items; --narrative keeps only flagged items; a limit says it truncated', async () => {
    const flagged = (await exportData(app, 'jsonl', {}, {}, by)).body
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => JSON.parse(l))
      .find((i) => i.detections.some((d: { kind: string }) => d.kind === 'narrative'));
    assert.ok(flagged, 'the demo has a flagged item');
    const label = flagged.detections.find((d: { kind: string }) => d.kind === 'narrative').label;
    const r = await exportData(app, 'jsonl', { narrative: label }, {}, by);
    const lines = r.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(lines[0].query, { narrative: label });
    assert.ok(lines.length > 1);
    for (const i of lines.slice(1))
      assert.ok(
        i.detections.some((d: { label: string }) => d.label === label),
        `${i.id} lacks ${label}`,
      );
    const lang = await exportData(app, 'csv', { lang: 'tg' }, { limit: 2 }, by);
    assert.equal(lang.items, 2);
    assert.equal(lang.truncated, true);
    assert.match(lang.body, /^\uFEFFtlp,item_id/);
    assert.ok(
      lang.body
        .split('\r\n')
        .slice(1, 3)
        .every((row) => row.startsWith('TLP:AMBER,')),
    );
  });

  test('MISP, GEXF and an empty ClaimReview without a fact-check database', async () => {
    const misp = JSON.parse((await exportData(app, 'misp', {}, { tlp: 'green' }, by)).body);
    assert.equal(misp.Event.Tag[0].name, 'tlp:green');
    assert.ok(
      misp.Event.Tag.some((t: { name: string }) => t.name.startsWith('misp-galaxy:disarm-techniques="')),
    );
    const gexf = await exportData(app, 'gexf', {}, {}, by);
    assert.match(gexf.body, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<gexf /);
    assert.match(gexf.body, /coordinated-sharing network of all items \(TLP:AMBER\)/);
    const cr = JSON.parse((await exportData(app, 'claimreview', {}, {}, by)).body);
    assert.deepEqual(cr, { '@context': 'https://schema.org', '@graph': [] });
  });

  test('ClaimReview: a fact-checked claim an item repeats, with the item as an appearance', async () => {
    const page = await app.store.queryItems({ lang: 'ru', limit: 50 });
    const item = page.items.find((i) => i.url && i.text.length > 80);
    assert.ok(item, 'a Russian demo item with a URL');
    const claims = await openClaimStore(join(dir, 'ogoh.db'));
    try {
      await claims.upsertClaims(
        [
          {
            id: 'https://factcheck.example/1',
            text: item.text,
            rating: 'False',
            org: 'Example Check',
            url: 'https://factcheck.example/1',
          },
        ],
        '2026-11-27T00:00:00.000Z',
      );
    } finally {
      await claims.close();
    }
    const doc = JSON.parse((await exportData(app, 'claimreview', { lang: 'ru' }, {}, by)).body);
    const review = doc['@graph'].find((r: { '@id': string }) => r['@id'] === 'https://factcheck.example/1');
    assert.ok(review, JSON.stringify(doc).slice(0, 400));
    assert.equal(review.reviewRating.alternateName, 'False');
    assert.ok(
      review.itemReviewed.appearance.some((a: { url: string }) => a.url === (item.canonicalUrl ?? item.url)),
    );
    // what Ogoh exports, Ogoh (and any ClaimReview reader) imports back: same id, text, verdict, and the new appearance
    const back = readClaimFile(JSON.stringify(doc), 'export.claimreview.jsonld');
    assert.deepEqual(back.issues, []);
    const claim = back.claims.find((c) => c.id === 'https://factcheck.example/1');
    assert.equal(claim?.text, item.text);
    assert.equal(claim?.rating, 'False');
    assert.equal(claim?.org, 'Example Check');
    assert.ok(claim?.appearances?.includes((item.canonicalUrl ?? item.url)!));
  });

  test('bad format and TLP names are usage errors naming the field', () => {
    assert.throws(() => parseExportFormat('pdf', '--format'), usage('--format'));
    assert.throws(() => parseExportTlp('purple', '--tlp'), usage('--tlp'));
    assert.equal(parseExportTlp('TLP:AMBER+STRICT'), 'amber+strict');
  });
});

describe('export of a case', () => {
  let caseId: string;
  before(async () => {
    const page = await app.store.queryItems({ limit: 5 });
    const stories = await app.store.listStories({ minSize: 2, limit: 1 });
    const cases = await openCaseStore(join(dir, 'ogoh.db'));
    try {
      const c = await cases.createCase({
        id: 'ca_export1',
        title: 'Рогун: фейк',
        summary: 'Posts claim the dam sells its power abroad.',
        tlp: 'amber+strict',
        createdBy: 'dilnoza',
        at: '2026-11-20T10:00:00.000Z',
        evidence: [
          { kind: 'item', ref: page.items[0]!.id },
          ...(stories.stories[0] ? [{ kind: 'story' as const, ref: stories.stories[0].id }] : []),
        ],
      });
      await cases.addNote(
        c.id,
        { id: 'n1', text: 'Checked with the ministry.' },
        'dilnoza',
        '2026-11-21T09:00:00.000Z',
      );
      caseId = c.id;
    } finally {
      await cases.close();
    }
  });

  test('STIX: an incident with the case note, marked with the case TLP', async () => {
    const r = await exportData(app, 'stix', {}, { caseId }, by);
    assert.equal(r.tlp, 'amber+strict');
    assert.equal(r.filename, 'ogoh-ca_export1-2026-11-27.stix.json');
    const bundle = JSON.parse(r.body);
    assert.deepEqual(validateStixBundle(bundle), []);
    const incident = bundle.objects.find((o: { type: string }) => o.type === 'incident');
    assert.equal(incident.name, 'Рогун: фейк');
    const note = bundle.objects.find((o: { content?: string }) => o.content === 'Checked with the ministry.');
    assert.deepEqual(note.object_refs, [incident.id]);
    assert.ok(r.items >= 1);
    assert.ok(
      bundle.objects.some(
        (o: { id: string }) => o.id === 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
      ),
    );
  });

  test('a case TLP cannot be loosened; a stricter one is fine', async () => {
    await assert.rejects(exportData(app, 'stix', {}, { caseId, tlp: 'green' }, by), usage('tlp'));
    assert.equal((await exportData(app, 'misp', {}, { caseId, tlp: 'red' }, by)).tlp, 'red');
  });

  test('ClaimReview only once the case is published; an unknown case is NOT_FOUND', async () => {
    await assert.rejects(exportData(app, 'claimreview', {}, { caseId }, by), usage('format'));
    const cases = await openCaseStore(join(dir, 'ogoh.db'));
    try {
      await cases.updateCase(caseId, { status: 'in_review' }, 'dilnoza', '2026-11-22T00:00:00.000Z');
      await cases.updateCase(caseId, { status: 'published' }, 'dilnoza', '2026-11-23T00:00:00.000Z');
    } finally {
      await cases.close();
    }
    const doc = JSON.parse((await exportData(app, 'claimreview', {}, { caseId }, by)).body);
    assert.equal(doc['@graph'][0].claimReviewed, 'Рогун: фейк');
    assert.equal(doc['@graph'][0].datePublished, '2026-11-23');
    await assert.rejects(
      exportData(app, 'csv', {}, { caseId: 'ca_nope' }, by),
      (e) => isOgohError(e) && e.code === 'NOT_FOUND',
    );
  });
});

describe('every export is recorded, by the use case both edges call', () => {
  const exportEvents = async (a: Ogoh) => {
    const auth = await openAuth(a);
    try {
      return (await auth.store.listAudit({ limit: 1000 })).filter((e) => e.event === 'export');
    } finally {
      await auth.close();
    }
  };
  let caseId: string;
  before(async () => {
    caseId = await caseOfFirstItems(app, 'Audited', 3, 'zarina');
  });
  const trail = async () => {
    const cases = await openCases(app);
    try {
      return (await cases.listEvents(caseId)).filter((e) => e.action === 'exported');
    } finally {
      await cases.close();
    }
  };

  test('a case export: an exported event on the case (who, when, format, objects, TLP) and the audit log', async () => {
    const before = (await exportEvents(app)).length;
    const r = await exportData(app, 'stix', {}, { caseId }, { actor: 'cli:nilufar', ip: '127.0.0.1' });
    const bundle = JSON.parse(r.body);
    assert.equal(r.objects, bundle.objects.length);
    const [e, ...more] = await trail();
    assert.equal(more.length, 0);
    assert.equal(e!.actor, 'cli:nilufar');
    assert.equal(e!.at, '2026-11-27T12:00:00.000Z');
    assert.deepEqual(e!.after, {
      format: 'stix',
      objects: bundle.objects.length,
      items: 3,
      tlp: 'green',
      truncated: false,
    });
    const log = await exportEvents(app);
    assert.equal(log.length, before + 1);
    assert.equal(log[0]!.actor, 'cli:nilufar');
    assert.equal(log[0]!.subject, caseId);
    assert.equal(log[0]!.ip, '127.0.0.1');
    assert.deepEqual(log[0]!.detail, {
      format: 'stix',
      tlp: 'green',
      items: 3,
      objects: bundle.objects.length,
    });
  });

  test('object counts per format: MISP attributes, CSV rows, JSONL lines, GEXF nodes', async () => {
    const misp = await exportData(app, 'misp', {}, { caseId }, by);
    assert.equal(misp.objects, JSON.parse(misp.body).Event.Attribute.length);
    const csv = await exportData(app, 'csv', {}, { caseId }, by);
    assert.equal(csv.objects, 3);
    const jsonl = await exportData(app, 'jsonl', {}, { caseId }, by);
    assert.equal(jsonl.objects, jsonl.body.trim().split('\n').length);
    const gexf = await exportData(app, 'gexf', {}, { caseId }, by);
    assert.equal(gexf.objects, (gexf.body.match(/<node /g) ?? []).length);
    assert.deepEqual(
      (await trail())
        .slice(-4)
        .map((e) => [
          e.actor,
          (e.after as { format: string; objects: number }).format,
          (e.after as { objects: number }).objects,
        ]),
      [
        ['cli:test', 'misp', misp.objects],
        ['cli:test', 'csv', 3],
        ['cli:test', 'jsonl', jsonl.objects],
        ['cli:test', 'gexf', gexf.objects],
      ],
    );
  });

  test('a query export goes to the audit log with its query; refused exports record nothing', async () => {
    const before = (await exportEvents(app)).length;
    const caseBefore = (await trail()).length;
    await exportData(app, 'jsonl', { lang: 'tg' }, { limit: 2 }, { actor: 'dilnoza' });
    const log = await exportEvents(app);
    assert.equal(log.length, before + 1);
    assert.equal(log[0]!.actor, 'dilnoza');
    assert.equal(log[0]!.subject, undefined);
    assert.deepEqual(log[0]!.detail, {
      format: 'jsonl',
      tlp: 'amber',
      items: 2,
      objects: 3,
      query: { lang: 'tg' },
    });
    // loosening the case TLP, RED for a caller who may not take it out, an unknown case
    await assert.rejects(exportData(app, 'stix', {}, { caseId, tlp: 'clear' }, by), usage('tlp'));
    await assert.rejects(
      exportData(app, 'csv', {}, { tlp: 'red' }, { actor: 'viewer1', red: false }),
      (e) => isOgohError(e) && e.code === 'FORBIDDEN',
    );
    const cases = await openCases(app);
    try {
      await cases.updateCase(caseId, { tlp: 'red' }, 'zarina', '2026-11-27T11:00:00.000Z');
    } finally {
      await cases.close();
    }
    await assert.rejects(
      exportData(app, 'stix', {}, { caseId }, { actor: 'viewer1', red: false }),
      (e) => isOgohError(e) && e.code === 'FORBIDDEN' && /TLP:RED/.test(e.message),
    );
    assert.equal((await exportEvents(app)).length, before + 1, 'nothing refused reached the audit log');
    assert.equal((await trail()).length, caseBefore, 'nor the case trail');
    // the same RED case, by someone who may
    const ok = await exportData(app, 'stix', {}, { caseId }, { actor: 'zarina', red: true });
    assert.equal(ok.tlp, 'red');
    assert.deepEqual(((await trail()).at(-1)!.after as { tlp: string }).tlp, 'red');
  });

  test('a brief taken out (exportBrief) is recorded with its format and language; buildBrief is not', async () => {
    const cases = await openCases(app);
    try {
      const n = (await cases.listEvents(caseId)).length;
      await buildBrief(app, cases, caseId, { format: 'html', lang: 'tg' });
      assert.equal((await cases.listEvents(caseId)).length, n, 'a preview is not an export');
      const b = await exportBrief(app, cases, caseId, { format: 'md', lang: 'tg' }, { actor: 'cli:nilufar' });
      const e = (await cases.listEvents(caseId)).at(-1)!;
      assert.equal(e.action, 'exported');
      assert.equal(e.actor, 'cli:nilufar');
      assert.deepEqual(e.after, {
        format: 'brief-md',
        objects: b.data.facts.items,
        items: 3,
        tlp: 'red',
        lang: 'tg',
      });
      await assert.rejects(
        exportBrief(app, cases, caseId, { format: 'md', lang: 'en' }, { actor: 'v', red: false }),
        (x) => isOgohError(x) && x.code === 'FORBIDDEN',
      );
      assert.equal((await cases.listEvents(caseId)).length, n + 1);
    } finally {
      await cases.close();
    }
    const log = await exportEvents(app);
    assert.deepEqual(log[0]!.detail, { format: 'brief-md', tlp: 'red', items: 3, objects: 3, lang: 'tg' });
  });
});

const pgUrl = process.env.OGOH_TEST_PG;
describe('export on PostgreSQL', {
  skip: pgUrl ? false : 'OGOH_TEST_PG is not set (scripts/pg-start.sh starts a server)',
}, () => {
  const schema = `ex${process.pid}_${Date.now().toString(36)}`;
  let pg: Ogoh;
  let pgDir: string;
  before(async () => {
    pgDir = mkdtempSync(join(tmpdir(), 'ogoh-export-pg-'));
    pg = await openOgoh({
      db: `${pgUrl}${pgUrl!.includes('?') ? '&' : '?'}schema=${schema}`,
      clock: { now: () => new Date('2026-11-27T12:00:00Z') },
    });
    await loadDemo(pg, { dir: join(pgDir, 'corpus'), items: 60 });
  });
  after(async () => {
    await pg?.close();
    const sql = postgres(pgUrl!, { max: 1, onnotice: () => {} });
    try {
      await sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await sql.end();
    }
    rmSync(pgDir, { recursive: true, force: true });
  });

  test('a query and a case export as valid STIX from a PostgreSQL store', async () => {
    const r = await exportData(pg, 'stix', {}, {}, by);
    assert.deepEqual(r.stixIssues, []);
    const stats = await pg.store.stats();
    const bundle = JSON.parse(r.body);
    assert.equal(
      bundle.objects.filter((o: { type: string }) => o.type === 'media-content').length,
      stats.items,
    );
    const caseId = await caseOfFirstItems(pg, 'PG case', 2, 'test');
    const c = await exportData(pg, 'stix', {}, { caseId }, by);
    assert.deepEqual(c.stixIssues, []);
    // recorded on PostgreSQL too: the case's trail and the audit log
    const trail = await openCases(pg);
    try {
      const e = (await trail.listEvents(caseId)).at(-1)!;
      assert.equal(e.action, 'exported');
      assert.equal(e.actor, 'cli:test');
      assert.deepEqual(e.after, {
        format: 'stix',
        objects: c.objects,
        items: 2,
        tlp: 'green',
        truncated: false,
      });
    } finally {
      await trail.close();
    }
    const auth = await openAuth(pg);
    try {
      const log = (await auth.store.listAudit({ limit: 5 })).filter((x) => x.event === 'export');
      assert.equal(log[0]!.subject, caseId);
      assert.equal(log[0]!.actor, 'cli:test');
      assert.equal(log.length, 2, 'the query export before it, and the case export');
    } finally {
      await auth.close();
    }
    assert.equal(c.items, 2);
    assert.equal(c.tlp, 'green');
    const jsonl = await exportData(pg, 'jsonl', { lang: 'tg' }, { limit: 3 }, by);
    assert.equal(jsonl.items, 3);
  });
});
