import { describe, expect, it } from 'vitest';
import { logGamma } from './log-gamma.ts';
import { betaQuantile, regularizedBeta } from './regularized-beta.ts';

describe('logGamma', () => {
  it('gives ln((n − 1)!) at integers and ln √π at ½', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(21)).toBeCloseTo(Math.log(2432902008176640000), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
  });
});

// References: scipy 1.17.1, `scipy.stats.beta.cdf(x, a, b)` and `beta.ppf(q, a, b)`, printed with repr.
describe('regularizedBeta', () => {
  it.each([
    [0.3, 2.5, 4, 0.3521975859067672],
    [0.9, 10, 0.5, 0.15164090963470994],
    [1e-4, 0.5, 20, 0.050116531617405015],
  ])('I_%d(%d, %d) matches scipy', (x, a, b, expected) => {
    expect(regularizedBeta(x, a, b)).toBeCloseTo(expected, 12);
  });

  it('is symmetric, I_x(a, b) = 1 − I_{1−x}(b, a), and exact at the ends', () => {
    expect(regularizedBeta(0.5, 2, 2)).toBeCloseTo(0.5, 14);
    expect(regularizedBeta(0.2, 3, 7) + regularizedBeta(0.8, 7, 3)).toBeCloseTo(1, 14);
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
  });

  it('inverts through betaQuantile', () => {
    expect(betaQuantile(0.005, 3, 8)).toBeCloseTo(0.03700722109623209, 12);
    expect(betaQuantile(0.995, 4, 7)).toBeCloseTo(0.7351139852871307, 12);
    for (const q of [0.001, 0.3, 0.975])
      expect(regularizedBeta(betaQuantile(q, 4.5, 2), 4.5, 2)).toBeCloseTo(q, 12);
  });
});
