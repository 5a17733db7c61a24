import type * as Sqlite from 'node:sqlite';
import type { SampleError } from '../spec/trajectory.ts';
import { cannotOpenStore, notAStore, refuseFolder } from './store-path-errors.ts';
import type { SampleStatus } from './types.ts';

/** A sample's state as stored. */
export interface SampleState {
  readonly status: SampleStatus;
  readonly errorKind: SampleError['kind'] | null;
}

/**
 * The stored state of each sample of a run, read without writing anything (no migration, no journal change):
 * what `--dry-run` needs to know what is left. Empty when the file or the run does not exist; a file that is
 * not a database is refused as `openStore` refuses it.
 */
export function peekSampleStates(path: string, runId: string): Map<string, SampleState> {
  const states = new Map<string, SampleState>();
  const { existsSync } = process.getBuiltinModule('node:fs') as typeof import('node:fs');
  if (path === ':memory:' || !existsSync(path)) return states;
  refuseFolder(path);
  const { DatabaseSync } = process.getBuiltinModule('node:sqlite') as typeof Sqlite;
  let db: Sqlite.DatabaseSync;
  try {
    db = new DatabaseSync(path, { readOnly: true });
  } catch (error) {
    throw cannotOpenStore(path, error);
  }
  try {
    const rows = db.prepare('SELECT id, status, error_kind FROM samples WHERE run_id = ?').all(runId);
    for (const row of rows) {
      states.set(String(row.id), {
        status: String(row.status) as SampleStatus,
        errorKind: row.error_kind == null ? null : (String(row.error_kind) as SampleError['kind']),
      });
    }
  } catch (error) {
    // A file that is not a database is refused, as the run would refuse it; a database without samples yet
    // (empty, or one the run would add its tables to) has nothing done.
    const notStore = notAStore(path, error);
    if (notStore !== undefined) throw notStore;
  } finally {
    db.close();
  }
  return states;
}
