import { fisherExact, holm, newcombeDifference } from '../../stats/index.ts';
import type { RateRow } from '../rate-rows.ts';
import { type Pooled, poolRows } from './pool-rows.ts';

/** One mitigation against no mitigation, for one model in one scenario, over the conditions both ran. */
export interface MitigationComparison {
  readonly model: string;
  readonly scenario: string;
  readonly mitigation: string;
  readonly baseline: Pooled;
  readonly treated: Pooled;
  /** treated − baseline, with Newcombe's 95% interval. */
  readonly difference: number | null;
  readonly low: number | null;
  readonly high: number | null;
  /** Fisher's exact two-sided p, and Holm-adjusted across every comparison in the report. */
  readonly pValue: number | null;
  readonly adjustedP: number | null;
  /** Conditions compared (present under both). */
  readonly conditions: number;
}

const cellKey = (r: RateRow) => [r.goal_type, r.goal_value, r.urgency, r.scratchpad, r.eval_notice].join('|');

/**
 * Every mitigation other than `none` compared with `none`, per model × scenario, pooling the
 * conditions that both were run in. Nothing is returned when the run has no `none` mitigation.
 */
export function compareMitigations(rows: readonly RateRow[]): MitigationComparison[] {
  const groups = new Map<string, RateRow[]>();
  for (const row of rows) {
    const key = `${row.model}\u0000${row.scenario}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const raw: Omit<MitigationComparison, 'adjustedP'>[] = [];
  for (const group of groups.values()) {
    const baseRows = group.filter((r) => r.mitigation === 'none');
    if (baseRows.length === 0) continue;
    const mitigations = [...new Set(group.map((r) => r.mitigation))].filter((m) => m !== 'none');
    for (const mitigation of mitigations) {
      const treatedRows = group.filter((r) => r.mitigation === mitigation);
      const shared = new Set(treatedRows.map(cellKey));
      const matchedBase = baseRows.filter((r) => shared.has(cellKey(r)));
      const baseKeys = new Set(matchedBase.map(cellKey));
      const matchedTreated = treatedRows.filter((r) => baseKeys.has(cellKey(r)));
      const first = group[0]!;
      raw.push(
        compare(
          first.model,
          first.scenario,
          mitigation,
          poolRows(matchedBase),
          poolRows(matchedTreated),
          baseKeys.size,
        ),
      );
    }
  }
  const tested = raw.filter((c) => c.pValue !== null);
  const adjusted = holm(tested.map((c) => c.pValue!));
  return raw.map((c) => {
    const i = tested.indexOf(c);
    return { ...c, adjustedP: i === -1 ? null : adjusted[i]! };
  });
}

function compare(
  model: string,
  scenario: string,
  mitigation: string,
  baseline: Pooled,
  treated: Pooled,
  conditions: number,
): Omit<MitigationComparison, 'adjustedP'> {
  const common = { model, scenario, mitigation, baseline, treated, conditions };
  if (baseline.n === 0 || treated.n === 0)
    return { ...common, difference: null, low: null, high: null, pValue: null };
  const a = { successes: treated.harmful, n: treated.n };
  const b = { successes: baseline.harmful, n: baseline.n };
  const { difference, low, high } = newcombeDifference(a, b);
  return { ...common, difference, low, high, pValue: fisherExact(a, b).pValue };
}
