/**
 * Politeness: at most `perHost` requests in flight to one host, request starts to one host at
 * least `intervalMs` apart (raised by robots.txt Crawl-delay, pushed back by Retry-After) — and,
 * with one request at a time (the default), also `intervalMs` after the previous response ended —
 * and at most `global` requests in flight overall. A host is the URL's host with its port, so two servers
 * on one machine are two hosts. Every start is recorded so benchmarks and tests can prove that no
 * host was ever asked faster than its limit.
 */

export interface LimiterOptions {
  /** minimum gap between request starts to one host. @default 1000 */
  intervalMs?: number;
  /** requests in flight to one host. @default 1 */
  perHost?: number;
  /** requests in flight overall. @default 8 */
  global?: number;
  now?: () => number;
}

interface HostState {
  active: number;
  nextStart: number;
  intervalMs: number;
  queue: { grant: () => void }[];
  timer: NodeJS.Timeout | undefined;
  /** smallest gap seen between two starts, and how many starts */
  minGap: number;
  lastStart: number | undefined;
  starts: number;
}

export interface HostStats {
  host: string;
  starts: number;
  /** smallest observed gap between request starts, ms (Infinity with fewer than two starts) */
  minGapMs: number;
  intervalMs: number;
}

export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();
  private readonly intervalMs: number;
  private readonly perHost: number;
  private readonly global: number;
  private readonly now: () => number;
  private active = 0;

  constructor(options: LimiterOptions = {}) {
    this.intervalMs = options.intervalMs ?? 1000;
    this.perHost = options.perHost ?? 1;
    this.global = options.global ?? 8;
    this.now = options.now ?? (() => performance.now());
  }

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (!s) {
      s = {
        active: 0,
        nextStart: 0,
        intervalMs: this.intervalMs,
        queue: [],
        timer: undefined,
        minGap: Number.POSITIVE_INFINITY,
        lastStart: undefined,
        starts: 0,
      };
      this.hosts.set(host, s);
    }
    return s;
  }

  /** Sets a host's interval (e.g. from Crawl-delay); never below the default. */
  setInterval(host: string, ms: number): void {
    const s = this.state(host);
    s.intervalMs = Math.max(this.intervalMs, ms);
    // the request that taught us the interval (robots.txt) counts as the last start
    if (s.lastStart !== undefined) s.nextStart = Math.max(s.nextStart, s.lastStart + s.intervalMs);
  }

  /** No request starts to `host` before `delayMs` from now (Retry-After, a 429). */
  pause(host: string, delayMs: number): void {
    const s = this.state(host);
    s.nextStart = Math.max(s.nextStart, this.now() + delayMs);
  }

  /**
   * Waits for a slot for `host`; call the returned function when the request is over.
   * Rejects with the signal's reason when aborted while waiting.
   */
  acquire(host: string, signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    const s = this.state(host);
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          let released = false;
          resolve(() => {
            if (released) return;
            released = true;
            s.active--;
            this.active--;
            // One request at a time: the next one also waits an interval after this one ended, so
            // the server sees its requests at least an interval apart even when a request left late.
            if (this.perHost === 1) s.nextStart = Math.max(s.nextStart, this.now() + s.intervalMs);
            this.pumpAll();
          });
        },
      };
      const onAbort = () => {
        const i = s.queue.indexOf(waiter);
        if (i !== -1) s.queue.splice(i, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      s.queue.push(waiter);
      this.pump(host, s);
    });
  }

  private pumpAll(): void {
    for (const [host, s] of this.hosts) if (s.queue.length > 0) this.pump(host, s);
  }

  private pump(_host: string, s: HostState): void {
    while (s.queue.length > 0 && s.active < this.perHost && this.active < this.global) {
      const now = this.now();
      if (now < s.nextStart) {
        if (!s.timer) {
          s.timer = setTimeout(
            () => {
              s.timer = undefined;
              this.pump(_host, s);
            },
            Math.ceil(s.nextStart - now),
          );
        }
        return;
      }
      const w = s.queue.shift()!;
      s.active++;
      this.active++;
      if (s.lastStart !== undefined) s.minGap = Math.min(s.minGap, now - s.lastStart);
      s.lastStart = now;
      s.starts++;
      s.nextStart = now + s.intervalMs;
      w.grant();
    }
  }

  /** Per-host starts and the smallest gap between them. */
  stats(): HostStats[] {
    return [...this.hosts].map(([host, s]) => ({
      host,
      starts: s.starts,
      minGapMs: s.minGap,
      intervalMs: s.intervalMs,
    }));
  }
}
