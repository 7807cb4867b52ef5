/**
 * Export routes over a real store with a demo corpus: media types and file names per format, the
 * query filters, TLP:RED for analysts only, case errors, validation, and the audit trail.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createCase, openCases, updateCase, validateStixBundle } from '@ogoh/app';
import { type Fixture, fixture } from './testing.ts';

let f: Fixture;
before(async () => {
  f = await fixture({ demoItems: 120 });
});
after(async () => {
  await f?.close();
});

async function get(url: string, role: 'viewer' | 'analyst' | 'admin' = 'viewer') {
  const res = await f.server.inject({ url, headers: { authorization: `Bearer ${f.keys[role]}` } });
  return { status: res.statusCode, body: res.body, headers: res.headers };
}

describe('GET /api/export/:format', () => {
  test('stix: a valid STIX 2.1 bundle as a download, TLP:AMBER by default', async () => {
    const r = await get('/api/export/stix');
    assert.equal(r.status, 200, r.body);
    assert.equal(r.headers['content-type'], 'application/stix+json;version=2.1');
    assert.match(
      String(r.headers['content-disposition']),
      /^attachment; filename="ogoh-export-\d{4}-\d{2}-\d{2}\.stix\.json"$/,
    );
    assert.equal(r.headers['x-ogoh-tlp'], 'TLP:AMBER');
    assert.equal(r.headers['cache-control'], 'no-store');
    const bundle = JSON.parse(r.body);
    assert.deepEqual(validateStixBundle(bundle), []);
    assert.equal(
      bundle.objects.filter((o: { type: string }) => o.type === 'media-content').length,
      Number(r.headers['x-ogoh-items']),
    );
  });

  test('every format has its media type and file extension', async () => {
    const expected: Record<string, [RegExp, string]> = {
      misp: [/^application\/json; charset=utf-8$/, 'misp.json'],
      claimreview: [/^application\/ld\+json; charset=utf-8$/, 'claimreview.jsonld'],
      csv: [/^text\/csv; charset=utf-8$/, 'csv'],
      jsonl: [/^application\/x-ndjson; charset=utf-8$/, 'jsonl'],
      gexf: [/^application\/gexf\+xml; charset=utf-8$/, 'gexf'],
    };
    for (const [format, [type, ext]] of Object.entries(expected)) {
      const r = await get(`/api/export/${format}?limit=20`);
      assert.equal(r.status, 200, `${format}: ${r.body}`);
      assert.match(String(r.headers['content-type']), type, format);
      assert.ok(String(r.headers['content-disposition']).endsWith(`.${ext}"`), format);
    }
  });

  test('query filters select the items and say when a limit cut them', async () => {
    const r = await get('/api/export/jsonl?lang=tg&limit=2&tlp=green');
    assert.equal(r.status, 200, r.body);
    assert.equal(r.headers['x-ogoh-truncated'], 'true');
    const lines = r.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines[0].tlp, 'TLP:GREEN');
    assert.deepEqual(lines[0].query, { lang: 'tg' });
    assert.equal(lines.length, 3);
    assert.ok(lines.slice(1).every((i) => i.lang === 'tg'));
  });

  test('TLP:RED is for analysts: a viewer gets 403, an analyst the export', async () => {
    const denied = await get('/api/export/misp?tlp=red', 'viewer');
    assert.equal(denied.status, 403);
    assert.equal(JSON.parse(denied.body).error.code, 'FORBIDDEN');
    const ok = await get('/api/export/misp?tlp=red', 'analyst');
    assert.equal(ok.status, 200);
    assert.equal(JSON.parse(ok.body).Event.Tag[0].name, 'tlp:red');
  });

  test('bad input is a 400 naming the problem: unknown format, unknown filter, bad date, bad TLP', async () => {
    for (const url of [
      '/api/export/pdf',
      '/api/export/stix?colour=red',
      '/api/export/stix?since=yesterday',
      '/api/export/stix?tlp=purple',
      '/api/export/stix?limit=0',
    ]) {
      const r = await get(url);
      assert.equal(r.status, 400, `${url}: ${r.body}`);
      assert.ok(JSON.parse(r.body).error.code, url);
    }
    assert.equal((await f.server.inject({ url: '/api/export/stix' })).statusCode, 401);
  });

  test('every export is in the audit log with who, format, marking and item count', async () => {
    await get('/api/export/csv?lang=ru&limit=5', 'analyst');
    const log = await get('/api/audit?limit=50', 'admin');
    assert.equal(log.status, 200, log.body);
    const events = (JSON.parse(log.body).events ?? JSON.parse(log.body)) as {
      event: string;
      actor?: string;
      detail?: Record<string, unknown>;
    }[];
    const e = events.find((x) => x.event === 'export' && x.detail?.format === 'csv');
    assert.ok(e, JSON.stringify(events.slice(0, 3)));
    assert.equal(e.detail?.tlp, 'amber');
    assert.equal(e.detail?.items, 5);
    assert.deepEqual(e.detail?.query, { lang: 'ru' });
    assert.match(String(e.actor), /^key:/);
  });
});

describe('GET /api/cases/:id/export', () => {
  const ids: Record<string, string> = {};
  before(async () => {
    const page = await f.app.store.queryItems({ limit: 3 });
    const cases = await openCases(f.app);
    try {
      for (const tlp of ['amber', 'red'] as const) {
        const c = await createCase(
          f.app,
          cases,
          { title: `Case ${tlp}`, tlp, items: page.items.map((i) => i.id) },
          'analyst',
        );
        ids[tlp] = c.id;
      }
      await updateCase(f.app, cases, ids.amber!, { status: 'in_review' }, 'analyst');
      await updateCase(f.app, cases, ids.amber!, { status: 'published' }, 'analyst');
    } finally {
      await cases.close();
    }
  });

  test('a viewer exports an AMBER case as a STIX bundle named after the case', async () => {
    const r = await get(`/api/cases/${ids.amber}/export?format=stix`);
    assert.equal(r.status, 200, r.body);
    assert.match(String(r.headers['content-disposition']), new RegExp(`filename="ogoh-${ids.amber}-`));
    const bundle = JSON.parse(r.body);
    assert.deepEqual(validateStixBundle(bundle), []);
    assert.ok(
      bundle.objects.some(
        (o: { type: string; name?: string }) => o.type === 'incident' && o.name === 'Case amber',
      ),
    );
    const cr = JSON.parse((await get(`/api/cases/${ids.amber}/export?format=claimreview`)).body);
    assert.equal(cr['@graph'][0].claimReviewed, 'Case amber');
  });

  test('a RED case is for analysts, and no case export can loosen its marking', async () => {
    assert.equal((await get(`/api/cases/${ids.red}/export?format=csv`, 'viewer')).status, 403);
    const ok = await get(`/api/cases/${ids.red}/export?format=csv`, 'analyst');
    assert.equal(ok.status, 200, ok.body);
    assert.equal(ok.headers['x-ogoh-tlp'], 'TLP:RED');
    const loose = await get(`/api/cases/${ids.amber}/export?format=stix&tlp=green`);
    assert.equal(loose.status, 400);
    assert.match(JSON.parse(loose.body).error.message, /cannot loosen/);
    const draft = await get(`/api/cases/${ids.red}/export?format=claimreview`, 'analyst');
    assert.equal(draft.status, 400, 'a case that is not published is no debunk');
  });

  test("a case export and a brief download are on the case's own trail; a preview and a refusal are not", async () => {
    const trail = async () =>
      (
        JSON.parse((await get(`/api/cases/${ids.red}/log`, 'analyst')).body) as {
          action: string;
          actor: string;
          after?: Record<string, unknown>;
        }[]
      ).filter((e) => e.action === 'exported');
    const n = (await trail()).length;
    assert.equal((await get(`/api/cases/${ids.red}/export?format=misp`, 'viewer')).status, 403);
    const r = await get(`/api/cases/${ids.red}/export?format=misp`, 'analyst');
    assert.equal(r.status, 200, r.body);
    const misp = JSON.parse(r.body);
    let log = await trail();
    assert.equal(log.length, n + 1, 'the refused viewer export is not recorded');
    assert.match(log.at(-1)!.actor, /^key:/);
    assert.deepEqual(log.at(-1)!.after, {
      format: 'misp',
      objects: misp.Event.Attribute.length,
      items: 3,
      tlp: 'red',
      truncated: false,
    });
    assert.equal((await get(`/api/cases/${ids.red}/brief?format=html&lang=tg`, 'analyst')).status, 200);
    assert.equal((await trail()).length, n + 1, 'the preview beside the case is reading, not an export');
    const dl = await get(`/api/cases/${ids.red}/brief?format=md&lang=ru&download=1`, 'analyst');
    assert.equal(dl.status, 200, dl.body);
    log = await trail();
    assert.equal(log.length, n + 2);
    assert.deepEqual(log.at(-1)!.after, { format: 'brief-md', objects: 3, items: 3, tlp: 'red', lang: 'ru' });
  });

  test('an unknown case is 404; the format is required', async () => {
    const missing = await get('/api/cases/ca_nope/export?format=stix');
    assert.equal(missing.status, 404, missing.body);
    assert.equal((await get('/api/cases/ca_nope/export')).status, 400);
    assert.equal((await get('/api/cases/ca_nope/export?format=pdf')).status, 400);
  });
});
