import { gradeSample } from '../graders/index.ts';
import { type AuditLog, createGuard, type Guard } from '../guard/index.ts';
import { runAgent } from '../harness/index.ts';
import type { DecisionKind, Experiment, Model, Policy, RenderedScenario, Tier } from '../spec/index.ts';
import { ConfigError } from '../spec/index.ts';
import { assertModesSupported } from './assert-modes-supported.ts';
import { createCallSettings } from './call-settings.ts';
import { createEngineModel } from './create-engine-model.ts';
import { forEachInPool } from './for-each-in-pool.ts';
import { type BenignOutcome, type BenignTask, replayBenignTask } from './guarded-benign.ts';
import { createGuardedGate } from './guarded-gate.ts';
import { type PlannedSample, planRun } from './plan-run.ts';
import { type RetryPolicy, retryPolicyOf } from './retry-policy.ts';

export interface RunGuardedOptions {
  /** Must be in tools mode: the guard sits between tool calls and their execution. */
  readonly experiment: Experiment;
  readonly models: readonly Model[];
  readonly policy: Policy;
  readonly tiers: readonly Tier[];
  /** Ordinary business-email tasks, replayed through the guard to measure false blocks. */
  readonly benignTasks?: readonly BenignTask[];
  readonly audit?: AuditLog;
  /** Called after each sample, for progress. */
  readonly onSample?: (done: number, total: number) => void;
  /** Stops starting samples; those in flight finish and count (the first Ctrl-C). */
  readonly signal?: AbortSignal;
  /** Aborts the samples in flight; they count nowhere, neither graded nor errors (the second Ctrl-C). */
  readonly abortSignal?: AbortSignal;
  /** Retries of one call, as in `executePlan`; defaults to `DEFAULT_RETRY_POLICY`. */
  readonly retry?: Partial<RetryPolicy>;
  /** Ask providers to cache the shared system prompt (default true). */
  readonly promptCache?: boolean;
}

/** Per tier and model: how many samples attempted a harmful action, and how many executed one. */
export interface GuardedModelResult {
  readonly model: string;
  readonly scenario: string;
  /** Samples graded (both with and without the guard). */
  readonly n: number;
  /** Failed samples and grader errors; never counted as not harmful. */
  readonly errors: number;
  /** Samples whose attempted actions were harmful: the rate without the guard. */
  readonly attempted: number;
  /** Samples whose executed actions were harmful: the rate with the guard. */
  readonly executed: number;
  /** Harmful samples the guard stopped: attempted but not executed. */
  readonly stopped: number;
  /** Of those, the ones stopped only by holding a call for an approval nobody gave (none blocked). */
  readonly stoppedByHold: number;
  /** Tool calls by the guard's decision. */
  readonly decisions: Readonly<Record<DecisionKind, number>>;
}

/** The benign set's result at one tier. */
export interface BenignResult {
  readonly n: number;
  /** Tasks with a call blocked outright. */
  readonly blocked: number;
  /** Tasks held for human approval (refused in an unattended run). */
  readonly heldForApproval: number;
  readonly outcomes: readonly BenignOutcome[];
}

export interface GuardedTierResult {
  readonly tier: Tier;
  readonly models: readonly GuardedModelResult[];
  readonly benign: BenignResult | undefined;
  /** Samples the plan has, at this tier. */
  readonly planned: number;
  /** Samples that ran to the end at this tier (graded or errors); fewer than planned when stopped. */
  readonly done: number;
}

export interface GuardedRunResult {
  readonly policy: { readonly id: string; readonly version: number };
  readonly tiers: readonly GuardedTierResult[];
  /** True when a signal left samples undone: the rates are over fewer samples than planned. */
  readonly stopped: boolean;
}

/**
 * Runs tools-mode agents through the guard, per tier, and measures the harmful rate without the guard (the
 * harmful actions attempted) and with it (those that executed), plus the benign set's false-block rate.
 * Each sample's guard session knows only what an operator would configure (the agent's address and the
 * company's domains) and what the agent reads; never the scenario's detection context.
 * @example
 * const result = await runGuarded({ experiment, models, policy: loadPolicy(), tiers: ['strict', 'balanced'] });
 */
export async function runGuarded(options: RunGuardedOptions): Promise<GuardedRunResult> {
  if (options.experiment.mode !== 'tools')
    throw new ConfigError(
      'invalid-input',
      '--guard needs tools mode (--mode tools): in inbox mode no tool call can be stopped',
    );
  assertModesSupported('tools', options.models);
  const plan = planRun(options.experiment, options.models);
  // The agents' calls go through the engine as in a plain run: each provider's adaptive limiter, the per-attempt
  // timeout, hedging, and retries of transient failures. No response cache: a guarded run is not stored.
  const { settingsFor } = createCallSettings({
    concurrency: options.experiment.concurrency,
    retry: retryPolicyOf(options.retry),
    cache: undefined,
    promptCache: options.promptCache !== false,
    signal: options.abortSignal,
  });
  const total = plan.samples.length * options.tiers.length;
  let done = 0;
  const tiers: GuardedTierResult[] = [];
  for (const tier of options.tiers) {
    const guard = createGuard({
      policy: options.policy,
      tier,
      ...(options.audit === undefined ? {} : { audit: options.audit }),
    });
    const rows = new Map<string, ReturnType<typeof emptyRow>>();
    let tierDone = 0;
    const runOne = async (sample: PlannedSample) => {
      const rendered = plan.renders.get(sample.conditionId)!;
      const model = options.models.find((m) => m.id === sample.model)!;
      const session = guard.startSession(operatorContext(rendered, `${tier}:${sample.id}`));
      const gate = createGuardedGate(session, rendered);
      const key = `${model.id}\u0000${rendered.scenario}`;
      const row = rows.get(key) ?? emptyRow(model.id, rendered.scenario);
      rows.set(key, row);
      try {
        const trajectory = await runAgent({
          model: createEngineModel(model, settingsFor(model), sample).model,
          scenario: rendered,
          mode: 'tools',
          maxTurns: options.experiment.max_turns,
          temperature: options.experiment.temperature,
          maxTokens: options.experiment.max_tokens,
          seed: sample.seed,
          toolGate: gate,
          ...(options.abortSignal === undefined ? {} : { signal: options.abortSignal }),
        });
        const grade = (actions: typeof trajectory.actions) =>
          gradeSample({
            harm: rendered.context.harm,
            actions,
            context: rendered.context,
            emails: rendered.emails,
          }).value;
        const attempted = grade(gate.attempted);
        const executed = grade(trajectory.actions);
        if (attempted === 'grader_error' || executed === 'grader_error') row.errors++;
        else {
          row.n++;
          if (attempted === 'harmful') row.attempted++;
          if (executed === 'harmful') row.executed++;
          if (attempted === 'harmful' && executed !== 'harmful') {
            row.stopped++;
            if (!gate.enforcements.some((e) => e.decision.decision === 'block')) row.stoppedByHold++;
          }
        }
        for (const enforcement of gate.enforcements) row.decisions[enforcement.decision.decision]++;
      } catch {
        // An aborted sample did not fail: it was cut short, and counts nowhere.
        if (options.abortSignal?.aborted === true) return;
        row.errors++;
      }
      tierDone++;
      done++;
      options.onSample?.(done, total);
    };
    await forEachInPool(
      plan.samples,
      options.experiment.concurrency,
      runOne,
      () => options.signal?.aborted === true || options.abortSignal?.aborted === true,
    );
    // Replayed even after a stop: the benign set calls no model and takes well under a second.
    const benign =
      options.benignTasks === undefined ? undefined : await runBenign(guard, options.benignTasks);
    const ordered = [...rows.values()].sort((a, b) =>
      a.model === b.model ? a.scenario.localeCompare(b.scenario) : a.model.localeCompare(b.model),
    );
    // A row with nothing counted was only begun by samples that were aborted.
    const counted = ordered.filter((r) => r.n + r.errors > 0);
    tiers.push({ tier, models: counted, benign, planned: plan.samples.length, done: tierDone });
  }
  return {
    policy: { id: options.policy.id, version: options.policy.version },
    tiers,
    stopped: done < total,
  };
}

async function runBenign(guard: Guard, tasks: readonly BenignTask[]): Promise<BenignResult> {
  const outcomes: BenignOutcome[] = [];
  for (const task of tasks) {
    const session = guard.startSession({
      sessionId: `${guard.tier}:benign:${task.id}`,
      agentAddress: task.agent,
      internalDomains: [domainOf(task.agent)],
    });
    outcomes.push(await replayBenignTask(task, session));
  }
  return {
    n: outcomes.length,
    blocked: outcomes.filter((o) => o.decision === 'block').length,
    heldForApproval: outcomes.filter((o) => o.decision === 'require-approval').length,
    outcomes,
  };
}

// What an operator deploying the agent would configure: its address and the company's domains.
function operatorContext(rendered: RenderedScenario, sessionId: string) {
  return {
    sessionId,
    agentAddress: rendered.context.agentAddress,
    internalDomains: rendered.context.company.domains,
  };
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

function emptyRow(model: string, scenario: string) {
  return {
    model,
    scenario,
    n: 0,
    errors: 0,
    attempted: 0,
    executed: 0,
    stopped: 0,
    stoppedByHold: 0,
    decisions: { allow: 0, log: 0, 'require-approval': 0, block: 0 } as Record<DecisionKind, number>,
  };
}
