/**
 * Reader of the project's cross-language claim-matching set (fixtures/xlang/set.txt): one record a
 * line, `C id lang text` (a claim), `Q id lang text` (a post repeating claim id), `N id lang text`
 * (a hard negative near claim id, meaning no claim). Odd claim numbers are the tune half, even the
 * test half, fixed before any result was run.
 */
import { OgohError } from '@ogoh/core';

export interface XlangClaim {
  id: string;
  lang: string;
  text: string;
}

export interface XlangQuery {
  /** the claim repeated (a positive) or imitated (a hard negative) */
  claim: string;
  /** ru, en, tg, uzc, uzl, fa */
  lang: string;
  text: string;
  negative: boolean;
  split: 'tune' | 'test';
}

const LANGS = new Set(['ru', 'en', 'tg', 'uzc', 'uzl', 'fa']);

/** Claim langs as BCP 47 tags the index reads. */
export function xlangTag(lang: string): string {
  return lang === 'uzc' ? 'uz-Cyrl' : lang === 'uzl' ? 'uz-Latn' : lang;
}

export function parseXlangSet(text: string, file: string): { claims: XlangClaim[]; queries: XlangQuery[] } {
  const claims: XlangClaim[] = [];
  const queries: XlangQuery[] = [];
  const ids = new Set<string>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^([CQN]) (c\d+) (\S+) (.+)$/.exec(line);
    const where = { file, line: i + 1 };
    if (!m) throw new OgohError('INPUT_PARSE', 'expected "C|Q|N cNN lang text"', where);
    const [, kind, id, lang, body] = m as unknown as [string, string, string, string, string];
    if (!LANGS.has(lang))
      throw new OgohError('INPUT_PARSE', `unknown language "${lang}"`, {
        ...where,
        field: 'lang',
        hint: [...LANGS].join(', '),
      });
    if (kind === 'C') {
      if (ids.has(id)) throw new OgohError('INPUT_PARSE', `claim ${id} defined twice`, where);
      ids.add(id);
      claims.push({ id, lang: xlangTag(lang), text: body });
      return;
    }
    if (!ids.has(id))
      throw new OgohError('INPUT_PARSE', `query names claim ${id} before it is defined`, where);
    const split = Number(id.slice(1)) % 2 === 1 ? 'tune' : 'test';
    queries.push({ claim: id, lang, text: body, negative: kind === 'N', split });
  });
  return { claims, queries };
}
