import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PACKS } from '../lang/index.ts';
import { OTHER_CUES } from './other.ts';
import { IDS, K, ruleScores, scan, scriptOf } from './rules.ts';

test('every declared letter weight reaches its language, and only its own row', () => {
  const cues = [...PACKS.map((p) => p.langid), OTHER_CUES];
  const letters = new Set(cues.flatMap((c) => Object.keys(c.letters)));
  for (const l of letters) {
    // one more copy of the letter in a nonsense word adds exactly the letter's weights
    const a = scan(l.repeat(8), 0, 8).total.scores;
    const b = scan(l.repeat(9), 0, 9).total.scores;
    for (let k = 0; k < K; k++) {
      const declared = cues[k]!.letters[l] ?? 0;
      assert.ok(
        Math.abs(b[k]! - a[k]! - declared) < 1e-5,
        `${l} → ${IDS[k]}: ${b[k]! - a[k]!} ≠ ${declared}`,
      );
    }
  }
});

test('folded cue words match keyboard-typed text; endings count once per word', () => {
  const proper = scan('ҳукуматҳои', 0, 10).total.scores;
  const folded = scan('хукуматхои', 0, 10).total.scores;
  const tg = IDS.indexOf('tg');
  // the proper form has the letter evidence of ҳ on top of the same ending evidence
  assert.ok(folded[tg]! > 0);
  assert.ok(proper[tg]! > folded[tg]!);
});

test('script counts and the missing-letter penalty', () => {
  const { total } = scan('Хукумати Точикистон барои рушди иктисодиёт тадбирхои нав андешид', 0, 64);
  const sc = scriptOf(total);
  assert.equal(sc.script, 'cyrl');
  const scores = ruleScores(total, 'cyrl');
  const ru = IDS.indexOf('ru');
  assert.ok(scores[ru]! < total.scores[ru]!, 'Russian pays for a text without ы ь щ ц');
  assert.equal(scores[IDS.indexOf('en')], Number.NEGATIVE_INFINITY);
});

test('segments follow sentence ends', () => {
  const text = 'Президент России заявил об этом. Ҳукумати Тоҷикистон эълон кард!';
  const { segments } = scan(text, 0, text.length);
  assert.equal(segments.length, 2);
  assert.equal(text.slice(segments[1]!.start, segments[1]!.end).trim(), 'Ҳукумати Тоҷикистон эълон кард!');
});
