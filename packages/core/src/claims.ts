/**
 * Fact-checked claims (the fact-check database that `ogoh claims match` searches) and the
 * `ClaimStore` port that keeps them. A claim keeps the id it was imported with, so matches point
 * back to the fact-checker's own record; re-importing the same id updates it in place.
 */
import { z } from 'zod';

export const ClaimRecord = z.object({
  /** as imported: the CSV `id`, ClaimReview `@id`, else the review URL */
  id: z.string().min(1).max(2000),
  /** the claim as the fact-checker states it (ClaimReview `claimReviewed`) */
  text: z.string().min(1),
  /** the verdict as published ("False", "Ложь", "Нодуруст") */
  rating: z.string().optional(),
  /** the reviewing organisation */
  org: z.string().optional(),
  /** the review (fact-check article) URL */
  url: z.string().optional(),
  /** the review date as published (ISO-8601 when the source gives one) */
  date: z.string().optional(),
  /** BCP 47 language tag of the claim text as published ("ru", "tg", "uz-Latn") */
  lang: z.string().optional(),
  /** who made the claim */
  claimant: z.string().optional(),
  /** when the claim was made */
  claimDate: z.string().optional(),
  /** the fact-check's headline */
  title: z.string().optional(),
  /** where the claim appeared (URLs of posts and articles repeating it) */
  appearances: z.array(z.string()).optional(),
});
export type ClaimRecord = z.infer<typeof ClaimRecord>;

export interface ClaimUpsertResult {
  /** ids not stored before */
  inserted: number;
  /** ids stored before whose record changed */
  updated: number;
  /** ids stored before with the same record */
  unchanged: number;
}

export interface ClaimPage {
  claims: ClaimRecord[];
  /** cursor for the next page, absent on the last page */
  next?: string;
}

/** Where fact-checked claims live (the same database as the items). */
export interface ClaimStore {
  close(): Promise<void>;
  /** Inserts or replaces claims by id, in one transaction; `at` is recorded as the update time. */
  upsertClaims(claims: readonly ClaimRecord[], at: string): Promise<ClaimUpsertResult>;
  /** Claims in id order, a page at a time (default 1000, at most 10000 a page). */
  listClaims(options?: { limit?: number; cursor?: string }): Promise<ClaimPage>;
  getClaim(id: string): Promise<ClaimRecord | undefined>;
  countClaims(): Promise<number>;
  /**
   * An opaque token that changes whenever the claims change: lets a cached claim index tell it is
   * stale without reading the claims. Unique within one store only (a recreated store may reuse
   * tokens), so caches also key on the store's identity.
   */
  claimsVersion(): Promise<string>;
}
