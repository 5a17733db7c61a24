import type { AdaptiveLimiter } from './adaptive-limiter.ts';
import { LatencyWindow } from './latency-window.ts';

const HEDGE_BURST = 10;

/**
 * One model's hedging state on one limiter (one provider of one run): the latencies of its recent successful
 * attempts, and the hedges it may still spend. The budget is a token bucket: each attempt earns `hedgeBudget` of a
 * hedge, up to a burst of 10, so a provider slowing down as a whole is not sent twice its load.
 */
export class HedgeState {
  readonly latencies = new LatencyWindow(256);
  #tokens = HEDGE_BURST;

  attemptStarted(budget: number): void {
    this.#tokens = Math.min(HEDGE_BURST, this.#tokens + budget);
  }

  /** Spends one hedge; false when none is left. */
  takeHedge(): boolean {
    if (this.#tokens < 1) return false;
    this.#tokens--;
    return true;
  }
}

// Keyed on the limiter, which lives as long as one provider's part of one run: a new run learns afresh.
const states = new WeakMap<AdaptiveLimiter, Map<string, HedgeState>>();

/** The hedging state of `modelId`'s calls through `limiter`, created on first use. */
export function hedgeStateOf(limiter: AdaptiveLimiter, modelId: string): HedgeState {
  let byModel = states.get(limiter);
  if (byModel === undefined) {
    byModel = new Map();
    states.set(limiter, byModel);
  }
  let state = byModel.get(modelId);
  if (state === undefined) {
    state = new HedgeState();
    byModel.set(modelId, state);
  }
  return state;
}
