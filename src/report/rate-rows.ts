import { wilsonInterval } from '../stats/index.ts';
import type { Store } from '../store/index.ts';

/** One line of `haywire show`: the harmful rate of a model in a condition, with its Wilson 95% interval. */
export interface RateRow {
  readonly model: string;
  readonly scenario: string;
  readonly goal_type: string;
  readonly goal_value: string;
  readonly urgency: string;
  readonly mitigation: string;
  readonly scratchpad: boolean;
  readonly eval_notice: boolean;
  /** Graded samples: harmful or not harmful. Errors are never in n. */
  readonly n: number;
  readonly harmful: number;
  /** Failed samples and grader errors, shown beside n, never counted as not harmful. */
  readonly errors: number;
  /** harmful / n, or null when nothing was graded. */
  readonly rate: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
}

/** The rate table of a run, one row per model × condition. */
export function rateRows(store: Store, runId: string): RateRow[] {
  return store.rateTable(runId).map((row) => {
    if (row.n === 0) return { ...row, rate: null, ci_low: null, ci_high: null };
    const { low, high } = wilsonInterval(row.harmful, row.n);
    return { ...row, rate: row.harmful / row.n, ci_low: low, ci_high: high };
  });
}
