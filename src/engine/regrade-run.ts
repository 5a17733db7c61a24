import { gradeWithJudges, type JudgeChoice, judgeModelsOf } from '../graders/index.ts';
import { renderScenario } from '../scenarios/index.ts';
import {
  type Condition,
  ConfigError,
  DEFAULT_CONCURRENCY,
  experimentSchema,
  type RenderedScenario,
} from '../spec/index.ts';
import type { SampleRecord, Store } from '../store/index.ts';
import { createCallSettings, createStopCheck, judgesThroughEngine, Spend } from './call-settings.ts';
import { emptyTally, storedCost } from './create-engine-model.ts';
import { expectedJudgingCost, type JudgedTranscript } from './estimate-run.ts';
import { forEachInPool } from './for-each-in-pool.ts';
import { type RetryPolicy, retryPolicyOf } from './retry-policy.ts';
import type { GradingProgress, StopReason } from './run-events.ts';

/** How a regrade went. */
export interface RegradeResult {
  readonly runId: string;
  /** Completed samples of the run: what a whole regrade grades. */
  readonly total: number;
  readonly regraded: number;
  readonly harmful: number;
  readonly graderErrors: number;
  /** Samples whose detector and judge panel disagree in the new version. */
  readonly disagreements: number;
  /** What the judges' calls cost, at the price table's rates (0 for a judge whose price is unknown). */
  readonly costUsd: number;
  /** Stopped before every sample was regraded: the rest keep their earlier verdicts. */
  readonly stopped: boolean;
  readonly stopReason?: StopReason;
}

/** One sample's new verdict, as it is stored. */
export interface RegradeProgress extends GradingProgress {
  readonly sampleId: string;
}

export interface RegradeOptions {
  readonly store: Store;
  readonly run: string;
  readonly judges: readonly JudgeChoice[];
  /**
   * Only the samples an earlier, stopped regrade did not reach: those whose newest verdict is older than the
   * run's newest. Use the same judges as that regrade.
   */
  readonly continue?: boolean;
  /** Judge requests in flight per provider; default: the run's own concurrency. */
  readonly concurrency?: number;
  /** Stops starting samples; samples being graded finish and are stored (the first Ctrl-C). */
  readonly signal?: AbortSignal;
  /** Aborts judges' calls in flight too; their samples keep their earlier verdicts (the second Ctrl-C). */
  readonly abortSignal?: AbortSignal;
  /** Stop starting samples once this many USD are spent or committed by samples being graded. */
  readonly maxCostUsd?: number;
  /** The per-call timeout and hedging; a judge's call is sent once, the judge asking again itself. */
  readonly retry?: Partial<RetryPolicy>;
  readonly onSample?: (progress: RegradeProgress) => void;
}

/**
 * Re-grades a run's stored transcripts without re-running the agent: each completed sample gets a new verdict
 * version (the earlier ones are kept). The scenario is re-rendered from the stored condition for its detection
 * context and emails. Judges' calls go through the engine as in a run: each provider's adaptive limiter (up to
 * `concurrency` requests in flight), timeout, hedging and price, so thousands of samples grade in parallel and the
 * spend is known and can be capped. Responses are not taken from the cache: a regrade asks again.
 * @example await regradeRun({ store, run: 'a1b2', judges: resolveJudges(['sim/judge:agree']) })
 */
export async function regradeRun(options: RegradeOptions): Promise<RegradeResult> {
  const { store } = options;
  const run = store.getRun(options.run);
  const runId = run.id;
  const concurrency = options.concurrency ?? concurrencyOf(run.spec);
  const { records, newest } = samplesToRegrade(store, runId, options.continue === true);
  if (newest !== undefined && records.length > 0) assertSameJudges(store, newest, options.judges);
  const render = renderCache();
  const { judgeSettingsFor } = createCallSettings({
    concurrency,
    retry: retryPolicyOf(options.retry),
    cache: undefined,
    promptCache: true,
    signal: options.abortSignal,
  });
  const judgeModels = judgeModelsOf(options.judges);
  // Twice as many samples as request slots, as in a run: a judge waiting out a 429 must not idle a slot.
  const pool = 2 * concurrency;
  // A budget's guess counts only until the first sample is judged, so it is made from the samples that start
  // before then (the first `pool`), not from every transcript of the run read twice.
  const spend = new Spend(
    options.maxCostUsd === undefined
      ? 0
      : expectedJudgingCost(judgedTranscripts(store, records.slice(0, pool), render), judgeModels),
  );
  const counts = { regraded: 0, harmful: 0, graderErrors: 0, disagreements: 0, skipped: 0 };
  const { shouldStop, reason: stopReason } = createStopCheck(options, spend);

  const regradeOne = async (record: SampleRecord): Promise<void> => {
    const sample = store.getSample(record.id);
    if (sample?.trajectory == null) {
      counts.skipped++;
      return;
    }
    const rendered = render(sample.condition, sample.trajectory.mode);
    const tally = emptyTally();
    const settle = spend.track(() => tally.costUsd);
    const judges = judgesThroughEngine(options.judges, judgeSettingsFor, record, tally);
    // gradeWithJudges never throws: a broken detector or judge yields grader_error, never not harmful.
    const verdict = await gradeWithJudges({
      harm: rendered.context.harm,
      actions: sample.actions,
      context: rendered.context,
      emails: rendered.emails,
      messages: sample.trajectory.messages,
      judges,
    });
    // The abort cut the judges' calls short: their errors are the abort's, so the earlier verdict stays.
    if (options.abortSignal?.aborted === true) {
      settle();
      return;
    }
    store.addVerdicts(sample.id, [verdict], storedCost(tally));
    settle();
    counts.regraded++;
    if (verdict.value === 'harmful') counts.harmful++;
    if (verdict.value === 'grader_error') counts.graderErrors++;
    if (verdict.disagreement === true) counts.disagreements++;
    options.onSample?.({
      sampleId: sample.id,
      value: verdict.value,
      done: counts.regraded,
      total: records.length,
      costUsd: spend.spent,
    });
  };

  await forEachInPool(records, pool, regradeOne, shouldStop);

  const { regraded, harmful, graderErrors, disagreements, skipped } = counts;
  const stopped = regraded + skipped < records.length;
  return {
    runId,
    total: records.length,
    regraded,
    harmful,
    graderErrors,
    disagreements,
    costUsd: spend.spent,
    stopped,
    ...(stopped ? { stopReason: stopReason() ?? 'signal' } : {}),
  };
}

/**
 * What a regrade would give its judges to read, for `--dry-run`: each sample's harm and the characters of the
 * agent's output in its stored transcript (text, reasoning, tool calls). Reads the store, calls nothing.
 * @example estimateJudging(regradeTranscripts(store, 'a1b2'), ['openai/gpt-4.1'])
 */
export function regradeTranscripts(
  store: Store,
  run: string,
  options: { readonly continue?: boolean } = {},
): JudgedTranscript[] {
  const runId = store.getRun(run).id;
  return judgedTranscripts(
    store,
    samplesToRegrade(store, runId, options.continue === true).records,
    renderCache(),
  );
}

function judgedTranscripts(
  store: Store,
  records: readonly SampleRecord[],
  render: ReturnType<typeof renderCache>,
): JudgedTranscript[] {
  const transcripts: JudgedTranscript[] = [];
  for (const record of records) {
    const sample = store.getSample(record.id);
    if (sample?.trajectory == null) continue;
    let chars = 0;
    for (const message of sample.trajectory.messages) {
      if (message.role !== 'assistant') continue;
      chars += message.content.length + (message.reasoning?.length ?? 0);
      for (const call of message.toolCalls ?? []) chars += JSON.stringify(call.arguments).length;
    }
    transcripts.push({ harm: render(sample.condition, sample.trajectory.mode).context.harm, chars });
  }
  return transcripts;
}

/**
 * The completed samples a regrade grades: all of them, or with `continue` those a stopped regrade did not reach
 * (their newest verdict version is below the run's newest), with one sample that did reach it.
 */
function samplesToRegrade(
  store: Store,
  runId: string,
  continuing: boolean,
): { records: SampleRecord[]; newest?: { version: number; sampleId: string } } {
  const completed = store.samplesOf(runId, { status: 'completed' });
  if (!continuing) return { records: completed };
  const versions = store.verdictVersions(runId);
  let newest: { version: number; sampleId: string } | undefined;
  for (const [sampleId, version] of versions)
    if (version > (newest?.version ?? 0)) newest = { version, sampleId };
  if (newest === undefined) return { records: [] };
  const { version } = newest;
  return { records: completed.filter((record) => (versions.get(record.id) ?? 0) < version), newest };
}

/** Renders each condition once (for its detection context and emails). */
function renderCache(): (condition: Condition, mode: 'inbox' | 'tools') => RenderedScenario {
  const renders = new Map<string, RenderedScenario>();
  return (condition, mode) => {
    const key = `${mode}:${JSON.stringify(condition)}`;
    let rendered = renders.get(key);
    if (rendered === undefined) {
      rendered = renderScenario(condition, { mode });
      renders.set(key, rendered);
    }
    return rendered;
  };
}

/** The concurrency the run was made with, or the default for a spec that has none. */
function concurrencyOf(spec: unknown): number {
  const parsed = experimentSchema.shape.concurrency.safeParse(
    (spec as { concurrency?: unknown } | null)?.concurrency,
  );
  return parsed.success ? parsed.data : DEFAULT_CONCURRENCY;
}

/**
 * A continued regrade must ask the judges the stopped one asked, or its newest version would mix two panels.
 * Compares the judges that ran in a sample at the newest version with those given that can run.
 */
function assertSameJudges(
  store: Store,
  newest: { version: number; sampleId: string },
  judges: readonly JudgeChoice[],
): void {
  const latest = store.getSample(newest.sampleId)?.verdicts.filter((v) => v.version === newest.version) ?? [];
  const before = new Set(
    latest.flatMap(({ verdict }) =>
      verdict.judge.status === 'run' ? verdict.judge.judges.map((j) => String(j.grader.args.model)) : [],
    ),
  );
  const now = new Set(judges.filter((j) => j.model !== undefined).map((j) => j.id));
  if (before.size === now.size && [...now].every((id) => before.has(id))) return;
  const names = (ids: ReadonlySet<string>) => (ids.size === 0 ? 'none' : [...ids].sort().join(', '));
  throw new ConfigError(
    'invalid-input',
    `--continue: verdict version ${newest.version} was graded by judges ${names(before)}; ` +
      `pass the same --judge (now: ${names(now)}), or regrade without --continue for a new version`,
  );
}
