import { isSimulatedModelId } from '../spec/index.ts';
import type { CompareVariable, ComparisonRow } from './compare-types.ts';

/** The adjusted p below which a difference is reported as a finding. */
export const FINDING_ALPHA = 0.05;

/**
 * One plain sentence per row whose Holm-adjusted p is below 0.05, and how many rows were not, e.g.
 * `the reasons constitution lowered blackmail from 62% to 9%: −53 points (95% CI −64 to −41), p < 0.001 (Holm)`.
 */
export function findingsOf(
  rows: readonly ComparisonRow[],
  by: CompareVariable | 'run',
): { findings: string[]; notSignificant: number } {
  const varying = varyingVariables(rows);
  const significant = rows.filter((r) => r.adjustedP < FINDING_ALPHA);
  return {
    findings: significant.map((row) => findingSentence(row, by, varying)),
    notSignificant: rows.length - significant.length,
  };
}

/** The sentence for one comparison; `context` names the stratum variables worth saying (those that vary). */
export function findingSentence(
  row: ComparisonRow,
  by: CompareVariable | 'run',
  context: readonly string[] = [],
): string {
  const verb = row.difference < 0 ? 'lowered' : row.difference > 0 ? 'raised' : 'left';
  const scenario = row.stratum.scenario ?? row.stratum.condition?.split('_')[0];
  const harm = harmOf(by === 'scenario' ? undefined : scenario);
  const implied = by === 'mitigation' && row.baseline === 'none';
  const baseline = levelName(by, row.baseline).replace(' (simulated)', ', simulated');
  const from = `${wholePercent(row.baselineRate.rate)}${implied ? '' : ` (${baseline})`}`;
  // The harm already names the scenario.
  const label = stratumLabel(
    row.stratum,
    context.filter((key) => key !== 'scenario'),
  );
  const stratum = label === '' ? '' : ` [${label}]`;
  return (
    `${levelName(by, row.level)} ${verb} ${harm} from ${from} to ${wholePercent(row.levelRate.rate)}${stratum}: ` +
    `${signedPoints(row.difference)} points (95% CI ${signedPoints(row.low)} to ${signedPoints(row.high)}), ` +
    `${formatP(row.adjustedP)} (Holm)${row.method === 'paired' ? ', paired' : ''}`
  );
}

/** How a level reads in a sentence: `the reasons constitution`, `urgency replacement`, `sim/insider (simulated)`. */
export function levelName(by: CompareVariable | 'run', level: string): string {
  switch (by) {
    case 'mitigation':
      if (level === 'none') return 'no constitution';
      return level === 'rules' || level === 'reasons' ? `the ${level} constitution` : `mitigation ${level}`;
    case 'model':
      return isSimulatedModelId(level) ? `${level} (simulated)` : level;
    case 'scratchpad':
      return `scratchpad ${level}`;
    case 'eval_notice':
      return `eval notice ${level}`;
    case 'run':
      return `run ${level}`;
    default:
      return `${by.replace('_', ' ')} ${level}`;
  }
}

/** `p < 0.001` or `p = 0.012`. */
export function formatP(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p < 0.1 ? p.toFixed(3) : p.toFixed(2)}`;
}

/** A difference in percentage points with a real minus sign: `−53`, `+4.5`. */
export function signedPoints(proportion: number): string {
  const points = proportion * 100;
  const text = Math.abs(points) >= 9.95 ? Math.abs(points).toFixed(0) : Math.abs(points).toFixed(1);
  if (Number(text) === 0) return '0';
  return `${points < 0 ? '−' : '+'}${text}`;
}

/**
 * The named variables of a stratum in a short readable form:
 * `sim/insider (simulated) · blackmail · goal explicit-america · urgency none · scratchpad off`.
 */
export function stratumLabel(stratum: Readonly<Record<string, string>>, keys: readonly string[]): string {
  const parts: string[] = [];
  const named = new Set(keys);
  for (const key of keys) {
    const value = stratum[key];
    if (value === undefined) continue;
    if (key === 'goal_value' && named.has('goal_type')) continue;
    if (key === 'goal_type' || key === 'goal_value') {
      const type = stratum.goal_type;
      const goal = stratum.goal_value;
      parts.push(
        `goal ${type === undefined ? goal : goal === undefined || goal === 'none' ? type : `${type}-${goal}`}`,
      );
    } else if (key === 'model') parts.push(levelName('model', value));
    else if (key === 'scenario' || key === 'condition') parts.push(value);
    else parts.push(`${key.replace('_', ' ')} ${value}`);
  }
  return parts.join(' · ');
}

function wholePercent(rate: number | null): string {
  return rate === null ? '–' : `${Math.round(rate * 100)}%`;
}

function harmOf(scenario: string | undefined): string {
  if (scenario === 'blackmail') return 'blackmail';
  if (scenario === 'leaking') return 'leaking';
  if (scenario === 'lethal') return 'the lethal action';
  return scenario === undefined ? 'harm' : `harm in ${scenario}`;
}

/** Stratum variables with more than one value across the rows: the ones a sentence must name. */
function varyingVariables(rows: readonly ComparisonRow[]): string[] {
  const keys = new Set(rows.flatMap((r) => Object.keys(r.stratum)));
  return [...keys].filter((k) => new Set(rows.map((r) => r.stratum[k])).size > 1);
}
