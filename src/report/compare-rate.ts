import { fisherExact, holm, newcombeDifference, pairedComparison, wilsonInterval } from '../stats/index.ts';
import type { ComparisonRow, GroupRate } from './compare-types.ts';

/** Harmful of n with its Wilson 95% interval. */
export function groupRate(harmful: number, n: number): GroupRate {
  return { harmful, n, rate: n === 0 ? null : harmful / n, ...wilsonInterval(harmful, n) };
}

/** An unpaired comparison row (Newcombe interval, Fisher p), before the Holm adjustment. */
export function independentRow(
  stratum: Record<string, string>,
  level: { name: string; harmful: number; n: number },
  baseline: { name: string; harmful: number; n: number },
): Omit<ComparisonRow, 'adjustedP'> {
  const a = { successes: level.harmful, n: level.n };
  const b = { successes: baseline.harmful, n: baseline.n };
  return {
    stratum,
    level: level.name,
    baseline: baseline.name,
    levelRate: groupRate(level.harmful, level.n),
    baselineRate: groupRate(baseline.harmful, baseline.n),
    ...newcombeDifference(a, b),
    method: 'independent',
    pValue: fisherExact(a, b).pValue,
  };
}

/** A paired comparison row (Newcombe paired interval, McNemar exact p); pairs are [baseline, level] outcomes. */
export function pairedRow(
  stratum: Record<string, string>,
  pairs: readonly (readonly [baseline: boolean, level: boolean])[],
  level: { name: string; harmful: number; n: number },
  baseline: { name: string; harmful: number; n: number },
): Omit<ComparisonRow, 'adjustedP'> {
  const paired = pairedComparison(pairs.map(([b, a]) => ({ a, b })));
  return {
    stratum,
    level: level.name,
    baseline: baseline.name,
    levelRate: groupRate(level.harmful, level.n),
    baselineRate: groupRate(baseline.harmful, baseline.n),
    difference: paired.difference,
    low: paired.low,
    high: paired.high,
    method: 'paired',
    pairs: paired.n,
    pValue: paired.pValue,
  };
}

/** Adds the Holm-adjusted p across all rows. */
export function adjustAll(rows: readonly Omit<ComparisonRow, 'adjustedP'>[]): ComparisonRow[] {
  const adjusted = holm(rows.map((r) => r.pValue));
  return rows.map((row, i) => ({ ...row, adjustedP: adjusted[i]! }));
}
