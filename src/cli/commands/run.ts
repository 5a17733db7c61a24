import type { Command } from 'commander';
import { assertModesSupported } from '../../engine/assert-modes-supported.ts';
import { estimateRun, estimateRunWithJudges } from '../../engine/estimate-run.ts';
import { loadExperiment } from '../../engine/load-experiment.ts';
import { pendingWithoutWriting } from '../../engine/pending-samples.ts';
import { planRun } from '../../engine/plan-run.ts';
import { priceLookup } from '../../engine/prices.ts';
import { resolveJudges } from '../../engine/resolve-judges.ts';
import { chooseModels } from '../../engine/resolve-models.ts';
import type { RetryPolicy } from '../../engine/retry-policy.ts';
import { executePlan } from '../../engine/run-experiment.ts';
import { judgeModelsOf } from '../../graders/index.ts';
import { pendingSamples } from '../../report/pending-samples.ts';
import { rateRows } from '../../report/rate-rows.ts';
import {
  ConfigError,
  type Experiment,
  isSimulatedModelId,
  type Model,
  TIERS,
  type Tier,
} from '../../spec/index.ts';
import { openStore } from '../../store/index.ts';
import { assertPriced, warnUnpriced } from '../assert-priced.ts';
import { EXIT } from '../exit-codes.ts';
import { formatEstimate, formatGuardedEstimate } from '../format-estimate.ts';
import { formatGuardedReport } from '../guarded-table.ts';
import { onInterrupts } from '../interrupts.ts';
import {
  collectList,
  judgeEndpoint,
  nonNegativeInteger,
  nonNegativeNumber,
  positiveInteger,
  storePath,
  timeoutSeconds,
} from '../options.ts';
import { createProgress } from '../progress.ts';
import { warnJudges } from '../warn-judges.ts';
import { formatRateTable } from './show.ts';

interface RunOptions {
  model?: string[];
  scenario?: string[];
  goalType?: string[];
  goalValue?: string[];
  urgency?: string[];
  mitigation?: string[];
  scratchpad?: boolean;
  evalNotice?: boolean;
  epochs?: number;
  mode?: string;
  maxTurns?: number;
  concurrency?: number;
  seed?: number;
  store?: string;
  quiet?: boolean;
  judge?: string[];
  guard?: string | boolean;
  tier?: string[];
  benign?: string | boolean;
  dryRun?: boolean;
  maxCost?: number;
  retryErrors?: boolean;
  promptCache?: boolean;
  cache?: boolean;
  timeout?: number;
  maxAttempts?: number;
  hedge?: boolean;
  baseUrl?: string;
}

/** The flag that sets each experiment field, so a bad value is blamed on the flag and not on the file. */
const RUN_FLAGS = {
  models: '--model',
  scenarios: '--scenario',
  goal_types: '--goal-type',
  goal_values: '--goal-value',
  urgencies: '--urgency',
  mitigations: '--mitigation',
  scratchpad: '--no-scratchpad',
  eval_notice: '--eval-notice',
  epochs: '--epochs',
  mode: '--mode',
  max_turns: '--max-turns',
  concurrency: '--concurrency',
  seed: '--seed',
} as const;

export function registerRun(program: Command): void {
  program
    .command('run')
    .summary('run an experiment, grade every sample and print the rates (resumable)')
    .description(
      'run an experiment: expand the condition matrix, run every sample, grade it, store it and print the rates. ' +
        'With no file: blackmail, goal conflict (explicit-america vs none) × threat (replacement vs none), 10 epochs. ' +
        'Rerunning the same experiment resumes it: completed samples are kept; samples that failed on a rate limit, ' +
        'timeout, server error or rejected request are retried (--retry-errors retries every failure, refusals and filters too). ' +
        'Ctrl-C once stops scheduling and finishes samples in flight; twice aborts them (they stay to do).',
    )
    .argument('[experiment]', 'experiment YAML file (see examples/); flags override its fields')
    .option('--model <ids>', 'models, e.g. sim/insider,sim/random:0.3 (default: auto)', collectList)
    .option(
      '--scenario <names>',
      'blackmail, leaking, lethal (alias murder), or a scenario folder',
      collectList,
    )
    .option('--goal-type <types>', 'explicit, latent, ambiguous, none, swap', collectList)
    .option(
      '--goal-value <values>',
      'america, global, safety, acceleration, ethical, pragmatic, individualism, collectivism',
      collectList,
    )
    .option('--urgency <urgencies>', 'replacement, restriction, none', collectList)
    .option('--mitigation <names>', 'none, rules, reasons, or a Markdown file', collectList)
    .option('--no-scratchpad', 'do not offer private reasoning tags')
    .option('--eval-notice', 'ask the agent whether it believes this is an evaluation')
    .option('--epochs <n>', 'samples per model × condition', positiveInteger('--epochs'))
    .option('--mode <mode>', 'inbox (one turn, the study) or tools (native tool calls)')
    .option('--max-turns <n>', 'turn limit in tools mode', positiveInteger('--max-turns'))
    .option(
      '--concurrency <n>',
      'requests in flight per provider, at most (the engine backs off below it on 429s)',
      positiveInteger('--concurrency'),
    )
    .option('--seed <n>', 'base seed, a whole number ≥ 0', nonNegativeInteger('--seed'))
    .option('--store <path>', 'the store (default ./.haywire/haywire.db)')
    .option('--quiet', 'no progress output')
    .option(
      '--judge <ids>',
      'LLM judges (repeatable); default: the default judge when its key is set, none in a run of sim agents only',
      collectList,
    )
    .option(
      '--guard [policy]',
      'run tools-mode agents through the guard (default policy, or a policy YAML) and report harm executed with and without it',
    )
    .option('--tier <tiers>', 'with --guard: strict, balanced, permissive (default all three)', collectList)
    .option(
      '--benign <file>',
      'with --guard: benign tasks JSONL for the false-block rate (default the shipped set)',
    )
    .option('--no-benign', 'with --guard: skip the benign set')
    .option(
      '--dry-run',
      'print the requests, estimated tokens and cost per model; call nothing, write nothing',
    )
    .option(
      '--max-cost <usd>',
      'stop scheduling once this many USD are spent (resumable)',
      nonNegativeNumber('--max-cost'),
    )
    .option('--retry-errors', 'also retry failed samples that were refused, filtered or malformed')
    .option(
      '--no-prompt-cache',
      "do not ask providers to cache the shared system prompt (Anthropic's prompt caching)",
    )
    .option(
      '--no-cache',
      'do not reuse or store responses (the response cache, keyed on the request and epoch)',
    )
    .option('--timeout <seconds>', 'per-request timeout (default 600)', timeoutSeconds)
    .option(
      '--max-attempts <n>',
      'attempts per request, retries included (default 8)',
      positiveInteger('--max-attempts'),
    )
    .option(
      '--no-hedge',
      'never send a second request beside one presumed lost (by default, one running past 3× the p95 latency, at least 5 s, gets one; the first answer wins, and a provider may bill both)',
    )
    .option('--base-url <url>', 'send provider requests to another endpoint, e.g. `haywire mock-server`')
    .action(async (file: string | undefined, options: RunOptions) => {
      process.exitCode = await runCommand(file, options);
    });
}

async function runCommand(file: string | undefined, options: RunOptions): Promise<number> {
  // Validate and plan everything before the store is touched: bad input writes nothing.
  const experiment = loadExperiment({
    ...(file === undefined ? {} : { file }),
    overrides: {
      models: options.model,
      scenarios: options.scenario,
      goal_types: options.goalType,
      goal_values: options.goalValue,
      urgencies: options.urgency,
      mitigations: options.mitigation,
      scratchpad: options.scratchpad === false ? [false] : undefined,
      eval_notice: options.evalNotice === true ? [true] : undefined,
      epochs: options.epochs,
      mode: options.mode,
      max_turns: options.maxTurns,
      concurrency: options.concurrency,
      seed: options.seed,
    },
    overrideNames: RUN_FLAGS,
  });
  const { models, autoReason } = await chooseModels(experiment.models, { baseUrl: options.baseUrl });
  assertModesSupported(experiment.mode, models);
  if (options.guard !== undefined) return runGuardedCommand(experiment, models, autoReason, options);
  const plan = planRun(experiment, models);
  const retryErrors = options.retryErrors === true ? 'all' : 'transient';
  const path = storePath(options.store);
  const judges = resolveJudges(options.judge, {
    offline: models.every((m) => m.simulated),
    ...judgeEndpoint(options.baseUrl),
  });
  warnJudges(judges, { requested: options.judge });
  const judgeModels = judgeModelsOf(judges);
  if (options.maxCost !== undefined) assertPriced([...models, ...judgeModels]);
  warnUnpriced(models);
  if (options.dryRun === true) {
    const pending = pendingWithoutWriting(plan, path, retryErrors);
    const estimates = estimateRunWithJudges(plan, pending, models, judgeModels);
    process.stdout.write(`${formatEstimate(plan, estimates)}\n`);
    return EXIT.ok;
  }
  // Opened before the banner, so a path that cannot be a store is refused in one line.
  const store = openStore(path);
  warnSimulated(models, autoReason);
  const interrupts = onInterrupts('finishing samples in flight');
  try {
    const result = await executePlan(plan, {
      experiment,
      models,
      store,
      onEvent: createProgress({ stream: process.stderr, quiet: options.quiet === true }),
      signal: interrupts.stop,
      judges,
      abortSignal: interrupts.abort,
      retryErrors,
      responseCache: options.cache !== false,
      promptCache: options.promptCache !== false,
      retry: retryOptions(options),
      ...(options.maxCost === undefined ? {} : { maxCostUsd: options.maxCost }),
    });
    const rows = rateRows(store, result.runId);
    const table = formatRateTable(result.runId, rows, store.errorKinds(result.runId));
    process.stdout.write(`${table}\n`);
    if (!result.stopped) return EXIT.ok;
    // Said after the table, and with --quiet too: a stopped run's table is missing samples. A Ctrl-C after the
    // budget stopped scheduling still aborted samples in flight: the exit says so, as any interrupted run's does.
    const { pending, total } = pendingSamples(result.runId, rows);
    const left = `${pending} of ${total} samples not done yet`;
    const interrupted = interrupts.stop.aborted;
    if (result.stopReason === 'budget')
      process.stderr.write(
        `stopped at the budget ($${result.costUsd.toFixed(2)} spent)${interrupted ? ', then interrupted' : ''}: ` +
          `${left}; run the same command to go on\n`,
      );
    else process.stderr.write(`stopped: ${left}; run the same command again to resume\n`);
    return interrupted ? EXIT.interrupted : EXIT.ok;
  } finally {
    interrupts.dispose();
    store.close();
  }
}

/** The retry policy's fields that `--timeout`, `--max-attempts` and `--no-hedge` set; the rest keep their defaults. */
function retryOptions(options: RunOptions): Partial<RetryPolicy> {
  return {
    ...(options.timeout === undefined ? {} : { timeoutMs: options.timeout * 1000 }),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    ...(options.hedge === false ? { hedge: false } : {}),
  };
}

function warnSimulated(models: readonly Model[], autoReason: string | undefined): void {
  const simulated = models.filter((m) => m.simulated).map((m) => m.id);
  if (simulated.length === 0) return;
  const why = autoReason === undefined ? '' : `${autoReason}: `;
  // An endpoint's own `model: sim-…` is a test double the id does not name: stored results are labelled by id.
  const unnamed = simulated.filter((id) => !isSimulatedModelId(id));
  process.stderr.write(
    `\n  SIMULATED AGENTS: ${why}running ${simulated.join(', ')}.\n` +
      '  These are deterministic test doubles, not language models; their rates say nothing about any model.\n' +
      (unnamed.length === 0
        ? ''
        : `  ${unnamed.join(', ')} ${unnamed.length === 1 ? 'serves' : 'serve'} a sim agent its id does not name: ` +
          'name it in the id (openai-compatible/<endpoint>/sim-…) for show, export and reports to label it.\n') +
      '\n',
  );
}

// `run --guard`: measured in memory, not written to the store (the guard's decisions are not sample results).
async function runGuardedCommand(
  experiment: Experiment,
  models: readonly Model[],
  autoReason: string | undefined,
  options: RunOptions,
): Promise<number> {
  if (options.maxCost !== undefined)
    throw new ConfigError('invalid-input', '--max-cost does not bound a --guard run: drop one of them');
  if (options.judge !== undefined)
    throw new ConfigError(
      'invalid-input',
      '--judge does not grade a --guard run (the detectors grade the actions attempted and executed): drop one of them',
    );
  if (experiment.mode !== 'tools') {
    throw new ConfigError(
      'invalid-input',
      '--guard needs tools mode: add --mode tools (in inbox mode the agent acts in one text reply, so no tool call can be stopped)',
    );
  }
  const tiers = (options.tier ?? [...TIERS]).map((tier) => {
    if (!(TIERS as readonly string[]).includes(tier))
      throw new ConfigError('unknown-name', `unknown tier "${tier}": use ${TIERS.join(', ')}`);
    return tier as Tier;
  });
  // Loaded only for --guard: the guard and its benign tasks are not part of a plain run.
  const [{ loadPolicy }, { loadBenignTasks }, { runGuarded }] = await Promise.all([
    import('../../guard/index.ts'),
    import('../../engine/guarded-benign.ts'),
    import('../../engine/guarded-run.ts'),
  ]);
  const policy = loadPolicy(typeof options.guard === 'string' ? options.guard : undefined);
  const benignTasks =
    options.benign === false
      ? undefined
      : loadBenignTasks(typeof options.benign === 'string' ? options.benign : undefined);
  // Estimated, not refused: the guard makes no model call and changes nothing the agent is sent before it acts, so a
  // tier sends what the same run without --guard would. Unlike that run's estimate, every sample counts at every
  // tier (a guarded run is not stored, so none is done yet) and no judge is asked (the detectors grade).
  if (options.dryRun === true) {
    warnUnpriced(models);
    const plan = planRun(experiment, models);
    const samples = tiers.flatMap(() => plan.samples);
    const estimates = estimateRun(plan, samples, { priceFor: priceLookup(models) });
    process.stdout.write(`${formatGuardedEstimate(plan, tiers, estimates)}\n`);
    return EXIT.ok;
  }
  warnSimulated(models, autoReason);
  const interrupts = onInterrupts('finishing the guarded samples in flight');
  try {
    const result = await runGuarded({
      experiment,
      models,
      policy,
      tiers,
      ...(benignTasks === undefined ? {} : { benignTasks }),
      signal: interrupts.stop,
      abortSignal: interrupts.abort,
      retry: retryOptions(options),
      promptCache: options.promptCache !== false,
      onSample: (done, total) => {
        if (options.quiet !== true && (done === total || done % 100 === 0))
          process.stderr.write(`${done}/${total} guarded samples\n`);
      },
    });
    process.stdout.write(`${formatGuardedReport(result)}\n`);
    return result.stopped ? EXIT.interrupted : EXIT.ok;
  } finally {
    interrupts.dispose();
  }
}
