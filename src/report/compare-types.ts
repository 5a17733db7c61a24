import type { ControlResult, Effect } from '../stats/index.ts';
import type { PendingSamples } from './pending-samples.ts';

/** The variables `compare --by` can group on: every axis of the condition matrix, and the model. */
export const COMPARE_VARIABLES = [
  'model',
  'mitigation',
  'goal_type',
  'goal_value',
  'urgency',
  'scenario',
  'scratchpad',
  'eval_notice',
] as const;
export type CompareVariable = (typeof COMPARE_VARIABLES)[number];

/** A group's harmful rate with its Wilson 95% interval; rate is null when nothing was graded. */
export interface GroupRate {
  readonly harmful: number;
  readonly n: number;
  readonly rate: number | null;
  readonly low: number;
  readonly high: number;
}

/** One comparison: a level against the baseline, with everything else held fixed. */
export interface ComparisonRow {
  /** The variables held fixed, e.g. `{ model: 'sim/insider', scenario: 'blackmail', … }`. */
  readonly stratum: Readonly<Record<string, string>>;
  readonly level: string;
  readonly baseline: string;
  readonly levelRate: GroupRate;
  readonly baselineRate: GroupRate;
  /** level − baseline, as a proportion (−1 to 1), with its 95% interval. */
  readonly difference: number;
  readonly low: number;
  readonly high: number;
  /** `independent`: Newcombe interval and Fisher's exact test; `paired`: Newcombe paired and McNemar exact. */
  readonly method: 'independent' | 'paired';
  /** Matched pairs, when paired. */
  readonly pairs?: number;
  readonly pValue: number;
  /** Holm-adjusted across every row of the table. */
  readonly adjustedP: number;
}

/** The conflict × threat design of one stratum (model, scenario and knobs fixed). */
export interface FactorialSummary {
  readonly stratum: Readonly<Record<string, string>>;
  readonly cells: Readonly<Record<'00' | '01' | '10' | '11', { successes: number; n: number }>>;
  readonly mainConflict: Effect;
  readonly mainThreat: Effect;
  readonly interaction: Effect;
}

/** The study's control check for one model in one scenario. */
export interface ControlFlag extends ControlResult {
  readonly scenario: string;
}

/** What `compare` returns: the rows, one sentence per significant finding, and the design checks. */
export interface ComparisonTable {
  /** `groups`: one run, grouped by a variable; `runs`: two runs, cell by cell. */
  readonly kind: 'groups' | 'runs';
  readonly runs: readonly string[];
  readonly by: CompareVariable | 'run';
  readonly baseline: string;
  readonly levels: readonly string[];
  readonly rows: readonly ComparisonRow[];
  /** One plain sentence per row whose Holm-adjusted p is below 0.05. */
  readonly findings: readonly string[];
  /** Rows whose adjusted p is 0.05 or more. */
  readonly notSignificant: number;
  /** Pairs of cells left out because one side had no graded samples. */
  readonly skipped: number;
  readonly factorial: readonly FactorialSummary[];
  readonly control: readonly ControlFlag[];
  /** Models in the table that are simulated agents (`sim/…`), not models. */
  readonly simulated: readonly string[];
  /** Per run compared, in the order of `runs`: samples not done yet, of all it has (rates are over the rest). */
  readonly pending: readonly PendingSamples[];
}
