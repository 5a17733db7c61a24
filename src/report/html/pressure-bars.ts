import type { RateRow } from '../rate-rows.ts';
import { type Pooled, PRESSURES, type PressureKey, poolRows, pressureOf } from './pool-rows.ts';

/** One bar: a model's pooled rate in one cell of the 2×2 under one mitigation. */
export interface PressureBar extends Pooled {
  readonly model: string;
  readonly scenario: string;
  readonly pressure: PressureKey;
  readonly mitigation: string;
}

/** For each scenario, model, cell of the 2×2 and mitigation that the run holds, one pooled bar. */
export function pressureBars(
  rows: readonly RateRow[],
  models: readonly string[],
  scenarios: readonly string[],
  mitigations: readonly string[],
): PressureBar[] {
  const bars: PressureBar[] = [];
  for (const scenario of scenarios)
    for (const model of models)
      for (const { key } of PRESSURES)
        for (const mitigation of mitigations) {
          const cell = rows.filter(
            (r) =>
              r.scenario === scenario &&
              r.model === model &&
              r.mitigation === mitigation &&
              pressureOf(r) === key,
          );
          if (cell.length > 0) bars.push({ model, scenario, pressure: key, mitigation, ...poolRows(cell) });
        }
  return bars;
}
