import { kappaOfTable, panelAgreement, type TwoByTwo, twoByTwo } from '../graders/index.ts';
import { conditionId, type ReasoningTag, type Verdict } from '../spec/index.ts';
import { wilsonInterval } from '../stats/index.ts';
import type { SampleDetail, Store } from '../store/index.ts';

/** Which value of a verdict a rate counts: the final one, the judge panel's, or the study's definition. */
export type RateMode = 'final' | 'judge' | 'study';

/** A rate row computed from stored verdicts. `not_run` counts samples where the chosen grader did not run. */
export interface VerdictRateRow {
  readonly model: string;
  readonly condition: string;
  readonly n: number;
  readonly harmful: number;
  readonly errors: number;
  readonly not_run: number;
  readonly rate: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
}

/** A 2×2 agreement table between two binary graders, over the samples both decided. */
export interface Agreement {
  readonly table: TwoByTwo;
  readonly n: number;
  readonly kappa: number | null;
}

/** A completed sample with its verdict versions (one harm per sample), oldest first. */
interface Graded {
  readonly sample: SampleDetail;
  readonly versions: readonly Verdict[];
}

function gradedSamples(store: Store, runId: string): Graded[] {
  return store
    .samplesOf(runId, { status: 'completed' })
    .map((record) => store.getSample(record.id))
    .filter((s): s is SampleDetail => s !== undefined)
    .map((sample) => ({ sample, versions: sample.verdicts.map((v) => v.verdict) }));
}

function modeValue(verdict: Verdict | undefined, mode: RateMode): string {
  if (verdict === undefined) return 'grader_error';
  if (mode === 'final') return verdict.value;
  if (mode === 'study') return verdict.study?.value ?? 'not_run';
  return verdict.judge.status === 'run' ? verdict.judge.value : 'not_run';
}

/**
 * Rates per model × condition from the latest verdicts, by `mode`, optionally only over samples carrying a
 * reasoning tag. Grader errors and "not run" are counted apart, never as not harmful.
 */
export function verdictRateRows(
  store: Store,
  runId: string,
  options: { readonly mode?: RateMode; readonly tag?: ReasoningTag } = {},
): VerdictRateRow[] {
  const mode = options.mode ?? 'final';
  const rows = new Map<
    string,
    { model: string; condition: string; n: number; harmful: number; errors: number; not_run: number }
  >();
  for (const { sample, versions } of gradedSamples(store, runId)) {
    const latest = versions.at(-1);
    if (options.tag !== undefined && !(latest?.reasoning?.tags ?? []).includes(options.tag)) continue;
    const condition = conditionId(sample.condition);
    const key = `${sample.model}\u0000${condition}`;
    const row = rows.get(key) ?? { model: sample.model, condition, n: 0, harmful: 0, errors: 0, not_run: 0 };
    const value = modeValue(latest, mode);
    if (value === 'harmful' || value === 'not_harmful') row.n++;
    if (value === 'harmful') row.harmful++;
    if (value === 'grader_error') row.errors++;
    if (value === 'not_run') row.not_run++;
    rows.set(key, row);
  }
  return [...rows.values()]
    .sort((a, b) => (a.model + a.condition < b.model + b.condition ? -1 : 1))
    .map((row) => {
      if (row.n === 0) return { ...row, rate: null, ci_low: null, ci_high: null };
      const { low, high } = wilsonInterval(row.harmful, row.n);
      return { ...row, rate: row.harmful / row.n, ci_low: low, ci_high: high };
    });
}

/** How the graders of a run's latest verdicts agree, and what the agents were thinking. */
export interface VerdictSummary {
  /** Detector (first) × judge panel (second), over samples where both decided. */
  readonly detectorVsJudge: Agreement;
  /** Samples flagged for review: detector and judge panel disagree. */
  readonly disagreements: number;
  /** Latest verdicts the judge panel ran on, whatever it answered. */
  readonly judged: number;
  /** Of those, the ones where the panel failed to decide (`grader_error`): left out of `detectorVsJudge`. */
  readonly judgeErrors: number;
  /** Among the judges of a panel: Cohen's kappa for two, Fleiss' for three or more. */
  readonly judges: {
    readonly ids: readonly string[];
    readonly statistic: string;
    readonly kappa: number | null;
    readonly items: number;
  };
  readonly tags: Readonly<Partial<Record<ReasoningTag, number>>>;
  /** Latest version against the one before it (judge panel values), when a sample was regraded. */
  readonly versions:
    | {
        readonly from: number;
        readonly to: number;
        readonly judge: Agreement;
        readonly final: Agreement;
        /** Completed samples without version `to` yet: a regrade that stopped before them. */
        readonly behind: number;
      }
    | undefined;
}

/** Agreement and reasoning tags over a run's latest verdicts, plus the last two versions compared. */
export function summarizeVerdicts(store: Store, runId: string): VerdictSummary {
  const graded = gradedSamples(store, runId);
  const pairs: [boolean, boolean][] = [];
  const tags: Partial<Record<ReasoningTag, number>> = {};
  const judgeRows: (boolean | undefined)[][] = [];
  let ids: string[] = [];
  let disagreements = 0;
  let judged = 0;
  let judgeErrors = 0;
  const judgeVersions: [boolean, boolean][] = [];
  const finalVersions: [boolean, boolean][] = [];
  // The run's newest version against the one before it, over the samples that have both: a stopped regrade
  // leaves some samples a version behind, and they are counted apart rather than compared across versions.
  let to = 0;
  for (const { versions } of graded) to = Math.max(to, versions.length);
  const from = to - 1;
  let behind = 0;
  for (const { versions } of graded) {
    const latest = versions.at(-1);
    if (latest === undefined) continue;
    if (latest.disagreement === true) disagreements++;
    for (const tag of latest.reasoning?.tags ?? []) tags[tag] = (tags[tag] ?? 0) + 1;
    const panel = latest.judge;
    if (panel.status === 'run') {
      judged++;
      if (panel.value === 'grader_error') judgeErrors++;
      if (latest.value !== 'grader_error' && panel.value !== 'grader_error')
        pairs.push([latest.detector.harmful, panel.value === 'harmful']);
      ids = panel.judges.map((j) => String(j.grader.args.model));
      judgeRows.push(panel.judges.map((j) => (j.status === 'ok' ? j.decision === 'yes' : undefined)));
    }
    if (versions.length < to) behind++;
    const previous = versions.length === to ? versions.at(-2) : undefined;
    if (previous !== undefined) {
      const a = modeValue(previous, 'judge');
      const b = modeValue(latest, 'judge');
      if (decided(a) && decided(b)) judgeVersions.push([a === 'harmful', b === 'harmful']);
      if (decided(previous.value) && decided(latest.value))
        finalVersions.push([previous.value === 'harmful', latest.value === 'harmful']);
    }
  }
  const sameWidth = judgeRows.filter((r) => r.length === ids.length);
  const agreementOf = (list: [boolean, boolean][]): Agreement => {
    const table = twoByTwo(
      list.map((p) => p[0]),
      list.map((p) => p[1]),
    );
    return { table, n: list.length, kappa: kappaOfTable(table) };
  };
  const judges = panelAgreement(sameWidth);
  return {
    detectorVsJudge: agreementOf(pairs),
    disagreements,
    judged,
    judgeErrors,
    judges: { ids, statistic: judges.statistic, kappa: judges.kappa, items: judges.items },
    tags,
    versions:
      to < 2
        ? undefined
        : { from, to, judge: agreementOf(judgeVersions), final: agreementOf(finalVersions), behind },
  };
}

function decided(value: string): boolean {
  return value === 'harmful' || value === 'not_harmful';
}
