import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';

const CHILD = join(import.meta.dirname, 'crash-writer.fixture.ts');
const SAMPLES = 1500;

/** Runs the writer; with `killAfter`, sends SIGKILL once it reports that many samples written. */
function runWriter(path: string, killAfter?: number): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, path, String(SAMPLES)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let written = 0;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    child.stdout.on('data', (chunk: Buffer) => {
      written += chunk.toString().split('\n').length - 1;
      if (killAfter !== undefined && written >= killAfter) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === null && code !== 0) reject(new Error(`writer exited ${code}: ${stderr}`));
      else resolve(signal);
    });
  });
}

/** Checks what must hold after any crash; returns the number of completed samples. */
function checkStore(path: string): number {
  const db = new DatabaseSync(path);
  try {
    const one = (sql: string) => db.prepare(sql).get();
    expect(one('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' });
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(one('SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS distinct_ids FROM samples')).toEqual({
      n: SAMPLES,
      distinct_ids: SAMPLES,
    });
    // Completed ⇔ transcript, actions and the right number of verdicts, all or nothing.
    const incomplete = one(`SELECT COUNT(*) AS n FROM samples s WHERE
      (s.status = 'completed') <> EXISTS (SELECT 1 FROM transcripts t WHERE t.sample_id = s.id)
      OR (s.status = 'completed') <> EXISTS (SELECT 1 FROM actions a WHERE a.sample_id = s.id)
      OR (SELECT COUNT(*) FROM verdicts v WHERE v.sample_id = s.id)
         <> CASE WHEN s.status = 'completed' THEN 1 + s.epoch % 3 ELSE 0 END`);
    expect(incomplete).toEqual({ n: 0 });
    return Number(one("SELECT COUNT(*) AS n FROM samples WHERE status = 'completed'")?.n);
  } finally {
    db.close();
  }
}

describe('crash safety', () => {
  it('survives kill -9 mid-run and resumes to exactly every sample once', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'haywire-crash-')), 'haywire.db');
    let completed = 0;
    for (const killAfter of [200, 350, 500]) {
      expect(await runWriter(path, killAfter)).toBe('SIGKILL');
      const now = checkStore(path);
      expect(now).toBeGreaterThan(completed);
      expect(now).toBeLessThan(SAMPLES);
      completed = now;
    }
    expect(await runWriter(path)).toBeNull();
    expect(checkStore(path)).toBe(SAMPLES);
  });
});
