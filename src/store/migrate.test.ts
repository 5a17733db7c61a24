import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { sampleFixture, trajectoryFixture, verdictFixture } from './fixtures.ts';
import { migrate } from './migrate.ts';
import { openStore } from './open-store.ts';
import { MIGRATIONS } from './schema.ts';

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'haywire-migrate-')), 'haywire.db');

// A released migration must never change: stores in the wild were built by it. Add a new one instead.
const RELEASED = { 1: '4a61f4d16683fa843b9199e856464a61f6ee15578c98b0824faf9f297d012e8f' };

describe('migrations', () => {
  it('keeps released migrations byte for byte', () => {
    for (const [version, digest] of Object.entries(RELEASED)) {
      const migration = MIGRATIONS.find((m) => m.version === Number(version));
      expect(
        createHash('sha256')
          .update(migration?.sql ?? '')
          .digest('hex'),
      ).toBe(digest);
    }
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('opens a store written by schema version 1 and reads its data', () => {
    const path = tempDb();
    const v1 = new DatabaseSync(path);
    v1.exec('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    v1.exec(MIGRATIONS[0]!.sql);
    v1.prepare('INSERT INTO schema_version VALUES (1, ?)').run('2025-06-20T00:00:00.000Z');
    v1.prepare('INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?)').run(
      'old-run',
      'from v1',
      '2025-06-20T00:00:00.000Z',
      '2025-06-20T00:00:00.000Z',
      '{"epochs":3}',
      '{"haywire":"0.1.0","node":"v24.0.0"}',
    );
    v1.close();

    const store = openStore(path);
    expect(store.getRun('old')).toMatchObject({ id: 'old-run', spec: { epochs: 3 } });
    store.close();
  });

  it('applies only the migrations a store lacks, and refuses a newer store', () => {
    const path = tempDb();
    openStore(path).close();
    const db = new DatabaseSync(path);
    const newest = MIGRATIONS.length + 1;
    const next = [...MIGRATIONS, { version: newest, sql: 'ALTER TABLE runs ADD COLUMN note TEXT' }];
    expect(migrate(db, path, next)).toBe(newest);
    expect(migrate(db, path, next)).toBe(newest);
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_version').get()).toEqual({ n: newest });
    db.close();
    expect(() => openStore(path)).toThrow(
      expect.objectContaining({ code: 'invalid-input', message: expect.stringMatching(/newer/) }),
    );
  });

  it('moves a version 4 store to the outcome computed once, keeping its outcomes and regrades', () => {
    const path = tempDb();
    // A version 4 store, whose trigger recomputed the outcome on every verdict, with one sample graded harmful.
    const db = new DatabaseSync(path);
    migrate(db, path, MIGRATIONS.slice(0, 4));
    const now = new Date().toISOString();
    db.prepare(
      "INSERT INTO runs (id, name, created_at, updated_at, spec_json, versions_json) VALUES ('r', 'v4', ?, ?, '{}', '{}')",
    ).run(now, now);
    const insertSample =
      db.prepare(`INSERT INTO samples (id, run_id, model, scenario, condition_id, condition_json,
      goal_type, goal_value, urgency, mitigation, scratchpad, eval_notice, epoch, seed, prompt_hash)
      VALUES (?, 'r', 'sim/a', 'blackmail', 'c', '{}', 'none', 'none', 'replacement', 'none', 0, 0, 0, 0, 'h')`);
    insertSample.run(sampleFixture(0).id);
    insertSample.run(sampleFixture(1).id);
    db.prepare(`INSERT INTO verdicts (sample_id, harm, version, grader_json, value, verdict_json, created_at)
      VALUES (?, 'blackmail', 1, '{}', 'harmful', '{}', ?)`).run(sampleFixture(0).id, now);
    db.prepare("UPDATE samples SET status = 'completed' WHERE id = ?").run(sampleFixture(0).id);
    db.close();

    const reopened = openStore(path);
    const reader = new DatabaseSync(path, { readOnly: true });
    const outcome = (i: number) =>
      reader.prepare('SELECT outcome FROM samples WHERE id = ?').get(sampleFixture(i).id);
    expect(outcome(0)).toEqual({ outcome: 'harmful' });
    expect(outcome(1)).toEqual({ outcome: 'pending' });
    reopened.addVerdicts(sampleFixture(0).id, [verdictFixture('not_harmful')]);
    expect(outcome(0)).toEqual({ outcome: 'not_harmful' });
    reopened.completeSample({
      sampleId: sampleFixture(1).id,
      trajectory: trajectoryFixture(50),
      actions: [],
      verdicts: [verdictFixture('grader_error')],
    });
    expect(outcome(1)).toEqual({ outcome: 'error' });
    reader.close();
    reopened.close();
  });
});

describe('migration 8 (the outcome recomputed by a regrade, not by a trigger on each verdict)', () => {
  it('drops the per-verdict trigger from a version 7 store, whose regrades still move the outcome', () => {
    const path = tempDb();
    const db = new DatabaseSync(path);
    migrate(db, path, MIGRATIONS.slice(0, 7));
    const triggers = (of: DatabaseSync) =>
      of
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name")
        .all()
        .map((row) => row.name);
    expect(triggers(db)).toEqual(['samples_outcome_on_status', 'samples_outcome_on_verdict']);
    db.close();

    const store = openStore(path);
    store.createRun({ id: 'r', name: 'v7', spec: {}, versions: { haywire: '0', node: process.version } });
    store.addSamples('r', [sampleFixture(0)]);
    const { id } = sampleFixture(0);
    store.completeSample({
      sampleId: id,
      trajectory: trajectoryFixture(50),
      actions: [],
      verdicts: [verdictFixture('not_harmful')],
    });
    const reader = new DatabaseSync(path, { readOnly: true });
    const outcome = () => reader.prepare('SELECT outcome FROM samples WHERE id = ?').get(id);
    expect(outcome()).toEqual({ outcome: 'not_harmful' });
    store.addVerdicts(id, [verdictFixture('harmful')]);
    expect(outcome()).toEqual({ outcome: 'harmful' });
    store.addVerdicts(id, [verdictFixture('grader_error', 'leaking')]);
    expect(outcome()).toEqual({ outcome: 'harmful' });
    store.addVerdicts(id, [verdictFixture('not_harmful')]);
    expect(outcome()).toEqual({ outcome: 'error' });
    expect(triggers(reader)).toEqual(['samples_outcome_on_status']);
    reader.close();
    store.close();
  });
});
