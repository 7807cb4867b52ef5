export {
  bandKeys,
  DEFAULT_MINHASH,
  estimateJaccard,
  type MinHashOptions,
  shingleHashes,
  signature,
  words,
} from './dedup/minhash.ts';
export {
  DEFAULT_STORY_THRESHOLDS,
  decideStory,
  type StoryCandidate,
  type StoryDecision,
  type StoryProbe,
  type StoryThresholds,
} from './dedup/stories.ts';
