/**
 * Analyst feedback on detections (the feedback loop) and the `FeedbackStore` port that keeps it.
 * Feedback is append-only history — who said what about which detection, when and why — and the
 * latest verdict on a detection is the one that counts. Detection ids are stable across
 * re-analysis (item + kind + label), so a verdict survives `ogoh analyze --all`; it is keyed by
 * the detection id but also copies the item, kind and label, so the history stays readable (and
 * trainable) after a model stops producing that detection.
 */
import { z } from 'zod';
import { Detection } from './model.ts';

export const VERDICTS = ['accept', 'reject', 'relabel'] as const;
export const Verdict = z.enum(VERDICTS);
export type Verdict = z.infer<typeof Verdict>;

const isoTime = z.iso.datetime({ offset: true });

export const Feedback = z
  .object({
    id: z.string().min(1),
    detectionId: z.string().min(1),
    itemId: z.string().min(1),
    /** the detection's label at the time of the verdict (narrative id, technique id, pair id) */
    label: z.string().min(1),
    kind: Detection.shape.kind,
    verdict: Verdict,
    /** for `relabel`: the label the analyst says the text carries instead */
    newLabel: z.string().min(1).optional(),
    /** who gave the verdict (a username, or `cli:<os user>`) */
    actor: z.string().min(1),
    reason: z.string().max(2000).optional(),
    at: isoTime,
  })
  .refine((f) => (f.verdict === 'relabel') === (f.newLabel !== undefined), {
    message: 'newLabel is required for relabel and only for relabel',
    path: ['newLabel'],
  });
export type Feedback = z.infer<typeof Feedback>;

/** A detection as the review tools list it: the record, its item's language and source, and its latest verdict. */
export interface ReviewedDetection {
  detection: Detection;
  lang: string;
  sourceId: string;
  published?: string;
  /** the latest feedback on this detection, absent while unreviewed */
  latest?: Feedback;
}

export interface DetectionQuery {
  /** one detection by id */
  id?: string;
  kind?: Detection['kind'];
  label?: string;
  lang?: string;
  sourceId?: string;
  itemId?: string;
  minScore?: number;
  /** `unreviewed`: no feedback yet; a verdict: whose latest feedback is that verdict */
  review?: 'unreviewed' | Verdict;
  /** default 50, at most 5000 */
  limit?: number;
  cursor?: string;
}

export interface DetectionPage {
  /** newest item first (by published time), then by detection id */
  detections: ReviewedDetection[];
  next?: string;
}

export interface FeedbackQuery {
  itemId?: string;
  detectionId?: string;
  label?: string;
  /** default 100, at most 10000 */
  limit?: number;
  cursor?: string;
}

export interface FeedbackPage {
  /** newest first */
  feedback: Feedback[];
  next?: string;
}

/**
 * A training example drawn from feedback: the item's text with the labels the analysts confirmed
 * (`positive`) and those they ruled out (`negative`), per label by the latest verdict only.
 */
export interface FeedbackExample {
  itemId: string;
  text: string;
  lang: string;
  kind: 'narrative' | 'technique';
  positive: string[];
  negative: string[];
}

/** Where feedback lives (the same database as the items and detections). */
export interface FeedbackStore {
  close(): Promise<void>;
  /** Appends one verdict; never updates or deletes earlier ones. Refuses a detection id the store does not hold. */
  record(feedback: Feedback): Promise<void>;
  list(query?: FeedbackQuery): Promise<FeedbackPage>;
  /** the latest verdict of each of these detections (those with none are absent) */
  latest(detectionIds: readonly string[]): Promise<Map<string, Feedback>>;
  /** Detections with their items' language and source and their latest verdict, filtered, a page at a time. */
  listDetections(query?: DetectionQuery): Promise<DetectionPage>;
  /**
   * listDetections as JSON, one UTF-8 encoded object per detection: the detection's fields with
   * its item's `lang`, `sourceId` and `published` and its latest verdict as `review` (absent fields
   * left out), the shape `GET /api/detections` sends. Optional: for stores that can build it
   * without turning stored JSON into objects, then text, then bytes again; callers fall back to
   * listDetections.
   */
  listDetectionsJson?(query?: DetectionQuery): Promise<{ detections: Uint8Array[]; next?: string }>;
  /** Training examples from every item with feedback on narrative or technique detections. */
  trainingExamples(kind: 'narrative' | 'technique'): Promise<FeedbackExample[]>;
  countFeedback(): Promise<number>;
}
