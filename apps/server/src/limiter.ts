/**
 * Login throttling: at most `max` failed logins per IP and username in a window, and `perIp`
 * failures per IP across usernames (password spraying). Memory is bounded: at most `maxKeys`
 * counters; when full, expired ones go first, then the oldest. An attacker filling the table can
 * only evict counters, so the cap trades a little precision for never running out of memory.
 */
export interface LimiterOptions {
  /** failures per IP+username per window @default 5 */
  max?: number;
  /** failures per IP per window, any username @default 50 */
  perIp?: number;
  /** @default 15 minutes */
  windowMs?: number;
  /** @default 10000 */
  maxKeys?: number;
  now?: () => number;
}

interface Counter {
  count: number;
  resetAt: number;
}

export class LoginLimiter {
  private readonly counters = new Map<string, Counter>();
  private readonly max: number;
  private readonly perIp: number;
  private readonly windowMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(o: LimiterOptions = {}) {
    this.max = o.max ?? 5;
    this.perIp = o.perIp ?? 50;
    this.windowMs = o.windowMs ?? 15 * 60_000;
    this.maxKeys = o.maxKeys ?? 10_000;
    this.now = o.now ?? Date.now;
  }

  private keys(ip: string, username: string): [string, number][] {
    return [
      [`${ip}\n${username.trim().toLowerCase()}`, this.max],
      [`${ip}\n`, this.perIp],
    ];
  }

  /** Milliseconds until another attempt is allowed; 0 when it is allowed now. */
  retryAfter(ip: string, username: string): number {
    const t = this.now();
    let wait = 0;
    for (const [k, limit] of this.keys(ip, username)) {
      const c = this.counters.get(k);
      if (c && c.resetAt > t && c.count >= limit) wait = Math.max(wait, c.resetAt - t);
    }
    return wait;
  }

  fail(ip: string, username: string): void {
    const t = this.now();
    for (const [k] of this.keys(ip, username)) {
      const c = this.counters.get(k);
      if (c && c.resetAt > t) c.count++;
      else {
        this.counters.delete(k);
        this.counters.set(k, { count: 1, resetAt: t + this.windowMs });
      }
    }
    this.evict(t);
  }

  /** A successful login clears that username's counter (not the per-IP one). */
  succeed(ip: string, username: string): void {
    const first = this.keys(ip, username)[0];
    if (first) this.counters.delete(first[0]);
  }

  get size(): number {
    return this.counters.size;
  }

  private evict(t: number): void {
    if (this.counters.size <= this.maxKeys) return;
    for (const [k, c] of this.counters) if (c.resetAt <= t) this.counters.delete(k);
    // Map iteration is insertion order: the first keys are the oldest windows.
    for (const k of this.counters.keys()) {
      if (this.counters.size <= this.maxKeys) break;
      this.counters.delete(k);
    }
  }
}
