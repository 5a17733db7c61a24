import type { DatabaseSync } from 'node:sqlite';

/**
 * Runs `work` inside `BEGIN IMMEDIATE … COMMIT`, rolling back if it throws.
 * IMMEDIATE takes the write lock up front, so two writers queue on busy_timeout instead of deadlocking.
 * Inside an open transaction (a batch) it runs under a savepoint instead: `work` is still all or nothing,
 * and commits with the batch.
 */
export function transaction<T>(db: DatabaseSync, work: () => T): T {
  if (db.isTransaction) return savepoint(db, work);
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

function savepoint<T>(db: DatabaseSync, work: () => T): T {
  db.exec('SAVEPOINT haywire_write');
  try {
    const result = work();
    db.exec('RELEASE haywire_write');
    return result;
  } catch (error) {
    db.exec('ROLLBACK TO haywire_write');
    db.exec('RELEASE haywire_write');
    throw error;
  }
}
