import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { disarmData, disarmTechnique } from './disarm.ts';
import { buildStixBundle, OPENCTI_SCO_EXTENSION, OPENCTI_SDO_EXTENSION, type StixObject } from './stix.ts';
import { validateStixBundle } from './stix-validate.ts';
import { sampleInput } from './testing.ts';
import { tlpMarkingId } from './tlp.ts';

const byType = (objects: StixObject[], type: string) => objects.filter((o) => o.type === type);

describe('STIX 2.1 bundle of a query', () => {
  const bundle = buildStixBundle(sampleInput());
  const objects = bundle.objects;
  const ids = new Map(objects.map((o) => [o.id, o]));

  test('keeps every STIX rule the validator checks', () => {
    assert.deepEqual(validateStixBundle(bundle), []);
    assert.match(bundle.id, /^bundle--[0-9a-f-]{36}$/);
  });

  test('has the identity, a report over everything, channels, media-content, urls and observed data', () => {
    const [identity] = byType(objects, 'identity');
    assert.equal(identity?.name, 'Ogoh test instance');
    const [report] = byType(objects, 'report');
    assert.ok(report);
    assert.equal(report.name, 'Ogoh export: q=ҷанг, since=2026-03-01');
    const refs = new Set(report.object_refs as string[]);
    for (const o of objects)
      if (o.type !== 'marking-definition' && o.type !== 'identity' && o.type !== 'report')
        assert.ok(refs.has(o.id), `report misses ${o.id}`);
    assert.equal(byType(objects, 'channel').length, 2);
    assert.equal(byType(objects, 'media-content').length, 3);
    assert.equal(byType(objects, 'url').length, 2, 'the item without a URL has no url object');
    assert.equal(byType(objects, 'observed-data').length, 3);
    const channel = byType(objects, 'channel').find((c) => (c.aliases as string[])[0] === 'tg-news-tj');
    assert.deepEqual(channel?.channel_types, ['Telegram']);
    assert.deepEqual(channel?.extensions, { [OPENCTI_SDO_EXTENSION]: { extension_type: 'new-sdo' } });
    const media = byType(objects, 'media-content').find((m) => m.x_ogoh_item_id === 'it_a');
    assert.equal(media?.url, 'https://t.me/news_tj/101');
    assert.equal(media?.publication_date, '2026-03-01T04:00:00.000Z', 'offsets become UTC with ms');
    assert.deepEqual(media?.extensions, { [OPENCTI_SCO_EXTENSION]: { extension_type: 'new-sco' } });
    assert.ok(!JSON.stringify(bundle).includes('secret raw record'), 'the raw record never leaves');
    const noUrl = byType(objects, 'media-content').find((m) => m.x_ogoh_item_id === 'it_c');
    assert.equal(
      noUrl?.url,
      'urn:ogoh:item:it_c',
      'OpenCTI keys media-content by url: URL-less items stay distinct',
    );
  });

  test('DISARM attack-patterns from the taxonomy links, with the DISARM external id, TLP:CLEAR and the licence', () => {
    const aps = byType(objects, 'attack-pattern');
    const disarm = aps.filter((a) =>
      (a.external_references as { source_name: string }[]).some((r) => r.source_name === 'DISARM'),
    );
    assert.deepEqual(
      disarm.map((a) => a.x_mitre_id).sort(),
      ['T0003', 'T0022.001'],
      'T9999 is not a DISARM id and is left out',
    );
    const t = disarm.find((a) => a.x_mitre_id === 'T0022.001')!;
    assert.deepEqual(t.external_references, [
      {
        source_name: 'DISARM',
        external_id: 'T0022.001',
        url: disarmTechnique('T0022.001')!.url,
      },
    ]);
    assert.equal(t.name, disarmTechnique('T0022.001')!.name);
    assert.ok(
      (t.kill_chain_phases as { kill_chain_name: string }[]).every((k) => k.kill_chain_name === 'disarm'),
    );
    const markings = t.object_marking_refs as string[];
    assert.ok(markings.includes(tlpMarkingId('clear')));
    const statement = ids.get(markings.find((m) => m !== tlpMarkingId('clear'))!);
    assert.match(String((statement!.definition as { statement: string }).statement), /CC BY-SA 4\.0/);
    const persuasion = aps.find((a) => a.name === 'Loaded language');
    assert.ok(persuasion, 'persuasion techniques are attack-patterns too');
  });

  test('relationships: channel publishes media, media uses narrative (confidence = best score), narrative related-to DISARM', () => {
    const rels = byType(objects, 'relationship');
    const narrative = byType(objects, 'narrative')[0]!;
    assert.equal(narrative.name, 'The West drags Central Asia into war');
    const mediaA = byType(objects, 'media-content').find((m) => m.x_ogoh_item_id === 'it_a')!;
    const uses = rels.filter((r) => r.relationship_type === 'uses' && r.source_ref === mediaA.id);
    assert.equal(uses.length, 1, 'two models flagging one label make one relationship');
    assert.equal(uses[0]!.target_ref, narrative.id);
    assert.equal(uses[0]!.confidence, 81);
    assert.equal(
      rels.filter((r) => r.relationship_type === 'publishes').length,
      3,
      'every item is published by its channel',
    );
    assert.equal(
      rels.filter((r) => r.relationship_type === 'related-to' && r.source_ref === narrative.id).length,
      2,
    );
    for (const r of rels) {
      assert.ok(ids.has(r.source_ref as string));
      assert.ok(ids.has(r.target_ref as string));
    }
  });

  test('a note per flagged item with its evidence, and a grouping for the story', () => {
    const notes = byType(objects, 'note');
    assert.equal(notes.length, 2);
    const noteB = notes.find((n) => String(n.content).includes('Loaded_Language'))!;
    assert.match(String(noteB.content), /convergence \*\*anti-west-pair\*\*/);
    assert.match(String(noteB.content), /“Запад”/);
    assert.ok(!JSON.stringify(notes).includes('it_unrelated'));
    const [grouping] = byType(objects, 'grouping');
    assert.equal((grouping!.object_refs as string[]).length, 2, 'only exported members');
    assert.equal(grouping?.context, 'suspicious-activity');
  });

  test('every object carries the TLP:AMBER marking, whose official definition is in the bundle', () => {
    const amber = tlpMarkingId('amber');
    assert.equal(amber, 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421');
    assert.ok(ids.has(amber));
    for (const o of objects) {
      if (
        o.type === 'marking-definition' ||
        (o.type === 'attack-pattern' && String(o.x_mitre_id ?? '').startsWith('T'))
      )
        continue;
      assert.deepEqual(o.object_marking_refs, [amber], o.id);
    }
  });

  test('re-export gives the same bytes; item order does not matter; ids are UUIDv5', () => {
    const again = sampleInput();
    again.items.reverse();
    again.detections.reverse();
    assert.equal(JSON.stringify(buildStixBundle(again)), JSON.stringify(bundle));
    for (const o of objects)
      if (o.type !== 'marking-definition') assert.match(o.id, /--[0-9a-f]{8}-[0-9a-f]{4}-5/, o.id);
  });

  test('an empty export is still a valid bundle (the report refers to the identity)', () => {
    const empty = buildStixBundle(sampleInput({ items: [], detections: [], stories: [] }));
    assert.deepEqual(validateStixBundle(empty), []);
  });
});

describe('STIX 2.1 bundle of a case', () => {
  const input = sampleInput({
    tlp: 'red',
    case: {
      id: 'case_7',
      title: 'Рогун: фейк о продаже электроэнергии',
      summary: 'Coordinated posts claim the dam sells 70% of its power abroad.',
      status: 'in-review',
      tlp: 'red',
      created: '2026-03-03T10:00:00Z',
      modified: '2026-03-04T12:00:00Z',
      notes: [
        { id: 'n1', author: 'dilnoza', text: 'Checked with the ministry.', created: '2026-03-03T11:00:00Z' },
      ],
    },
  });
  const bundle = buildStixBundle(input);

  test('an incident uses the DISARM techniques of its narratives; the case note refers to it', () => {
    assert.deepEqual(validateStixBundle(bundle), []);
    const [incident] = byType(bundle.objects, 'incident');
    assert.equal(incident?.name, 'Рогун: фейк о продаже электроэнергии');
    assert.equal(incident?.created, '2026-03-03T10:00:00.000Z');
    const uses = byType(bundle.objects, 'relationship').filter(
      (r) => r.source_ref === incident!.id && r.relationship_type === 'uses',
    );
    assert.equal(uses.length, 2);
    const caseNote = byType(bundle.objects, 'note').find((n) => n.content === 'Checked with the ministry.');
    assert.deepEqual(caseNote?.object_refs, [incident!.id]);
    assert.deepEqual(caseNote?.authors, ['dilnoza']);
    const [report] = byType(bundle.objects, 'report');
    assert.deepEqual(report?.report_types, ['incident']);
    assert.equal((report!.object_refs as string[])[0], incident!.id);
    assert.ok(bundle.objects.some((o) => o.id === tlpMarkingId('red')));
  });
});

describe('STIX validator', () => {
  const good = () => structuredClone(buildStixBundle(sampleInput()));
  const find = (b: ReturnType<typeof good>, type: string) => b.objects.find((o) => o.type === type)!;
  const messages = (b: unknown) => validateStixBundle(b).map((i) => `${i.property}: ${i.message}`);

  const cases: [string, (b: ReturnType<typeof good>) => void, RegExp][] = [
    [
      'id of another type',
      (b) => (find(b, 'note').id = find(b, 'report').id.replace('report', 'note').replace(/.$/, 'x')),
      /^id: must be note--/,
    ],
    [
      'upper-case uuid',
      (b) => (find(b, 'identity').id = find(b, 'identity').id.toUpperCase().replace('IDENTITY', 'identity')),
      /^id: must be identity--/,
    ],
    ['missing spec_version', (b) => delete find(b, 'report').spec_version, /^spec_version: must be "2\.1"/],
    [
      'dangling reference',
      (b) => (find(b, 'note').object_refs = ['url--00000000-0000-4000-8000-000000000000']),
      /object_refs\[0\]: url--0+.* is not in the bundle/,
    ],
    [
      'modified before created',
      (b) => (find(b, 'report').modified = '2000-01-01T00:00:00.000Z'),
      /^modified: earlier than created/,
    ],
    [
      'time without milliseconds',
      (b) => (find(b, 'report').published = '2026-03-01T00:00:00Z'),
      /^published: must be RFC 3339/,
    ],
    [
      'missing required property',
      (b) => delete find(b, 'observed-data').number_observed,
      /^number_observed: required for observed-data/,
    ],
    [
      'unknown marking',
      (b) =>
        (find(b, 'identity').object_marking_refs = [
          'marking-definition--00000000-0000-4000-8000-000000000000',
        ]),
      /object_marking_refs\[0\]: .* is not in the bundle/,
    ],
    [
      'marking ref to a non-marking',
      (b) => (find(b, 'identity').object_marking_refs = [find(b, 'report').id]),
      /must refer to a marking-definition/,
    ],
    [
      'official TLP id with another level',
      (b) => (find(b, 'marking-definition').name = 'TLP:GREEN'),
      /official TLP 2\.0 id/,
    ],
    [
      'custom type without its extension',
      (b) => delete find(b, 'narrative').extensions,
      /custom type "narrative" must name its extension/,
    ],
    ['bad property name', (b) => (find(b, 'report')['Bad-Name'] = 1), /^Bad-Name: property names/],
    [
      'created_by_ref to a non-identity',
      (b) => (find(b, 'report').created_by_ref = find(b, 'note').id),
      /must refer to an identity/,
    ],
    [
      'observed-data referring to an SDO',
      (b) => ((find(b, 'observed-data').object_refs as string[])[0] = find(b, 'note').id),
      /observed-data may only refer to cyber-observables/,
    ],
    [
      'bad DISARM id',
      (b) =>
        ((
          b.objects.find((o) => o.x_mitre_id === 'T0003')!.external_references as { external_id: string }[]
        )[0]!.external_id = 'TA05'),
      /a DISARM technique id/,
    ],
    ['an empty list', (b) => (find(b, 'channel').aliases = []), /^aliases: an empty list/],
    ['duplicate object', (b) => b.objects.push(structuredClone(find(b, 'note'))), /^id: appears twice/],
    [
      'unknown extension definition',
      (b) =>
        (find(b, 'channel').extensions = {
          'extension-definition--00000000-0000-4000-8000-000000000000': { extension_type: 'new-sdo' },
        }),
      /unknown extension definition/,
    ],
  ];
  for (const [name, mutate, expected] of cases)
    test(`finds: ${name}`, () => {
      const b = good();
      mutate(b);
      const found = messages(b);
      assert.ok(
        found.some((m) => expected.test(m)),
        `expected ${expected} in ${JSON.stringify(found)}`,
      );
    });

  test('a bundle that is not a bundle', () => {
    assert.deepEqual(messages({ type: 'bundle', id: 'bundle--x', objects: 'no' }), [
      'id: must be bundle--<uuid>',
      'objects: must be a list',
    ]);
  });
});

describe('DISARM data', () => {
  test('is attributed CC BY-SA and holds the current framework', () => {
    const d = disarmData();
    assert.match(d.licence, /CC BY-SA 4\.0/);
    assert.match(d.attribution, /DISARM Foundation/);
    assert.ok(d.techniques.length > 300);
    assert.equal(disarmTechnique('T0022')?.name, 'Leverage Conspiracy Theory Narratives');
    assert.equal(d.mispGalaxy, 'disarm-techniques');
  });

  test('every DISARM id the narrative taxonomy links to exists in the framework', () => {
    const yaml = readFileSync(new URL('../../detect/taxonomy/narratives.yaml', import.meta.url), 'utf8');
    const ids = [...yaml.matchAll(/^\s+disarm: \[([^\]]*)\]/gm)].flatMap((m) =>
      m[1]!.split(',').map((s) => s.trim()),
    );
    assert.ok(ids.length > 20);
    assert.deepEqual(
      ids.filter((id) => !disarmTechnique(id)),
      [],
    );
  });
});
