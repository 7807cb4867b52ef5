// Coordinated sharing (coord/): CooRTweet-style detection, its CSV reader and GEXF export.
export {
  type LoadedShareCsv,
  loadShareCsv,
  parseShareTimestamp,
  readShareCsv,
  SHARE_CSV_COLUMNS,
  type ShareCsvOptions,
  type ShareCsvReject,
} from './coord/csv.ts';
export { DEFAULT_COORD, detectCoordination, quantile7 } from './coord/detect.ts';
export { type GexfOptions, toGexf } from './coord/gexf.ts';
export {
  type EdgeListGraph,
  type LouvainOptions,
  type LouvainResult,
  louvain,
  modularity,
} from './coord/louvain.ts';
export { ShareTableBuilder, shareTableFrom } from './coord/table.ts';
export type {
  CoordCommunity,
  CoordCounts,
  CoordEdge,
  CoordGroup,
  CoordParams,
  CoordPhase,
  CoordResult,
  ShareTable,
} from './coord/types.ts';
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
