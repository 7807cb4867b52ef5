/**
 * Scoring the counter-message review on a labelled set (packages/detect/eval/review-*.jsonl): one
 * draft per line, `flag` says whether a reviewer should be warned. Precision, recall and the
 * false-positive rate per kind of ordinary speech (religious, Pamiri, news, counter-messages) are
 * what an editor cares about: a review that flags a Ramadan greeting will be switched off.
 */
import { readFileSync } from 'node:fs';
import { OgohError } from '@ogoh/core';
import { z } from 'zod';
import { reviewMessage } from './review.ts';

const ExampleSchema = z.strictObject({
  id: z.string().min(1),
  lang: z.enum(['en', 'ru', 'tg', 'uz']),
  /** stigma (should be flagged) or the kind of ordinary speech: religious, pamiri, news, counter */
  set: z.string().min(1),
  flag: z.boolean(),
  text: z.string().min(1),
});
export type ReviewExample = z.infer<typeof ExampleSchema>;

/** Reads a labelled JSONL set; a bad line is an OgohError naming file, line and field. */
export function readReviewSet(file: string): ReviewExample[] {
  const out: ReviewExample[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((l, i) => {
      if (!l.trim()) return;
      let raw: unknown;
      try {
        raw = JSON.parse(l);
      } catch {
        throw new OgohError('INPUT_PARSE', 'not valid JSON', {
          file,
          line: i + 1,
          hint: 'one JSON object per line',
        });
      }
      const p = ExampleSchema.safeParse(raw);
      if (!p.success) {
        const issue = p.error.issues[0]!;
        throw new OgohError('INPUT_FIELD', issue.message, {
          file,
          line: i + 1,
          field: issue.path.join('.') || '(root)',
          hint: 'fields: id, lang (en|ru|tg|uz), set, flag (boolean), text',
        });
      }
      out.push(p.data);
    });
  return out;
}

export interface ReviewScore {
  n: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  /** per `set`: how many drafts, how many flagged */
  bySet: Record<string, { n: number; flagged: number }>;
  /** per language of the draft: recall on stigmatising drafts, false positives on the others */
  byLang: Record<string, { tp: number; fn: number; fp: number; tn: number }>;
  errors: { id: string; expected: boolean; text: string; found: string[] }[];
}

export function scoreReview(examples: readonly ReviewExample[]): ReviewScore {
  const s: ReviewScore = {
    n: 0,
    tp: 0,
    fp: 0,
    fn: 0,
    tn: 0,
    precision: 0,
    recall: 0,
    bySet: {},
    byLang: {},
    errors: [],
  };
  for (const e of examples) {
    const r = reviewMessage(e.text);
    const got = r.findings.length > 0;
    s.n++;
    const set = s.bySet[e.set] ?? { n: 0, flagged: 0 };
    s.bySet[e.set] = set;
    set.n++;
    if (got) set.flagged++;
    const lang = s.byLang[e.lang] ?? { tp: 0, fn: 0, fp: 0, tn: 0 };
    s.byLang[e.lang] = lang;
    const cell = got ? (e.flag ? 'tp' : 'fp') : e.flag ? 'fn' : 'tn';
    s[cell]++;
    lang[cell]++;
    if (got !== e.flag)
      s.errors.push({ id: e.id, expected: e.flag, text: e.text, found: r.findings.map((f) => f.text) });
  }
  s.precision = s.tp + s.fp ? s.tp / (s.tp + s.fp) : 1;
  s.recall = s.tp + s.fn ? s.tp / (s.tp + s.fn) : 1;
  return s;
}
