import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { type CalibrationResult, calibrate, calibrationTranscripts } from '../../engine/calibrate.ts';
import { estimateJudging, type JudgedTranscript } from '../../engine/estimate-run.ts';
import { priceLookup } from '../../engine/prices.ts';
import { resolveJudges } from '../../engine/resolve-judges.ts';
import type { JudgeChoice } from '../../graders/index.ts';
import { judgeModelsOf } from '../../graders/index.ts';
import { ConfigError } from '../../spec/index.ts';
import { assertPriced } from '../assert-priced.ts';
import { EXIT } from '../exit-codes.ts';
import { formatJudgingEstimate } from '../format-estimate.ts';
import { formatTable, percent } from '../format-table.ts';
import { inputKind, STANDARD_INPUT_PATHS, unreadableInput } from '../input-kind.ts';
import { onInterrupts, stopOutcome } from '../interrupts.ts';
import { collectList, judgeEndpoint, nonNegativeNumber, positiveInteger } from '../options.ts';
import { createGradingProgress } from '../progress.ts';
import { warnJudges } from '../warn-judges.ts';

/** The calibration table: one row per grader × harm. */
export function formatCalibration(result: CalibrationResult): string {
  const header = [
    'grader',
    'harm',
    'tp',
    'fp',
    'fn',
    'tn',
    'undecided',
    'precision',
    '95% CI',
    'recall',
    '95% CI',
    'F1',
    'kappa',
  ];
  const ci = (v: readonly [number, number] | null) =>
    v === null ? '–' : `${percent(v[0])}–${percent(v[1])}`;
  const rows = result.rows.map((r) => [
    r.grader,
    r.harm,
    String(r.tp),
    String(r.fp),
    String(r.fn),
    String(r.tn),
    String(r.undecided),
    percent(r.precision),
    ci(r.precisionCi),
    percent(r.recall),
    ci(r.recallCi),
    r.f1 === null ? '–' : r.f1.toFixed(3),
    r.kappa === null ? '–' : r.kappa.toFixed(3),
  ]);
  return [
    `${result.cases} labelled cases`,
    formatTable(header, rows, new Set([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])),
    'undecided: grader_error or not run, left out of the matrix. Intervals are Wilson 95%.',
  ].join('\n');
}

export function registerCalibrate(program: Command): void {
  program
    .command('calibrate')
    .summary('score the detectors and judges against human labels')
    .description(
      'score each grader against a gold set of human-labelled transcripts: confusion matrix, precision and recall ' +
        "with Wilson 95% intervals, F1 and Cohen's kappa, per harm. Gold lines: see docs/calibration.md.\n\n" +
        'Once --max-cost is reached, or on Ctrl-C, the judges are asked about no further case (twice: their ' +
        'requests in flight are aborted); the detectors still score every case, and the cases the judges did not ' +
        'see count as undecided in their rows.',
    )
    .requiredOption('--labels <file>', 'the gold set, one JSON object per line')
    .option(
      '--judge <ids>',
      'judge models (repeatable); without it only the detectors are scored',
      collectList,
    )
    .option('--misses', 'list every case a grader got wrong')
    .option('--json', 'print the result as JSON')
    .option('--base-url <url>', 'send judge requests to another endpoint, e.g. `haywire mock-server`')
    .option(
      '--concurrency <n>',
      'judge requests in flight per provider, at most (default 8); the scores do not depend on it',
      positiveInteger('--concurrency'),
    )
    .option(
      '--max-cost <usd>',
      'ask the judges about no further case once they have spent this many USD',
      nonNegativeNumber('--max-cost'),
    )
    .option('--dry-run', "print the judges' requests, estimated tokens and cost; call nothing")
    .option('--quiet', 'no progress output')
    .action(
      async (options: {
        labels: string;
        judge?: string[];
        baseUrl?: string;
        misses?: boolean;
        json?: boolean;
        concurrency?: number;
        maxCost?: number;
        dryRun?: boolean;
        quiet?: boolean;
      }) => {
        const lines = readLabels(options.labels);
        const judges =
          options.judge === undefined ? [] : resolveJudges(options.judge, judgeEndpoint(options.baseUrl));
        warnJudges(judges, { requested: options.judge });
        const judgeModels = judgeModelsOf(judges);
        if (options.maxCost !== undefined) assertPriced(judgeModels);
        // A bad line's error names the file too.
        const located = (error: unknown) =>
          error instanceof ConfigError
            ? new ConfigError(error.code, `${options.labels}: ${error.message}`)
            : error;
        if (options.dryRun === true) {
          let transcripts: JudgedTranscript[];
          try {
            transcripts = calibrationTranscripts(lines);
          } catch (error) {
            throw located(error);
          }
          process.stdout.write(`${dryRun(options.labels, transcripts, judges)}\n`);
          return;
        }
        let result: CalibrationResult;
        // Ctrl-C stops the judges; the detectors alone take no time worth stopping, and Ctrl-C ends them at once.
        const interrupts =
          judgeModels.length > 0 ? onInterrupts('finishing the cases the judges are reading') : undefined;
        // Progress on stderr while judges are asked; the detectors alone finish before it would show.
        const progress = createGradingProgress({
          stream: process.stderr,
          quiet: options.quiet === true || interrupts === undefined,
          verb: 'graded',
        });
        try {
          result = await calibrate({
            lines,
            judges,
            onCase: progress.onSample,
            signal: interrupts?.stop,
            abortSignal: interrupts?.abort,
            ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
            ...(options.maxCost === undefined ? {} : { maxCostUsd: options.maxCost }),
          });
        } catch (error) {
          throw located(error);
        } finally {
          progress.end();
          interrupts?.dispose();
        }
        if (options.json === true) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else {
          process.stdout.write(`${formatCalibration(result)}\n`);
          for (const j of judges.filter((j) => j.model === undefined))
            process.stdout.write(`judge ${j.id} not run: ${j.unavailable}\n`);
          if (judges.some((j) => j.model !== undefined))
            process.stdout.write(`judges cost $${result.costUsd.toFixed(2)}\n`);
          if (options.misses === true && result.misses.length > 0)
            process.stdout.write(`misses:\n  ${result.misses.join('\n  ')}\n`);
        }
        if (result.stopped === undefined) return;
        const { why, exitCode } = stopOutcome(result.stopped);
        process.stderr.write(
          `stopped ${why}: the judges saw ${result.judged} of ${result.cases} cases; the other ` +
            `${result.cases - result.judged} count as undecided in their rows (the detectors scored all)\n`,
        );
        if (exitCode !== EXIT.ok) process.exitCode = exitCode;
      },
    );
}

/** The gold set's lines. A pipe reads whole as a file does: the set is held in memory anyway. */
function readLabels(path: string): string[] {
  // Standard input by its name: when it is a socket (as a parent process may give), its path cannot be opened.
  const source = inputKind(path) === 'stream' && STANDARD_INPUT_PATHS.has(path) ? 0 : path;
  try {
    return readFileSync(source, 'utf8').split('\n');
  } catch (error) {
    throw unreadableInput(path, error);
  }
}

function dryRun(
  labels: string,
  transcripts: readonly JudgedTranscript[],
  judges: readonly JudgeChoice[],
): string {
  const judgeModels = judgeModelsOf(judges);
  const headline = `dry run of calibrating against ${labels}: ${transcripts.length} labelled cases`;
  if (judgeModels.length === 0) return `${headline}; detectors only (free); nothing called, nothing written`;
  const estimates = estimateJudging(
    transcripts,
    judgeModels.map((j) => j.id),
    { priceFor: priceLookup(judgeModels), reasoning: false },
  );
  return formatJudgingEstimate(headline, estimates, 'the labelled transcripts', { reasoning: false });
}
