import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ShareEvent } from '@ogoh/core';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { detectCoordination } from './detect.ts';
import { toGexf, xmlEscape } from './gexf.ts';

function burst(accounts: string[], objects: string[], t0 = 0): ShareEvent[] {
  return objects.flatMap((o, k) =>
    accounts.map((a, i) => ({
      objectId: o,
      accountId: a,
      contentId: `${o}/${a}`,
      timestamp: t0 + k * 3600 + i,
    })),
  );
}

// htmlEntities: decode numeric character references (&#9;) as any XML reader does
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  htmlEntities: true,
  isArray: (name) => ['node', 'edge', 'attvalue', 'attribute'].includes(name),
});

describe('toGexf', () => {
  // account ids with everything XML must escape, plus a control character and a lone surrogate
  const nasty = ['a&b', '<script>', 'quote"s', "apo's", 'tab\there', 'bell\u0007', 'half\uD800'];
  const events = [...burst(nasty, ['o1', 'o2', 'o3']), ...burst(['x', 'y', 'z'], ['p1', 'p2'], 100)];
  const result = detectCoordination(events, {
    timeWindow: 10,
    minParticipation: 1,
    edgeQuantile: 0,
    fastWindow: 2,
  });

  test('is well-formed XML that declares GEXF 1.3', () => {
    const xml = toGexf(result, { date: '2024-05-01' });
    assert.equal(XMLValidator.validate(xml), true);
    const doc = parser.parse(xml);
    assert.equal(doc.gexf.version, '1.3');
    assert.equal(doc.gexf.xmlns, 'http://gexf.net/1.3');
    assert.equal(doc.gexf.meta.lastmodifieddate, '2024-05-01');
    assert.equal(doc.gexf.graph.defaultedgetype, 'undirected');
  });

  test('has one node per grouped account and one edge per kept edge, with weights and attributes', () => {
    const doc = parser.parse(toGexf(result));
    const nodes = doc.gexf.graph.nodes.node as Array<{
      id: string;
      attvalues: { attvalue: Array<{ for: string; value: string }> };
    }>;
    const edges = doc.gexf.graph.edges.edge as Array<{ source: string; target: string; weight: string }>;
    assert.equal(nodes.length, nasty.length + 3);
    assert.equal(edges.length, result.edges.length);
    assert.equal(edges.length, (7 * 6) / 2 + 3);
    // ids round-trip through escaping (XML cannot carry U+0007 or a lone surrogate: they become U+FFFD)
    const ids = new Set(nodes.map((n) => n.id));
    for (const a of ['a&b', '<script>', 'quote"s', "apo's", 'tab\there', 'bell\uFFFD', 'half\uFFFD', 'x'])
      assert.ok(ids.has(a), `node ${JSON.stringify(a)}`);
    for (const e of edges) assert.ok(ids.has(e.source) && ids.has(e.target), 'edge ends are nodes');
    assert.deepEqual(
      edges.map((e) => Number(e.weight)),
      result.edges.map((e) => e.weight),
    );
    const x = nodes.find((n) => n.id === 'x')!;
    const att = Object.fromEntries(x.attvalues.attvalue.map((v) => [v.for, v.value]));
    const gx = result.groups.find((g) => g.accounts.includes('x'))!;
    assert.equal(att.group, gx.id);
    assert.equal(att.groupSize, '3');
    assert.equal(att.community, result.communities!.find((c) => c.accounts.includes('x'))!.id);
    assert.equal(att.fast, 'true');
    const declared = (
      doc.gexf.graph.attributes as Array<{ class: string; attribute: Array<{ id: string }> }>
    ).flatMap((a) => a.attribute.map((x) => `${a.class}:${x.id}`));
    assert.deepEqual(declared, [
      'node:group',
      'node:groupSize',
      'node:community',
      'node:fast',
      'edge:fast',
      'edge:fastWeight',
    ]);
  });

  test('is reproducible and omits what was not computed', () => {
    assert.equal(toGexf(result), toGexf(result));
    const plain = detectCoordination(events, {
      timeWindow: 10,
      minParticipation: 1,
      edgeQuantile: 0,
      communities: false,
    });
    const xml = toGexf(plain);
    assert.equal(XMLValidator.validate(xml), true);
    assert.doesNotMatch(xml, /community|fast|lastmodifieddate/);
    const empty = detectCoordination([], { timeWindow: 10 });
    assert.equal(XMLValidator.validate(toGexf(empty)), true);
  });

  test('xmlEscape escapes markup and whitespace that attributes would normalise', () => {
    assert.equal(xmlEscape(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    assert.equal(xmlEscape('a\tb\nc\rd'), 'a&#9;b&#10;c&#13;d');
    assert.equal(xmlEscape('ok \u{1F600} ҳҷқ'), 'ok \u{1F600} ҳҷқ');
    assert.equal(xmlEscape('\u0000\uFFFE\uDC00'), '\uFFFD\uFFFD\uFFFD');
  });
});
