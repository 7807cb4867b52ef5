/**
 * The API over a real store with a small demo corpus: search (Tajik typed either way), filters,
 * cursor paging, item and story views, stats and series, check, sources, upload-and-ingest,
 * analyse, validation and error shapes, limits, headers and the OpenAPI document.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { InjectOptions } from 'fastify';
import { type Fixture, fixture } from './testing.ts';

let f: Fixture;
before(async () => {
  f = await fixture({ demoItems: 300, uploadLimit: 64 * 1024 });
});
after(async () => {
  await f?.close();
});

async function get(url: string, role: 'viewer' | 'analyst' | 'admin' = 'viewer') {
  const res = await f.server.inject({ url, headers: { authorization: `Bearer ${f.keys[role]}` } });
  return { status: res.statusCode, body: res.json(), headers: res.headers };
}

async function post(
  url: string,
  payload: unknown,
  role: 'viewer' | 'analyst' | 'admin' = 'analyst',
  extra: Partial<InjectOptions> = {},
) {
  const res = await f.server.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${f.keys[role]}`, ...(extra.headers ?? {}) },
    ...(payload !== undefined ? { payload: payload as string } : {}),
  });
  return { status: res.statusCode, body: res.body ? res.json() : undefined, headers: res.headers };
}

interface Summary {
  id: string;
  lang: string;
  sourceId: string;
  excerpt: string;
  storyId?: string;
  published?: string;
}

describe('items', () => {
  test('Tajik typed with Tajik letters and on a Russian layout finds the same items', async () => {
    const proper = await get(`/api/items?q=${encodeURIComponent('ҳукумат')}&limit=50`);
    const folded = await get(`/api/items?q=${encodeURIComponent('хукумат')}&limit=50`);
    assert.equal(proper.status, 200);
    assert.ok(proper.body.items.length > 0, 'the demo corpus mentions ҳукумат');
    assert.deepEqual(
      folded.body.items.map((i: Summary) => i.id),
      proper.body.items.map((i: Summary) => i.id),
    );
    for (const i of proper.body.items as Summary[]) assert.equal('foldText' in i, false);
  });

  test('cursor pages are disjoint and ordered newest first; filters narrow', async () => {
    const first = await get('/api/items?limit=7');
    assert.equal(first.body.items.length, 7);
    assert.ok(first.body.next);
    const second = await get(`/api/items?limit=7&cursor=${encodeURIComponent(first.body.next)}`);
    const ids = new Set([...first.body.items, ...second.body.items].map((i: Summary) => i.id));
    assert.equal(ids.size, 14);
    const times = [...first.body.items, ...second.body.items].map((i: Summary) =>
      Date.parse(i.published ?? ''),
    );
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
    const uz = await get('/api/items?lang=uz&limit=20');
    assert.ok(uz.body.items.length > 0);
    assert.ok(uz.body.items.every((i: Summary) => i.lang === 'uz'));
  });

  test('bad parameters are 400 USAGE naming the field', async () => {
    const cases: [string, string][] = [
      ['/api/items?lnag=tg', 'lnag'],
      ['/api/items?limit=5000', 'limit'],
      ['/api/items?lang=xx', 'lang'],
      ['/api/items?since=yesterday', 'since'],
      ['/api/items?cursor=garbage', 'cursor'],
    ];
    for (const [url, field] of cases) {
      const r = await get(url);
      assert.equal(r.status, 400, url);
      assert.equal(r.body.error.code, 'USAGE', url);
      assert.equal(r.body.error.field, field, url);
      assert.match(r.body.error.requestId, /^r[0-9a-f]{12}$/);
    }
  });

  test('an item view has its source with affiliation, its story, no search key; unknown ids are 404', async () => {
    const list = await get('/api/items?limit=100');
    const withStory = (list.body.items as Summary[]).find((i) => i.storyId);
    assert.ok(withStory, 'some demo items are in stories');
    const v = await get(`/api/items/${withStory.id}`);
    assert.equal(v.status, 200);
    assert.equal(v.body.item.id, withStory.id);
    assert.equal(typeof v.body.source.affiliation, 'string');
    assert.equal(v.body.story.id, withStory.storyId);
    assert.equal('foldText' in v.body.item, false);
    assert.equal('payloadId' in v.body.item, false);
    assert.ok(Array.isArray(v.body.detections));
    const missing = await get('/api/items/it_nope');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'NOT_FOUND');
  });
});

describe('stories', () => {
  test('largest first with paging; a story view lists its members oldest first with link kinds', async () => {
    const page = await get('/api/stories?limit=3');
    assert.equal(page.body.stories.length, 3);
    const sizes = page.body.stories.map((s: { size: number }) => s.size);
    assert.deepEqual(
      sizes,
      [...sizes].sort((a: number, b: number) => b - a),
    );
    assert.ok(page.body.stories.every((s: { size: number }) => s.size >= 2));
    assert.equal('members' in page.body.stories[0], false);
    for (const s of page.body.stories) assert.ok(s.title || s.excerpt, `story ${s.id} has a label`);
    const top = page.body.stories[0];
    const v = await get(`/api/stories/${top.id}`);
    assert.equal(v.body.members.length, top.size);
    const kinds = new Set(['first', 'exact', 'near', 'rewrite', 'translation']);
    assert.ok(v.body.members.every((m: { link: string }) => kinds.has(m.link)));
    assert.ok(
      v.body.members.every(
        (m: { sourceName?: string; affiliation?: string }) => m.sourceName && m.affiliation,
      ),
    );
    const times = v.body.members.map((m: Summary) => Date.parse(m.published ?? ''));
    assert.deepEqual(
      times,
      [...times].sort((a: number, b: number) => a - b),
    );
    assert.equal((await get('/api/stories/st_nope')).status, 404);
    const trace = await get(`/api/trace/${top.id}`);
    assert.equal(trace.status, 200, JSON.stringify(trace.body));
    assert.equal(trace.body.provenance.storyId, top.id);
    assert.equal(trace.body.provenance.nodes.length, top.size);
    const roots = trace.body.provenance.nodes.filter((n: { parent?: string }) => !n.parent);
    assert.equal(roots.length, 1, 'one origin');
    assert.equal(roots[0].itemId, trace.body.provenance.firstItemId);
    assert.equal((await get('/api/trace/it_nope')).status, 404);
  });
});

describe('stats and series', () => {
  test('series by language add up to the dated items; by source too', async () => {
    const stats = await get('/api/stats');
    assert.equal(stats.status, 200);
    const byLang = await get('/api/series?by=lang&interval=day');
    const total = byLang.body.series.reduce((n: number, s: { total: number }) => n + s.total, 0);
    assert.ok(total > 0 && total <= stats.body.items);
    const days: string[] = byLang.body.days;
    assert.ok(days.length > 1);
    for (let i = 1; i < days.length; i++)
      assert.equal(Date.parse(days[i]!) - Date.parse(days[i - 1]!), 86_400_000, 'consecutive days');
    for (const s of byLang.body.series) assert.equal(s.counts.length, days.length);
    const bySource = await get('/api/series?by=source');
    assert.equal(
      bySource.body.series.reduce((n: number, s: { total: number }) => n + s.total, 0),
      total,
    );
    assert.equal((await get('/api/series?by=author')).status, 400);
  });
});

describe('check', () => {
  test('a pasted Tajik text comes back as tg, with honest empty detections', async () => {
    const r = await post(
      '/api/check',
      { text: 'Ҳукумати Тоҷикистон барои рушди иқтисодиёти кишвар тадбирҳои нав андешид.' },
      'viewer',
    );
    assert.equal(r.status, 200);
    assert.equal(r.body.lang, 'tg');
    assert.ok(Array.isArray(r.body.narratives));
    assert.equal('folded' in r.body, false, 'the match key is internal');
    assert.equal(typeof r.body.versions?.taxonomy, 'string', 'flags name the taxonomy version');
    const explained = await post(
      '/api/check',
      { text: 'Русия кафили амнияти Тоҷикистон аст. Ғарб мехоҳад кишварро вайрон кунад.', explain: 'tg' },
      'viewer',
    );
    assert.equal(explained.status, 200);
    if (explained.body.narratives.length > 0) assert.equal(typeof explained.body.explanation, 'string');
    assert.equal((await post('/api/check', { text: 'x', explain: 'de' }, 'viewer')).status, 400);
    assert.equal((await post('/api/check', { text: '' }, 'viewer')).status, 400);
    assert.equal((await post('/api/check', { txt: 'x' }, 'viewer')).body.error.field, 'text');
    assert.equal((await post('/api/check', { text: 'x', txt: 'x' }, 'viewer')).body.error.field, 'txt');
  });
});

describe('sources', () => {
  test('the registry lists affiliations and item counts; analysts add sources with validation', async () => {
    const list = await get('/api/sources');
    const stats = await get('/api/stats');
    const sum = list.body.reduce((n: number, s: { items: number }) => n + s.items, 0);
    assert.equal(sum, stats.body.items);
    assert.ok(list.body.some((s: { affiliation: string }) => s.affiliation === 'russian-state'));
    const add = await post('/api/sources', { id: 'example.tj', name: 'Example', affiliation: 'independent' });
    assert.equal(add.status, 200);
    assert.equal(add.body.affiliation, 'independent');
    const bad = await post('/api/sources', { id: 'Bad Id!' });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.error.field, 'id');
    const badAff = await post('/api/sources', { id: 'x.tj', affiliation: 'evil' });
    assert.equal(badAff.status, 400);
    assert.equal(badAff.body.error.field, 'affiliation');
  });
});

const FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Upload test</title><link>https://upload.example/</link>
<item><title>Ҳукумати Тоҷикистон</title><link>https://upload.example/a/1</link><guid>u-1</guid>
<pubDate>Mon, 02 Mar 2026 10:00:00 +0500</pubDate><description>Ҳукумати Тоҷикистон имрӯз дар бораи нархи нон изҳорот дод.</description></item>
<item><title>Второй</title><link>https://upload.example/a/2</link><guid>u-2</guid>
<pubDate>Mon, 02 Mar 2026 11:00:00 +0500</pubDate><description>Правительство сообщило о ценах на хлеб в Душанбе.</description></item>
</channel></rss>`;

describe('ingest and analyse', () => {
  const upload = (body: string | Buffer, query: string) =>
    f.server.inject({
      method: 'POST',
      url: `/api/ingest?${query}`,
      headers: { authorization: `Bearer ${f.keys.analyst}`, 'content-type': 'application/rss+xml' },
      payload: body,
    });

  /** A multipart/form-data body built by hand, so the test controls every part. */
  function form(parts: { field: string; filename?: string; body: string | Buffer }[]) {
    const boundary = `----ogoh${Math.random().toString(16).slice(2)}`;
    const chunks: Buffer[] = [];
    for (const p of parts) {
      const disposition = `form-data; name="${p.field}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
      chunks.push(
        Buffer.from(
          `--${boundary}\r\ncontent-disposition: ${disposition}\r\n${p.filename !== undefined ? 'content-type: application/octet-stream\r\n' : ''}\r\n`,
        ),
        Buffer.isBuffer(p.body) ? p.body : Buffer.from(p.body),
        Buffer.from('\r\n'),
      );
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    return { payload: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
  }
  const uploadForm = (parts: Parameters<typeof form>[0], query = '') => {
    const { payload, type } = form(parts);
    return f.server.inject({
      method: 'POST',
      url: `/api/ingest${query ? `?${query}` : ''}`,
      headers: { authorization: `Bearer ${f.keys.analyst}`, 'content-type': type },
      payload,
    });
  };

  async function finished(id: string) {
    for (let i = 0; i < 1000; i++) {
      const j = await get(`/api/jobs/${id}`, 'analyst');
      if (j.body.state === 'done' || j.body.state === 'failed') return j.body;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`job ${id} did not finish`);
  }

  /** Uploads, expects 202 with a queued ingest job, and returns the finished job's report. */
  async function ingested(res: { statusCode: number; body: string; json(): { id: string; kind: string } }) {
    assert.equal(res.statusCode, 202, res.body);
    assert.equal(res.json().kind, 'ingest');
    const job = await finished(res.json().id);
    assert.equal(job.state, 'done', JSON.stringify(job));
    return job.result;
  }

  /** The spool directories left; a job's spool goes just after the job is recorded done, so wait a little. */
  async function spools(): Promise<string[]> {
    let left: string[] = [];
    for (let i = 0; i < 100; i++) {
      left = readdirSync(join(f.dir, 'ogoh-uploads'));
      if (left.length === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    return left;
  }

  test('an uploaded feed is ingested once by a job; the report names the upload, not a server path', async () => {
    const first = await ingested(await upload(FEED, 'filename=upload.xml&source=upload-test'));
    assert.deepEqual(
      { ...first, files: undefined },
      { new: 2, duplicate: 0, rejected: 0, skipped: 0, format: 'rss', files: undefined, errors: [] },
    );
    assert.equal(first.files[0].file, 'upload.xml');
    const again = await ingested(await upload(FEED, 'filename=upload.xml&source=upload-test'));
    assert.equal(again.duplicate, 2);
    const found = await get('/api/items?source=upload-test');
    assert.equal(found.body.items.length, 2);
    const broken = await ingested(
      await upload('<rss><channel><item><title>x</title></channel>', 'filename=broken.xml&format=rss'),
    );
    const err = broken.errors[0];
    assert.equal(err.file, 'broken.xml');
    const jobs = await get('/api/jobs?kind=ingest&limit=3', 'analyst');
    assert.equal(jobs.body.length, 3);
    assert.ok(!JSON.stringify([broken, jobs.body]).includes('ogoh-upload-'), 'no spool paths leak');
    assert.deepEqual(await spools(), [], 'a finished upload job deletes its spool');
  });

  test('a multipart form carries one or more files in parts named "file"', async () => {
    const other = FEED.replaceAll('upload.example', 'form.example').replaceAll('u-', 'f-');
    const res = await uploadForm(
      [
        { field: 'file', filename: 'one.xml', body: other },
        { field: 'file', filename: '../../etc/two.xml', body: FEED },
      ],
      'source=form-test',
    );
    const report = await ingested(res);
    assert.equal(report.new, 4, JSON.stringify(report));
    assert.equal(report.duplicate, 0);
    assert.deepEqual(
      report.files.map((x: { file: string; format: string }) => [x.file, x.format]),
      [
        ['one.xml', 'rss'],
        ['two.xml', 'rss'],
      ],
    );
    assert.equal((await get('/api/items?source=form-test')).body.items.length, 4);
    assert.deepEqual(await spools(), []);
  });

  test('a bad form is refused naming the part and what to fix; nothing is queued or left behind', async () => {
    const before = (await get('/api/jobs?kind=ingest&limit=1000', 'analyst')).body.length;
    const field = await uploadForm([{ field: 'source', body: 'x' }]);
    assert.equal(field.statusCode, 422, field.body);
    assert.equal(field.json().error.field, 'source');
    assert.match(field.json().error.message, /part 1/);
    assert.match(field.json().error.hint, /query string/);
    const wrong = await uploadForm([
      { field: 'file', filename: 'a.xml', body: FEED },
      { field: 'upload', filename: 'b.xml', body: FEED },
    ]);
    assert.equal(wrong.statusCode, 422);
    assert.equal(wrong.json().error.field, 'upload');
    assert.match(wrong.json().error.message, /part 2/);
    const empty = await uploadForm([{ field: 'file', filename: 'empty.xml', body: '' }]);
    assert.equal(empty.statusCode, 422);
    assert.match(empty.json().error.message, /part 1 \("empty.xml"\) is an empty file/);
    const none = await uploadForm([]);
    assert.equal(none.statusCode, 422);
    assert.equal(none.json().error.field, 'file');
    const big = await uploadForm([
      { field: 'file', filename: 'a.csv', body: Buffer.alloc(40 * 1024, 0x61) },
      { field: 'file', filename: 'b.csv', body: Buffer.alloc(40 * 1024, 0x62) },
    ]);
    assert.equal(big.statusCode, 413, 'the limit holds for all files together');
    assert.equal(big.json().error.code, 'INPUT_TOO_LARGE');
    assert.match(big.json().error.message, /part 2, "b.csv"/);
    const many = await uploadForm(
      Array.from({ length: 21 }, (_, i) => ({ field: 'file', filename: `f${i}.xml`, body: FEED })),
    );
    assert.equal(many.statusCode, 413);
    assert.equal(many.json().error.field, 'file');
    const raw = (type: string, payload: string) =>
      f.server.inject({
        method: 'POST',
        url: '/api/ingest',
        headers: { authorization: `Bearer ${f.keys.analyst}`, 'content-type': type },
        payload,
      });
    const noBoundary = await raw('multipart/form-data', 'garbage');
    assert.equal(noBoundary.statusCode, 422, noBoundary.body);
    assert.equal(noBoundary.json().error.code, 'INPUT_PARSE');
    assert.equal(noBoundary.json().error.field, 'Content-Type');
    // cut off inside a part: the part never ends, so the server gives up once the request has
    const cut = await raw(
      'multipart/form-data; boundary=xyz',
      '--xyz\r\ncontent-disposition: form-data; name="file"; filename="a.xml"\r\n\r\n<rss>',
    );
    assert.equal(cut.statusCode, 422, cut.body);
    assert.match(cut.json().error.message, /part 1 \("a.xml"\) ends before its closing boundary/);
    const viewer = await f.server.inject({
      method: 'POST',
      url: '/api/ingest',
      headers: { authorization: `Bearer ${f.keys.viewer}`, 'content-type': form([]).type },
      payload: form([{ field: 'file', filename: 'a.xml', body: FEED }]).payload,
    });
    assert.equal(viewer.statusCode, 403);
    assert.equal((await get('/api/jobs?kind=ingest&limit=1000', 'analyst')).body.length, before);
    assert.deepEqual(await spools(), []);
  });

  test('uploads over the limit are 413; a missing filename is 400; an empty body is refused', async () => {
    const big = await upload(Buffer.alloc(70 * 1024, 0x61), 'filename=big.csv');
    assert.equal(big.statusCode, 413);
    assert.equal(big.json().error.code, 'INPUT_TOO_LARGE');
    const noName = await upload(FEED, 'source=x');
    assert.equal(noName.statusCode, 400);
    assert.equal(noName.json().error.field, 'filename');
    const empty = await upload('', 'filename=empty.xml');
    assert.equal(empty.statusCode, 422);
    assert.deepEqual(await spools(), []);
  });

  test('analyse runs as a background job that processes what was uploaded, then nothing more', async () => {
    const r = await post('/api/analyse', {});
    assert.equal(r.status, 202);
    assert.match(r.body.id, /^jb_/);
    assert.equal(r.body.kind, 'analyze');
    assert.ok(['queued', 'running', 'done'].includes(r.body.state));
    const job = await finished(r.body.id);
    assert.equal(job.state, 'done', JSON.stringify(job));
    assert.equal(job.attempts, 1);
    assert.ok(job.result.analysed >= 2);
    assert.equal(job.progress.done, job.result.analysed);
    assert.match(job.by, /^key:ak_/);
    const again = await finished((await post('/api/analyse', {})).body.id);
    assert.equal(again.result.analysed, 0);
    const list = await get('/api/jobs', 'analyst');
    assert.deepEqual(
      list.body.slice(0, 2).map((j: { id: string }) => j.id),
      [again.id, job.id],
    );
    assert.equal((await get('/api/jobs/jb_missing', 'analyst')).status, 404);
    assert.equal((await get('/api/jobs?state=cooking', 'analyst')).status, 400);
  });
});

describe('HTTP hygiene', () => {
  test('security headers, request ids and no-store on every API response', async () => {
    const r = await get('/api/stats');
    const csp = String(r.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /style-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['x-frame-options'], 'DENY');
    assert.equal(r.headers['cache-control'], 'no-store');
    assert.match(String(r.headers['x-request-id']), /^r[0-9a-f]{12}$/);
  });

  test('JSON bodies over the limit are 413; malformed JSON is 400; unknown API routes are 404', async () => {
    const big = await post('/api/check', { text: 'а'.repeat(600 * 1024) }, 'viewer');
    assert.equal(big.status, 413);
    const bad = await f.server.inject({
      method: 'POST',
      url: '/api/check',
      headers: { authorization: `Bearer ${f.keys.viewer}`, 'content-type': 'application/json' },
      payload: '{"text": ',
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'INPUT_PARSE');
    const extra = await get('/api/stats?verbose=1');
    assert.equal(extra.status, 400, 'routes without parameters refuse unknown ones');
    assert.equal(extra.body.error.field, 'verbose');
    for (const r of f.server.routeRules.filter((x) => x.url.startsWith('/api/')))
      assert.ok(r.schema?.querystring, `${r.method} ${r.url} validates its query string`);
    const none = await get('/api/nothing-here');
    assert.equal(none.status, 404);
    assert.equal(none.body.error.code, 'NOT_FOUND');
  });

  test('the OpenAPI 3.1 document lists every API route with its parameters and access', async () => {
    const res = await f.server.inject({ url: '/api/openapi.json' });
    const doc = res.json();
    assert.equal(doc.openapi, '3.1.0');
    const apiRules = f.server.routeRules.filter((r) => r.url.startsWith('/api/'));
    for (const r of apiRules) {
      const op = doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
      assert.ok(op, `${r.method} ${r.url} documented`);
      assert.equal(op['x-access'], r.access);
      assert.ok(op.responses.default, 'error responses documented');
    }
    const upload = doc.paths['/api/ingest'].post.requestBody.content;
    assert.deepEqual(Object.keys(upload).sort(), ['application/octet-stream', 'multipart/form-data']);
    assert.equal(upload['multipart/form-data'].schema.properties.file.items.format, 'binary');
    assert.ok(doc.paths['/api/analyse'].post.responses['202'], 'analyse answers 202 with the job');
    const items = doc.paths['/api/items'].get;
    assert.ok(items.parameters.some((p: { name: string }) => p.name === 'cursor'));
    assert.equal(JSON.stringify(doc).includes('"$id"'), false);
  });
});
