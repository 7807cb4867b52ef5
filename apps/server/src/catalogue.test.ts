/**
 * The catalogue API: narratives by family, the 23 techniques, cards as JSON and printable HTML (with
 * a CSP of its own that allows only the card's stylesheet), the counter-message review, and the card
 * references that POST /api/check attaches to each flag.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { type Fixture, fixture } from './testing.ts';

let f: Fixture;
before(async () => {
  f = await fixture({ demoItems: 150 });
});
after(async () => {
  await f?.close();
});

async function get(url: string) {
  const res = await f.server.inject({ url, headers: { authorization: `Bearer ${f.keys.viewer}` } });
  return { status: res.statusCode, body: res.body, headers: res.headers, json: () => res.json() };
}

async function post(url: string, payload: unknown) {
  const res = await f.server.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${f.keys.viewer}` },
    payload: payload as object,
  });
  return { status: res.statusCode, json: () => res.json() };
}

describe('catalogue', () => {
  test('GET /api/narratives: every narrative with its family named in Tajik', async () => {
    const r = await get('/api/narratives?lang=tg');
    assert.equal(r.status, 200);
    const b = r.json();
    assert.equal(b.narratives.length, 22);
    const n = b.narratives.find((x: { id: string }) => x.id === 'tj-stability-civil-war-fear');
    assert.equal(n.family, 'tajik-state');
    assert.equal(n.familyLabel, 'Паёмҳои давлати Тоҷикистон');
    assert.match(n.label, /Субот/);
    assert.ok(b.narratives.every((x: { hasCard: boolean }) => x.hasCard));
    assert.match(b.taxonomyVersion, /^\d{4}\.\d+\.\d+\+/);
  });

  test('?counts=true adds how many stored items carry each flag; without it there is no count', async () => {
    const plain = (await get('/api/narratives')).json().narratives as { items?: number }[];
    assert.ok(plain.every((n) => n.items === undefined));
    const counted = (await get('/api/narratives?counts=true')).json().narratives as {
      id: string;
      items: number;
    }[];
    assert.ok(counted.every((n) => Number.isInteger(n.items) && n.items >= 0));
    assert.ok(
      counted.some((n) => n.items > 0),
      'the demo corpus plants narratives',
    );
    const tech = (await get('/api/techniques?counts=true&lang=tg')).json().techniques as { items: number }[];
    assert.equal(tech.length, 23);
    assert.ok(tech.every((t) => Number.isInteger(t.items)));
  });

  test('GET /api/techniques: the 23 labels in SemEval order, named in Russian', async () => {
    const r = await get('/api/techniques?lang=ru');
    const t = r.json().techniques as { id: string; name: string; categoryLabel: string }[];
    assert.equal(t.length, 23);
    assert.equal(t[0]!.id, 'Name_Calling-Labeling');
    assert.equal(t[0]!.name, 'Навешивание ярлыков');
    assert.equal(t[0]!.categoryLabel, 'Нападки на репутацию');
  });

  test('GET /api/cards/:id: JSON card in the asked language; unknown ids 404, bad lang 400', async () => {
    const r = await get('/api/cards/Whataboutism?lang=tg');
    assert.equal(r.status, 200);
    const c = r.json();
    assert.equal(c.kind, 'technique');
    assert.match(c.check, /[ҳҷқғӣӯ]/);
    assert.equal((await get('/api/cards/ru-pamir-separatism')).json().lang, 'en');
    const missing = await get('/api/cards/No_Such');
    assert.equal(missing.status, 404);
    assert.equal(missing.json().error.code, 'NOT_FOUND');
    assert.equal((await get('/api/cards/Doubt?lang=de')).status, 400);
    assert.equal((await get('/api/cards/..%2Fetc?lang=en')).status, 400);
  });

  test('GET /api/cards/:id.html: a printable page whose CSP allows exactly its own stylesheet', async () => {
    const r = await get('/api/cards/isk-reward-belonging-youth.html?lang=tg');
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /^text\/html/);
    assert.match(r.body, /^<!doctype html>/);
    assert.match(r.body, /Ваъдаи пул/);
    assert.doesNotMatch(r.body, /<script/i);
    const css = /<style>([\s\S]*?)<\/style>/.exec(r.body)![1]!;
    const hash = createHash('sha256').update(css).digest('base64');
    const csp = String(r.headers['content-security-policy']);
    assert.match(csp, /default-src 'none'/);
    assert.ok(csp.includes(`style-src 'sha256-${hash}'`), csp);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal((await get('/api/cards/nothing-here.html')).status, 404);
  });

  test('the catalogue needs a login', async () => {
    const r = await f.server.inject({ url: '/api/narratives' });
    assert.equal(r.statusCode, 401);
  });
});

describe('review', () => {
  test('POST /api/review flags collective blame with span, reason in Tajik and rewording; ordinary speech passes', async () => {
    const text = 'Мо зидди терроризм ҳастем. Хамаи помирихо чудоихоханд.';
    const r = await post('/api/review', { text, lang: 'tg' });
    assert.equal(r.status, 200);
    const b = r.json();
    assert.equal(b.ok, false);
    const fd = b.findings[0];
    assert.equal(text.slice(fd.start, fd.end), fd.text);
    assert.equal(fd.group.type, 'ethnic');
    assert.match(fd.why, /ҷалб/);
    assert.ok(fd.suggestions.length >= 2);
    const ok = await post('/api/review', { text: 'Muslims around the world celebrate Eid.' });
    assert.equal(ok.json().ok, true);
    assert.equal((await post('/api/review', { text: '' })).status, 400);
    assert.equal((await post('/api/review', { text: 'x', extra: 1 })).status, 400);
  });

  test('POST /api/check attaches a card to each flag, with its text when explained', async () => {
    const text = 'Только Россия может защитить. Россия — гарант безопасности.';
    const plain = await post('/api/check', { text });
    const n = plain.json().narratives[0];
    assert.equal(n.id, 'ru-indispensable-security-guarantor');
    assert.deepEqual(n.card, { id: n.id, lang: 'en', href: `/api/cards/${n.id}.html?lang=en` });
    const explained = (await post('/api/check', { text, explain: 'ru' })).json().narratives[0];
    assert.equal(explained.card.lang, 'ru');
    assert.match(explained.card.what, /Россию/);
    assert.equal(explained.card.headings.check, 'Как проверить');
  });
});
