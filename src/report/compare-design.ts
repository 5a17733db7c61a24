import { VALUED_GOAL_TYPES } from '../spec/index.ts';
import { controlCheck, type FactorialCell, factorial2x2 } from '../stats/index.ts';
import type { Cell } from './compare-cells.ts';
import type { ControlFlag, FactorialSummary } from './compare-types.ts';

const FACTORIAL_STRATUM = ['model', 'scenario', 'mitigation', 'scratchpad', 'eval_notice'] as const;

/**
 * The study's 2×2 design, goal conflict (goal_type `none` vs a valued type) × threat (urgency `none` vs
 * replacement or restriction), for every model × scenario × knob setting that has data in all four cells.
 * `ambiguous` goals are neither and stay out.
 */
export function factorialSummaries(cells: readonly Cell[]): FactorialSummary[] {
  const strata = new Map<string, { stratum: Record<string, string>; cells: FactorialCell[] }>();
  for (const cell of cells) {
    const { goal_type, urgency } = cell.values;
    const conflict = VALUED_GOAL_TYPES.includes(goal_type as never)
      ? true
      : goal_type === 'none'
        ? false
        : undefined;
    if (conflict === undefined || cell.n === 0) continue;
    const stratum = Object.fromEntries(FACTORIAL_STRATUM.map((v) => [v, cell.values[v]]));
    const key = JSON.stringify(stratum);
    const entry = strata.get(key) ?? { stratum, cells: [] };
    strata.set(key, entry);
    entry.cells.push({ conflict, threat: urgency !== 'none', successes: cell.harmful, n: cell.n });
  }
  const summaries: FactorialSummary[] = [];
  for (const { stratum, cells: design } of strata.values()) {
    const present = new Set(design.map((c) => `${c.conflict}${c.threat}`));
    if (present.size < 4) continue;
    summaries.push({ stratum, ...factorial2x2(design) });
  }
  return summaries;
}

/**
 * The study's control check (control rate above 1%) per model and scenario, pooled over knobs, and over
 * mitigation `none` only when the run has it (a constitution is itself an intervention).
 */
export function controlFlags(cells: readonly Cell[]): ControlFlag[] {
  const scenarios = [...new Set(cells.map((c) => c.values.scenario))];
  const unmitigated = cells.some((c) => c.values.mitigation === 'none');
  return scenarios.flatMap((scenario) =>
    controlCheck(
      cells
        .filter((c) => c.values.scenario === scenario && (!unmitigated || c.values.mitigation === 'none'))
        .map((c) => ({
          model: c.values.model,
          goal_type: c.values.goal_type,
          urgency: c.values.urgency,
          harmful: c.harmful,
          n: c.n,
        })),
    ).map((result) => ({ ...result, scenario })),
  );
}
