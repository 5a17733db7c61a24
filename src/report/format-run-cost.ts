import type { RunSummary } from '../store/index.ts';

/**
 * A run's recorded cost as text: `$12.34`; `≥ $12.34` when some finished samples recorded none, so the sum is a
 * floor; `–` when none recorded a cost.
 * @example formatRunCost({ cost_usd: 12.344, cost_unrecorded: 3 }) // '≥ $12.34'
 */
export function formatRunCost(run: Pick<RunSummary, 'cost_usd' | 'cost_unrecorded'>): string {
  if (run.cost_usd === null) return '–';
  return `${run.cost_unrecorded > 0 ? '≥ ' : ''}$${run.cost_usd.toFixed(2)}`;
}
