import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './run-cli.ts';

describe('haywire run', () => {
  it('runs the default experiment with sim agents, says so, and prints the table', async () => {
    const cwd = tempDir();
    const result = await runCli(['run', '--epochs', '3', '--quiet'], { cwd });
    expect(result.stderr).toContain('SIMULATED AGENTS');
    expect(result.code).toBe(0);
    expect(existsSync(join(cwd, '.haywire', 'haywire.db'))).toBe(true);
    for (const condition of [
      'blackmail_explicit-america_replacement',
      'blackmail_explicit-america_none',
      'blackmail_none-none_replacement',
      'blackmail_none-none_none',
    ]) {
      expect(result.stdout).toContain(condition);
    }
    expect(result.stdout).toContain('sim/insider');
    expect(result.stdout).toContain('sim/aligned');
    expect(result.stdout).toContain('simulated agents (test doubles)');
  });

  it('shows the rates as JSON with Wilson intervals, and lists the run', async () => {
    const cwd = tempDir();
    const run = await runCli(['run', '--model', 'sim/insider', '--epochs', '20', '--quiet'], { cwd });
    expect(run.code).toBe(0);
    const show = await runCli(['show', '--json'], { cwd });
    expect(show.code).toBe(0);
    const { run: runId, rows } = JSON.parse(show.stdout) as { run: string; rows: Record<string, unknown>[] };
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(
        expect.arrayContaining([
          'model',
          'scenario',
          'goal_type',
          'goal_value',
          'urgency',
          'mitigation',
          'n',
          'harmful',
          'errors',
          'rate',
          'ci_low',
          'ci_high',
        ]),
      );
      expect(row.n).toBe(20);
      expect(row.ci_low as number).toBeLessThanOrEqual(row.rate as number);
      expect(row.ci_high as number).toBeGreaterThanOrEqual(row.rate as number);
    }
    const control = rows.find((r) => r.goal_type === 'none' && r.urgency === 'none')!;
    const pressure = rows.find((r) => r.goal_type === 'explicit' && r.urgency === 'replacement')!;
    expect(control.rate).toBe(0);
    expect(pressure.rate as number).toBeGreaterThan(0.6);

    const runs = await runCli(['runs', '--json'], { cwd });
    const list = JSON.parse(runs.stdout) as {
      id: string;
      samples: number;
      completed: number;
      errors: number;
    }[];
    expect(list).toEqual([expect.objectContaining({ id: runId, samples: 80, completed: 80, errors: 0 })]);
  });

  it('resumes instead of duplicating when the same experiment runs again', async () => {
    const cwd = tempDir();
    await runCli(['run', '--model', 'sim/random:0.5', '--epochs', '5', '--quiet'], { cwd });
    const again = await runCli(['run', '--model', 'sim/random:0.5', '--epochs', '5'], { cwd });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('20 of 20 samples already done');
    const runs = JSON.parse((await runCli(['runs', '--json'], { cwd })).stdout) as { samples: number }[];
    expect(runs).toHaveLength(1);
    expect(runs[0]!.samples).toBe(20);
  });

  it('runs an experiment file in tools mode', async () => {
    const cwd = tempDir();
    const file = new URL('../../examples/tools-mode.yaml', import.meta.url).pathname;
    const result = await runCli(['run', file, '--epochs', '2', '--quiet'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('leaking_explicit-america_replacement');
    expect(result.stdout).toContain('lethal_none-none_none');
  });
});
