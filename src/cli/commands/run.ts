import type { Command } from 'commander';
import {
  ConfigError,
  type Experiment,
  executePlan,
  loadBenignTasks,
  loadExperiment,
  loadPolicy,
  type Model,
  openStore,
  planRun,
  rateRows,
  resolveJudges,
  resolveModels,
  runGuarded,
  TIERS,
  type Tier,
} from '../../index.ts';
import { EXIT } from '../exit-codes.ts';
import { formatGuardedReport } from '../guarded-table.ts';
import { collectList, positiveInteger, storePath } from '../options.ts';
import { createProgress } from '../progress.ts';
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
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .summary('run an experiment, grade every sample and print the rates (resumable)')
    .description(
      'run an experiment: expand the condition matrix, run every sample, grade it, store it and print the rates.\n' +
        'With no file: blackmail, goal conflict (explicit-america vs none) × threat (replacement vs none), 10 epochs.\n' +
        'Rerunning the same experiment resumes it: completed samples are kept, failed ones retried.',
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
    .option('--concurrency <n>', 'samples in flight', positiveInteger('--concurrency'))
    .option('--seed <n>', 'base seed', (v: string) => Number.parseInt(v, 10))
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
  });
  const { models, autoReason } = resolveModels(experiment.models);
  if (options.guard !== undefined) return runGuardedCommand(experiment, models, autoReason, options);
  const plan = planRun(
    experiment,
    models.map((m) => m.id),
  );
  warnSimulated(models, autoReason);

  const judges = resolveJudges(options.judge, { offline: models.every((m) => m.simulated) });
  for (const j of judges.filter((j) => j.model === undefined))
    process.stderr.write(`judge ${j.id} not run: ${j.unavailable}\n`);
  const store = openStore(storePath(options.store));
  const stop = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts === 1) {
      process.stderr.write('\nstopping: finishing samples in flight (Ctrl-C again to abort at once)\n');
      stop.abort();
    } else {
      // Every stored sample committed atomically; the rest stays pending for the next run.
      process.exit(EXIT.interrupted);
    }
  };
  process.on('SIGINT', onSigint);
  try {
    const result = await executePlan(plan, {
      experiment,
      models,
      store,
      onEvent: createProgress({ stream: process.stderr, quiet: options.quiet === true }),
      signal: stop.signal,
      judges,
    });
    process.stdout.write(`${formatRateTable(result.runId, rateRows(store, result.runId))}\n`);
    return result.stopped ? EXIT.interrupted : EXIT.ok;
  } finally {
    process.off('SIGINT', onSigint);
    store.close();
  }
}

function warnSimulated(models: readonly Model[], autoReason: string | undefined): void {
  const simulated = models.filter((m) => m.simulated).map((m) => m.id);
  if (simulated.length === 0) return;
  const why = autoReason === undefined ? '' : `${autoReason}: `;
  process.stderr.write(
    `\n  SIMULATED AGENTS: ${why}running ${simulated.join(', ')}.\n` +
      '  These are deterministic test doubles, not language models; their rates say nothing about any model.\n\n',
  );
}

// `run --guard`: measured in memory, not written to the store (the guard's decisions are not sample results).
async function runGuardedCommand(
  experiment: Experiment,
  models: readonly Model[],
  autoReason: string | undefined,
  options: RunOptions,
): Promise<number> {
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
  const policy = loadPolicy(typeof options.guard === 'string' ? options.guard : undefined);
  const benignTasks =
    options.benign === false
      ? undefined
      : loadBenignTasks(typeof options.benign === 'string' ? options.benign : undefined);
  warnSimulated(models, autoReason);
  const stop = new AbortController();
  const onSigint = () => stop.abort();
  process.on('SIGINT', onSigint);
  try {
    const result = await runGuarded({
      experiment,
      models,
      policy,
      tiers,
      ...(benignTasks === undefined ? {} : { benignTasks }),
      signal: stop.signal,
      onSample: (done, total) => {
        if (options.quiet !== true && (done === total || done % 100 === 0))
          process.stderr.write(`${done}/${total} guarded samples\n`);
      },
    });
    process.stdout.write(`${formatGuardedReport(result)}\n`);
    return result.stopped ? EXIT.interrupted : EXIT.ok;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
