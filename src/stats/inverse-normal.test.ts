import { describe, expect, it } from 'vitest';
import { inverseNormal } from './inverse-normal.ts';

// References: Python 3 `statistics.NormalDist().inv_cdf(p)` (printed with repr), and the
// textbook quantiles 1.2815515655446004 (90% one-sided) and 1.959963984540054 (Φ⁻¹(0.975)).
const REFERENCE: readonly [number, number][] = [
  [0.975, 1.959963984540054],
  [0.95, 1.6448536269514715],
  [0.995, 2.5758293035489],
  [0.9995, 3.2905267314919255],
  [0.75, 0.6744897501960817],
  [0.9, 1.2815515655446004],
  [0.02425, -1.9729610513118845],
  [1e-10, -6.361340902404056],
  [1 - 1e-12, 7.0344869100478356],
];

describe('inverseNormal', () => {
  it.each(REFERENCE)('Φ⁻¹(%d) = %d', (p, z) => {
    expect(inverseNormal(p)).toBeCloseTo(z, 12);
  });

  it('is 0 at the median and odd around it', () => {
    expect(inverseNormal(0.5)).toBe(0);
    for (const p of [0.6, 0.9, 0.99, 0.125]) expect(inverseNormal(1 - p)).toBeCloseTo(-inverseNormal(p), 12);
  });

  it('refuses probabilities outside (0, 1)', () => {
    for (const p of [0, 1, -0.1, 1.5, Number.NaN]) expect(() => inverseNormal(p)).toThrow(RangeError);
  });
});
