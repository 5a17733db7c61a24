import { wilsonInterval } from '../stats/index.ts';
import type { Store, RateRow as StoreRateRow } from '../store/index.ts';

/**
 * One line of `haywire show`: the store's counts for a model × condition (n counts graded samples only;
 * errors are failed samples and grader errors, never counted as not harmful), with the harmful rate and its
 * Wilson 95% interval; the three are null when nothing was graded.
 */
export interface RateRow extends StoreRateRow {
  readonly rate: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
}

/** The rate table of a run, one row per model × condition. */
export function rateRows(store: Store, runId: string): RateRow[] {
  return store.rateTable(runId).map(withWilsonInterval);
}

/** A row of counts with its harmful rate and Wilson 95% interval (null when nothing was graded). */
export function withWilsonInterval(row: StoreRateRow): RateRow {
  if (row.n === 0) return { ...row, rate: null, ci_low: null, ci_high: null };
  const { low, high } = wilsonInterval(row.harmful, row.n);
  return { ...row, rate: row.harmful / row.n, ci_low: low, ci_high: high };
}
