import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../spec/config-error.ts';
import { defaultStorePath } from './default-store-path.ts';
import { actionFixture, sampleFixture, trajectoryFixture, verdictFixture } from './fixtures.ts';
import { openStore } from './open-store.ts';
import { peekSampleStates } from './peek-sample-states.ts';
import { SCHEMA_VERSION } from './schema.ts';
import type { Store } from './store.ts';

const versions = { haywire: '0.1.0', node: process.version };
const opened: Store[] = [];

function freshStore(): Store {
  const store = openStore(join(mkdtempSync(join(tmpdir(), 'haywire-store-')), 'nested', 'haywire.db'));
  opened.push(store);
  return store;
}

function storeWithRun(id = 'run-a'): Store {
  const store = freshStore();
  store.createRun({ id, name: 'test', spec: { epochs: 10 }, versions });
  return store;
}

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

describe('openStore', () => {
  it('creates the folder and a WAL database with foreign keys', () => {
    const store = freshStore();
    store.close();
    const db = new DatabaseSync(store.path);
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_version').get()).toEqual({ v: SCHEMA_VERSION });
    db.close();
  });

  it('refuses a missing store when asked not to create one, and a file that is not a database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'haywire-store-'));
    expect(() => openStore(join(dir, 'none.db'), { create: false })).toThrow(
      expect.objectContaining({ code: 'missing-file' }),
    );
    writeFileSync(join(dir, 'junk.db'), 'x'.repeat(4096));
    expect(() => openStore(join(dir, 'junk.db'))).toThrow(expect.objectContaining({ code: 'invalid-input' }));
  });

  it('refuses a folder, and a path under a file, with a ConfigError saying so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'haywire-store-'));
    expect(() => openStore(dir)).toThrow(
      expect.objectContaining({
        code: 'invalid-input',
        message: expect.stringMatching(/is a folder, not a Haywire store/),
      }),
    );
    expect(() => peekSampleStates(dir, 'run')).toThrow(ConfigError);
    writeFileSync(join(dir, 'plain'), 'x');
    expect(() => openStore(join(dir, 'plain', 'sub', 'haywire.db'))).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/plain is a file, not a folder$/) }),
    );
  });

  it('defaults to ./.haywire/haywire.db', () => {
    expect(defaultStorePath('/tmp/project')).toBe('/tmp/project/.haywire/haywire.db');
  });
});

describe('runs', () => {
  it('creates a run once and only touches updated_at afterwards', async () => {
    const store = freshStore();
    const first = store.createRun({ id: 'abc123', name: 'one', spec: { epochs: 10 }, versions });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const again = store.createRun({ id: 'abc123', name: 'two', spec: { epochs: 99 }, versions });
    expect(again).toMatchObject({ name: 'one', spec: { epochs: 10 }, created_at: first.created_at });
    expect(again.updated_at > first.updated_at).toBe(true);
  });

  it('finds runs by unique prefix like git', async () => {
    const store = freshStore();
    store.createRun({ id: 'abc123', name: 'a', spec: {}, versions });
    store.createRun({ id: 'abd456', name: 'b', spec: {}, versions });
    expect(store.getRun('abc').id).toBe('abc123');
    expect(() => store.getRun('ab')).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    const missing = (() => {
      try {
        store.getRun('zzz');
      } catch (error) {
        return error;
      }
    })();
    expect(missing).toBeInstanceOf(ConfigError);
    expect(missing).toMatchObject({ code: 'unknown-name', message: `no run "zzz" in ${store.path}` });
    expect(store.latestRun()?.id).toBe('abd456');
    await new Promise((resolve) => setTimeout(resolve, 5)); // updated_at has millisecond resolution
    store.createRun({ id: 'abc123', name: 'a', spec: {}, versions });
    expect(store.latestRun()?.id).toBe('abc123');
  });
});

describe('samples', () => {
  it('adds 10,000 samples in one transaction, and adding them again changes nothing', () => {
    const store = storeWithRun();
    const samples = Array.from({ length: 10_000 }, (_, i) => sampleFixture(i));
    expect(store.addSamples('run-a', samples)).toEqual({ inserted: 10_000, existing: 0, conflicting: [] });
    expect(store.addSamples('run-a', samples)).toEqual({ inserted: 0, existing: 10_000, conflicting: [] });
    expect(store.listRuns()[0]).toMatchObject({ id: 'run-a', samples: 10_000, pending: 10_000 });
  });

  it('reports ids that belong to another run instead of stealing them', () => {
    const store = storeWithRun();
    store.createRun({ id: 'run-b', name: 'other', spec: {}, versions });
    store.addSamples('run-a', [sampleFixture(0)]);
    expect(store.addSamples('run-b', [sampleFixture(0), sampleFixture(1)])).toEqual({
      inserted: 1,
      existing: 0,
      conflicting: [sampleFixture(0).id],
    });
  });

  it('completes a sample atomically, once', () => {
    const store = storeWithRun();
    const { id } = sampleFixture(0);
    store.addSamples('run-a', [sampleFixture(0)]);
    const done = { sampleId: id, trajectory: trajectoryFixture(), actions: [actionFixture()] };
    expect(store.completeSample({ ...done, verdicts: [verdictFixture('harmful')] })).toBe(true);
    expect(store.completeSample({ ...done, verdicts: [verdictFixture('not_harmful')] })).toBe(false);
    expect(store.failSample({ sampleId: id, error: { kind: 'timeout', message: 'late' } })).toBe(false);
    const sample = store.getSample(id);
    expect(sample).toMatchObject({
      status: 'completed',
      attempts: 1,
      error: null,
      actions: [actionFixture()],
    });
    expect(sample?.trajectory).toEqual(trajectoryFixture());
    expect(sample?.verdicts).toEqual([
      { version: 1, created_at: expect.any(String), verdict: verdictFixture('harmful') },
    ]);
  });

  it('writes nothing when any part of a completion fails', () => {
    const store = storeWithRun();
    const { id } = sampleFixture(0);
    store.addSamples('run-a', [sampleFixture(0)]);
    const broken = { ...verdictFixture('harmful'), value: 'maybe' } as unknown as ReturnType<
      typeof verdictFixture
    >;
    expect(() =>
      store.completeSample({
        sampleId: id,
        trajectory: trajectoryFixture(),
        actions: [actionFixture()],
        verdicts: [broken],
      }),
    ).toThrow(/CHECK constraint/);
    expect(store.getSample(id)).toMatchObject({
      status: 'pending',
      attempts: 0,
      trajectory: null,
      actions: [],
      verdicts: [],
    });
  });

  it('retries failures on resume, up to maxAttempts', () => {
    const store = storeWithRun();
    store.addSamples(
      'run-a',
      [0, 1, 2].map((i) => sampleFixture(i)),
    );
    const [a, b] = [sampleFixture(0).id, sampleFixture(1).id];
    store.failSample({
      sampleId: a,
      error: { kind: 'rate_limit', message: '429' },
      trajectory: trajectoryFixture(100),
    });
    store.completeSample({ sampleId: b, trajectory: trajectoryFixture(100), actions: [], verdicts: [] });
    const ids = (retryErrors: boolean, maxAttempts?: number) => {
      const options = maxAttempts === undefined ? { retryErrors } : { retryErrors, maxAttempts };
      const fromRows = store.pendingSamples('run-a', options).map((s) => s.id);
      // The ids-only query the engine uses must agree with the full one.
      expect(store.pendingSampleIds('run-a', options)).toEqual(fromRows);
      return fromRows;
    };
    expect(ids(true)).toEqual([a, sampleFixture(2).id]);
    expect(ids(false)).toEqual([sampleFixture(2).id]);
    expect(ids(true, 1)).toEqual([sampleFixture(2).id]);
    expect(store.getSample(a)).toMatchObject({ status: 'error', attempts: 1, error: { kind: 'rate_limit' } });
    store.completeSample({ sampleId: a, trajectory: trajectoryFixture(100), actions: [], verdicts: [] });
    expect(store.getSample(a)).toMatchObject({ status: 'completed', attempts: 2, error: null });
  });

  it('adds up what each sample cost over its attempts and regrades; any unknown part leaves it unknown', () => {
    const store = storeWithRun();
    const other = sampleFixture(0, undefined, 'openai/gpt-4.1');
    const [a, b, c, d, e] = [0, 1, 2, 3, 4].map((i) => sampleFixture(i));
    store.addSamples('run-a', [a!, b!, c!, d!, e!, other]);
    const done = { trajectory: trajectoryFixture(100), actions: [], verdicts: [verdictFixture('harmful')] };
    const timeout = { kind: 'timeout' as const, message: 'slow' };
    // a: a failed attempt, the completing one and a regrade, each priced.
    store.failSample({ sampleId: a!.id, error: timeout, costUsd: 0.25 });
    store.completeSample({ sampleId: a!.id, ...done, costUsd: 0.5 });
    store.addVerdicts(a!.id, [verdictFixture('not_harmful')], 0.125);
    // b: no cost given. c: a regrade of unknown cost. e: a failed attempt of unknown cost, then a priced one.
    store.completeSample({ sampleId: b!.id, ...done });
    store.completeSample({ sampleId: c!.id, ...done, costUsd: 1 });
    store.addVerdicts(c!.id, [verdictFixture('harmful')], undefined);
    store.failSample({ sampleId: e!.id, error: timeout });
    store.completeSample({ sampleId: e!.id, ...done, costUsd: 0.5 });
    store.completeSample({ sampleId: other.id, ...done, costUsd: 2 });
    expect([a, b, c, e].map((x) => store.getSample(x!.id)?.cost_usd)).toEqual([0.875, null, null, null]);
    // d is still pending: not a finished sample.
    expect(store.runCost('run-a')).toEqual([
      { model: 'openai/gpt-4.1', costUsd: 2, priced: 1, samples: 1 },
      { model: 'sim/insider', costUsd: 0.875, priced: 1, samples: 4 },
    ]);
    expect(store.listRuns()[0]).toMatchObject({ cost_usd: 2.875, cost_unrecorded: 3 });
  });

  it('pages through a run and filters by status', () => {
    const store = storeWithRun();
    store.addSamples(
      'run-a',
      [0, 1, 2, 3, 4].map((i) => sampleFixture(i)),
    );
    store.failSample({ sampleId: sampleFixture(3).id, error: { kind: 'timeout', message: 'slow' } });
    expect(store.samplesOf('run-a', { limit: 2, offset: 1 }).map((s) => s.epoch)).toEqual([1, 2]);
    expect(store.samplesOf('run-a', { status: 'error' }).map((s) => s.epoch)).toEqual([3]);
    expect(store.samplesOf('run-a')).toHaveLength(5);
  });
});
