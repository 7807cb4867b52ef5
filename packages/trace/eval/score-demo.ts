/**
 * Scores story linking and provenance on an analysed demo store against the demo manifest (the
 * corpus the thresholds were tuned on; the held-out figures come from eval-links.ts).
 *
 *   node --import tsx packages/trace/eval/score-demo.ts --db ogoh-demo.db --manifest .ogoh/demo-corpus/manifest.json [--json]
 *
 * Reports, per planted phenomenon, how many pairs ended in one story (recall), the purity of the
 * stories holding planted chains (precision proxy), first-seen and laundering agreement.
 */
import { readFileSync } from 'node:fs';
import { openOgoh, traceStory } from '@ogoh/app';
import type { Item } from '@ogoh/core';

interface Key {
  source: string;
  id: string;
}

interface Manifest {
  items: (Key & { topic: string })[];
  reprintChains: {
    id: string;
    laundering: boolean;
    steps: (Key & { relation: string; attributed: boolean; lang: string })[];
  }[];
  translations: { from: Key; to: Key; pair: string }[];
  transliterations: { from: Key; to: Key }[];
  crossPosts: { items: Key[] }[];
  nearDuplicates: { original: Key; copies: (Key & { kind: string })[] }[];
}

export interface DemoScore {
  pairs: Record<string, { found: number; total: number; recall: number }>;
  chains: { total: number; complete: number; stepsInOriginStory: number; steps: number };
  /** first item of the story is the chain's origin; or else an earlier copy of the same template (`twin`) */
  firstSeen: { correct: number; twin: number; total: number };
  laundering: { tp: number; fp: number; fn: number; tn: number; accuracy: number };
  attribution: { correct: number; total: number };
  /** members of stories holding a chain origin that belong to that chain or share its topic */
  purity: { chainMembers: number; sameTopic: number; members: number };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export async function scoreDemo(db: string, manifestPath: string): Promise<DemoScore> {
  const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const app = await openOgoh({ db });
  try {
    // items by manifest key
    const all: Item[] = [];
    let cursor: string | undefined;
    do {
      const page = await app.store.queryItems({ limit: 1000, ...(cursor ? { cursor } : {}) });
      all.push(...page.items);
      cursor = page.next;
    } while (cursor);
    const byKey = new Map(all.map((i) => [`${i.sourceId}|${i.externalId}`, i]));
    const get = (k: Key) => byKey.get(`${k.source}|${k.id}`);
    const topicOf = new Map(m.items.map((i) => [`${i.source}|${i.id}`, i.topic]));
    const together = (a: Key, b: Key) => {
      const x = get(a);
      const y = get(b);
      return Boolean(x?.storyId && x.storyId === y?.storyId);
    };
    const pairs: DemoScore['pairs'] = {};
    const count = (kind: string, ok: boolean) => {
      const p = pairs[kind] ?? { found: 0, total: 0, recall: 0 };
      p.total++;
      if (ok) p.found++;
      pairs[kind] = p;
    };
    for (const t of m.translations) count(`translation ${t.pair}`, together(t.from, t.to));
    for (const t of m.transliterations) count('transliteration uz-Latn>uz-Cyrl', together(t.from, t.to));
    for (const c of m.crossPosts)
      for (const k of c.items.slice(1)) count('cross-post', together(c.items[0]!, k));
    for (const n of m.nearDuplicates)
      for (const c of n.copies) count(`near-duplicate ${c.kind}`, together(n.original, c));
    for (const c of m.reprintChains)
      for (const s of c.steps.slice(1)) count(`chain ${s.relation}`, together(c.steps[0]!, s));
    for (const p of Object.values(pairs)) p.recall = Math.round((p.found / p.total) * 1000) / 1000;

    const score: DemoScore = {
      pairs,
      chains: { total: 0, complete: 0, stepsInOriginStory: 0, steps: 0 },
      firstSeen: { correct: 0, twin: 0, total: 0 },
      laundering: { tp: 0, fp: 0, fn: 0, tn: 0, accuracy: 0 },
      attribution: { correct: 0, total: 0 },
      purity: { chainMembers: 0, sameTopic: 0, members: 0 },
    };
    const seenStories = new Set<string>();
    for (const c of m.reprintChains) {
      score.chains.total++;
      const origin = get(c.steps[0]!);
      const ids = new Set(c.steps.map((s) => get(s)?.id).filter((x): x is string => x !== undefined));
      const inStory = c.steps.filter((s) => origin?.storyId && get(s)?.storyId === origin.storyId).length;
      score.chains.steps += c.steps.length;
      score.chains.stepsInOriginStory += inStory;
      if (inStory === c.steps.length) score.chains.complete++;
      if (!origin?.storyId) continue;
      const view = await traceStory(app, origin.storyId);
      const p = view.provenance;
      score.firstSeen.total++;
      if (p.firstItemId === origin.id) score.firstSeen.correct++;
      else {
        const f = all.find((x) => x.id === p.firstItemId);
        const originTopic = topicOf.get(`${c.steps[0]!.source}|${c.steps[0]!.id}`);
        if (
          f &&
          topicOf.get(`${f.sourceId}|${f.externalId}`) === originTopic &&
          (f.published ?? '') <= (origin.published ?? '')
        )
          score.firstSeen.twin++;
      }
      // laundering: the chain's planted flag against what provenance flags among the chain's items
      const flagged = p.nodes.some((n) => n.laundering && ids.has(n.itemId));
      if (c.laundering && flagged) score.laundering.tp++;
      else if (c.laundering) score.laundering.fn++;
      else if (flagged) score.laundering.fp++;
      else score.laundering.tn++;
      for (const s of c.steps.slice(1)) {
        const it = get(s);
        const node = p.nodes.find((n) => n.itemId === it?.id);
        if (!node) continue;
        score.attribution.total++;
        if ((node.attribution !== undefined) === s.attributed) score.attribution.correct++;
      }
      if (!seenStories.has(origin.storyId)) {
        seenStories.add(origin.storyId);
        const topic = topicOf.get(`${c.steps[0]!.source}|${c.steps[0]!.id}`);
        for (const n of p.nodes) {
          score.purity.members++;
          if (ids.has(n.itemId)) score.purity.chainMembers++;
          const it = all.find((x) => x.id === n.itemId);
          if (ids.has(n.itemId) || (it && topicOf.get(`${it.sourceId}|${it.externalId}`) === topic))
            score.purity.sameTopic++;
        }
      }
    }
    const l = score.laundering;
    l.accuracy = Math.round(((l.tp + l.tn) / Math.max(1, l.tp + l.tn + l.fp + l.fn)) * 1000) / 1000;
    return score;
  } finally {
    await app.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const db = arg('--db') ?? 'ogoh-demo.db';
  const manifest = arg('--manifest') ?? '.ogoh/demo-corpus/manifest.json';
  const s = await scoreDemo(db, manifest);
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
  else {
    const lines = Object.entries(s.pairs)
      .sort()
      .map(([k, p]) => `  ${k.padEnd(34)} ${p.found}/${p.total}  recall ${p.recall.toFixed(3)}`);
    process.stdout.write(
      [
        'pairs in one story:',
        ...lines,
        `chains complete ${s.chains.complete}/${s.chains.total}; steps in the origin's story ${s.chains.stepsInOriginStory}/${s.chains.steps}`,
        `first-seen = chain origin ${s.firstSeen.correct}/${s.firstSeen.total}; an earlier item of the same template ${s.firstSeen.twin}/${s.firstSeen.total}`,
        `laundering: tp ${s.laundering.tp} fp ${s.laundering.fp} fn ${s.laundering.fn} tn ${s.laundering.tn} (accuracy ${s.laundering.accuracy})`,
        `attribution per step ${s.attribution.correct}/${s.attribution.total}`,
        `purity of chain stories: chain members ${s.purity.chainMembers}/${s.purity.members}, same topic ${s.purity.sameTopic}/${s.purity.members}`,
        '',
      ].join('\n'),
    );
  }
}
