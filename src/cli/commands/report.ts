import type { Command } from 'commander';
import { latestRunOf, nonNegativeInteger, openExistingStore, storePath } from '../options.ts';
import { openOutput, refuseStoreAsOutput, writeAllOrNothing } from '../output-file.ts';

export function registerReport(program: Command): void {
  program
    .command('report')
    .summary('write a self-contained HTML report of a run')
    .description(
      'write a self-contained HTML report of a run: findings, charts with intervals, goal × threat heatmaps, ' +
        'mitigation comparisons, published study numbers where the model matches, transcripts. ' +
        'It has no script and loads nothing from the network.',
    )
    .argument('[run]', 'run id or a unique prefix of it (default: the latest run)')
    .option('-o, --output <file>', 'the HTML file to write, - for standard output', 'report.html')
    .option(
      '--transcripts <n>',
      'harmful transcripts per model × scenario',
      nonNegativeInteger('--transcripts'),
      1,
    )
    .option('--store <path>', 'the store (default ./.haywire/haywire.db)')
    .action(
      async (
        runArg: string | undefined,
        options: { output: string; transcripts: number; store?: string },
      ) => {
        const { buildReport } = await import('../../report/html/index.ts');
        const storeFile = storePath(options.store);
        const store = openExistingStore(storeFile);
        try {
          const run = runArg === undefined ? latestRunOf(store) : store.getRun(runArg);
          refuseStoreAsOutput(options.output, storeFile);
          const started = performance.now();
          const html = buildReport({ store, runId: run.id, transcriptsPerCell: options.transcripts });
          // Opened once the report is built, so a failed build leaves an earlier report as it was.
          const output = openOutput(options.output, { whole: true });
          await writeAllOrNothing(output, (o) => o.write(html));
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          // With the HTML on standard output, the summary goes to stderr.
          const summary =
            `report of run ${run.id} → ${output.stdout ? 'standard output' : options.output} ` +
            `(${Math.round(html.length / 1024)} KB, ${seconds} s)\n`;
          (output.stdout ? process.stderr : process.stdout).write(summary);
        } finally {
          store.close();
        }
      },
    );
}
