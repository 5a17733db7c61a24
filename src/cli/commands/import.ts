import type { Command } from 'commander';
import { estimateJudging } from '../../engine/estimate-run.ts';
import { importStudy, importTranscripts, studyFolder } from '../../engine/import-study.ts';
import { priceLookup } from '../../engine/prices.ts';
import { resolveJudges } from '../../engine/resolve-judges.ts';
import { judgeModelsOf } from '../../graders/index.ts';
import { openStore } from '../../store/index.ts';
import { assertPriced } from '../assert-priced.ts';
import { EXIT } from '../exit-codes.ts';
import { formatJudgingEstimate } from '../format-estimate.ts';
import { onInterrupts, stopOutcome } from '../interrupts.ts';
import {
  collectList,
  judgeEndpoint,
  nonNegativeNumber,
  positiveInteger,
  storePath,
  timeoutSeconds,
} from '../options.ts';
import { printable } from '../printable.ts';
import { createGradingProgress } from '../progress.ts';
import { warnJudges } from '../warn-judges.ts';

export function registerImport(program: Command): void {
  const command = program.command('import').description('import transcripts produced elsewhere');
  command
    .command('study')
    .summary("import the original study code's results folder as a run")
    .description(
      "import the original study code's output (<dir>/models/<model>/<condition>/sample_NNN/response.json with " +
        'raw_response) as a run, one sample per file (murder → lethal), and grade it. Re-importing adds nothing. ' +
        'Without a reachable judge (or with --detectors-only) the judge is recorded as not run.\n\n' +
        "Judges' calls go through the engine as in a run: per-provider concurrency, timeout, price. Ctrl-C once " +
        'stops starting files and finishes those being graded, twice aborts them; importing again grades the rest.',
    )
    .argument('<results-dir>', 'the study results folder (holds models/)')
    .option('--detectors-only', 'grade with the detectors only')
    .option('--judge <ids>', 'judge models (repeatable)', collectList)
    .option('--store <path>', 'the store (default ./.haywire/haywire.db)')
    .option('--base-url <url>', 'send judge requests to another endpoint, e.g. `haywire mock-server`')
    .option(
      '--concurrency <n>',
      'judge requests in flight per provider, at most (default 8)',
      positiveInteger('--concurrency'),
    )
    .option(
      '--max-cost <usd>',
      'stop starting files once the judges have spent this many USD (import again to go on)',
      nonNegativeNumber('--max-cost'),
    )
    .option('--timeout <seconds>', "judges' per-request timeout (default 600)", timeoutSeconds)
    .option('--dry-run', "print the judges' requests, estimated tokens and cost; call nothing, write nothing")
    .option('--quiet', 'no progress output')
    .action(async (dir: string, options: ImportOptions) => {
      process.exitCode = await importCommand(dir, options);
    });
}

interface ImportOptions {
  detectorsOnly?: boolean;
  judge?: string[];
  baseUrl?: string;
  store?: string;
  concurrency?: number;
  quiet?: boolean;
  maxCost?: number;
  timeout?: number;
  dryRun?: boolean;
}

async function importCommand(dir: string, options: ImportOptions): Promise<number> {
  const judges =
    options.detectorsOnly === true ? [] : resolveJudges(options.judge, judgeEndpoint(options.baseUrl));
  studyFolder(dir); // Not a study folder: say so before anything about the judges.
  warnJudges(judges, { requested: options.judge });
  const judgeModels = judgeModelsOf(judges);
  if (options.maxCost !== undefined) assertPriced(judgeModels);
  if (options.dryRun === true) {
    const running = judgeModels.map((j) => j.id);
    const { runId, files, transcripts } = importTranscripts(dir, storePath(options.store));
    const headline = `dry run of an import of ${dir} as run ${runId}: ${transcripts.length} of ${files} files to grade`;
    if (running.length === 0) {
      process.stdout.write(`${headline}; no judge would run (detectors only, free), nothing written\n`);
      return EXIT.ok;
    }
    const estimates = estimateJudging(transcripts, running, { priceFor: priceLookup(judgeModels) });
    process.stdout.write(`${formatJudgingEstimate(headline, estimates, 'the response files')}\n`);
    return EXIT.ok;
  }
  const store = openStore(storePath(options.store));
  const interrupts = onInterrupts('finishing the files being graded');
  try {
    const progress = createGradingProgress({
      stream: process.stderr,
      quiet: options.quiet === true,
      verb: 'imported',
    });
    const result = await importStudy({
      store,
      dir,
      judges,
      signal: interrupts.stop,
      abortSignal: interrupts.abort,
      onSample: progress.onSample,
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      ...(options.maxCost === undefined ? {} : { maxCostUsd: options.maxCost }),
      ...(options.timeout === undefined ? {} : { retry: { timeoutMs: options.timeout * 1000 } }),
    });
    progress.end();
    // Folder names and a file's JSON error are the folder's text: printed so nothing in them reaches the terminal.
    for (const s of result.skipped)
      process.stderr.write(`skipped ${printable(s.path)}: ${printable(s.reason)}\n`);
    if (result.imported + result.existing === 0 && !result.stopped) {
      process.stderr.write(
        `haywire: nothing to import in ${dir}: no readable models/<model>/<condition>/sample_NNN/response.json\n`,
      );
      return EXIT.usage;
    }
    const judged = judges.some((j) => j.model !== undefined);
    const how = judged
      ? `detectors and judges (judges cost $${result.costUsd.toFixed(2)})`
      : 'detectors only (judge not run)';
    process.stdout.write(
      `run ${result.runId}: imported ${result.imported} samples, ${result.existing} already stored, ` +
        `${result.skipped.length} skipped; graded with ${how}\n` +
        `see the rates with: haywire show ${result.runId}\n`,
    );
    if (!result.stopped) return EXIT.ok;
    const { why, exitCode } = stopOutcome(result.stopReason);
    process.stderr.write(`stopped ${why}: import again to grade the rest\n`);
    return exitCode;
  } finally {
    interrupts.dispose();
    store.close();
  }
}
