/**
 * `ogoh export`: the real binary over a demo store — every format on stdout or into a file, the
 * filters, a case built with `ogoh cases` from a flagged Telegram post, and usage errors naming the flag.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { validateStixBundle } from '@ogoh/app';

const BIN = new URL('../bin/ogoh.js', import.meta.url).pathname;
let dir: string;
let db: string;

function ogoh(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, '--db', db, ...args], {
    encoding: 'utf8',
    env: { ...process.env, OGOH_DB: '', OGOH_ORG: 'Test Desk' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ogoh-cli-export-'));
  db = join(dir, 'ogoh.db');
  const r = ogoh(['--json', 'demo', '--no-serve', '--items', '100', '--out', join(dir, 'corpus')]);
  assert.equal(r.code, 0, r.err);
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('ogoh export', () => {
  test('stix on stdout: a valid STIX 2.1 bundle from the named organisation, TLP:AMBER by default', () => {
    const r = ogoh(['export', 'stix']);
    assert.equal(r.code, 0, r.err);
    const bundle = JSON.parse(r.out);
    assert.deepEqual(validateStixBundle(bundle), []);
    assert.ok(
      bundle.objects.some(
        (o: { type: string; name?: string }) => o.type === 'identity' && o.name === 'Test Desk',
      ),
    );
    assert.ok(
      bundle.objects.some(
        (o: { type: string; external_references?: { source_name: string }[] }) =>
          o.type === 'attack-pattern' && o.external_references?.[0]?.source_name === 'DISARM',
      ),
    );
    assert.match(r.err, /^stix: \d+ item\(s\), TLP:AMBER\n$/);
  });

  test('--out with --json reports the file; filters and --tlp apply', () => {
    const out = join(dir, 'tg.jsonl');
    const r = ogoh([
      '--json',
      'export',
      'jsonl',
      '--lang',
      'tg',
      '--tlp',
      'green',
      '--limit',
      '3',
      '--out',
      out,
    ]);
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out);
    assert.equal(report.file, out);
    assert.equal(report.items, 3);
    assert.equal(report.tlp, 'green');
    assert.equal(report.truncated, true);
    assert.match(r.err, /more items matched: raise --limit/);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines[0].tlp, 'TLP:GREEN');
    assert.deepEqual(lines[0].query, { lang: 'tg' });
    assert.equal(lines.length, 4);
    assert.ok(lines.slice(1).every((i) => i.lang === 'tg'));
  });

  test('misp, csv, claimreview and gexf', () => {
    const misp = JSON.parse(ogoh(['export', 'misp', '--tlp', 'TLP:RED']).out);
    assert.equal(misp.Event.Tag[0].name, 'tlp:red');
    assert.equal(misp.Event.Orgc.name, 'Test Desk');
    const csv = ogoh(['export', 'csv', '--since', '2000-01-01']);
    assert.equal(csv.code, 0, csv.err);
    assert.match(csv.out, /^\uFEFFtlp,item_id,published,collected,source_id/);
    const cr = JSON.parse(ogoh(['export', 'claimreview']).out);
    assert.equal(cr['@context'], 'https://schema.org');
    const gexf = ogoh(['export', 'gexf', '--window', '3600']);
    assert.equal(gexf.code, 0, gexf.err);
    assert.match(gexf.out, /<gexf xmlns="http:\/\/gexf\.net\/1\.3"/);
  });

  test('from a flagged Telegram post to a case and its STIX bundle, MISP event and (once published) ClaimReview', () => {
    const lines = ogoh(['export', 'jsonl'])
      .out.trim()
      .split('\n')
      .slice(1)
      .map((l) => JSON.parse(l));
    const post = lines.find(
      (i) => i.telegram && i.detections.some((d: { kind: string }) => d.kind === 'narrative'),
    );
    assert.ok(post, 'the demo has a flagged Telegram post');
    const created = ogoh([
      'cases',
      'create',
      '--title',
      'Рогун: фейк',
      '--from-item',
      post.id,
      '--tlp',
      'amber+strict',
      '--as',
      'dilnoza',
    ]);
    assert.equal(created.code, 0, created.err);
    const caseId = created.out.trim();
    assert.equal(ogoh(['cases', 'note', caseId, 'Checked with the ministry.', '--as', 'dilnoza']).code, 0);

    const r = ogoh(['export', 'stix', '--case', caseId]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /^stix: 1 item\(s\), TLP:AMBER\+STRICT/);
    const bundle = JSON.parse(r.out);
    assert.deepEqual(validateStixBundle(bundle), []);
    const incident = bundle.objects.find((o: { type: string }) => o.type === 'incident');
    assert.equal(incident?.name, 'Рогун: фейк');
    const ids = new Set(bundle.objects.map((o: { id: string }) => o.id));
    const uses = bundle.objects.filter(
      (o: { type: string; source_ref?: string; relationship_type?: string }) =>
        o.type === 'relationship' && o.source_ref === incident.id && o.relationship_type === 'uses',
    );
    assert.ok(uses.length > 0, 'the incident uses the DISARM techniques of its narratives');
    assert.ok(uses.every((u: { target_ref: string }) => ids.has(u.target_ref)));
    assert.ok(
      bundle.objects.some(
        (o: { type: string; content?: string }) =>
          o.type === 'note' && o.content === 'Checked with the ministry.',
      ),
    );

    const misp = JSON.parse(ogoh(['export', 'misp', '--case', caseId]).out);
    assert.equal(misp.Event.info, 'Ogoh case: Рогун: фейк');
    assert.equal(misp.Event.Tag[0].name, 'tlp:amber+strict');

    const loose = ogoh(['export', 'stix', '--case', caseId, '--tlp', 'clear']);
    assert.equal(loose.code, 2);
    assert.match(loose.err, /cannot loosen it to TLP:CLEAR/);
    const draft = ogoh(['export', 'claimreview', '--case', caseId]);
    assert.equal(draft.code, 2);
    assert.match(draft.err, /not published/);
    assert.equal(ogoh(['cases', 'status', caseId, 'in_review', '--as', 'dilnoza']).code, 0);
    assert.equal(ogoh(['cases', 'status', caseId, 'published', '--as', 'dilnoza']).code, 0);
    const published = JSON.parse(ogoh(['export', 'claimreview', '--case', caseId]).out);
    assert.equal(published['@graph'][0].claimReviewed, 'Рогун: фейк');
    assert.equal(published['@graph'][0].author.name, 'Test Desk');
  });

  test('a case that does not exist is NOT_FOUND (exit 1)', () => {
    const missing = ogoh(['export', 'csv', '--case', 'ca_missing']);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /no case ca_missing/);
  });

  test('usage errors name the flag and exit 2', () => {
    const fmt = ogoh(['export', 'pdf']);
    assert.equal(fmt.code, 2);
    assert.match(fmt.err, /unknown export format "pdf"/);
    assert.match(fmt.err, /stix, misp, claimreview, csv, jsonl, gexf/);
    const tlp = ogoh(['export', 'stix', '--tlp', 'purple']);
    assert.equal(tlp.code, 2);
    assert.match(tlp.err, /--tlp/);
    const mixed = ogoh(['export', 'stix', '--case', 'ca_cli1', '--lang', 'tg']);
    assert.equal(mixed.code, 2);
    assert.match(mixed.err, /--lang does not apply/);
    const since = ogoh(['export', 'csv', '--since', 'yesterday']);
    assert.equal(since.code, 2);
    assert.match(since.err, /--since/);
  });
});
