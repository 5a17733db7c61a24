import type * as Sqlite from 'node:sqlite';
import type { SampleError } from '../spec/trajectory.ts';
import { cannotOpenStore, refuseFolder } from './store-path-errors.ts';
import type { SampleStatus } from './types.ts';

/** A sample's state as stored. */
export interface SampleState {
  readonly status: SampleStatus;
  readonly errorKind: SampleError['kind'] | null;
}

/**
 * The stored state of each sample of a run, read without writing anything (no migration, no journal change):
 * what `--dry-run` needs to know what is left. Empty when the file or the run does not exist.
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
  } catch {
    // Not a Haywire store, or one without samples yet: nothing is done.
  } finally {
    db.close();
  }
  return states;
}
