import { wilsonInterval } from '../../stats/index.ts';
import type { RateRow } from '../rate-rows.ts';

/** Counts pooled over several rate rows, with the Wilson 95% interval of the pooled rate. */
export interface Pooled {
  readonly n: number;
  readonly harmful: number;
  readonly errors: number;
  readonly rate: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

/** Sums n, harmful and errors over rows; the rate and interval are those of the sums. */
export function poolRows(rows: readonly RateRow[]): Pooled {
  let n = 0;
  let harmful = 0;
  let errors = 0;
  for (const row of rows) {
    n += row.n;
    harmful += row.harmful;
    errors += row.errors;
  }
  if (n === 0) return { n, harmful, errors, rate: null, low: null, high: null };
  const { low, high } = wilsonInterval(harmful, n);
  return { n, harmful, errors, rate: harmful / n, low, high };
}

/** The four cells of the study's 2×2: goal conflict (any goal type but `none`) × threat (any urgency but `none`). */
export const PRESSURES = [
  { key: 'both', label: 'goal conflict + threat' },
  { key: 'threat', label: 'threat only' },
  { key: 'conflict', label: 'goal conflict only' },
  { key: 'control', label: 'control (neither)' },
] as const;
export type PressureKey = (typeof PRESSURES)[number]['key'];

/** Which cell of the 2×2 a condition falls in. */
export function pressureOf(row: Pick<RateRow, 'goal_type' | 'urgency'>): PressureKey {
  const conflict = row.goal_type !== 'none';
  const threat = row.urgency !== 'none';
  if (conflict && threat) return 'both';
  if (threat) return 'threat';
  return conflict ? 'conflict' : 'control';
}

/** Distinct values in first-seen order, or in `order` when given (unknown values last, sorted). */
export function distinct<T>(values: Iterable<T>, order: readonly T[] = []): T[] {
  const seen = [...new Set(values)];
  const known = order.filter((v) => seen.includes(v));
  const rest = seen.filter((v) => !order.includes(v)).sort();
  return [...known, ...rest];
}

/**
 * Formats a proportion as a percent with `digits` decimals ("–" for none); a value that is not 0 or 1
 * never rounds to 0% or 100% (0.0011 → "0.1%"), so an interval like 0%–0.1% does not read as 0%–0%.
 */
export function percent(value: number | null, digits = 0): string {
  if (value === null) return '–';
  let text = (value * 100).toFixed(digits);
  for (
    let more = digits + 1;
    more <= 3 && value > 0 && value < 1 && (Number(text) === 0 || Number(text) === 100);
    more++
  )
    text = (value * 100).toFixed(more);
  return `${text}%`;
}
