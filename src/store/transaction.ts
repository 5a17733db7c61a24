import type { DatabaseSync } from 'node:sqlite';

/**
 * Runs `work` inside `BEGIN IMMEDIATE … COMMIT`, rolling back if it throws.
 * IMMEDIATE takes the write lock up front, so two writers queue on busy_timeout instead of deadlocking.
 */
export function transaction<T>(db: DatabaseSync, work: () => T): T {
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
