// Coordinated sharing (coord/): CooRTweet-style detection, its CSV reader and GEXF export.

export {
  type Cascade,
  type CascadeNode,
  type ChannelBridge,
  cascadeFlows,
  channelBridges,
  forwardCascades,
  type SourceFlow,
} from './cascades/cascades.ts';
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
export {
  buildProvenance,
  type Provenance,
  type ProvItem,
  type ProvLinkHint,
  type ProvNode,
  type ProvSource,
  STATE_AFFILIATIONS,
} from './provenance/provenance.ts';
// Stories across languages (stories/), provenance, Telegram cascades, trends and spikes.
export {
  type AnchorInput,
  type Anchors,
  anchorType,
  extractAnchors,
  monthOf,
  nameSkeleton,
  urlKey,
} from './stories/anchors.ts';
export {
  type EntityHit,
  entityById,
  findEntities,
  foldedWords,
  GAZETTEER,
  type GazetteerEntity,
} from './stories/gazetteer.ts';
export { AnchorIndex, DEFAULT_RETRIEVAL, type RetrievalOptions } from './stories/index-memory.ts';
export {
  anchorWeight,
  DEFAULT_LINK_THRESHOLDS,
  type DfTable,
  decideLink,
  EMBEDDING_MIN,
  explainShared,
  type LinkCandidate,
  type LinkDecision,
  type LinkItem,
  type LinkKind,
  type LinkThresholds,
  type PairScore,
  passes,
  reasonsText,
  scorePair,
} from './stories/link.ts';
export {
  type ConvergencePoint,
  convergenceIndex,
  type DayRow,
  DEFAULT_SPIKES,
  type DenseSeries,
  densify,
  findSpikes,
  narrativeFamily,
  robustZ,
  type Spike,
  type SpikeOptions,
} from './trends/trends.ts';
