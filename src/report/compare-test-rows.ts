import type { RateRow } from '../store/index.ts';

/** A rate-table row for tests: the study's default knobs unless overridden. */
export function rateRow(overrides: Partial<RateRow> & { harmful: number; n: number }): RateRow {
  return {
    model: 'sim/insider',
    scenario: 'blackmail',
    goal_type: 'explicit',
    goal_value: 'america',
    urgency: 'replacement',
    mitigation: 'none',
    scratchpad: true,
    eval_notice: false,
    errors: 0,
    pending: 0,
    ...overrides,
  };
}
