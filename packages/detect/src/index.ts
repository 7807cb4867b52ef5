/**
 * @ogoh/detect: narratives (taxonomy cues + trainable classifiers), the 23 SemEval-2023 persuasion
 * techniques, convergence inside an item and check-worthiness, each flag with evidence spans
 * (UTF-16 offsets into the original text), a score and an explanation.
 */

export {
  allCards,
  CARD_LANGS,
  type Card,
  type CardDeck,
  type CardKind,
  type CardLang,
  type CardText,
  cardCoverage,
  cardDeck,
  cardFor,
  isCardLang,
  parseCardDeck,
} from './cards.ts';
export { cardHtml, cardMarkdown, deckHtml } from './cards-render.ts';
export {
  CLAIM_SCORE,
  type ClaimDoc,
  ClaimIndex,
  type ClaimMatch,
  type ClaimParams,
  type MatchOptions,
  PARAMS as DEFAULT_CLAIM_PARAMS,
} from './claims/claim-index.ts';
export { type ClaimFileResult, type ClaimFormat, type ClaimIssue, readClaimFile } from './claims/read.ts';
export {
  fitRanker,
  type JudgedCandidates,
  meanAveragePrecision,
  rankerFromJson,
  rankerToJson,
} from './claims/train.ts';
export { type ConvergenceSignal, convergenceInItem } from './convergence.ts';
export {
  type ConvergenceScope,
  convergenceInGroups,
  type GroupConvergence,
  type GroupConvergenceOptions,
  type NarrativeHit,
} from './convergence-groups.ts';
export {
  type CueEntry,
  type CueHit,
  type CueMatcher,
  compileCues,
  type MatchType,
  matchCues,
} from './cues.ts';
export {
  type DetectOptions,
  type DetectResult,
  detect,
  detectView,
  type EvidenceSpan,
  evaluateDetection,
  modelCoversLang,
  type NarrativeResult,
  type ParagraphResult,
  paragraphTexts,
  type TechniqueResult,
  taxonomyMatcher,
} from './detect.ts';
export {
  DENSE_WEIGHT,
  type DenseClaims,
  embedClaims,
  matchWithDense,
  withDenseWeight,
} from './embed/dense-claims.ts';
export {
  type DenseHead,
  type DenseTrainOptions,
  denseProbabilities,
  loadDenseHead,
  saveDenseHead,
  trainDenseHead,
} from './embed/dense-head.ts';
export { type Embedder, normalise, similarity } from './embed/embedder.ts';
export { lookupEmbeddingModel } from './embed/lookup-model.ts';
export { loadOnnxEmbedder, type OnnxEmbedderOptions } from './embed/onnx.ts';
export { type Encoding, loadTokenizer, type Tokenizer } from './embed/tokenizer.ts';
export { type ExplainLang, explainInWords } from './explain.ts';
export { parseExamples } from './model/examples.ts';
export { type LabelStats, multiLabelReport, type Report, reportTable } from './model/metrics.ts';
export {
  type Example,
  evaluate,
  explainPrediction,
  type FeatureContribution,
  loadModel,
  type Model,
  type ModelMeta,
  predict,
  recordEvaluation,
  saveModel,
  TASKS,
  type Task,
  type TrainOptions,
  train,
} from './model/model.ts';
export { type ReviewExample, type ReviewScore, readReviewSet, scoreReview } from './review/evaluate.ts';
export {
  type FindingKind,
  type FindingRule,
  REVIEW_VERSION,
  type ReviewFinding,
  type ReviewLang,
  type ReviewResult,
  reviewMessage,
} from './review/review.ts';
export { cueProbability, narrativeSignals, signalFeatures } from './scoring.ts';
export {
  type ConvergencePair,
  CUE_LANGS,
  type CueLang,
  convergenceMechanism,
  defaultTaxonomy,
  loadTaxonomy,
  MECHANISM_LANGS,
  type MechanismLang,
  type Narrative,
  pairMechanism,
  type Taxonomy,
  taxonomyVersion,
} from './taxonomy.ts';
export { TECHNIQUE_IDS, TECHNIQUES, type TechniqueInfo, techniqueInfo } from './techniques.ts';
export { analyzeText, type TextView } from './view.ts';
export { checkWorthiness, type Worthiness, type WorthinessInput } from './worthiness.ts';
