import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it, vi } from 'vitest';
import { checkpointInBackground, FALLBACK_AUTOCHECKPOINT_PAGES } from './checkpoint-in-background.ts';

const tempPath = () => join(mkdtempSync(join(tmpdir(), 'haywire-checkpoint-')), 'haywire.db');

describe('checkpointInBackground', () => {
  it('copies the WAL into the database from a worker, while the writer only checkpoints past 4000 pages', async () => {
    const path = tempPath();
    const db = new DatabaseSync(path);
    // As the store does: a write that meets the worker's checkpoint waits for it instead of failing.
    db.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; CREATE TABLE t (x TEXT)');
    const emptySize = statSync(path).size;
    const stop = checkpointInBackground(db, path, 10);
    expect(db.prepare('PRAGMA wal_autocheckpoint').get()).toEqual({
      wal_autocheckpoint: FALLBACK_AUTOCHECKPOINT_PAGES,
    });
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    for (let i = 0; i < 200; i++) insert.run('x'.repeat(4000));
    // In WAL mode the database file grows only when a checkpoint copies pages into it: here, the worker's.
    await vi.waitFor(() => expect(statSync(path).size).toBeGreaterThan(emptySize), { timeout: 30_000 });
    stop();
    db.close();
    const reopened = new DatabaseSync(path);
    // The worker closes its connection once it reads the stop message: meanwhile its checkpoint may hold a lock.
    reopened.exec('PRAGMA busy_timeout = 5000');
    expect(reopened.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 200 });
    reopened.close();
  });
});
