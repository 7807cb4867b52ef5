import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isOgohError } from '@ogoh/core';
import { buildClaimReviews } from './claimreview.ts';
import { disarmGalaxyTag } from './disarm.ts';
import { buildMispEvent } from './misp.ts';
import { csvField, toCsv, toJsonl } from './tabular.ts';
import { sampleInput } from './testing.ts';
import { parseTlp } from './tlp.ts';

describe('MISP event', () => {
  const event = buildMispEvent(sampleInput()).Event;

  test('TLP and DISARM galaxy tags with MISP cluster values', () => {
    const tags = event.Tag.map((t) => t.name);
    assert.equal(tags[0], 'tlp:amber');
    assert.ok(tags.includes('misp-galaxy:disarm-techniques="Leverage Existing Narratives"'), tags.join('\n'));
    assert.equal(disarmGalaxyTag('T0003'), 'misp-galaxy:disarm-techniques="Leverage Existing Narratives"');
    assert.equal(disarmGalaxyTag('T9999'), undefined);
    assert.equal(event.distribution, '0');
  });

  test('one attribute per item: link when it has a URL, text otherwise, tagged with its findings', () => {
    assert.equal(event.Attribute.length, 3);
    const a = event.Attribute.find((x) => x.value === 'https://t.me/news_tj/101')!;
    assert.equal(a.type, 'link');
    assert.deepEqual(
      a.Tag.map((t) => t.name),
      ['ogoh:narrative="RU-WEST-DRAGS-TO-WAR"', 'ogoh:affiliation="russian-state-affiliated"'],
    );
    assert.equal(a.first_seen, '2026-03-01T04:00:00.000Z');
    assert.equal(event.Attribute.find((x) => x.type === 'text')?.value, 'Погода в Душанбе, без URL.');
  });

  test('same input, same event (uuids and timestamps from the records)', () => {
    assert.deepEqual(buildMispEvent(sampleInput()), { Event: event });
    assert.notEqual(buildMispEvent(sampleInput({ query: { q: 'other' } })).Event.uuid, event.uuid);
  });
});

describe('CSV and JSON Lines', () => {
  test('CSV: BOM, header, one row per item, quoting and formula neutralising', () => {
    const csv = toCsv(sampleInput());
    assert.ok(csv.startsWith('\uFEFFtlp,item_id,published'));
    const lines = csv.slice(1).trimEnd().split('\r\n');
    assert.equal(lines.length, 4);
    const b = lines.find((l) => l.includes('it_b'))!;
    assert.match(b, /,"'=HYPERLINK\(""http:\/\/evil""\) Запад/);
    assert.match(b, /RU-WEST-DRAGS-TO-WAR 0\.70,Loaded_Language 0\.66,anti-west-pair 0\.50,/);
    assert.ok(!csv.includes('secret raw record'));
    assert.equal(csvField('-1'), "'-1");
    assert.equal(csvField('a\nb'), '"a\nb"');
    assert.equal(csvField('plain'), 'plain');
  });

  test('JSONL: a header line, then items with their own detections only', () => {
    const lines = toJsonl(sampleInput())
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines[0].type, 'export');
    assert.equal(lines[0].tlp, 'TLP:AMBER');
    assert.equal(lines.length, 4);
    const a = lines.find((l) => l.id === 'it_a');
    assert.equal(a.detections.length, 2);
    assert.equal(a.detections[0].evidence[0].text, 'Ғарб');
    assert.equal(a.raw, undefined);
    assert.equal(a.foldText, undefined);
  });
});

interface Review {
  '@type': string;
  '@id'?: string;
  reviewRating?: unknown;
  author?: { name: string };
  itemReviewed: { appearance: { url: string }[] };
}

describe('ClaimReview', () => {
  const claim = {
    id: 'https://factcheck.tj/rogun-70',
    text: 'Роғун 70 фоизи барқро ба Афғонистон мефурӯшад',
    rating: 'Нодуруст',
    org: 'Factcheck.tj',
    url: 'https://factcheck.tj/rogun-70',
    date: '2026-02-01',
    lang: 'tg',
    appearances: ['https://t.me/old/1'],
  };

  test('a fact-checked claim with the exported items added as appearances', () => {
    const doc = buildClaimReviews(
      sampleInput({ claims: [{ claim, items: [{ itemId: 'it_a', score: 0.9 }] }] }),
    );
    assert.equal(doc['@context'], 'https://schema.org');
    const [review] = doc['@graph'] as Review[];
    assert.equal(review!['@type'], 'ClaimReview');
    assert.equal(review!['@id'], 'https://factcheck.tj/rogun-70');
    assert.deepEqual(review!.reviewRating, { '@type': 'Rating', alternateName: 'Нодуруст' });
    assert.deepEqual(
      review!.itemReviewed.appearance.map((a) => a.url),
      ['https://t.me/news_tj/101', 'https://t.me/old/1'],
    );
  });

  test('a case exports only once published', () => {
    const base = {
      id: 'c1',
      title: 'Rogun',
      status: 'open',
      tlp: 'clear' as const,
      created: '2026-03-03T00:00:00Z',
      notes: [],
    };
    assert.throws(
      () => buildClaimReviews(sampleInput({ case: base })),
      (e) => isOgohError(e) && e.code === 'USAGE' && /not published/.test(e.message),
    );
    const doc = buildClaimReviews(sampleInput({ case: { ...base, status: 'published' } }));
    const [review] = doc['@graph'] as Review[];
    assert.equal(review!.author?.name, 'Ogoh test instance');
    assert.equal(review!.itemReviewed.appearance.length, 2);
  });
});

test('parseTlp accepts the usual spellings', () => {
  assert.equal(parseTlp('TLP:AMBER+STRICT'), 'amber+strict');
  assert.equal(parseTlp('amber-strict'), 'amber+strict');
  assert.equal(parseTlp('white'), 'clear');
  assert.equal(parseTlp('Red'), 'red');
  assert.equal(parseTlp('purple'), undefined);
});
