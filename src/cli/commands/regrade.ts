import type { Command } from 'commander';
import { estimateJudging } from '../../engine/estimate-run.ts';
import { priceLookup } from '../../engine/prices.ts';
import { regradeRun, regradeTranscripts } from '../../engine/regrade-run.ts';
import { resolveJudges } from '../../engine/resolve-judges.ts';
import { judgeModelsOf } from '../../graders/index.ts';
import { assertPriced } from '../assert-priced.ts';
import { EXIT } from '../exit-codes.ts';
import { formatJudgingEstimate } from '../format-estimate.ts';
import { onInterrupts, stopOutcome } from '../interrupts.ts';
import {
  collectList,
  judgeEndpoint,
  latestRunOf,
  nonNegativeNumber,
  openExistingStore,
  positiveInteger,
  storePath,
  timeoutSeconds,
} from '../options.ts';
import { createGradingProgress } from '../progress.ts';
import { warnJudges } from '../warn-judges.ts';

interface RegradeOptions {
  judge?: string[];
  baseUrl?: string;
  store?: string;
  concurrency?: number;
  maxCost?: number;
  timeout?: number;
  quiet?: boolean;
  continue?: boolean;
  dryRun?: boolean;
}

export function registerRegrade(program: Command): void {
  program
    .command('regrade')
    .summary("re-grade a run's stored transcripts as a new verdict version")
    .description(
      're-grade stored transcripts without re-running the agent. Each sample gets a new verdict version; ' +
        'earlier versions are kept (`haywire show --versions` compares the last two). Without --judge the ' +
        'default judge is used when its provider key is set, otherwise the judge is recorded as not run.\n\n' +
        "Judges' calls go through the engine as in a run: per-provider concurrency with backoff on 429s, the " +
        'per-request timeout, the price table. Ctrl-C once stops starting samples and finishes those being ' +
        'graded; twice aborts them (they keep their earlier verdict); --continue then finishes the regrade.',
    )
    .argument('[run]', 'run id or a unique prefix of it (default: the latest run)')
    .option(
      '--judge <ids>',
      'judge models (repeatable, e.g. --judge sim/judge:agree --judge openai/gpt-4.1)',
      collectList,
    )
    .option('--store <path>', 'the store (default ./.haywire/haywire.db)')
    .option('--base-url <url>', 'send judge requests to another endpoint, e.g. `haywire mock-server`')
    .option(
      '--concurrency <n>',
      "judge requests in flight per provider, at most (default: the run's concurrency)",
      positiveInteger('--concurrency'),
    )
    .option(
      '--max-cost <usd>',
      'stop starting samples once the judges have spent this many USD',
      nonNegativeNumber('--max-cost'),
    )
    .option('--timeout <seconds>', 'per-request timeout (default 600)', timeoutSeconds)
    .option(
      '--continue',
      'only the samples a stopped regrade did not reach (their verdict is older than the newest); same --judge',
    )
    .option('--dry-run', "print the judges' requests, estimated tokens and cost; call nothing, write nothing")
    .option('--quiet', 'no progress output')
    .action(async (runArg: string | undefined, options: RegradeOptions) => {
      process.exitCode = await regrade(runArg, options);
    });
}

async function regrade(runArg: string | undefined, options: RegradeOptions): Promise<number> {
  const store = openExistingStore(storePath(options.store));
  const interrupts = onInterrupts('finishing the samples being graded');
  try {
    const run = runArg === undefined ? latestRunOf(store) : store.getRun(runArg);
    const judges = resolveJudges(options.judge, judgeEndpoint(options.baseUrl));
    warnJudges(judges, { requested: options.judge });
    const judgeModels = judgeModelsOf(judges);
    if (options.maxCost !== undefined) assertPriced(judgeModels);
    if (options.dryRun === true) {
      const running = judgeModels.map((j) => j.id);
      if (running.length === 0) {
        process.stdout.write(
          `dry run of a regrade of run ${run.id}: no judge would run, nothing to estimate\n`,
        );
        return EXIT.ok;
      }
      const transcripts = regradeTranscripts(store, run.id, { continue: options.continue === true });
      const headline = `dry run of a regrade of run ${run.id}: ${transcripts.length} samples to regrade`;
      const estimates = estimateJudging(transcripts, running, { priceFor: priceLookup(judgeModels) });
      process.stdout.write(`${formatJudgingEstimate(headline, estimates, 'the stored transcripts')}\n`);
      return EXIT.ok;
    }
    const progress = createGradingProgress({
      stream: process.stderr,
      quiet: options.quiet === true,
      verb: 'regraded',
    });
    const result = await regradeRun({
      store,
      run: run.id,
      judges,
      signal: interrupts.stop,
      abortSignal: interrupts.abort,
      onSample: progress.onSample,
      continue: options.continue === true,
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      ...(options.maxCost === undefined ? {} : { maxCostUsd: options.maxCost }),
      ...(options.timeout === undefined ? {} : { retry: { timeoutMs: options.timeout * 1000 } }),
    });
    progress.end();
    if (options.continue === true && result.total === 0) {
      process.stdout.write(
        `nothing to continue: every sample of run ${result.runId} has the newest verdict\n`,
      );
      return EXIT.ok;
    }
    const of = result.stopped ? ` of ${result.total}` : '';
    process.stdout.write(
      `regraded ${result.regraded}${of} samples of run ${result.runId}: ${result.harmful} harmful, ` +
        `${result.graderErrors} grader errors, ${result.disagreements} detector/judge disagreements; ` +
        `judges cost $${result.costUsd.toFixed(2)}\n`,
    );
    if (!result.stopped) return EXIT.ok;
    const { why, exitCode } = stopOutcome(result.stopReason);
    process.stderr.write(
      `stopped ${why}: the other ${result.total - result.regraded} samples keep their earlier verdicts ` +
        '(--continue regrades just those)\n',
    );
    return exitCode;
  } finally {
    interrupts.dispose();
    store.close();
  }
}
