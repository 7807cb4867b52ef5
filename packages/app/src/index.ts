/** Loads the bundled language-id models; call once before `checkText` when no store is opened. */

/** Per-label precision/recall/F1 as a Markdown table. */
/** A hand-built ONNX embedding table (tests; checking that onnxruntime-node loads). */
export { CLAIM_SCORE, lookupEmbeddingModel, reportTable } from '@ogoh/detect';
export { initLanguageId as prepareText } from '@ogoh/text';
/** GEXF 1.3 of a coordination network, for Gephi. */
export { toGexf } from '@ogoh/trace';
export {
  type BriefCard,
  type BriefChain,
  type BriefData,
  type BriefLabel,
  isRtl,
  renderBriefHtml,
  renderBriefMarkdown,
} from './briefs/render.ts';
export { BRIEF_LANGS, BRIEF_STRINGS, type BriefLang, type BriefStrings } from './briefs/strings.ts';
export { type Clock, type Ogoh, type OpenOptions, openOgoh, resolveDbLocation } from './context.ts';
export {
  addAlertRule,
  alertBody,
  alertsAfterAnalyse,
  DEFAULT_MAX_ATTEMPTS,
  type DeliverOptions,
  type DeliverReport,
  deliverDueAlerts,
  type EvaluateReport,
  evaluateAlerts,
  listAlertDeliveries,
  listAlertEvents,
  listAlertRules,
  type NewAlertRule,
  type PublicAlertRule,
  publicRule,
  type RunAlertsReport,
  removeAlertRule,
  retryDelayMs,
  runAlerts,
  sendTestAlert,
  setAlertRuleEnabled,
  signAlertBody,
  verifyAlertSignature,
} from './use-cases/alerts.ts';
export { type AnalyseOptions, type AnalyseReport, analyse } from './use-cases/analyse.ts';
export {
  type Brief,
  type BriefFormat,
  type BriefOptions,
  briefData,
  buildBrief,
  exportBrief,
} from './use-cases/briefs.ts';
export {
  addCaseNote,
  addEvidence,
  type CaseView,
  type CreateCaseInput,
  caseLog,
  casesForItem,
  createCase,
  type DetectionView,
  type EvidenceRefs,
  type ItemSummary,
  listCases,
  openCases,
  type ResolvedEvidence,
  removeEvidence,
  type StorySummary,
  showCase,
  updateCase,
} from './use-cases/cases.ts';
export {
  CARD_LANGS,
  type Card,
  type CardFormat,
  type CardLang,
  type CardRef,
  type Catalogue,
  type CatalogueNarrative,
  type CatalogueTechnique,
  cardRef,
  catalogue,
  detectionCounts,
  getCard,
  isCardLang,
  MAX_REVIEW_CHARS,
  type ReviewResult,
  renderCards,
  reviewCounterMessage,
} from './use-cases/catalogue.ts';
export { type CheckOptions, type CheckResult, checkText, embedForCheck } from './use-cases/check-text.ts';
export {
  type ClaimImportFile,
  type ClaimImportReport,
  claimIndex,
  claimMatcher,
  getClaims,
  importClaims,
  listClaims,
  type MatchClaimsOptions,
  matchClaims,
  openClaims,
} from './use-cases/claims.ts';
export {
  type ClaimTrainReport,
  type JudgedQuery,
  readJudgedQueries,
  trainClaimRanker,
} from './use-cases/claims-train.ts';
export {
  type CoordOptions,
  type CoordReport,
  coordination,
  shareEventsFromStore,
} from './use-cases/coordination.ts';
export {
  cachedDetector,
  type Detector,
  detectStage,
  loadDetector,
  runDetector,
  toDetections,
} from './use-cases/detect-items.ts';
export {
  denseClaimMatcher,
  denseHeadFile,
  denseNarratives,
  embedModelFromEnv,
  installDenseHead,
  operatorEmbedder,
} from './use-cases/embedding.ts';
export {
  EXPORT_FILE_PREFIX,
  EXPORT_FORMATS,
  EXPORT_LIMIT,
  EXPORT_MAX,
  type ExportBy,
  type ExportFormat,
  type ExportJobArgs,
  type ExportJobResult,
  type ExportOptions,
  type ExportQuery,
  type ExportResult,
  exportData,
  exportGexf,
  exportJobFile,
  exportJobRequest,
  gatherExport,
  parseExportFormat,
  parseExportTlp,
  renderExport,
  runExportJob,
  type StixIssue,
  validateStixBundle,
} from './use-cases/export.ts';
export { holdStores } from './use-cases/held-stores.ts';
export {
  type FileReport,
  type IngestError,
  type IngestOptions,
  type IngestProgress,
  type IngestReport,
  ingestPaths,
} from './use-cases/ingest-files.ts';
export { type DemoOptions, type DemoReport, loadDemo } from './use-cases/load-demo.ts';
export {
  type MigrateStoreOptions,
  type MigrateStoreReport,
  type ModelsCopy,
  migrateStore,
} from './use-cases/migrate-store.ts';
export { currentModel, installModel, modelsDir } from './use-cases/models.ts';
export {
  type CollectConfig,
  DEFAULT_COLLECT_CONFIG,
  enrichImages,
  FAILING_AFTER,
  type FailingSource,
  fetcherFor,
  itemsFromPayload,
  loadCollectConfig,
  type PollOptions,
  type PollReport,
  pollSources,
  type SourcePollReport,
} from './use-cases/poll-sources.ts';
export {
  type ItemSearch,
  listStories,
  queryTerms,
  searchItemSummaries,
  searchItems,
  stats,
} from './use-cases/query.ts';
export { type ReparseOptions, type ReparseReport, reparse } from './use-cases/reparse.ts';
export {
  checkTextWithSecondOpinion,
  type LlmConfig,
  llmConfigFromEnv,
  type OpinionItem,
  type SecondOpinion,
  secondOpinion,
} from './use-cases/second-opinion.ts';
export {
  MAX_SERIES_DAYS,
  openVolume,
  type Series,
  type SeriesQuery,
  volumeSeries,
} from './use-cases/serve-series.ts';
export {
  type ItemView,
  itemView,
  STORY_ITEMS_SHOWN,
  type StoryView,
  storyView,
} from './use-cases/serve-views.ts';
export {
  editSource,
  exportSources,
  formatInterval,
  guessPlatform,
  type ImportReport,
  importSources,
  importSourcesText,
  PAUSED_TAG,
  parseInterval,
  type RegisterInput,
  registerSource,
  removeSource,
  type SourceDetails,
  type SourcePatch,
  STARTER_CATALOGUE,
  showSource,
  telegramChannel,
} from './use-cases/source-registry.ts';
export { type AddSourceInput, addSource, listSources } from './use-cases/sources.ts';
export { operatorTaxonomy } from './use-cases/taxonomy-file.ts';
export {
  changedNarratives,
  recordTaxonomy,
  redetectForTaxonomy,
  type TaxonomyFingerprint,
  type TaxonomyRefresh,
  taxonomyFingerprint,
  taxonomyStatus,
} from './use-cases/taxonomy-refresh.ts';
export {
  type CascadeReport,
  type Embedder,
  type LinkStageReport,
  linkLang,
  linkStories,
  MAX_PROVENANCE_STORY,
  openTrace,
  refreshProvenance,
  storyProvenance,
  type TraceView,
  telegramCascades,
  traceStory,
} from './use-cases/trace-story.ts';
export {
  type EvalReport,
  evalModel,
  parseTask,
  readExamples,
  type TrainReport,
  trainModel,
} from './use-cases/train-eval.ts';
export {
  listAlerts,
  MECHANISM_LANGS,
  type MechanismLang,
  parseSeriesBy,
  type TrendSeries,
  type TrendsOptions,
  type TrendsReport,
  trends,
  withMechanismIn,
} from './use-cases/trends.ts';
export {
  type FeedbackInput,
  listFeedback,
  openFeedback,
  recordFeedback,
  TRIAGE_WEIGHTS,
  type TriageDetection,
  type TriageEntry,
  type TriageFilters,
  type TriageOptions,
  type TriagePage,
  triageQueue,
  uncertainty,
} from './use-cases/triage.ts';
export {
  type AddUserInput,
  type Auth,
  addUser,
  apiKeyFor,
  audit,
  createApiKey,
  ensureUser,
  hashPassword,
  type LoginResult,
  listApiKeys,
  listUsers,
  login,
  logout,
  openAuth,
  PASSWORD_MIN,
  type PublicApiKey,
  type PublicUser,
  revokeApiKey,
  SESSION_HOURS,
  sessionFor,
  setUserDisabled,
  verifyPassword,
} from './use-cases/users.ts';
export {
  type BackgroundViewOptions,
  type CachedView,
  cachedView,
  cacheHeader,
  useViewComputer,
  VIEW_CACHE_ENTRIES,
  type ViewComputer,
} from './use-cases/view-cache.ts';
export {
  ANALYZE_LANE,
  jobRequest,
  openQueue,
  runWorker,
  UPLOAD_SPOOL_PREFIX,
  uploadJobRequest,
  WORKER_KINDS,
  type WorkerEvent,
  type WorkerKind,
  type WorkerOptions,
  type WorkerReport,
} from './use-cases/worker.ts';
