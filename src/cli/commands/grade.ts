import { createReadStream } from 'node:fs';
import type { Command } from 'commander';
import {
  createCallSettings,
  createStopCheck,
  judgesThroughEngine,
  Spend,
} from '../../engine/call-settings.ts';
import { emptyTally } from '../../engine/create-engine-model.ts';
import { estimateJudging } from '../../engine/estimate-run.ts';
import { priceLookup } from '../../engine/prices.ts';
import { resolveJudges } from '../../engine/resolve-judges.ts';
import { retryPolicyOf } from '../../engine/retry-policy.ts';
import {
  type GradeCaseSummary,
  gradeJsonl,
  jsonlLines,
  judgeModelsOf,
  readGradeCases,
} from '../../graders/index.ts';
import { detectionContextFor, renderedForGrading } from '../../scenarios/index.ts';
import { ConfigError, DEFAULT_CONCURRENCY, type Email, type Model } from '../../spec/index.ts';
import { assertPriced } from '../assert-priced.ts';
import { EXIT } from '../exit-codes.ts';
import { formatJudgingEstimate } from '../format-estimate.ts';
import { gradedPrefix } from '../graded-prefix.ts';
import { inputKind, STANDARD_INPUT_PATHS, unreadableInput } from '../input-kind.ts';
import { onInterrupts, stopOutcome } from '../interrupts.ts';
import {
  collectList,
  judgeEndpoint,
  nonNegativeNumber,
  positiveInteger,
  storePath,
  timeoutSeconds,
} from '../options.ts';
import { openOutput, refuseStoreAsOutput, STANDARD_OUTPUT, sameFile } from '../output-file.ts';
import { createGradingProgress } from '../progress.ts';
import { warnJudges } from '../warn-judges.ts';

/** The emails a scenario's agent saw; the confidential ones are the same in every condition. */
const emailsFor = (scenario: string): readonly Email[] => renderedForGrading(scenario).emails;

interface GradeOptions {
  input: string;
  output?: string;
  judge?: string[];
  baseUrl?: string;
  concurrency?: number;
  maxCost?: number;
  timeout?: number;
  continue?: boolean;
  dryRun?: boolean;
  quiet?: boolean;
}

export function registerGrade(program: Command): void {
  program
    .command('grade')
    .summary('grade agent responses (JSONL) with the deterministic detectors')
    .description(
      'grade agent responses with the deterministic detectors, and with judge models if asked. ' +
        'Input lines: {"id", "scenario", "response"}: the agent\'s full inbox-mode text; other fields are ignored; ' +
        'scenario is blackmail, leaking, lethal (murder) or a study condition id such as murder_none-none_restriction. ' +
        'Output lines, in input order: {"id", "scenario", "harmful", "actions", "evidence"}, and "verdict" with --judge.\n\n' +
        'Every line is checked before any is graded: a bad line exits 2 and writes nothing. Results are written as ' +
        "they come. Judges' calls go through the engine as in a run: per-provider concurrency, timeout, price. " +
        'Ctrl-C once stops starting cases and finishes those being graded, twice aborts them; with --output, ' +
        '--continue then grades the rest.',
    )
    .requiredOption('--input <file>', 'cases, one JSON object per line (- for standard input)')
    .option('--output <file>', 'verdicts, one JSON object per line (default, or -: standard output)')
    .option(
      '--judge <ids>',
      'also ask these judge models (repeatable); each line then carries "verdict"; a judge without its ' +
        'key stops the command before any request',
      collectList,
    )
    .option('--base-url <url>', 'send judge requests to another endpoint, e.g. `haywire mock-server`')
    .option(
      '--concurrency <n>',
      'with --judge: judge requests in flight per provider, at most (default 8); output stays in input order',
      positiveInteger('--concurrency'),
    )
    .option(
      '--max-cost <usd>',
      'with --judge: stop starting cases once the judges have spent this many USD',
      nonNegativeNumber('--max-cost'),
    )
    .option('--timeout <seconds>', 'with --judge: per-request timeout (default 600)', timeoutSeconds)
    .option(
      '--continue',
      'with --output: keep the results already in the file and grade only the cases after them (same --judge)',
    )
    .option('--dry-run', "print the judges' requests, estimated tokens and cost; call nothing, write nothing")
    .option('--quiet', 'no progress output')
    .action(async (options: GradeOptions) => {
      process.exitCode = await grade(options);
    });
}

async function grade(options: GradeOptions): Promise<number> {
  if (options.continue === true && options.output === undefined)
    throw new ConfigError('invalid-input', '--continue needs --output: the file whose results to keep');
  if (options.continue === true && options.output === STANDARD_OUTPUT)
    throw new ConfigError(
      'invalid-input',
      '--continue needs --output to be a file whose results to keep, not standard output (-)',
    );
  const resolved =
    options.judge === undefined ? [] : resolveJudges(options.judge, judgeEndpoint(options.baseUrl));
  warnJudges(resolved, { requested: options.judge });
  const judgeModels = judgeModelsOf(resolved);
  if (options.maxCost !== undefined) assertPriced(judgeModels);
  const running = judgeModels.map((j) => j.id);
  if (
    options.output !== undefined &&
    options.output !== STANDARD_OUTPUT &&
    options.input !== STANDARD_OUTPUT &&
    sameFile(options.input, options.output)
  )
    throw new ConfigError(
      'invalid-input',
      `--output ${options.output} is the input file: write the results elsewhere`,
    );
  if (options.output !== undefined) refuseStoreAsOutput(options.output, storePath(undefined));
  const input = await openInput(options.input);
  const cases = await checkedCases(options.input, input);
  const kept =
    options.continue === true && options.output !== undefined
      ? gradedPrefix(options.output, cases, { asked: resolved.length > 0, running })
      : { count: 0, bytes: 0 };
  const todo = cases.length - kept.count;
  if (options.dryRun === true) {
    process.stdout.write(`${dryRun(options, cases.slice(kept.count), judgeModels, cases.length)}\n`);
    return EXIT.ok;
  }

  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const output = openOutput(options.output, { keep: kept.bytes });
  const interrupts = onInterrupts('finishing the cases being graded');
  try {
    const { judgeSettingsFor } = createCallSettings({
      concurrency,
      retry: retryPolicyOf(options.timeout === undefined ? {} : { timeoutMs: options.timeout * 1000 }),
      cache: undefined,
      promptCache: true,
      signal: interrupts.abort,
    });
    const spend = new Spend();
    const { shouldStop, reason } = createStopCheck(
      {
        signal: interrupts.stop,
        abortSignal: interrupts.abort,
        // Without a judge, grading is free: no budget to stop at.
        maxCostUsd: running.length === 0 ? undefined : options.maxCost,
      },
      spend,
    );
    // Progress goes to stderr, so not while the results themselves fill the terminal.
    const progress = createGradingProgress({
      stream: process.stderr,
      quiet:
        options.quiet === true || running.length === 0 || (output.stdout && process.stdout.isTTY === true),
      verb: 'graded',
    });
    let done = 0;
    const summary = await gradeJsonl({
      lines: input(),
      contextFor: detectionContextFor,
      emailsFor,
      skip: kept.count,
      concurrency,
      shouldStop,
      abortSignal: interrupts.abort,
      // With --judge every line carries a verdict, also when no judge can run (no key): it records them as not run.
      ...(resolved.length === 0
        ? {}
        : {
            judgesPerLine: () => {
              const tally = emptyTally();
              const judges = judgesThroughEngine(resolved, judgeSettingsFor, { epoch: 0 }, tally);
              return { judges, done: spend.track(() => tally.costUsd) };
            },
          }),
      onResult: async (result) => {
        await output.write(`${JSON.stringify(result)}\n`);
        done++;
        const value = result.verdict?.value ?? (result.harmful ? 'harmful' : 'not_harmful');
        progress.onSample({ value, done, total: todo, costUsd: spend.spent });
      },
    });
    progress.end();
    await output.close();
    if (!output.stdout) {
      const previously = kept.count === 0 ? '' : ` (${kept.count} kept from before)`;
      process.stderr.write(
        `graded ${summary.graded} of ${todo} cases${previously}: ${summary.harmful} harmful → ${options.output}\n`,
      );
    }
    if (running.length > 0) process.stderr.write(`judges cost $${spend.spent.toFixed(2)}\n`);
    if (!summary.stopped) return EXIT.ok;
    const { why, exitCode } = stopOutcome(reason());
    const rest = output.stdout
      ? `the other ${todo - summary.graded} cases were not graded`
      : `the same command with --continue grades the other ${todo - summary.graded}`;
    process.stderr.write(`stopped ${why}: ${rest}\n`);
    return exitCode;
  } finally {
    interrupts.dispose();
    // Already closed on success; after a failure, closing must not hide it.
    await output.close().catch(() => {});
  }
}

/**
 * The input's lines, as many times as asked: a regular file is read again each time, so a large one is never held
 * whole; standard input (`-`), a pipe (`<(…)`, /dev/stdin) or a device can be read once only, so its lines are kept.
 */
async function openInput(input: string): Promise<() => AsyncIterable<string> | Iterable<string>> {
  if (input !== '-' && inputKind(input) === 'file') return () => jsonlLines(createReadStream(input));
  // Standard input by any of its names: when it is a socket (as a parent process may give), its path cannot be opened.
  const stream = input === '-' || STANDARD_INPUT_PATHS.has(input) ? process.stdin : createReadStream(input);
  const lines: string[] = [];
  try {
    for await (const line of jsonlLines(stream)) lines.push(line);
  } catch (error) {
    throw unreadableInput(input, error);
  }
  return () => lines;
}

/** Every case of the input, each line checked as grading would; a bad line throws, naming the input and line. */
async function checkedCases(
  name: string,
  input: () => AsyncIterable<string> | Iterable<string>,
): Promise<GradeCaseSummary[]> {
  try {
    return await readGradeCases(input(), detectionContextFor);
  } catch (error) {
    const where = name === '-' ? 'standard input' : name;
    if (error instanceof ConfigError) throw new ConfigError(error.code, `${where}: ${error.message}`);
    throw error;
  }
}

function dryRun(
  options: GradeOptions,
  todo: readonly GradeCaseSummary[],
  judgeModels: readonly Model[],
  total: number,
): string {
  const headline = `dry run of grading ${options.input}: ${todo.length} of ${total} cases to grade`;
  if (judgeModels.length === 0) return `${headline}; detectors only (free); nothing called, nothing written`;
  const running = judgeModels.map((j) => j.id);
  const estimates = estimateJudging(todo, running, { priceFor: priceLookup(judgeModels) });
  return formatJudgingEstimate(headline, estimates, "the cases' responses");
}
