/**
 * Types of coordinated-sharing detection (CooRTweet's method, generalised): which accounts shared the
 * same objects within seconds of each other, again and again.
 */

/**
 * Share events as parallel typed arrays with interned ids: event `i` is account `accountNames[account[i]]`
 * sharing object `objectNames[object[i]]` at `time[i]` (seconds). This is the fast path: 10 million
 * events take 160 MB here instead of gigabytes as objects. Build one with `ShareTableBuilder`, or
 * fill the arrays yourself when ids are already integers.
 */
export interface ShareTable {
  readonly size: number;
  readonly object: Uint32Array;
  readonly account: Uint32Array;
  readonly time: Float64Array;
  readonly objectNames: readonly string[];
  readonly accountNames: readonly string[];
}

export interface CoordParams {
  /** seconds; two shares of one object are coordinated when |Δt| ≤ timeWindow (inclusive) */
  timeWindow: number;
  /**
   * an account is kept when at least this many of its shares are coordinated (CooRTweet's
   * `min_participation`; accounts with fewer shares in total are dropped before pairing, as there)
   * @default 2
   */
  minParticipation?: number;
  /**
   * keep edges whose weight is strictly above this quantile (type 7, as R's `quantile`) of all edge
   * weights between kept accounts; 0 keeps every edge
   * @default 0.5
   */
  edgeQuantile?: number;
  /**
   * keep only edges that co-shared at least this many objects (in addition to the quantile). Not in
   * CooRTweet; useful on big data, where most pairs co-share one object by chance and the quantile of
   * all weights stays at 1
   * @default 1
   */
  minWeight?: number;
  /** seconds (< timeWindow): edges that also co-share within this narrower window are flagged `fast` */
  fastWindow?: number;
  /**
   * cap on how many earlier shares in the window each share is paired with (the nearest in time).
   * Bounds the quadratic cost of objects shared by thousands of accounts within one window; the
   * number of shares that hit the cap is reported in `counts.cappedShares`.
   * @default 1000
   */
  maxPairsPerShare?: number;
  /** run Louvain on the kept graph @default true */
  communities?: boolean;
  /** called at the start of each phase (for progress and timing; the function itself keeps no clock) */
  onPhase?: (phase: CoordPhase) => void;
}

export type CoordPhase =
  | 'intern'
  | 'sort'
  | 'pairs'
  | 'filter'
  | 'groups'
  | 'communities'
  | 'objects'
  | 'output';

export interface CoordEdge {
  /** account ids, `a < b` */
  a: string;
  b: string;
  /** distinct objects the pair co-shared within the time window */
  weight: number;
  /** present when `fastWindow` is set: true when the pair also co-shared within the fast window */
  fast?: boolean;
  /** present when `fastWindow` is set: distinct objects co-shared within the fast window */
  fastWeight?: number;
}

export interface CoordGroup {
  /** `cg_` + digest of the sorted account ids: the same group gets the same id on every run */
  id: string;
  /** sorted */
  accounts: string[];
  /** distinct objects co-shared within the window by at least two of its accounts */
  objects: number;
  /** kept edges inside the group */
  edges: number;
  /** sum of its edge weights */
  weight: number;
  /** the most co-shared objects: id and how many of the group's accounts took part */
  topObjects: Array<{ id: string; accounts: number }>;
  /** ids of the Louvain communities inside this group (when communities were computed) */
  communities?: string[];
  /** accounts of the group with at least one fast edge (when `fastWindow` is set) */
  fastAccounts?: number;
}

export interface CoordCommunity {
  /** `cc_` + digest of the sorted account ids */
  id: string;
  group: string;
  accounts: string[];
}

export interface CoordCounts {
  /** events given */
  events: number;
  /** events that repeat an earlier one exactly (same object, account and time); ignored */
  duplicates: number;
  objects: number;
  accounts: number;
  /** shares by other accounts paired with some share (pair operations, after the cap) */
  pairOps: number;
  /** distinct account pairs that co-shared at least one object within the window */
  pairs: number;
  /** shares that are part of at least one coordinated pair */
  coordinatedShares: number;
  /** accounts with at least `minParticipation` coordinated shares */
  participants: number;
  /** pairs between two participants (the graph the quantile is taken over) */
  candidateEdges: number;
  keptEdges: number;
  groups: number;
  communities: number;
  /** shares whose window held more than `maxPairsPerShare` earlier shares */
  cappedShares: number;
  /** accounts in the largest group */
  largestGroup: number;
}

export interface CoordResult {
  /** largest first, then by id */
  groups: CoordGroup[];
  /** heaviest first, then by account ids */
  edges: CoordEdge[];
  /** present when communities were computed */
  communities?: CoordCommunity[];
  /** Newman modularity of the community partition on the kept graph */
  modularity?: number;
  params: {
    timeWindow: number;
    minParticipation: number;
    edgeQuantile: number;
    minWeight: number;
    /** the quantile's value (0 when edgeQuantile is 0); kept edges have weight > this and ≥ minWeight */
    weightThreshold: number;
    fastWindow?: number;
    maxPairsPerShare: number;
    communities: boolean;
  };
  counts: CoordCounts;
}
