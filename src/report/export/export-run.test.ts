import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allConditions } from '../../scenarios/list-conditions.ts';
import { openStore, type Store } from '../../store/index.ts';
import { HOSTILE, reportFixture } from '../html/fixtures.ts';
import { exportRun, exportRunToStream } from './export-run.ts';
import { inspectEvalLogSchema } from './inspect-log-schema.ts';
import { CSV_COLUMNS } from './to-csv-row.ts';

let store: Store | undefined;
afterEach(() => store?.close());

const SAMPLES = 8 * 10 + 2; // PLAN cells × epochs, plus a failed sample and a grader error

async function exported(format: 'jsonl' | 'csv' | 'inspect') {
  const fixture = reportFixture();
  store = fixture.store;
  const output = join(fixture.dir, `out.${format}`);
  const result = await exportRun({ store, runId: fixture.runId, format, output });
  return { result, text: readFileSync(output, 'utf8'), store };
}

/** A strict RFC 4180 reader, for checking what the writer wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('exportRun', () => {
  it('jsonl: one parseable record per stored sample, transcript and verdicts included', async () => {
    const { result, text, store } = await exported('jsonl');
    const lines = text.trimEnd().split('\n');
    expect(result.samples).toBe(SAMPLES);
    expect(lines).toHaveLength(SAMPLES);
    const records = lines.map((l) => JSON.parse(l));
    expect(new Set(records.map((r) => r.sample_id)).size).toBe(SAMPLES);
    const harmful = records.find((r) => r.outcome === 'harmful');
    const stored = store.getSample(harmful.sample_id)!;
    expect(harmful.transcript).toEqual(stored.trajectory);
    // What each sample cost, as stored; null where none was recorded.
    expect(harmful.cost_usd).toBe(0.0125);
    expect(records.find((r) => r.outcome === 'not_harmful').cost_usd).toBeNull();
    expect(harmful.actions).toEqual(stored.actions);
    expect(harmful.verdicts).toEqual(stored.verdicts);
    expect(harmful).toMatchObject({
      model: stored.model,
      epoch: stored.epoch,
      status: 'completed',
      harms: ['blackmail'],
    });
    const failed = records.find((r) => r.status === 'error');
    expect(failed).toMatchObject({ outcome: 'error', error: { kind: 'timeout' } });
    expect(records.filter((r) => r.outcome === 'error')).toHaveLength(2);
  });

  it('csv: the header, one row per sample, RFC 4180 quoting and formula guard', async () => {
    const { text } = await exported('csv');
    expect(text.startsWith(`${CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(SAMPLES + 1);
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const harmful = rows.find((r) => r[col('outcome')] === 'harmful')!;
    expect(harmful[col('final_response')]!.startsWith(`'${HOSTILE.formula}\n`)).toBe(true);
    const safe = rows.find((r) => r[col('outcome')] === 'not_harmful')!;
    expect(safe[col('final_response')]).toBe('I will not. "Quoted", with a comma\nand a newline.');
    expect(harmful[col('verdicts')]).toBe('blackmail:harmful');
    expect([harmful[col('cost_usd')], safe[col('cost_usd')]]).toEqual(['0.0125', '']);
    for (const row of rows.slice(1)) expect(row[col('sample_id')]).not.toMatch(/^[=+\-@]/);
  });

  it('inspect: a version 2 eval log that validates, with one sample per stored sample', async () => {
    const { result, text } = await exported('inspect');
    const log = inspectEvalLogSchema.parse(JSON.parse(text));
    expect(Object.keys(JSON.parse(text))).toEqual([
      'version',
      'status',
      'eval',
      'plan',
      'results',
      'stats',
      'samples',
    ]);
    expect(log.samples).toHaveLength(SAMPLES);
    expect(result.bytes).toBe(Buffer.byteLength(text));
    expect(new Set(log.samples.map((s) => `${s.id}#${s.epoch}`)).size).toBe(SAMPLES);
    expect(log.results?.total_samples).toBe(SAMPLES);
    expect(log.results?.scores[0]).toMatchObject({ scored_samples: SAMPLES - 2, unscored_samples: 2 });
    const harmful = 8 + 1 + 6 + 2 + 2;
    expect(log.results?.scores[0]?.metrics.mean?.value).toBeCloseTo(harmful / (SAMPLES - 2));
    expect(log.eval.metadata).toMatchObject({ simulated_models: ['sim/insider'] });
    const scored = log.samples.filter((s) => s.scores?.haywire_harm?.value === 1);
    expect(scored).toHaveLength(harmful);
    const failed = log.samples.find((s) => s.error != null);
    expect(failed?.error?.message).toMatch(/^timeout: /);
    const sample = scored[0]!;
    expect(typeof sample.input === 'string' ? sample.input : sample.input.map((m) => m.role)).toEqual([
      'system',
      'user',
    ]);
    expect(sample.output.choices[0]?.message.role).toBe('assistant');
    expect(log.stats.model_usage['sim/insider']?.input_tokens).toBe(100 * 40);
    expect(Object.keys(log.results?.scores[0]?.metrics ?? {})).toEqual([
      'mean',
      'stderr',
      'wilson_low',
      'wilson_high',
    ]);
    // The fixture records $0.0125 for each harmful sample and no cost for the others.
    for (const s of log.samples) {
      const { cost_usd } = s.metadata as { cost_usd: number | null };
      expect(cost_usd).toBe(s.scores?.haywire_harm?.value === 1 ? 0.0125 : null);
    }
  });

  it('inspect: a run with nothing scored has no rate, not a rate of 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'haywire-export-'));
    store = openStore(join(dir, 'haywire.db'));
    store.createRun({
      id: 'pending-run',
      name: 'pending',
      spec: {},
      versions: { haywire: '0.0.0', node: 'test' },
    });
    store.addSamples('pending-run', [
      { id: 's1', model: 'sim/insider', condition: allConditions()[0]!, epoch: 1, seed: 1, promptHash: 'p' },
    ]);
    const output = join(dir, 'out.json');
    await exportRun({ store, runId: 'pending-run', format: 'inspect', output });
    const log = inspectEvalLogSchema.parse(JSON.parse(readFileSync(output, 'utf8')));
    expect(log.status).toBe('started');
    expect(log.results?.scores[0]).toMatchObject({ scored_samples: 0, unscored_samples: 1, metrics: {} });
  });

  it.each(['jsonl', 'csv', 'inspect'] as const)(
    '%s: the same bytes to a stream, left open',
    async (format) => {
      const { result, text, store } = await exported(format);
      const stream = new PassThrough();
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      const streamed = await exportRunToStream({ store, runId: 'run-report-fixture', format, stream });
      expect(stream.writableEnded).toBe(false);
      expect(Buffer.concat(chunks).toString('utf8')).toBe(text);
      expect(streamed).toEqual({ format, samples: result.samples, bytes: result.bytes });
    },
  );

  it('removes the file when the export fails part-way, and touches no file for an unknown run', async () => {
    const fixture = reportFixture();
    store = fixture.store;
    const output = join(fixture.dir, 'out.jsonl');
    writeFileSync(output, 'an older export');
    await expect(exportRun({ store, runId: 'no-such-run', format: 'jsonl', output })).rejects.toThrow();
    expect(readFileSync(output, 'utf8')).toBe('an older export');
    const getSample = store.getSample.bind(store);
    let read = 0;
    vi.spyOn(store, 'getSample').mockImplementation((id) => {
      if (++read > 3) throw new Error('the store broke');
      return getSample(id);
    });
    await expect(exportRun({ store, runId: fixture.runId, format: 'jsonl', output })).rejects.toThrow(
      'the store broke',
    );
    expect(existsSync(output)).toBe(false);
  });
});
