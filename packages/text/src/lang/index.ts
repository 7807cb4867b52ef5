/**
 * The language registry. Adding a language: create `lang/<code>/index.ts` exporting a LangPack and
 * list it here (and add its code to core's LANGS).
 */
import type { Lang } from '@ogoh/core';
import { en } from './en/index.ts';
import { fa } from './fa/index.ts';
import { ru } from './ru/index.ts';
import { tg } from './tg/index.ts';
import type { LangPack } from './types.ts';
import { uk } from './uk/index.ts';
import { uz } from './uz/index.ts';

export const PACKS: readonly LangPack[] = [tg, ru, uk, uz, en, fa];

const byCode = new Map<Lang, LangPack>(PACKS.map((p) => [p.code, p]));

export function pack(lang: Lang): LangPack | undefined {
  return byCode.get(lang);
}

export type { LangIdCues, LangPack } from './types.ts';
