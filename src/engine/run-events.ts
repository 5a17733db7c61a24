import type { SampleError, Usage, VerdictValue } from '../spec/index.ts';

/** What one sample's calls cost: tokens as reported, USD from the price table (0 for cache hits). */
export interface SampleCost {
  readonly usage: Usage;
  readonly costUsd: number;
  /** Calls made (retries included) and calls answered from the response cache. */
  readonly requests: number;
  readonly cacheHits: number;
  readonly retries: number;
  /** Attempts presumed lost that got a second request beside them (counted in `requests` too). */
  readonly hedges: number;
}

/** Why scheduling stopped early: a stop request (first Ctrl-C), an abort (second Ctrl-C), or `--max-cost`. */
export type StopReason = 'signal' | 'abort' | 'budget';

/** One more stored or imported transcript graded and stored (`regrade`, `import study`), for progress. */
export interface GradingProgress {
  readonly value: VerdictValue;
  readonly done: number;
  readonly total: number;
  /** What the judges have spent so far. */
  readonly costUsd: number;
}

/** What the engine reports while it runs; names are noun-then-action. */
export type RunEvent =
  | {
      readonly type: 'run-start';
      readonly runId: string;
      readonly total: number;
      readonly pending: number;
      /** Samples still to do, per model, in the experiment's order. */
      readonly pendingByModel: Readonly<Record<string, number>>;
    }
  | ({
      readonly type: 'sample-complete';
      readonly sampleId: string;
      readonly model: string;
      readonly value: VerdictValue;
    } & SampleCost)
  | ({
      readonly type: 'sample-error';
      readonly sampleId: string;
      readonly model: string;
      readonly error: SampleError;
    } & SampleCost)
  | {
      /**
       * A request sent again: after a failure of this kind and a `delayMs` backoff, or, with `hedge: true`, beside
       * an attempt presumed lost (it ran past the hedging delay; kind `timeout`, no delay), without aborting it.
       */
      readonly type: 'request-retry';
      readonly model: string;
      readonly kind: SampleError['kind'];
      readonly delayMs: number;
      readonly hedge?: true;
    }
  | {
      readonly type: 'run-end';
      readonly runId: string;
      readonly completed: number;
      readonly errors: number;
      readonly stopped: boolean;
      readonly stopReason?: StopReason;
      readonly costUsd: number;
    };
