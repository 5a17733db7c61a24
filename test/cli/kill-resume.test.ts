import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { BIN, runCli, tempDir } from './run-cli.ts';

// 4 conditions × 125 epochs = 500 samples; 20 ms per call at concurrency 4 keeps the run going ~2.5 s.
const ARGS = ['run', '--model', 'sim/random:0.5@20ms', '--epochs', '125', '--concurrency', '4', '--quiet'];

function completedCount(db: string): number {
  if (!existsSync(db)) return 0;
  const conn = new DatabaseSync(db, { readOnly: true });
  try {
    const row = conn.prepare("SELECT count(*) AS n FROM samples WHERE status = 'completed'").get() as
      | { n: number }
      | undefined;
    return row?.n ?? 0;
  } catch {
    return 0; // the schema is still being created
  } finally {
    conn.close();
  }
}

describe('kill -9 in the middle of a run', () => {
  it('then the same command: exactly 500 samples, none twice, each with its transcript and verdict', async () => {
    const cwd = tempDir();
    const db = join(cwd, '.haywire', 'haywire.db');
    const child = spawn(process.execPath, [BIN, ...ARGS], { cwd, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const deadline = Date.now() + 20_000;
    while (completedCount(db) < 100 && Date.now() < deadline) await sleep(10);
    child.kill('SIGKILL');
    await exited;

    const before = completedCount(db);
    expect(before).toBeGreaterThanOrEqual(100);
    expect(before).toBeLessThan(500);

    const again = await runCli(ARGS, { cwd });
    expect(again.code).toBe(0);

    const conn = new DatabaseSync(db, { readOnly: true });
    const one = (sql: string) => (conn.prepare(sql).get() as { n: number }).n;
    expect(one("SELECT count(*) AS n FROM samples WHERE status = 'completed'")).toBe(500);
    expect(one('SELECT count(*) AS n FROM samples')).toBe(500);
    expect(one('SELECT count(DISTINCT id) AS n FROM samples')).toBe(500);
    expect(one('SELECT count(*) AS n FROM transcripts')).toBe(500);
    expect(one('SELECT count(*) AS n FROM verdicts')).toBe(500);
    expect(one('SELECT count(*) AS n FROM runs')).toBe(1);
    expect(
      (conn.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check,
    ).toBe('ok');
    conn.close();
  });
});
