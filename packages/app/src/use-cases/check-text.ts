/**
 * `ogoh check`: analyses a text without storing it. Returns the PRODUCT.md shape; narratives,
 * techniques and claims fill in as the detectors land (empty arrays until then, never invented).
 */
import { foldKey, identify, identifySentences } from '@ogoh/text';

export interface CheckResult {
  id?: string;
  lang: string;
  confidence: number;
  script: string;
  /** per-sentence languages when the text switches language */
  sentences?: { start: number; end: number; lang: string; confidence: number }[];
  /** the keyboard-folded match key used for search and matching */
  folded: string;
  narratives: { id: string; score: number; evidence: { start: number; end: number; text: string }[] }[];
  techniques: { id: string; score: number; spans: { start: number; end: number }[] }[];
  claims: { id: string; score: number }[];
}

export function checkText(text: string, id?: string): CheckResult {
  const lid = identify(text);
  const out: CheckResult = {
    lang: lid.lang,
    confidence: lid.confidence,
    script: lid.script,
    folded: foldKey(text),
    narratives: [],
    techniques: [],
    claims: [],
  };
  if (id !== undefined) out.id = id;
  const sents = identifySentences(text);
  if (new Set(sents.map((s) => s.lang)).size > 1) out.sentences = sents;
  return out;
}
