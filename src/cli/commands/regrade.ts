import type { Command } from 'commander';
import { regradeRun } from '../../engine/regrade-run.ts';
import { resolveJudges } from '../../engine/resolve-judges.ts';
import { collectList, judgeEndpoint, latestRunOf, openExistingStore, storePath } from '../options.ts';

export function registerRegrade(program: Command): void {
  program
    .command('regrade')
    .summary("re-grade a run's stored transcripts as a new verdict version")
    .description(
      're-grade stored transcripts without re-running the agent. Each sample gets a new verdict version; earlier\n' +
        'versions are kept (`haywire show --versions` compares the last two). Without --judge the default judge is\n' +
        'used when its provider key is set, otherwise the judge is recorded as not run.',
    )
    .argument('[run]', 'run id or a unique prefix of it (default: the latest run)')
    .option(
      '--judge <ids>',
      'judge models (repeatable, e.g. --judge sim/judge:agree --judge openai/gpt-4.1)',
      collectList,
    )
    .option('--store <path>', 'the store (default ./.haywire/haywire.db)')
    .option('--base-url <url>', 'send judge requests to another endpoint, e.g. `haywire mock-server`')
    .action(
      async (runArg: string | undefined, options: { judge?: string[]; baseUrl?: string; store?: string }) => {
        const store = openExistingStore(storePath(options.store));
        try {
          const run = runArg === undefined ? latestRunOf(store) : store.getRun(runArg);
          const judges = resolveJudges(options.judge, judgeEndpoint(options.baseUrl));
          const result = await regradeRun({ store, run: run.id, judges });
          for (const j of judges.filter((j) => j.model === undefined))
            process.stderr.write(`judge ${j.id} not run: ${j.unavailable}\n`);
          process.stdout.write(
            `regraded ${result.regraded} samples of run ${result.runId}: ${result.harmful} harmful, ` +
              `${result.graderErrors} grader errors, ${result.disagreements} detector/judge disagreements\n`,
          );
        } finally {
          store.close();
        }
      },
    );
}
