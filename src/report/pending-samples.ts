import type { RateRow } from '../store/index.ts';

/** A run's samples not done yet (stopped by Ctrl-C, its budget or a crash, or still running), of all it has. */
export interface PendingSamples {
  readonly run: string;
  readonly pending: number;
  readonly total: number;
}

/**
 * How many samples of a run are not done yet, of all it has, from its rate table: its rates are over fewer samples
 * than it has. `show` and `compare` count them alike.
 * @example pendingSamples(runId, store.rateTable(runId)) // { run: runId, pending: 24, total: 40 }
 */
export function pendingSamples(
  runId: string,
  rows: readonly Pick<RateRow, 'n' | 'errors' | 'pending'>[],
): PendingSamples {
  return {
    run: runId,
    pending: rows.reduce((sum, r) => sum + r.pending, 0),
    total: rows.reduce((sum, r) => sum + r.n + r.errors + r.pending, 0),
  };
}
