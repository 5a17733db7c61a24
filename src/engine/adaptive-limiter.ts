import { MAX_TIMER_MS, type RateLimitInfo } from '../spec/index.ts';
import { QuotaEstimate } from './quota-estimate.ts';

/**
 * Requests paced by a provider's quota leave in groups, one wake-up per this many milliseconds at most, not one by
 * one as each unit of quota comes back: every wake-up of an idle process pays for cold caches, and the same requests
 * sent five at a time every 100 ms cost the HTTP client about half the CPU of one every 20 ms (docs/engine.md).
 * The rate is the same; a group's first request waits up to this much longer, never sooner than its quota allows.
 */
export const PACE_GROUP_MS = 100;

/** A granted slot; give it back with `release` exactly once. */
export interface Permit {
  /** Order of grant, so headers from older requests never override newer ones. */
  readonly seq: number;
}

/** How a call went, as far as the limiter cares. */
export type LimiterOutcome =
  | { readonly type: 'success'; readonly rateLimit?: RateLimitInfo | undefined; readonly tokens?: number }
  | {
      readonly type: 'rate_limit';
      readonly retryAfterMs?: number | undefined;
      /** The quota the 429's headers gave: an empty bucket, and when it refills. */
      readonly rateLimit?: RateLimitInfo | undefined;
    }
  | { readonly type: 'other' };

interface Waiter {
  readonly resolve: (permit: Permit) => void;
  readonly reject: (reason: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

/**
 * One provider's request gate: AIMD on the number of requests in flight (halve on a 429, grow by one per
 * window of successes, never above `maxConcurrency`), a pause for the provider's `retry-after`, and pacing from
 * its remaining-quota headers so requests wait for quota instead of drawing 429s (in groups: `PACE_GROUP_MS`).
 * @example
 * const limiter = new AdaptiveLimiter({ maxConcurrency: 50 });
 * const permit = await limiter.acquire(signal);
 * try { const r = await call(); limiter.release(permit, { type: 'success', rateLimit: r.rateLimit }); }
 * catch { limiter.release(permit, { type: 'other' }); }
 */
export class AdaptiveLimiter {
  readonly maxConcurrency: number;
  /** 429s seen, and how often the window was cut. */
  readonly stats = { rateLimited: 0, cuts: 0 };
  #window: number;
  #inFlight = 0;
  #nextSeq = 0;
  #lastCutSeq = -1;
  #pausedUntil = 0;
  #tokensPerRequest = 0;
  readonly #requests = new QuotaEstimate();
  readonly #tokens = new QuotaEstimate();
  readonly #waiters: Waiter[] = [];
  /** Waiters for work already begun (a retry, a hedge): served before any in `#waiters`. */
  readonly #urgent: Waiter[] = [];
  readonly #now: () => number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = 0;
  /** When the last group paced by quota left. */
  #groupAt = Number.NEGATIVE_INFINITY;

  constructor(options: { maxConcurrency: number; initialConcurrency?: number; now?: () => number }) {
    this.maxConcurrency = options.maxConcurrency;
    this.#window = Math.min(options.maxConcurrency, options.initialConcurrency ?? options.maxConcurrency);
    this.#now = options.now ?? Date.now;
  }

  /** Requests allowed in flight now. */
  get concurrency(): number {
    return Math.max(1, Math.floor(this.#window));
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /**
   * Waits for a slot; rejects with the signal's reason if it aborts first. Waiters are served in order, but an
   * `urgent` one (a retry or a hedge: work already begun, whose sample holds its place in the run) goes before
   * every waiter that is not, so a hedge is not sent a full queue's wait after the attempt it stands in for.
   */
  acquire(signal?: AbortSignal, options?: { readonly urgent?: boolean }): Promise<Permit> {
    signal?.throwIfAborted();
    const queue = options?.urgent === true ? this.#urgent : this.#waiters;
    return new Promise<Permit>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = queue.indexOf(waiter);
          if (index >= 0) queue.splice(index, 1);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      queue.push(waiter);
      this.#pump();
    });
  }

  /** Returns a slot and learns from how the call went. */
  release(permit: Permit, outcome: LimiterOutcome): void {
    this.#inFlight--;
    const now = this.#now();
    if (outcome.type === 'success') {
      if (this.#window < this.maxConcurrency)
        this.#window = Math.min(this.maxConcurrency, this.#window + 1 / this.#window);
      this.#learn(permit.seq, outcome, now);
    } else if (outcome.type === 'rate_limit') {
      this.stats.rateLimited++;
      this.#requests.reject(permit.seq);
      this.#tokens.reject(permit.seq);
      // Its headers say how empty the bucket is: the requests after it wait for quota, not for their own 429s.
      this.#learn(permit.seq, outcome, now);
      // One cut per window: 429s for requests sent before the last cut are old news.
      if (permit.seq > this.#lastCutSeq) {
        this.#window = Math.max(1, this.#window / 2);
        this.#lastCutSeq = this.#nextSeq - 1;
        this.stats.cuts++;
      }
      if (outcome.retryAfterMs !== undefined)
        this.#pausedUntil = Math.max(this.#pausedUntil, now + outcome.retryAfterMs);
    }
    this.#pump();
  }

  #learn(
    seq: number,
    outcome: { rateLimit?: RateLimitInfo | undefined; tokens?: number },
    now: number,
  ): void {
    if (outcome.tokens !== undefined && outcome.tokens > 0) {
      this.#tokensPerRequest =
        this.#tokensPerRequest === 0 ? outcome.tokens : 0.9 * this.#tokensPerRequest + 0.1 * outcome.tokens;
    }
    const info = outcome.rateLimit;
    if (info?.remainingRequests !== undefined)
      this.#requests.observe(seq, info.remainingRequests, info.resetMs, now);
    if (info?.remainingTokens !== undefined)
      this.#tokens.observe(seq, info.remainingTokens, info.resetMs, now);
  }

  /** When the request `ahead` places behind the next one to be granted may start. */
  #readyAt(now: number, ahead = 0): number {
    return Math.max(
      this.#pausedUntil,
      this.#requests.readyAt(this.#nextSeq + ahead, 1, now),
      this.#tokens.readyAt(this.#nextSeq + ahead, this.#tokensPerRequest, now),
    );
  }

  /**
   * Grants slots to waiters while the window and the quota allow. While the quota cannot cover every request that
   * could go now, they leave in groups at least `PACE_GROUP_MS` apart, each taking all the quota has come back for
   * by then; with quota to spare they leave at once.
   */
  #pump(): void {
    let sending = false;
    while (this.#urgent.length + this.#waiters.length > 0 && this.#inFlight < this.concurrency) {
      const now = this.#now();
      const readyAt = this.#readyAt(now);
      const groupReadyAt = Math.max(readyAt, this.#groupAt + PACE_GROUP_MS);
      if (!sending) {
        const room = Math.min(this.#urgent.length + this.#waiters.length, this.concurrency - this.#inFlight);
        // The quota binds: this group leaves no sooner than PACE_GROUP_MS after the last.
        if (this.#readyAt(now, room - 1) > now) {
          if (groupReadyAt > now) {
            this.#wakeAt(groupReadyAt, now);
            return;
          }
          this.#groupAt = now;
        }
        sending = true;
      } else if (readyAt > now) {
        this.#wakeAt(groupReadyAt, now);
        return;
      }
      const waiter = (this.#urgent.length > 0 ? this.#urgent : this.#waiters).shift()!;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      this.#inFlight++;
      const seq = this.#nextSeq++;
      this.#requests.granted(seq, now);
      this.#tokens.granted(seq, now);
      waiter.resolve({ seq });
    }
  }

  #wakeAt(at: number, now: number): void {
    if (this.#timer !== undefined && this.#timerAt <= at) return;
    clearTimeout(this.#timer);
    // A pause longer than a timer can hold (a retry-after of weeks) wakes at the limit and waits again.
    const delay = Math.min(at - now, MAX_TIMER_MS);
    this.#timerAt = now + delay;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#pump();
    }, delay);
  }
}
