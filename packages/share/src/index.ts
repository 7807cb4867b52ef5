/**
 * @ogoh/share: exports of a query or a case for partners — STIX 2.1 (with DISARM and OpenCTI's
 * disinformation objects), MISP event JSON with DISARM galaxy tags, schema.org ClaimReview, CSV and
 * JSON Lines. Pure builders over an in-memory `ExportInput`; the application gathers the records.
 */
export { buildClaimReviews, type JsonLd } from './claimreview.ts';
export {
  type DisarmTactic,
  type DisarmTechnique,
  disarmData,
  disarmGalaxyTag,
  disarmTechnique,
} from './disarm.ts';
export {
  type CaseMeta,
  type CaseNote,
  type ClaimAppearance,
  describeQuery,
  type ExportInput,
  type NarrativeInfo,
  type Producer,
  type TechniqueInfo,
  type Tlp,
  tlpAtLeast,
} from './input.ts';
export { buildMispEvent, type MispEvent } from './misp.ts';
export {
  buildStixBundle,
  OPENCTI_SCO_EXTENSION,
  OPENCTI_SDO_EXTENSION,
  type StixBundle,
  type StixObject,
  stixTime,
} from './stix.ts';
export { KNOWN_EXTENSIONS, type StixIssue, validateStixBundle } from './stix-validate.ts';
export { CSV_COLUMNS, csvField, toCsv, toJsonl } from './tabular.ts';
export { parseTlp, tlpLabel, tlpMarking, tlpMarkingId } from './tlp.ts';
export { isUuid, uuidv5 } from './uuid.ts';
