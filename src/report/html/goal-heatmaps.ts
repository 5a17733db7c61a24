import { GOAL_TYPES, GOAL_VALUES, URGENCIES } from '../../spec/condition.ts';
import type { RateRow } from '../rate-rows.ts';
import { distinct, type Pooled, poolRows } from './pool-rows.ts';

/** A goal × urgency grid of one model in one scenario under one mitigation. */
export interface Heatmap {
  readonly model: string;
  readonly scenario: string;
  readonly mitigation: string;
  readonly goals: readonly string[];
  readonly urgencies: readonly string[];
  /** cells[goal][urgency], pooled over scratchpad and notice settings. */
  readonly cells: ReadonlyMap<string, ReadonlyMap<string, Pooled>>;
}

const goalLabel = (r: Pick<RateRow, 'goal_type' | 'goal_value'>) =>
  r.goal_value === 'none' ? r.goal_type : `${r.goal_type}-${r.goal_value}`;

/** One goal × threat grid per scenario, model and mitigation, in the study's order of goals and threats. */
export function goalHeatmaps(
  rows: readonly RateRow[],
  models: readonly string[],
  scenarios: readonly string[],
  mitigations: readonly string[],
): Heatmap[] {
  const maps: Heatmap[] = [];
  // The study's order: goal types as GOAL_TYPES lists them, each with its values in pair order.
  const goalOrder = GOAL_TYPES.flatMap((type) =>
    ['none', ...GOAL_VALUES].map((value) => goalLabel({ goal_type: type, goal_value: value })),
  );
  for (const scenario of scenarios)
    for (const model of models)
      for (const mitigation of mitigations) {
        const own = rows.filter(
          (r) => r.scenario === scenario && r.model === model && r.mitigation === mitigation,
        );
        if (own.length === 0) continue;
        const goals = distinct(own.map(goalLabel), goalOrder);
        const urgencies = distinct(
          own.map((r) => r.urgency),
          URGENCIES,
        );
        const cells = new Map(
          goals.map((g) => [
            g,
            new Map(
              urgencies.map((u) => [u, poolRows(own.filter((r) => goalLabel(r) === g && r.urgency === u))]),
            ),
          ]),
        );
        maps.push({ model, scenario, mitigation, goals, urgencies, cells });
      }
  return maps;
}
