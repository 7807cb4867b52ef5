/**
 * The narrative taxonomy: loaded from YAML, validated with zod at the door, and cross-checked
 * (symmetric convergence links, known ids, exact technique labels) so that a typo in a reviewer's
 * edit fails loudly with the file, line and field instead of silently dropping a narrative.
 */
import { readFileSync } from 'node:fs';
import { digest, OgohError } from '@ogoh/core';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { techniqueInfo } from './techniques.ts';

/** Languages a cue can be written in. Uzbek cues are Latin script. */
export const CUE_LANGS = ['en', 'ru', 'tg', 'uz'] as const;
export type CueLang = (typeof CUE_LANGS)[number];

export const CUE_KINDS = ['specific', 'default', 'generic', 'anchor'] as const;
export type CueKind = (typeof CUE_KINDS)[number];

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and "-"');
const text = z.string().trim().min(1);
const cueText = z.union([text, z.array(text).min(1)]);
const unit = z.number().min(0).max(1);

const IndicatorSchema = z
  .object({
    en: cueText.optional(),
    ru: cueText.optional(),
    tg: cueText.optional(),
    uz: cueText.optional(),
    kind: z.enum(CUE_KINDS).optional(),
    weight: unit.optional(),
    note: z.string().optional(),
  })
  .strict()
  .refine(
    (o) => CUE_LANGS.some((l) => o[l] !== undefined),
    'an indicator needs at least one cue (en, ru, tg or uz)',
  );

const NarrativeSchema = z
  .object({
    id,
    actor_family: id,
    label: text,
    labels: z.object({ ru: text.optional(), tg: text.optional(), uz: text.optional() }).strict().optional(),
    description: text,
    manipulative_because: text,
    exploits: text,
    converges_with: z.array(id).default([]),
    disarm: z
      .array(z.string().regex(/^T\d{4}(\.\d{3})?$/, 'a DISARM technique id like T0022.001'))
      .default([]),
    typical_techniques: z.array(z.string()).default([]),
    grounding: z.string().regex(/^(report|external|hypothesis)(\+(report|external|hypothesis))*$/),
    evidence: z.array(z.string()).default([]),
    confidence: z.enum(['high', 'medium', 'low']),
    indicators: z.array(IndicatorSchema).min(1),
    notes: z.string().optional(),
    threshold: unit.optional(),
  })
  .strict();

const ScoringSchema = z
  .object({
    kinds: z.object({ specific: unit, default: unit, generic: unit, anchor: unit }).strict(),
    match: z.object({ exact: unit, stemmed: unit, folded: unit }).strict(),
    calibration: z
      .object({
        bias: z.number(),
        cues: z.number(),
        distinct: z.number(),
        family: z.number(),
        source: z.number(),
      })
      .strict(),
    threshold: unit,
    cue_only_cap: unit,
  })
  .strict();

const TaxonomySchema = z
  .object({
    schema_version: z.literal(2),
    version: z.string().regex(/^\d{4}\.\d{1,2}\.\d+$/, 'a calendar version like "2026.11.1"'),
    status: z.enum(['draft', 'reviewed']),
    languages: z.array(z.enum(CUE_LANGS)).min(1),
    actor_families: z.record(id, text),
    scoring: ScoringSchema,
    tajik_folding: z.record(z.string(), z.string()).optional(),
    tajik_lookalikes: z.record(z.string(), z.object({ to: z.string(), evidence: z.string() })).optional(),
    convergence_pairs: z
      .array(
        z
          .object({
            id,
            narratives: z.array(id).min(2),
            mechanism: text,
            mechanism_ru: text.optional(),
            mechanism_tg: text.optional(),
            grounding: z.string(),
          })
          .strict(),
      )
      .default([]),
    narratives: z.array(NarrativeSchema).min(1),
    references: z.record(z.string(), z.string()).default({}),
  })
  .strict();

export interface Indicator {
  /** position in the narrative's indicator list: the cue's identity across languages */
  index: number;
  cues: Partial<Record<CueLang, string[]>>;
  kind: CueKind;
  /** strength of one match of this cue on its own, 0..1 (kind's value unless overridden) */
  weight: number;
  note?: string;
}

export interface Narrative {
  id: string;
  actorFamily: string;
  label: string;
  labels: { en: string; ru?: string; tg?: string; uz?: string };
  description: string;
  manipulativeBecause: string;
  exploits: string;
  convergesWith: string[];
  disarm: string[];
  typicalTechniques: string[];
  grounding: string;
  evidence: string[];
  confidence: 'high' | 'medium' | 'low';
  indicators: Indicator[];
  notes?: string;
  threshold?: number;
}

export interface ConvergencePair {
  id: string;
  narratives: string[];
  /** English: the text convergence detections carry */
  mechanism: string;
  /** display text per language (en always; ru, tg when the file has them) */
  mechanisms: { en: string; ru?: string; tg?: string };
  grounding: string;
}

/** Languages a pair's mechanism may be written in (`mechanism`, `mechanism_ru`, `mechanism_tg`). */
export const MECHANISM_LANGS = ['en', 'ru', 'tg'] as const;
export type MechanismLang = (typeof MECHANISM_LANGS)[number];

/**
 * Fields that are display text only: they never reach a detection, so they are cut out of the
 * text before the version hash is taken (adding or correcting a translation does not make every
 * store re-detect its items). Each must stand on a line of its own.
 */
const DISPLAY_ONLY_PAIR_FIELDS = ['mechanism_ru', 'mechanism_tg'] as const;

export interface Scoring {
  kinds: Record<CueKind, number>;
  match: { exact: number; stemmed: number; folded: number };
  calibration: { bias: number; cues: number; distinct: number; family: number; source: number };
  threshold: number;
  cueOnlyCap: number;
}

export interface Taxonomy {
  /** "2026.11.1+ab12cd34": the file's version plus a hash of its exact content */
  version: string;
  declaredVersion: string;
  status: 'draft' | 'reviewed';
  languages: CueLang[];
  actorFamilies: Record<string, string>;
  scoring: Scoring;
  convergencePairs: ConvergencePair[];
  narratives: Narrative[];
  references: Record<string, string>;
  /** file name the taxonomy was loaded from, for error messages */
  source: string;
}

/** Load, validate and cross-check a taxonomy YAML text. Throws OgohError naming file, line and field. */
export function loadTaxonomy(yamlText: string, fileName = 'narratives.yaml'): Taxonomy {
  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const firstError = doc.errors[0];
  if (firstError) {
    const pos = firstError.linePos?.[0];
    throw new OgohError(
      'INPUT_PARSE',
      `invalid YAML: ${firstError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
      {
        file: fileName,
        ...(pos ? { line: pos.line, column: pos.col } : {}),
        hint: 'fix the YAML syntax at that position',
      },
    );
  }
  const where = (path: readonly PropertyKey[]): { line?: number; column?: number } => {
    // Walk up the path until a node with a source range exists (a missing key has none).
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as (string | number)[], true) as
        | { range?: [number, number] }
        | undefined;
      const start = node && typeof node === 'object' && 'range' in node ? node.range?.[0] : undefined;
      if (start !== undefined) {
        const p = lines.linePos(start);
        return { line: p.line, column: p.col };
      }
    }
    return {};
  };
  const fail = (path: readonly PropertyKey[], message: string, hint: string): never => {
    throw new OgohError('INPUT_FIELD', message, {
      file: fileName,
      field: fieldPath(path),
      ...where(path),
      hint,
    });
  };

  const raw: unknown = doc.toJS();
  if (!isMap(doc.contents))
    fail([], 'the taxonomy must be a YAML mapping', 'start from packages/detect/taxonomy/narratives.yaml');
  const parsed = TaxonomySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail(
      issue.path,
      issue.message,
      'see the schema notes at the top of packages/detect/taxonomy/narratives.yaml',
    );
  }
  const t = parsed.data!;

  const ids = new Map<string, number>();
  t.narratives.forEach((n, i) => {
    if (ids.has(n.id))
      fail(['narratives', i, 'id'], `duplicate narrative id "${n.id}"`, 'ids must be unique');
    ids.set(n.id, i);
    if (!(n.actor_family in t.actor_families))
      fail(
        ['narratives', i, 'actor_family'],
        `unknown actor family "${n.actor_family}"`,
        'add it under actor_families',
      );
  });
  t.narratives.forEach((n, i) => {
    n.converges_with.forEach((o, j) => {
      const at = ['narratives', i, 'converges_with', j];
      const k = ids.get(o);
      if (k === undefined)
        fail(at, `unknown narrative "${o}"`, 'converges_with must name narratives of this file');
      if (o === n.id) fail(at, 'a narrative cannot converge with itself', 'remove it');
      if (!t.narratives[k!]!.converges_with.includes(n.id))
        fail(
          at,
          `"${n.id}" lists "${o}" but "${o}" does not list "${n.id}"`,
          'converges_with must be symmetric',
        );
    });
    n.typical_techniques.forEach((x, j) => {
      if (!techniqueInfo(x))
        fail(
          ['narratives', i, 'typical_techniques', j],
          `"${x}" is not a SemEval-2023 technique label`,
          'use the exact label string, e.g. Loaded_Language',
        );
    });
    n.evidence.forEach((e, j) => {
      if (!(e in t.references))
        fail(['narratives', i, 'evidence', j], `unknown reference "${e}"`, 'add it under references');
    });
  });
  const pairIds = new Set<string>();
  t.convergence_pairs.forEach((p, i) => {
    if (pairIds.has(p.id))
      fail(['convergence_pairs', i, 'id'], `duplicate pair id "${p.id}"`, 'ids must be unique');
    pairIds.add(p.id);
    p.narratives.forEach((nid, j) => {
      if (!ids.has(nid))
        fail(
          ['convergence_pairs', i, 'narratives', j],
          `unknown narrative "${nid}"`,
          'pairs must name narratives of this file',
        );
    });
  });

  const kinds = t.scoring.kinds;
  const narratives: Narrative[] = t.narratives.map((n) => {
    const out: Narrative = {
      id: n.id,
      actorFamily: n.actor_family,
      label: n.label,
      labels: { en: n.label, ...(n.labels ?? {}) } as Narrative['labels'],
      description: n.description,
      manipulativeBecause: n.manipulative_because,
      exploits: n.exploits,
      convergesWith: n.converges_with,
      disarm: n.disarm,
      typicalTechniques: n.typical_techniques,
      grounding: n.grounding,
      evidence: n.evidence,
      confidence: n.confidence,
      indicators: n.indicators.map((ind, index) => {
        const cues: Partial<Record<CueLang, string[]>> = {};
        for (const l of CUE_LANGS) {
          const v = ind[l];
          if (v !== undefined) cues[l] = Array.isArray(v) ? v : [v];
        }
        const kind = ind.kind ?? 'default';
        const o: Indicator = { index, cues, kind, weight: ind.weight ?? kinds[kind] };
        if (ind.note !== undefined) o.note = ind.note;
        return o;
      }),
    };
    if (n.notes !== undefined) out.notes = n.notes;
    if (n.threshold !== undefined) out.threshold = n.threshold;
    return out;
  });

  return {
    version: `${t.version}+${digest(detectionText(yamlText, doc, fail)).slice(0, 8)}`,
    declaredVersion: t.version,
    status: t.status,
    languages: t.languages,
    actorFamilies: t.actor_families,
    scoring: {
      kinds: t.scoring.kinds,
      match: t.scoring.match,
      calibration: t.scoring.calibration,
      threshold: t.scoring.threshold,
      cueOnlyCap: t.scoring.cue_only_cap,
    },
    convergencePairs: t.convergence_pairs.map((p) => ({
      id: p.id,
      narratives: p.narratives,
      mechanism: p.mechanism,
      mechanisms: {
        en: p.mechanism,
        ...(p.mechanism_ru !== undefined ? { ru: p.mechanism_ru } : {}),
        ...(p.mechanism_tg !== undefined ? { tg: p.mechanism_tg } : {}),
      },
      grounding: p.grounding,
    })),
    narratives,
    references: t.references,
    source: fileName,
  };
}

/**
 * The text the version hash is taken over: the file as written, minus the lines holding
 * display-only fields (DISPLAY_ONLY_PAIR_FIELDS). A file without them hashes exactly as before they
 * existed, so translations can be added to a deployed taxonomy without a version change.
 */
function detectionText(
  yamlText: string,
  doc: ReturnType<typeof parseDocument>,
  fail: (path: readonly PropertyKey[], message: string, hint: string) => never,
): string {
  const cuts: [number, number][] = [];
  const pairs = doc.get('convergence_pairs', true);
  const items = isSeq(pairs) ? pairs.items : [];
  items.forEach((node, i) => {
    if (!isMap(node)) return;
    for (const entry of node.items) {
      const key = isScalar(entry.key) ? String(entry.key.value) : '';
      if (!(DISPLAY_ONLY_PAIR_FIELDS as readonly string[]).includes(key)) continue;
      const start = (entry.key as { range?: [number, number, number] }).range?.[0];
      const end = (entry.value as { range?: [number, number, number] } | null)?.range?.[1];
      const lineStart = start === undefined ? -1 : yamlText.lastIndexOf('\n', start - 1) + 1;
      // a block scalar's range ends after its last newline; a plain or quoted one on its line
      const nl = end === undefined ? -1 : yamlText[end - 1] === '\n' ? end - 1 : yamlText.indexOf('\n', end);
      const lineEnd = nl === -1 ? yamlText.length : nl + 1;
      if (
        start === undefined ||
        end === undefined ||
        yamlText.slice(lineStart, start).trim() !== '' ||
        !/^[ \t]*(#[^\n]*)?\n?$/.test(yamlText.slice(Math.min(end, lineEnd), lineEnd))
      )
        fail(
          ['convergence_pairs', i, key],
          `${key} must start on a line of its own`,
          `write it as \`    ${key}: "…"\` on its own line: display text is left out of the version hash line by line`,
        );
      cuts.push([lineStart, lineEnd]);
    }
  });
  if (cuts.length === 0) return yamlText;
  cuts.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [a, b] of cuts) {
    out += yamlText.slice(at, a);
    at = b;
  }
  return out + yamlText.slice(at);
}

/** A pair's mechanism in `lang`, falling back to English when the file has no such translation. */
export function pairMechanism(pair: ConvergencePair, lang: string): string {
  return pair.mechanisms[lang as MechanismLang] ?? pair.mechanism;
}

/**
 * The mechanism of convergence pair `pairId` in `lang` (English when untranslated), or undefined
 * for a pair the taxonomy does not have (a detection made under another taxonomy).
 */
export function convergenceMechanism(
  pairId: string,
  lang: string,
  taxonomy: Taxonomy = defaultTaxonomy(),
): string | undefined {
  const pair = taxonomy.convergencePairs.find((p) => p.id === pairId);
  return pair ? pairMechanism(pair, lang) : undefined;
}

/** "narratives[3].indicators[2].uz" from a zod/yaml path. */
function fieldPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : `${s ? '.' : ''}${String(p)}`;
  return s || '(root)';
}

/** The version string of a loaded taxonomy: its declared version plus a content hash. */
export function taxonomyVersion(taxonomy: Taxonomy): string {
  return taxonomy.version;
}

let bundled: Taxonomy | undefined;

/** The taxonomy shipped with Ogoh (packages/detect/taxonomy/narratives.yaml), loaded once. */
export function defaultTaxonomy(): Taxonomy {
  if (!bundled) {
    const url = new URL('../taxonomy/narratives.yaml', import.meta.url);
    bundled = loadTaxonomy(readFileSync(url, 'utf8'), 'packages/detect/taxonomy/narratives.yaml');
  }
  return bundled;
}

/** Narrative by id. */
export function narrativeById(taxonomy: Taxonomy, narrativeId: string): Narrative | undefined {
  return taxonomy.narratives.find((n) => n.id === narrativeId);
}
