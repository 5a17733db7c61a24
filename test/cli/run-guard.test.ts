import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../../src/mock-server/index.ts';
import { BIN, runCli, tempDir } from './run-cli.ts';

// One scenario, one condition: a guarded run of few samples.
const ONE_CONDITION = ['--scenario', 'lethal', '--goal-type', 'explicit', '--urgency', 'replacement'];

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

  it.each([
    [['--max-cost', '1'], '--max-cost does not bound a --guard run: drop one of them'],
    [['--judge', 'sim/judge:agree'], '--judge does not grade a --guard run'],
  ])('refuses %j, which a guarded run would ignore, in one line with exit code 2', async (flags, message) => {
    const result = await runCli(['run', '--guard', '--mode', 'tools', '--model', 'sim/insider', ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--dry-run estimates every sample at every tier and sends nothing; the same run without it does send', async () => {
    const server = await startMockServer({});
    try {
      const cwd = tempDir();
      const env = { OPENAI_API_KEY: 'sk-test-not-real' };
      const args = [
        'run',
        '--guard',
        '--mode',
        'tools',
        '--model',
        'openai/sim-insider',
        '--base-url',
        server.url,
      ];
      const guarded = [...args, ...ONE_CONDITION, '--epochs', '2', '--no-benign'];
      const dry = await runCli([...guarded, '--dry-run'], { cwd, env });
      expect(dry.stderr).toBe('');
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain(
        'dry run of a guarded run: 2 samples × 3 tiers (strict, balanced, permissive) = 6 to run; nothing called, nothing written',
      );
      // Three turns a sample, as the unguarded estimate has: the guard changes nothing the agent is sent.
      expect(dry.stdout).toMatch(/openai\/sim-insider\s+6\s+18\s+[\d,]+\s+14,400\s/);
      expect(dry.stdout).toContain('each tier costs what the same run without --guard would');
      expect(server.stats().requests).toBe(0);
      expect(existsSync(join(cwd, '.haywire'))).toBe(false);

      const run = await runCli([...guarded, '--tier', 'strict', '--quiet'], { cwd, env });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^strict\s+openai\/sim-insider\s+lethal\s+2\s+0\s/m);
      expect(server.stats().requests).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it('Ctrl-C once finishes the samples in flight and says the table is partial; twice aborts them', async () => {
    // 1.5 s a model call, three calls a sample: two samples in flight (concurrency 2) when Ctrl-C lands.
    const args = ['run', '--guard', '--mode', 'tools', '--model', 'sim/insider@1500ms', ...ONE_CONDITION];
    const guarded = [
      ...args,
      '--epochs',
      '12',
      '--concurrency',
      '2',
      '--tier',
      'strict,balanced',
      '--no-benign',
    ];
    for (const presses of [1, 2]) {
      const child = spawn(process.execPath, [BIN, ...guarded], {
        cwd: tempDir(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk;
      });
      const started = new Promise<void>((resolve) =>
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk;
          // Said just before the first samples start, with Ctrl-C already taken.
          if (stderr.includes('SIMULATED AGENTS')) resolve();
        }),
      );
      const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
      await started;
      await new Promise((resolve) => setTimeout(resolve, 300));
      const pressed = Date.now();
      child.kill('SIGINT');
      if (presses === 2) setTimeout(() => child.kill('SIGINT'), 100);
      expect(await closed).toBe(130);
      expect(stderr).toContain(
        'stopping: finishing the guarded samples in flight (Ctrl-C again to abort them)',
      );
      if (presses === 1) {
        expect(stdout).toMatch(/^strict\s+sim\/insider@1500ms\s+lethal\s+2\s+0\s/m);
        expect(stdout).toContain(
          'partial: stopped after 2 of 24 planned samples (strict 2 of 12, balanced 0 of 12);',
        );
      } else {
        expect(stderr).toContain('aborting requests in flight');
        // Cut short well before the samples in flight could finish their three calls (4.5 s).
        expect(Date.now() - pressed).toBeLessThan(3000);
        expect(stdout).not.toMatch(/^strict\s+sim/m);
        expect(stdout).toContain(
          'partial: stopped after 0 of 24 planned samples (strict 0 of 12, balanced 0 of 12);',
        );
      }
    }
  });
});
