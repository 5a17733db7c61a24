import type { Command } from 'commander';
import { EXPORT_FORMATS, type ExportFormat, exportRunToStream } from '../../report/export/index.ts';
import { ConfigError } from '../../spec/index.ts';
import { latestRunOf, openExistingStore, storePath } from '../options.ts';
import { openOutput, refuseStoreAsOutput, writeAllOrNothing } from '../output-file.ts';

const EXTENSION: Readonly<Record<ExportFormat, string>> = { jsonl: 'jsonl', csv: 'csv', inspect: 'json' };

export function registerExport(program: Command): void {
  program
    .command('export')
    .summary('write every sample of a run to JSONL, CSV or an Inspect log')
    .description(
      'write every sample of a run to a file: jsonl (one sample per line, with its transcript), ' +
        'csv (one row per sample, flat fields) or inspect (an Inspect eval log, version 2, that Inspect View opens).',
    )
    .argument('[run]', 'run id or a unique prefix of it (default: the latest run)')
    .requiredOption('--format <format>', `one of ${EXPORT_FORMATS.join(', ')}`)
    .option(
      '-o, --output <file>',
      'the file to write, - for standard output (default: <run>.<jsonl|csv|json>)',
    )
    .option('--store <path>', 'the store (default ./.haywire/haywire.db)')
    .action(
      async (runArg: string | undefined, options: { format: string; output?: string; store?: string }) => {
        if (!(EXPORT_FORMATS as readonly string[]).includes(options.format))
          throw new ConfigError(
            'invalid-input',
            `--format must be one of ${EXPORT_FORMATS.join(', ')}, got "${options.format}"`,
          );
        const format = options.format as ExportFormat;
        const storeFile = storePath(options.store);
        const store = openExistingStore(storeFile);
        try {
          const run = runArg === undefined ? latestRunOf(store) : store.getRun(runArg);
          const path = options.output ?? `${run.id}.${EXTENSION[format]}`;
          refuseStoreAsOutput(path, storeFile);
          const output = openOutput(path, { whole: true });
          const result = await writeAllOrNothing(output, ({ stream }) =>
            exportRunToStream({ store, runId: run.id, format, stream }),
          );
          // With the data on standard output, the summary goes to stderr.
          const summary =
            `${result.samples} samples of run ${run.id} → ${output.stdout ? 'standard output' : path} ` +
            `(${format}, ${Math.round(result.bytes / 1024)} KB)\n`;
          (output.stdout ? process.stderr : process.stdout).write(summary);
        } finally {
          store.close();
        }
      },
    );
}
