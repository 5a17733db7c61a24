import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sampleFixture, trajectoryFixture, verdictFixture } from '../store/fixtures.ts';
import { openStore, type Store } from '../store/index.ts';
import { GroupCommit } from './group-commit.ts';

const opened: Store[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const store of opened.splice(0)) store.close();
});

function storeWithSamples(count: number): { store: Store; ids: string[] } {
  const store = openStore(join(mkdtempSync(join(tmpdir(), 'haywire-commit-')), 'haywire.db'));
  opened.push(store);
  store.createRun({ id: 'run', name: 'test', spec: {}, versions: { haywire: '0', node: process.version } });
  const samples = Array.from({ length: count }, (_, i) => sampleFixture(i));
  store.addSamples('run', samples);
  return { store, ids: samples.map((s) => s.id) };
}

const complete = (store: Store, sampleId: string) => () =>
  store.completeSample({
    sampleId,
    trajectory: trajectoryFixture(500),
    actions: [],
    verdicts: [verdictFixture('not_harmful')],
  });

describe('GroupCommit', () => {
  it('commits writes queued within the window together, and resolves each once it is stored', async () => {
    vi.useFakeTimers();
    const { store, ids } = storeWithSamples(5);
    const commits = new GroupCommit(store, { windowMs: 20, maxBatch: 64 });
    let resolved = 0;
    const writes = ids.map((id) => commits.write(complete(store, id)).then(() => resolved++));
    await vi.advanceTimersByTimeAsync(19);
    // Nothing is reported stored before the commit.
    expect([resolved, store.listRuns()[0]?.completed]).toEqual([0, 0]);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all(writes);
    expect(commits.stats).toEqual({ commits: 1, writes: 5 });
    expect([resolved, store.listRuns()[0]?.completed]).toEqual([5, 5]);
  });

  it('commits at once when the batch is full', async () => {
    vi.useFakeTimers();
    const { store, ids } = storeWithSamples(4);
    const commits = new GroupCommit(store, { windowMs: 60_000, maxBatch: 2 });
    const results = await Promise.all(ids.map((id) => commits.write(complete(store, id))));
    expect(results).toEqual([true, true, true, true]);
    expect(store.listRuns()[0]?.completed).toBe(4);
  });

  it('commits at once when every writer that could join is waiting, without waiting out the window', async () => {
    vi.useFakeTimers();
    const { store, ids } = storeWithSamples(3);
    const commits = new GroupCommit(store, { windowMs: 60_000, maxBatch: 64 }, () => 3);
    const results = await Promise.all(ids.map((id) => commits.write(complete(store, id))));
    expect(results).toEqual([true, true, true]);
    expect(commits.stats).toEqual({ commits: 1, writes: 3 });
  });

  it('undoes a failing write alone: the others in its batch are stored', async () => {
    const { store, ids } = storeWithSamples(3);
    const commits = new GroupCommit(store, { windowMs: 1, maxBatch: 64 });
    const broken = () => {
      // Half a write, then a failure: its savepoint rolls the half back.
      store.failSample({ sampleId: ids[1]!, error: { kind: 'timeout', message: 'slow' } });
      throw new Error('disk says no');
    };
    const outcomes = await Promise.allSettled([
      commits.write(complete(store, ids[0]!)),
      commits.write(broken),
      commits.write(complete(store, ids[2]!)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(store.listRuns()[0]).toMatchObject({ completed: 2, errors: 0, pending: 1 });
  });

  it('rejects every write of a batch whose commit fails, storing none', async () => {
    const { store, ids } = storeWithSamples(2);
    const commits = new GroupCommit(store, { windowMs: 1, maxBatch: 64 });
    vi.spyOn(store, 'batch').mockImplementationOnce(() => {
      throw new Error('database is locked');
    });
    const outcomes = await Promise.allSettled(ids.map((id) => commits.write(complete(store, id))));
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(store.listRuns()[0]?.completed).toBe(0);
  });
});
