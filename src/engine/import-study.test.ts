import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveModel } from '../models/index.ts';
import { openStore } from '../store/index.ts';
import { importStudy, importTranscripts } from './import-study.ts';
import { inFlightMeter, PRICED_JUDGE } from './in-flight-meter.fixture.ts';

const STUDY = new URL('../../test/fixtures/study-output', import.meta.url).pathname;

/** The priced judge (sim/judge:agree underneath), metered. */
function meteredJudge() {
  const { meter, wrap } = inFlightMeter();
  const model = wrap(resolveModel('sim/judge:agree'), { id: PRICED_JUDGE.id, usage: PRICED_JUDGE.usage });
  return { meter, judges: [{ id: PRICED_JUDGE.id, model }] };
}

describe('importStudy with judges', () => {
  it("grades the files in parallel, up to the concurrency, and prices the judges' calls", async () => {
    const store = openStore(':memory:');
    const { meter, judges } = meteredJudge();
    const result = await importStudy({ store, dir: STUDY, judges, concurrency: 3 });
    expect(result).toMatchObject({ imported: 9, existing: 0, stopped: false });
    expect(result.skipped).toHaveLength(2);
    expect(meter.peak).toBe(3);
    // Two questions a file: the harm question and the reasoning question.
    expect(meter.answered).toBe(18);
    expect(result.costUsd).toBeCloseTo(18 * PRICED_JUDGE.perCall, 10);
    for (const sample of store.samplesOf(result.runId, { status: 'completed' }))
      expect(store.getSample(sample.id)!.verdicts[0]!.verdict.judge.status).toBe('run');
    store.close();
  });

  it('stops starting files on the signal, and importing again grades only the rest', async () => {
    const store = openStore(':memory:');
    const stop = new AbortController();
    const first = await importStudy({
      store,
      dir: STUDY,
      judges: meteredJudge().judges,
      concurrency: 1,
      signal: stop.signal,
      onSample: () => stop.abort(),
    });
    expect(first.stopped).toBe(true);
    // Stopped at the first file stored: the other being graded (2 × concurrency began) was finished.
    expect(first.imported).toBeGreaterThanOrEqual(1);
    expect(first.imported).toBeLessThanOrEqual(2);
    const rest = meteredJudge();
    const second = await importStudy({ store, dir: STUDY, judges: rest.judges });
    expect(second).toMatchObject({ imported: 9 - first.imported, existing: first.imported, stopped: false });
    expect(rest.meter.answered).toBe(2 * (9 - first.imported));
    expect(store.listRuns()[0]).toMatchObject({ samples: 9, completed: 9 });
    store.close();
  });

  it('reads each response again when grading it: one broken since the listing stays pending, and is imported later', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'haywire-import-'));
    cpSync(STUDY, dir, { recursive: true });
    const store = openStore(':memory:');
    const files: string[] = [];
    const first = await importStudy({
      store,
      dir,
      judges: [],
      onSample: () => {
        // After the first file is stored, break one that is listed but not yet graded.
        if (files.length > 0) return;
        const pending = store.samplesOf(store.listRuns()[0]!.id, { status: 'pending' });
        expect(pending.length).toBeGreaterThan(0);
        const file = join(
          dir,
          'models',
          'gpt-4.1',
          'blackmail_explicit-america_replacement',
          'sample_001',
          'response.json',
        );
        files.push(file, readFileSync(file, 'utf8'));
        writeFileSync(file, '{ not json');
      },
    });
    expect(first.stopped).toBe(false);
    expect(first.imported).toBe(8);
    expect(
      first.skipped.map((s) => s.reason).filter((r) => r.includes('changed during the import')),
    ).toHaveLength(1);
    expect(store.listRuns()[0]).toMatchObject({ samples: 9, completed: 8, pending: 1 });
    writeFileSync(files[0]!, files[1]!);
    const second = await importStudy({ store, dir, judges: [] });
    expect(second).toMatchObject({ imported: 1, existing: 8, stopped: false });
    expect(store.listRuns()[0]).toMatchObject({ samples: 9, completed: 9, pending: 0 });
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops at the budget; the dry-run estimate then counts only the files left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'haywire-import-'));
    const path = join(dir, 'h.db');
    expect(importTranscripts(STUDY, path)).toMatchObject({ files: 9, transcripts: { length: 9 } });
    const store = openStore(path);
    const { meter, judges } = meteredJudge();
    // Two calls a file; scheduling stops once spent, plus the files being graded, reaches 4 calls.
    const first = await importStudy({
      store,
      dir: STUDY,
      judges,
      concurrency: 1,
      maxCostUsd: 4 * PRICED_JUDGE.perCall,
    });
    expect(first).toMatchObject({ stopped: true, stopReason: 'budget' });
    expect(first.imported).toBeGreaterThanOrEqual(1);
    expect(first.imported).toBeLessThan(9);
    expect(first.costUsd).toBeCloseTo(meter.answered * PRICED_JUDGE.perCall, 10);
    store.close();
    const left = importTranscripts(STUDY, path);
    expect(left.transcripts).toHaveLength(9 - first.imported);
    expect(left.transcripts.every((t) => t.chars > 0)).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });
});
