import { once } from 'node:events';
import { createReadStream, createWriteStream, lstatSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { ConfigError } from '../../spec/config-error.ts';
import type { Store } from '../../store/index.ts';
import { csvLine } from './csv-cell.ts';
import { eachSample } from './each-sample.ts';
import { buildInspectHeader, InspectTally } from './inspect-header.ts';
import { StreamSink } from './stream-sink.ts';
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

export interface ExportToStreamOptions {
  readonly store: Store;
  readonly runId: string;
  readonly format: ExportFormat;
  /** Where to write, such as standard output; left open. */
  readonly stream: Writable;
  /** Where `inspect` keeps its samples while it writes the header (default the system's temporary folder). */
  readonly scratchDir?: string;
}

export interface ExportStreamResult {
  readonly format: ExportFormat;
  readonly samples: number;
  readonly bytes: number;
}

export interface ExportResult extends ExportStreamResult {
  readonly path: string;
}

/**
 * Writes every sample of a run to a file, streaming: `jsonl` (one sample per line with its transcript),
 * `csv` (one row per sample, flat fields) or `inspect` (an Inspect eval log, version 2, for Inspect View).
 * On failure the file is removed, so nothing partial is left looking like an export.
 * @example
 * await exportRun({ store, runId: run.id, format: 'inspect', output: 'run.json' });
 */
export async function exportRun(options: ExportRunOptions): Promise<ExportResult> {
  const { store, runId, format, output } = options;
  // A bad format or run fails before the file is touched.
  checkedRun(store, runId, format);
  const stream = createWriteStream(output);
  await once(stream, 'open');
  // Only a plain file is removed after a failure: never a device, a pipe, or a symlink.
  const removable = !lstatSync(output).isSymbolicLink() && statSync(output).isFile();
  // Listening from the start, so an error while writing is never an unhandled 'error' event.
  const closed = finished(stream);
  closed.catch(() => {});
  try {
    // Inspect's side file goes beside the output, where room for the export is needed anyway.
    const scratch = removable ? { scratchDir: dirname(output) } : {};
    const result = await exportRunToStream({ store, runId, format, stream, ...scratch });
    stream.end();
    await closed;
    return { path: output, ...result };
  } catch (error) {
    stream.destroy();
    if (removable) rmSync(output, { force: true });
    throw error;
  }
}

/**
 * Writes every sample of a run to a stream, as `exportRun` writes a file; the stream is left open.
 * @example
 * await exportRunToStream({ store, runId: run.id, format: 'jsonl', stream: process.stdout });
 */
export async function exportRunToStream(options: ExportToStreamOptions): Promise<ExportStreamResult> {
  const { store, format } = options;
  const runId = checkedRun(store, options.runId, format);
  const sink = new StreamSink(options.stream);
  let samples = 0;
  try {
    if (format === 'inspect')
      samples = await writeInspect(store, runId, sink, options.scratchDir ?? tmpdir());
    else {
      if (format === 'csv') await sink.write(csvLine(CSV_COLUMNS));
      for (const sample of eachSample(store, runId)) {
        await sink.write(
          format === 'csv' ? csvLine(toCsvRow(sample)) : `${JSON.stringify(toExportRecord(sample))}\n`,
        );
        samples++;
      }
    }
  } finally {
    sink.release();
  }
  return { format, samples, bytes: sink.bytes };
}

/** The run's full id, after checking the format and that the run exists. */
function checkedRun(store: Store, runId: string, format: ExportFormat): string {
  if (!EXPORT_FORMATS.includes(format))
    throw new ConfigError(
      'invalid-input',
      `unknown export format "${format}": use ${EXPORT_FORMATS.join(', ')}`,
    );
  return store.getRun(runId).id;
}

// Samples go to a temporary file first: the header (results, usage, times) needs every sample, and Inspect
// reads the header before `samples`, so it must come first in the output.
async function writeInspect(
  store: Store,
  runId: string,
  sink: StreamSink,
  scratchDir: string,
): Promise<number> {
  const dir = mkdtempSync(join(scratchDir, '.haywire-export-'));
  const side = join(dir, 'samples.json');
  const removeSide = (): void => rmSync(dir, { recursive: true, force: true });
  // Also when the process ends mid-export, as the CLI does when the reader of standard output goes away.
  process.once('exit', removeSide);
  const tally = new InspectTally();
  try {
    // The sink keeps listening to the side file's errors: it is thrown away either way.
    const sideStream = createWriteStream(side);
    const samplesSink = new StreamSink(sideStream);
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
      sideStream.end();
      await finished(sideStream);
    } catch (error) {
      sideStream.destroy();
      // A full disk or a size limit is the machine's trouble, not a bug: say so in one line.
      if (error !== samplesSink.failure) throw error;
      throw new ConfigError(
        'invalid-input',
        `cannot write the temporary file ${side}: ${(error as Error).message}`,
        { file: side, cause: error },
      );
    }
    const header = JSON.stringify(buildInspectHeader(store.getRun(runId), tally));
    await sink.write(`${header.slice(0, -1)},"samples":[`);
    for await (const chunk of createReadStream(side)) await sink.write(chunk as Buffer);
    await sink.write(']}');
    return tally.samples;
  } finally {
    process.off('exit', removeSide);
    removeSide();
  }
}
