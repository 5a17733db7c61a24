import type { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';

/** Stops the background checkpoints. */
export type StopCheckpoints = () => void;

/** Above this many WAL pages the writer checkpoints on its own thread: the fallback if the worker falls behind. */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 4000;

/**
 * Moves WAL checkpoints off the writer's thread. SQLite checkpoints inline after the commit that takes the
 * WAL past 1000 pages: page copies and two fsyncs, 5–20 ms during which that thread does nothing else. Here
 * a worker thread with its own connection copies the WAL into the database every `intervalMs` (PASSIVE: it
 * never waits for or blocks the writer), and the writer's own checkpoint waits for 4000 pages. Commits stay
 * exactly as durable (WAL, synchronous=NORMAL). For a latency-sensitive writer such as the guard proxy.
 * @example
 * const stop = checkpointInBackground(db, path);
 * // … commits …
 * stop();
 */
export function checkpointInBackground(db: DatabaseSync, path: string, intervalMs = 250): StopCheckpoints {
  db.exec(`PRAGMA wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  // The worker is this file's sibling, as .ts from source and as .js from a build.
  const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const worker = new Worker(new URL(`./checkpoint-worker${extension}`, import.meta.url), {
    workerData: { path, intervalMs },
  });
  worker.unref();
  worker.on('error', () => {
    // Without the worker, the writer checkpoints as SQLite does by default.
    if (db.isOpen) db.exec('PRAGMA wal_autocheckpoint = 1000');
  });
  return () => {
    worker.postMessage('stop');
  };
}
