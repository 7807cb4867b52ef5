/** Every topic the demo can render, by kind. */
import { CONTROL_TOPICS } from './controls.ts';
import { ISK_NARRATIVES } from './narratives-isk.ts';
import { RUSSIA_NARRATIVES } from './narratives-russia.ts';
import { TAJIK_NARRATIVES } from './narratives-tajik.ts';
import { NEWS_TOPICS } from './news.ts';
import type { Topic } from './types.ts';

export const NARRATIVE_TOPICS: readonly Topic[] = [
  ...RUSSIA_NARRATIVES,
  ...ISK_NARRATIVES,
  ...TAJIK_NARRATIVES,
];
export const ALL_TOPICS: readonly Topic[] = [...NEWS_TOPICS, ...CONTROL_TOPICS, ...NARRATIVE_TOPICS];
export type { DemoLang, Facts, LangText, Topic, Variant } from './types.ts';
export { CONTROL_TOPICS, NEWS_TOPICS };
