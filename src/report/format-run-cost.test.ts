import { describe, expect, it } from 'vitest';
import { formatRunCost } from './format-run-cost.ts';

describe('formatRunCost', () => {
  it('marks a sum as a floor when some finished samples recorded no cost, and shows none as a dash', () => {
    expect(formatRunCost({ cost_usd: 12.344, cost_unrecorded: 0 })).toBe('$12.34');
    expect(formatRunCost({ cost_usd: 12.344, cost_unrecorded: 3 })).toBe('≥ $12.34');
    expect(formatRunCost({ cost_usd: null, cost_unrecorded: 5 })).toBe('–');
  });
});
