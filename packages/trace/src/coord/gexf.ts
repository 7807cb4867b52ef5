/**
 * GEXF 1.3 export of a coordination network, for Gephi and other graph tools: nodes are accounts
 * (with their group, community and fast flag), edges carry the co-share weight. A pure string builder;
 * the caller writes the file.
 */
import type { CoordResult } from './types.ts';

export interface GexfOptions {
  /** `<meta lastmodifieddate>` (YYYY-MM-DD); omitted when not given, so the output is reproducible */
  date?: string;
  /** `<meta><description>` */
  description?: string;
}

/** Characters XML 1.0 forbids (controls other than tab, LF and CR; lone surrogates; U+FFFE/U+FFFF). */
const INVALID_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for an XML attribute or element; characters XML cannot carry become U+FFFD. */
export function xmlEscape(s: string): string {
  return s
    .replace(INVALID_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/**
 * The network of `result` as a GEXF 1.3 document. Node ids are the account ids; every account of a
 * group is a node, every kept edge an edge.
 *
 * @example
 *   writeFileSync('coord.gexf', toGexf(detectCoordination(events, { timeWindow: 10 })));
 */
export function toGexf(result: CoordResult, options: GexfOptions = {}): string {
  const hasFast = result.params.fastWindow !== undefined;
  const hasCommunities = result.communities !== undefined;
  const communityOf = new Map<string, string>();
  for (const c of result.communities ?? []) for (const a of c.accounts) communityOf.set(a, c.id);
  const fastAccounts = new Set<string>();
  if (hasFast) {
    for (const e of result.edges) {
      if (e.fast) {
        fastAccounts.add(e.a);
        fastAccounts.add(e.b);
      }
    }
  }
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
  );
  const p = result.params;
  const description =
    options.description ??
    `Coordinated sharing: time window ${p.timeWindow} s, min participation ${p.minParticipation}, edge quantile ${p.edgeQuantile} (weight > ${p.weightThreshold})${p.minWeight > 1 ? `, min weight ${p.minWeight}` : ''}${hasFast ? `, fast window ${p.fastWindow} s` : ''}`;
  out.push(`  <meta${options.date ? ` lastmodifieddate="${xmlEscape(options.date)}"` : ''}>`);
  out.push('    <creator>Ogoh</creator>');
  out.push(`    <description>${xmlEscape(description)}</description>`);
  out.push('  </meta>');
  out.push('  <graph mode="static" defaultedgetype="undirected">');
  out.push('    <attributes class="node">');
  out.push('      <attribute id="group" title="group" type="string"/>');
  out.push('      <attribute id="groupSize" title="group size" type="integer"/>');
  if (hasCommunities) out.push('      <attribute id="community" title="community" type="string"/>');
  if (hasFast) out.push('      <attribute id="fast" title="fast" type="boolean"/>');
  out.push('    </attributes>');
  if (hasFast) {
    out.push('    <attributes class="edge">');
    out.push('      <attribute id="fast" title="fast" type="boolean"/>');
    out.push('      <attribute id="fastWeight" title="fast weight" type="integer"/>');
    out.push('    </attributes>');
  }
  out.push('    <nodes>');
  for (const g of result.groups) {
    const gid = xmlEscape(g.id);
    for (const a of g.accounts) {
      const id = xmlEscape(a);
      let attrs = `<attvalue for="group" value="${gid}"/><attvalue for="groupSize" value="${g.accounts.length}"/>`;
      const c = communityOf.get(a);
      if (hasCommunities && c !== undefined) attrs += `<attvalue for="community" value="${xmlEscape(c)}"/>`;
      if (hasFast) attrs += `<attvalue for="fast" value="${fastAccounts.has(a)}"/>`;
      out.push(`      <node id="${id}" label="${id}"><attvalues>${attrs}</attvalues></node>`);
    }
  }
  out.push('    </nodes>');
  out.push('    <edges>');
  result.edges.forEach((e, i) => {
    const head = `      <edge id="${i}" source="${xmlEscape(e.a)}" target="${xmlEscape(e.b)}" weight="${e.weight}"`;
    if (hasFast)
      out.push(
        `${head}><attvalues><attvalue for="fast" value="${e.fast === true}"/><attvalue for="fastWeight" value="${e.fastWeight ?? 0}"/></attvalues></edge>`,
      );
    else out.push(`${head}/>`);
  });
  out.push('    </edges>');
  out.push('  </graph>');
  out.push('</gexf>');
  return `${out.join('\n')}\n`;
}
