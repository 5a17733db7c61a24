import { createReadStream, rmSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { ConfigError } from '../../spec/config-error.ts';
import type { Store } from '../../store/index.ts';
import { csvLine } from './csv-cell.ts';
import { eachSample } from './each-sample.ts';
import { FileSink } from './file-sink.ts';
import { buildInspectHeader, InspectTally } from './inspect-header.ts';
import { CSV_COLUMNS, toCsvRow } from './to-csv-row.ts';
import { toExportRecord } from './to-export-record.ts';
import { toInspectSample } from './to-inspect-sample.ts';

/** The formats `exportRun` writes. */
export const EXPORT_FORMATS = ['jsonl', 'csv', 'inspect'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportRunOptions {
  readonly store: Store;
  readonly runId: string;
  readonly format: ExportFormat;
  /** The file to write (replaced if it exists). */
  readonly output: string;
}

export interface ExportResult {
  readonly path: string;
  readonly format: ExportFormat;
  readonly samples: number;
  readonly bytes: number;
}

/**
 * Writes every sample of a run to a file, streaming: `jsonl` (one sample per line with its transcript),
 * `csv` (one row per sample, flat fields) or `inspect` (an Inspect eval log, version 2, for Inspect View).
 * @example
 * await exportRun({ store, runId: run.id, format: 'inspect', output: 'run.json' });
 */
export async function exportRun(options: ExportRunOptions): Promise<ExportResult> {
  const { store, format, output } = options;
  if (!EXPORT_FORMATS.includes(format))
    throw new ConfigError(
      'invalid-input',
      `unknown export format "${format}": use ${EXPORT_FORMATS.join(', ')}`,
    );
  const run = store.getRun(options.runId);
  const sink = new FileSink(output);
  let samples = 0;
  try {
    if (format === 'inspect') samples = await writeInspect(store, run.id, sink, output);
    else {
      if (format === 'csv') await sink.write(csvLine(CSV_COLUMNS));
      for (const sample of eachSample(store, run.id)) {
        await sink.write(
          format === 'csv' ? csvLine(toCsvRow(sample)) : `${JSON.stringify(toExportRecord(sample))}\n`,
        );
        samples++;
      }
    }
  } finally {
    await sink.close();
  }
  return { path: output, format, samples, bytes: sink.bytes };
}

// Samples go to a side file first: the header (results, usage, times) needs every sample, and Inspect
// reads the header before `samples`, so it must come first in the file.
async function writeInspect(store: Store, runId: string, sink: FileSink, output: string): Promise<number> {
  const side = `${output}.samples.tmp`;
  const samplesSink = new FileSink(side);
  const tally = new InspectTally();
  try {
    const models = new Set(store.rateTable(runId).map((r) => r.model));
    let first = true;
    for (const sample of eachSample(store, runId)) {
      const id =
        models.size === 1
          ? sample.detail.condition_id
          : `${sample.detail.model}/${sample.detail.condition_id}`;
      const inspect = toInspectSample(sample, id);
      tally.add(sample, inspect);
      await samplesSink.write(`${first ? '' : ','}${JSON.stringify(inspect)}`);
      first = false;
    }
    await samplesSink.close();
    const header = JSON.stringify(buildInspectHeader(store.getRun(runId), tally));
    await sink.write(`${header.slice(0, -1)},"samples":[`);
    sink.bytes += statSync(side).size;
    await pipeline(createReadStream(side), sink.stream, { end: false });
    await sink.write(']}');
    return tally.samples;
  } finally {
    rmSync(side, { force: true });
  }
}
