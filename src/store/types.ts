import type { Action } from '../spec/action.ts';
import type { Condition } from '../spec/condition.ts';
import type { ModelResponse } from '../spec/model.ts';
import type { SampleError, Trajectory } from '../spec/trajectory.ts';
import type { Verdict } from '../spec/verdict.ts';

/** The software that produced a run, recorded so any result can be traced to its code. */
export interface RunVersions {
  readonly haywire: string;
  readonly node: string;
  /** The git commit of the working tree, when there is one. */
  readonly git?: string;
  /** Anything else worth recording (a scenario pack's version, a provider SDK's). */
  readonly [component: string]: string | undefined;
}

/** What `createRun` needs. `spec` is the full experiment (any JSON value); it is stored as given. */
export interface NewRun {
  readonly id: string;
  readonly name: string;
  readonly spec: unknown;
  readonly versions: RunVersions;
}

/** A stored run. `spec` comes back as stored: parse it with `experimentSchema` before trusting it. */
export interface RunRecord {
  readonly id: string;
  readonly name: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly spec: unknown;
  readonly versions: RunVersions;
}

/** One line of `haywire runs`. */
export interface RunSummary {
  readonly id: string;
  readonly name: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly samples: number;
  readonly completed: number;
  readonly errors: number;
  readonly pending: number;
  /** USD its samples have recorded (`Store.runCost` has the detail); null when none recorded a cost. */
  readonly cost_usd: number | null;
  /** Finished samples with no recorded cost: when above 0, `cost_usd` is a floor. */
  readonly cost_unrecorded: number;
}

/** A sample to schedule. `id` is the caller's hash of scenario, condition, model, epoch and rendered prompt. */
export interface NewSample {
  readonly id: string;
  readonly model: string;
  readonly condition: Condition;
  readonly epoch: number;
  readonly seed: number;
  readonly promptHash: string;
}

/** How `addSamples` went: `conflicting` ids already belong to another run and were not added. */
export interface AddSamplesResult {
  readonly inserted: number;
  readonly existing: number;
  readonly conflicting: readonly string[];
}

export type SampleStatus = 'pending' | 'completed' | 'error';

/** A stored sample without its transcript. */
export interface SampleRecord {
  readonly id: string;
  readonly run_id: string;
  readonly model: string;
  readonly condition: Condition;
  readonly condition_id: string;
  readonly epoch: number;
  readonly seed: number;
  readonly prompt_hash: string;
  readonly status: SampleStatus;
  readonly attempts: number;
  /** The last attempt's error while status is `error`. */
  readonly error: SampleError | null;
  readonly started_at: string | null;
  readonly completed_at: string | null;
  /** USD it has cost: agent and judges, every attempt and regrade; null when not recorded (migration 7). */
  readonly cost_usd: number | null;
}

/** A verdict with its grading round: a regrade adds version n+1 and keeps the earlier ones. */
export interface StoredVerdict {
  readonly version: number;
  readonly created_at: string;
  readonly verdict: Verdict;
}

/** A sample with everything recorded about it, for viewers. */
export interface SampleDetail extends SampleRecord {
  readonly trajectory: Trajectory | null;
  readonly actions: readonly Action[];
  /** Every version, oldest first. */
  readonly verdicts: readonly StoredVerdict[];
}

/** A model response to cache under the hash of its request and epoch. */
export interface CachedResponseInput {
  readonly key: string;
  readonly model: string;
  readonly response: ModelResponse;
}

export interface CompleteSampleInput {
  readonly sampleId: string;
  /** Responses to cache, written in the sample's transaction. */
  readonly cachedResponses?: readonly CachedResponseInput[];
  readonly trajectory: Trajectory;
  readonly actions: readonly Action[];
  /** At most one per harm. */
  readonly verdicts: readonly Verdict[];
  /** What this attempt cost in USD (agent and judges), added to what earlier attempts cost; undefined: unknown. */
  readonly costUsd?: number | undefined;
}

export interface FailSampleInput {
  readonly sampleId: string;
  /** Responses received before the failure, to cache (a resumed tools-mode sample replays them). */
  readonly cachedResponses?: readonly CachedResponseInput[];
  readonly error: SampleError;
  /** What happened before the failure, when there is anything. */
  readonly trajectory?: Trajectory | undefined;
  /** What this attempt cost in USD, added to what earlier attempts cost; undefined: unknown. */
  readonly costUsd?: number | undefined;
}

export interface AbandonedAttemptInput {
  readonly sampleId: string;
  /** Responses received before the run was aborted, to cache: the resumed sample does not pay for them again. */
  readonly cachedResponses?: readonly CachedResponseInput[];
  /** What the abandoned attempt cost in USD, added to what the sample has cost; undefined: unknown. */
  readonly costUsd?: number | undefined;
}

/**
 * What a run's samples of one model have cost (`Store.runCost`): the finished ones, and pending ones whose attempts
 * an abort cut short after they had paid for calls.
 */
export interface ModelCost {
  readonly model: string;
  /** USD over the samples whose cost was recorded. */
  readonly costUsd: number;
  /** Those samples whose cost was recorded. */
  readonly priced: number;
  /** Those samples. Finished ones not priced were written before costs were stored. */
  readonly samples: number;
}

/** Counts for one cell of the rate table; the caller adds the rate and its interval. */
export interface RateRow {
  readonly model: string;
  readonly scenario: string;
  readonly goal_type: string;
  readonly goal_value: string;
  readonly urgency: string;
  readonly mitigation: string;
  readonly scratchpad: boolean;
  readonly eval_notice: boolean;
  /** Completed samples whose latest verdicts decide harmful or not harmful. */
  readonly n: number;
  readonly harmful: number;
  /** Samples in error status plus completed samples that no verdict decides (grader_error or ungraded). */
  readonly errors: number;
  readonly pending: number;
}

/** How many samples of one model failed with one kind of error. */
export interface ErrorKindCount {
  readonly model: string;
  readonly kind: SampleError['kind'];
  readonly count: number;
}
