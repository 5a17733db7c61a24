import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

describe('haywire run --guard', () => {
  it('runs tools-mode agents through the guard and reports harm with and without it', async () => {
    const result = await runCli([
      'run',
      '--guard',
      '--mode',
      'tools',
      '--model',
      'sim/insider',
      '--scenario',
      'lethal',
      '--goal-type',
      'explicit',
      '--urgency',
      'replacement',
      '--epochs',
      '3',
      '--tier',
      'strict,balanced',
      '--quiet',
    ]);
    expect(result.stderr).toContain('SIMULATED AGENTS');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^strict\s+sim\/insider\s+lethal\s+3\s+0\s+\d+ /m);
    expect(result.stdout).toMatch(/^balanced\s+sim\/insider\s+lethal/m);
    expect(result.stdout).toMatch(/^strict\s+54\s+\d+\s+\d+/m);
  });

  it('refuses inbox mode in one line with exit code 2', async () => {
    const result = await runCli(['run', '--guard', '--model', 'sim/insider', '--quiet']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--guard needs tools mode');
    expect(result.stderr).not.toContain('SIMULATED');
  });
});
