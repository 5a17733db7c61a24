import type { Command } from 'commander';
import { importStudy } from '../../engine/import-study.ts';
import { resolveJudges } from '../../engine/resolve-judges.ts';
import { openStore } from '../../store/index.ts';
import { collectList, judgeEndpoint, storePath } from '../options.ts';

export function registerImport(program: Command): void {
  const command = program.command('import').description('import transcripts produced elsewhere');
  command
    .command('study')
    .summary("import the original study code's results folder as a run")
    .description(
      "import the original study code's output (<dir>/models/<model>/<condition>/sample_NNN/response.json with\n" +
        'raw_response) as a run, one sample per file (murder → lethal), and grade it. Re-importing adds nothing.\n' +
        'Without a reachable judge (or with --detectors-only) the judge is recorded as not run.',
    )
    .argument('<results-dir>', 'the study results folder (holds models/)')
    .option('--detectors-only', 'grade with the detectors only')
    .option('--judge <ids>', 'judge models (repeatable)', collectList)
    .option('--store <path>', 'the store (default ./.haywire/haywire.db)')
    .option('--base-url <url>', 'send judge requests to another endpoint, e.g. `haywire mock-server`')
    .action(
      async (
        dir: string,
        options: { detectorsOnly?: boolean; judge?: string[]; baseUrl?: string; store?: string },
      ) => {
        const judges =
          options.detectorsOnly === true ? [] : resolveJudges(options.judge, judgeEndpoint(options.baseUrl));
        const store = openStore(storePath(options.store));
        try {
          const result = await importStudy({ store, dir, judges });
          for (const s of result.skipped) process.stderr.write(`skipped ${s.path}: ${s.reason}\n`);
          const judged = judges.some((j) => j.model !== undefined)
            ? 'detectors and judges'
            : 'detectors only (judge not run)';
          process.stdout.write(
            `run ${result.runId}: imported ${result.imported} samples, ${result.existing} already stored, ` +
              `${result.skipped.length} skipped; graded with ${judged}\n` +
              `see the rates with: haywire show ${result.runId}\n`,
          );
        } finally {
          store.close();
        }
      },
    );
}
