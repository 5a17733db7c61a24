import { describe, expect, it } from 'vitest';
import { holm } from './holm.ts';

describe('holm', () => {
  // By hand from Holm (1979): sorted 0.005, 0.01, 0.03, 0.04 are multiplied by 4, 3, 2, 1
  // → 0.02, 0.03, 0.06, 0.04, and the running maximum makes the last 0.06 (R's p.adjust agrees).
  it('adjusts a worked example and keeps the input order', () => {
    const adjusted = holm([0.01, 0.04, 0.03, 0.005]);
    expect(adjusted.map((p) => p.toFixed(12))).toEqual([
      '0.030000000000',
      '0.060000000000',
      '0.060000000000',
      '0.020000000000',
    ]);
  });

  // Wright SP (1992), "Adjusted p-values for simultaneous inference", Biometrics 48:1005–1013:
  // raw 0.01, 0.02, 0.03, 0.04, 0.05 → Holm 0.05, 0.08, 0.09, 0.09, 0.09 (by hand as above).
  it('adjusts five equally spaced p-values', () => {
    const adjusted = holm([0.01, 0.02, 0.03, 0.04, 0.05]);
    expect(adjusted.map((p) => p.toFixed(12))).toEqual(
      ['0.05', '0.08', '0.09', '0.09', '0.09'].map((p) => Number(p).toFixed(12)),
    );
  });

  it('is at least the raw p, at most 1, monotone in the raw order, and empty for none', () => {
    const raw = [0.2, 0.001, 0.6, 0.049, 0.049, 0.9, 0.0004];
    const adjusted = holm(raw);
    raw.forEach((p, i) => {
      expect(adjusted[i]).toBeGreaterThanOrEqual(p);
      expect(adjusted[i]).toBeLessThanOrEqual(1);
    });
    for (let i = 0; i < raw.length; i++)
      for (let j = 0; j < raw.length; j++)
        if (raw[i]! < raw[j]!) expect(adjusted[i]).toBeLessThanOrEqual(adjusted[j]!);
    expect(holm([])).toEqual([]);
    expect(holm([0.7])).toEqual([0.7]);
  });

  it('refuses values that are not probabilities', () => {
    expect(() => holm([0.1, 1.2])).toThrow(RangeError);
    expect(() => holm([Number.NaN])).toThrow(RangeError);
  });
});
