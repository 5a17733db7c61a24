import { describe, expect, it } from 'vitest';
import { cohenKappa, fleissKappa, kappaOfTable, twoByTwo } from './kappa.ts';

describe('cohenKappa', () => {
  // Worked example on Wikipedia "Cohen's kappa" (50 proposals, two readers): 20 yes/yes, 5 yes/no, 10 no/yes,
  // 15 no/no; po = 0.7, pe = 0.5, kappa = 0.4.
  it('matches the textbook 2×2 example', () => {
    expect(kappaOfTable({ yy: 20, yn: 5, ny: 10, nn: 15 })).toBeCloseTo(0.4, 10);
  });
  it('is 1 for perfect agreement and ≤ 0 for agreement at chance', () => {
    expect(cohenKappa(['a', 'b', 'a'], ['a', 'b', 'a'])).toBe(1);
    expect(kappaOfTable({ yy: 25, yn: 25, ny: 25, nn: 25 })).toBeCloseTo(0, 10);
    expect(cohenKappa([], [])).toBeNull();
  });
  it('counts the 2×2 table', () => {
    expect(twoByTwo([true, true, false, false], [true, false, true, false])).toEqual({
      yy: 1,
      yn: 1,
      ny: 1,
      nn: 1,
    });
  });
});

describe('fleissKappa', () => {
  // Worked example on Wikipedia "Fleiss' kappa" (10 subjects, 14 raters, 5 categories): P̄ = 0.378,
  // P̄e = 0.213, kappa = 0.210.
  it('matches the textbook example', () => {
    const table = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    expect(fleissKappa(table)).toBeCloseTo(0.21, 2);
  });
  it('is 1 when every rater agrees on varied items', () => {
    expect(
      fleissKappa([
        [3, 0],
        [0, 3],
        [3, 0],
      ]),
    ).toBe(1);
  });
  it('rejects rows with different numbers of raters', () => {
    expect(() =>
      fleissKappa([
        [3, 0],
        [1, 1],
      ]),
    ).toThrow(RangeError);
  });
});
