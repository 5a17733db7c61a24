import { existsSync } from 'node:fs';
import type * as Sqlite from 'node:sqlite';
import { ConfigError } from '../spec/config-error.ts';
import { migrate } from './migrate.ts';
import { Store } from './store.ts';
import { cannotOpenStore, makeStoreFolder, notAStore, refuseFolder } from './store-path-errors.ts';

/** Options for `openStore`. */
export interface OpenStoreOptions {
  /** Create the file (and its folder) when missing. Default true; false makes a missing store a ConfigError. */
  readonly create?: boolean;
}

// How long a writer waits for another process's lock before failing.
const BUSY_TIMEOUT_MS = 5000;
// SQLite's primary result codes for a file it may not open or write.
const SQLITE_CANNOT = new Set([3 /* PERM */, 8 /* READONLY */, 14 /* CANTOPEN */]);

/**
 * Opens (creating if needed) the store at `path`, migrated to the current schema.
 * WAL journal, synchronous=NORMAL: a committed sample survives a killed process; see docs/store.md.
 *
 * @example
 * const store = openStore(defaultStorePath());
 * const run = store.createRun({ id, name: 'blackmail-2x2', spec, versions });
 * store.close();
 */
export function openStore(path: string, options: OpenStoreOptions = {}): Store {
  const inMemory = path === ':memory:';
  if (!inMemory && !existsSync(path)) {
    if (options.create === false)
      throw new ConfigError('missing-file', `no store at ${path}`, { file: path });
    makeStoreFolder(path);
  }
  if (!inMemory) refuseFolder(path);
  // Loaded on first use rather than imported, so a CLI can filter Node 22's ExperimentalWarning first.
  const { DatabaseSync } = process.getBuiltinModule('node:sqlite') as typeof Sqlite;
  let db: Sqlite.DatabaseSync;
  try {
    db = new DatabaseSync(path);
  } catch (error) {
    throw cannotOpenStore(path, error);
  }
  try {
    // PRAGMAs take no parameters; only our own constants go into them.
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA foreign_keys = ON');
    migrate(db, path);
    return new Store(db, path);
  } catch (error) {
    db.close();
    const errcode = (error as { errcode?: unknown }).errcode;
    // Extended result codes (SQLITE_READONLY_DBMOVED, …) keep the primary code in their low byte.
    const primary = typeof errcode === 'number' ? errcode & 0xff : undefined;
    const notStore = notAStore(path, error);
    if (notStore !== undefined) throw notStore;
    if (primary !== undefined && SQLITE_CANNOT.has(primary)) throw cannotOpenStore(path, error);
    throw error;
  }
}
