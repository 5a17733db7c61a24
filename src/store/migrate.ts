import type { DatabaseSync } from 'node:sqlite';
import { ConfigError } from '../spec/config-error.ts';
import { MIGRATIONS, type Migration } from './schema.ts';
import { transaction } from './transaction.ts';

/**
 * Brings the database up to the newest schema, one numbered migration at a time, in one transaction.
 * A store written by a newer Haywire is refused rather than misread.
 */
export function migrate(
  db: DatabaseSync,
  path: string,
  migrations: readonly Migration[] = MIGRATIONS,
): number {
  return transaction(db, () => {
    db.exec(
      'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
    );
    const row = db.prepare('SELECT MAX(version) AS version FROM schema_version').get();
    const current = typeof row?.version === 'number' ? row.version : 0;
    const latest = migrations.at(-1)?.version ?? 0;
    if (current > latest) {
      throw new ConfigError(
        'invalid-input',
        `store ${path} has schema version ${current}, newer than this Haywire reads (${latest}); upgrade Haywire`,
        { file: path },
      );
    }
    const record = db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)');
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      record.run(migration.version, new Date().toISOString());
    }
    return latest;
  });
}
