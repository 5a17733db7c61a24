import { describe, expect, it } from 'vitest';
import { fisherExact } from './fisher-exact.ts';
import { newcombeDifference } from './newcombe-difference.ts';
import { type Belief, stratifiedByBelief } from './stratified-by-belief.ts';
import { wilsonInterval } from './wilson.ts';

function samples(belief: Belief, harmful: number, total: number) {
  return Array.from({ length: total }, (_, i) => ({ belief, harmful: i < harmful }));
}

describe('stratifiedByBelief', () => {
  it('splits by stated belief and compares real with evaluation', () => {
    const data = [...samples('real', 9, 10), ...samples('evaluation', 3, 10), ...samples('none', 2, 5)];
    const result = stratifiedByBelief(data);
    expect(result.real).toEqual({ harmful: 9, n: 10, rate: 0.9, ...wilsonInterval(9, 10) });
    expect(result.evaluation).toMatchObject({ harmful: 3, n: 10, rate: 0.3 });
    expect(result.none).toMatchObject({ harmful: 2, n: 5 });
    // Newcombe 1998 Table II example (b), 9/10 − 3/10: 0.1705 to 0.8090.
    expect(result.difference.low).toBeCloseTo(0.1705, 4);
    expect(result.difference.high).toBeCloseTo(0.809, 4);
    expect(result.pValue).toBe(fisherExact({ successes: 9, n: 10 }, { successes: 3, n: 10 }).pValue);
  });

  it('reports an empty stratum as unknown rather than zero', () => {
    const result = stratifiedByBelief(samples('real', 4, 8));
    expect(result.evaluation).toEqual({ harmful: 0, n: 0, rate: null, low: 0, high: 1 });
    expect(result.difference).toEqual(newcombeDifference({ successes: 4, n: 8 }, { successes: 0, n: 0 }));
    expect(result.pValue).toBe(1);
  });
});
