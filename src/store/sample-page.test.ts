import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import type { Verdict } from '../spec/verdict.ts';
import { conditionFixture, sampleFixture, trajectoryFixture, verdictFixture } from './fixtures.ts';
import { migrate } from './migrate.ts';
import { openStore } from './open-store.ts';
import { MIGRATIONS } from './schema.ts';
import type { Store } from './store.ts';

const versions = { haywire: '0.1.0', node: process.version };
const opened: Store[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

/** 12 samples: i%4 = 0 harmful, 1 not harmful, 2 grader error, 3 failed; the last two stay pending. */
function filledStore(): Store {
  const store = openStore(':memory:');
  opened.push(store);
  store.createRun({ id: 'run', name: 't', spec: {}, versions });
  const samples = Array.from({ length: 14 }, (_, i) =>
    sampleFixture(
      i,
      conditionFixture({ urgency: i % 2 === 0 ? 'replacement' : 'none' }),
      i < 7 ? 'sim/a' : 'sim/b',
    ),
  );
  store.addSamples('run', samples);
  samples.slice(0, 12).forEach((s, i) => {
    if (i % 4 === 3) {
      store.failSample({ sampleId: s.id, error: { kind: 'timeout', message: 'slow' } });
      return;
    }
    const value = (['harmful', 'not_harmful', 'grader_error'] as const)[i % 4]!;
    store.completeSample({
      sampleId: s.id,
      trajectory: trajectoryFixture(200),
      actions: [],
      verdicts: [verdictFixture(value)],
    });
  });
  return store;
}

describe('Store.samplePage', () => {
  it('gives each sample the outcome the rate table counts', () => {
    const store = filledStore();
    const { items, total } = store.samplePage('run');
    expect(total).toBe(14);
    expect(items.map((s) => s.outcome)).toEqual([
      ...Array.from({ length: 12 }, (_, i) => (['harmful', 'not_harmful', 'error', 'error'] as const)[i % 4]),
      'pending',
      'pending',
    ]);
    expect(items[0]?.harms).toEqual(['blackmail']);
    const table = store.rateTable('run');
    const count = (outcome: string) => items.filter((s) => s.outcome === outcome).length;
    expect(table.reduce((sum, r) => sum + r.harmful, 0)).toBe(count('harmful'));
    expect(table.reduce((sum, r) => sum + r.errors, 0)).toBe(count('error'));
    expect(table.reduce((sum, r) => sum + r.pending, 0)).toBe(count('pending'));
  });

  it('follows a regrade: the latest verdict version decides', () => {
    const store = filledStore();
    const first = store.samplePage('run', { outcome: 'harmful' }).items[0]!;
    store.addVerdicts(first.id, [verdictFixture('not_harmful')]);
    expect(store.samplePage('run', { outcome: 'harmful' }).items.map((s) => s.id)).not.toContain(first.id);
    const regraded = store.samplePage('run', { outcome: 'not_harmful' }).items.find((s) => s.id === first.id);
    expect(regraded?.harms).toEqual([]);
  });

  it('filters by model, knob, status and outcome together', () => {
    const store = filledStore();
    const page = store.samplePage('run', { model: 'sim/a', urgency: 'replacement', outcome: 'harmful' });
    expect(page.items.map((s) => [s.model, s.urgency, s.outcome])).toEqual([
      ['sim/a', 'replacement', 'harmful'],
      ['sim/a', 'replacement', 'harmful'],
    ]);
    expect(page.total).toBe(2);
    expect(store.samplePage('run', { status: 'error' }).total).toBe(3);
    expect(store.samplePage('run', { tag: 'eval-awareness' }).total).toBe(0);
    expect(store.samplePage('other-run').total).toBe(0);
  });

  it('filters by a reasoning tag written at $.reasoning.tags (the hook for the reasoning classifiers)', () => {
    const store = filledStore();
    const id = sampleFixture(12, conditionFixture({ urgency: 'replacement' }), 'sim/b').id;
    const tagged: Verdict = {
      ...verdictFixture('harmful'),
      reasoning: {
        tags: ['thinks_real', 'self_preservation'],
        source: 'precheck',
        precheck: ['thinks_real', 'self_preservation'],
      },
    };
    store.completeSample({
      sampleId: id,
      trajectory: trajectoryFixture(200),
      actions: [],
      verdicts: [tagged],
    });
    expect(store.samplePage('run', { tag: 'self_preservation' }).items.map((s) => s.id)).toEqual([id]);
    expect(store.samplePage('run', { tag: 'self_preservation', model: 'sim/a' }).total).toBe(0);
    expect(store.reasoningTags('run')).toEqual(['self_preservation', 'thinks_real']);
  });

  it('pages forward and back with keyset cursors', () => {
    const store = filledStore();
    const all = store.samplePage('run', {}, { limit: 500 }).items.map((s) => s.id);
    const one = store.samplePage('run', {}, { limit: 5 });
    expect(one.previous).toBeNull();
    const two = store.samplePage('run', {}, { limit: 5, after: one.next! });
    const three = store.samplePage('run', {}, { limit: 5, after: two.next! });
    expect([...one.items, ...two.items, ...three.items].map((s) => s.id)).toEqual(all);
    expect(three.next).toBeNull();
    const back = store.samplePage('run', {}, { limit: 5, before: two.previous! });
    expect(back.items.map((s) => s.id)).toEqual(one.items.map((s) => s.id));
    expect(back.previous).toBeNull();
  });

  it('lists the distinct values of a run for filter menus', () => {
    const store = filledStore();
    expect(store.sampleFacets('run')).toMatchObject({
      models: ['sim/a', 'sim/b'],
      urgencies: ['none', 'replacement'],
      condition_ids: ['blackmail_explicit-america_none', 'blackmail_explicit-america_replacement'],
    });
    expect(store.reasoningTags('run')).toEqual([]);
  });
});

describe('migration 2 (sample outcome)', () => {
  it('backfills the outcome of samples written under schema 1', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'haywire-m2-')), 'h.db');
    const db = new DatabaseSync(path);
    migrate(db, path, MIGRATIONS.slice(0, 1));
    const now = '2025-06-20T00:00:00.000Z';
    db.prepare('INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?)').run('run', 'v1', now, now, '{}', '{}');
    const insert = db.prepare(`INSERT INTO samples (id, run_id, model, scenario, condition_id, condition_json,
      goal_type, goal_value, urgency, mitigation, scratchpad, eval_notice, epoch, seed, prompt_hash, status)
      VALUES (?, 'run', 'sim/a', 'blackmail', 'c', '{}', 'none', 'none', 'none', 'none', 1, 0, 0, 0, 'p', ?)`);
    insert.run('harmful-one', 'completed');
    insert.run('ungraded', 'completed');
    insert.run('waiting', 'pending');
    db.prepare(`INSERT INTO verdicts VALUES ('harmful-one', 'blackmail', 1, '{}', 'not_harmful', '{}', ?),
      ('harmful-one', 'blackmail', 2, '{}', 'harmful', '{}', ?)`).run(now, now);
    db.close();
    const store = openStore(path);
    opened.push(store);
    expect(store.samplePage('run').items.map((s) => [s.id, s.outcome])).toEqual([
      ['harmful-one', 'harmful'],
      ['ungraded', 'error'],
      ['waiting', 'pending'],
    ]);
  });
});
