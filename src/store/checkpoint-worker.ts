/**
 * Worker thread of `checkpointInBackground`: its own connection to the store, copying the WAL into the
 * database file (PASSIVE: it never waits for nor blocks the writer) so the writer's thread never pays the
 * copy and the fsyncs.
 */
import type * as Sqlite from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import { silenceSqliteWarning } from './silence-sqlite-warning.ts';

const { path, intervalMs } = workerData as { path: string; intervalMs: number };
// Past this many frames the WAL has not restarted: retry soon, so the writer finds it fully copied.
const LAGGING_FRAMES = 1000;
const LAGGING_RETRY_MS = 10;

// The writer's thread loaded node:sqlite first and printed (or silenced) Node's experimental warning: not twice.
silenceSqliteWarning();
const { DatabaseSync } = process.getBuiltinModule('node:sqlite') as typeof Sqlite;
const db = new DatabaseSync(path);
db.exec('PRAGMA busy_timeout = 5000');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
let timer: NodeJS.Timeout | undefined;

function tick(): void {
  let wait = intervalMs;
  try {
    // A writer restarts the WAL only when it begins with every frame copied; frames written during this
    // checkpoint defeat that, so a WAL that keeps growing is checkpointed again at once.
    const row = checkpoint.get() as { log: number };
    if (row.log >= LAGGING_FRAMES) wait = LAGGING_RETRY_MS;
  } catch {
    // The store is busy or closing: the writer's own fallback checkpoint keeps the WAL bounded meanwhile.
  }
  timer = setTimeout(tick, wait);
}

timer = setTimeout(tick, intervalMs);
parentPort?.on('message', () => {
  clearTimeout(timer);
  db.close();
  parentPort?.close();
});
