import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../../src/mock-server/index.ts';
import { BIN, runCli, tempDir } from './run-cli.ts';

const SAMPLES = 400;
const env = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '/tmp',
  OPENAI_API_KEY: 'sk-test-not-real',
};

/** Counts that must hold after any crash: no sample twice, completed ones whole, a sound file. */
function check(db: string) {
  const conn = new DatabaseSync(db, { readOnly: true });
  try {
    const one = (sql: string) => Number((conn.prepare(sql).get() as { n: number }).n);
    expect(
      (conn.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check,
    ).toBe('ok');
    expect(one('SELECT count(*) AS n FROM runs')).toBe(1);
    expect(one('SELECT count(*) AS n FROM samples')).toBe(SAMPLES);
    expect(one('SELECT count(DISTINCT id) AS n FROM samples')).toBe(SAMPLES);
    const completed = one("SELECT count(*) AS n FROM samples WHERE status = 'completed'");
    expect(one('SELECT count(*) AS n FROM transcripts')).toBe(completed);
    expect(one('SELECT count(*) AS n FROM verdicts')).toBe(completed);
    return completed;
  } finally {
    conn.close();
  }
}

/** Completed samples so far; 0 while the store does not exist yet or is mid-migration. */
function completedSoFar(db: string): number {
  if (!existsSync(db)) return 0;
  try {
    const conn = new DatabaseSync(db, { readOnly: true });
    try {
      const sql = "SELECT count(*) AS n FROM samples WHERE status = 'completed'";
      return Number((conn.prepare(sql).get() as { n: number }).n);
    } finally {
      conn.close();
    }
  } catch {
    return 0;
  }
}

describe('kill -9 at five random moments of a run against the mock server', () => {
  it('then the same command each time: every sample present exactly once', async () => {
    const server = await startMockServer({ latencyMs: 20, seed: 5 });
    try {
      const cwd = tempDir();
      const db = join(cwd, '.haywire', 'haywire.db');
      const args = ['run', '--model', 'openai/sim-insider', '--base-url', server.url];
      args.push('--epochs', String(SAMPLES / 4), '--concurrency', '4', '--quiet');
      // A random moment of each run: 0 to 250 ms after it has completed a sample more than the last run left
      // (at ~200 samples/s that is at most ~55 samples a run, so five runs never finish the 400).
      const moments = Array.from({ length: 5 }, () => Math.floor(Math.random() * 250));
      const seen: number[] = [];
      for (const ms of moments) {
        const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: 'ignore' });
        let alive = true;
        const exited = new Promise((resolve) => child.on('exit', resolve)).then(() => {
          alive = false;
        });
        const before = seen.at(-1) ?? 0;
        while (alive && completedSoFar(db) <= before) await sleep(5);
        await sleep(ms);
        child.kill('SIGKILL');
        await exited;
        seen.push(existsSync(db) ? check(db) : 0);
      }
      // Progress never goes back, and every kill landed mid-run.
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      expect(seen.every((n) => n > 0 && n < SAMPLES)).toBe(true);
      const last = await runCli(args, { cwd, env });
      expect(last.code).toBe(0);
      expect(check(db)).toBe(SAMPLES);
    } finally {
      await server.close();
    }
  });
});
