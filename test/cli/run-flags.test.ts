import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../../src/mock-server/index.ts';
import { startRecordingProxy } from '../support/recording-proxy.ts';
import { runCli, tempDir } from './run-cli.ts';

describe('haywire run: flags reach the engine', () => {
  it('the response cache answers a repeated request by default, and not with --no-cache', async () => {
    const mock = await startMockServer({ log: () => {} });
    const proxy = await startRecordingProxy(mock.url, 'sim-insider');
    try {
      const env = { OPENAI_API_KEY: 'sk-test-not-real' };
      // Growing a run from 1 to 2 epochs is a new run whose first epoch is the same 4 requests.
      const args = (epochs: number) => [
        'run',
        '--model',
        'openai/gpt-4.1',
        '--base-url',
        proxy.url,
        '--epochs',
        String(epochs),
        '--quiet',
      ];
      for (const [flags, expected] of [
        [[], 4],
        [['--no-cache'], 8],
      ] as const) {
        const cwd = tempDir();
        const first = await runCli(args(1), { cwd, env });
        expect(first.code).toBe(0);
        const before = proxy.bodies.length;
        const grown = await runCli([...args(2), ...flags], { cwd, env });
        expect(grown.code).toBe(0);
        expect(grown.stdout).not.toMatch(/errors by kind/);
        expect(proxy.bodies.length - before, flags.join(' ') || 'default').toBe(expected);
      }
    } finally {
      await proxy.close();
      await mock.close();
    }
  });

  it('a reasoning setting changed in the config is asked for again, never answered from the cache', async () => {
    const mock = await startMockServer({ log: () => {} });
    const proxy = await startRecordingProxy(mock.url, 'sim-insider');
    try {
      const cwd = tempDir();
      const env = { ANTHROPIC_API_KEY: 'sk-ant-test-not-real' };
      const args = [
        'run',
        '--model',
        'anthropic/claude-sonnet-4-5',
        '--base-url',
        proxy.url,
        '--epochs',
        '1',
        // A scripted judge, so only the agent's requests reach the proxy.
        '--judge',
        'sim/judge:agree',
      ];
      expect((await runCli([...args, '--quiet'], { cwd, env })).code).toBe(0);
      expect(proxy.bodies).toHaveLength(4);
      writeFileSync(
        join(cwd, 'haywire.config.yaml'),
        'models:\n  anthropic/claude-sonnet-4-5:\n    reasoning: low\n',
      );
      expect((await runCli([...args, '--quiet'], { cwd, env })).code).toBe(0);
      // Another run, each of its requests sent with thinking on.
      const thinking = proxy.bodies.slice(4);
      expect(thinking).toHaveLength(4);
      for (const body of thinking) expect(body.thinking).toMatchObject({ type: 'enabled' });
    } finally {
      await proxy.close();
      await mock.close();
    }
  });

  it("Anthropic's prompt caching marks the system prompt by default, and not with --no-prompt-cache", async () => {
    const mock = await startMockServer({ log: () => {} });
    const proxy = await startRecordingProxy(mock.url, 'sim-insider');
    try {
      const env = { ANTHROPIC_API_KEY: 'sk-ant-test-not-real' };
      const args = ['run', '--model', 'anthropic/sim-insider', '--base-url', proxy.url, '--epochs', '1'];
      const sent = async (flags: string[]) => {
        const before = proxy.bodies.length;
        const run = await runCli([...args, ...flags, '--quiet'], { cwd: tempDir(), env });
        expect(run.code).toBe(0);
        const bodies = proxy.bodies.slice(before);
        expect(bodies).toHaveLength(4);
        return bodies.map((body) => JSON.stringify(body));
      };
      for (const body of await sent([])) expect(body).toMatch(/"cache_control":\{"type":"ephemeral"/);
      for (const body of await sent(['--no-prompt-cache'])) expect(body).not.toContain('cache_control');
    } finally {
      await proxy.close();
      await mock.close();
    }
  });

  it('--retry-errors reruns samples a plain rerun keeps as failed (malformed responses)', async () => {
    const broken = await startMockServer({ malformedRate: 1, log: () => {} });
    const fixed = await startMockServer({ log: () => {} });
    try {
      const cwd = tempDir();
      const env = { OPENAI_API_KEY: 'sk-test-not-real' };
      const args = (url: string) => [
        'run',
        '--model',
        'openai/sim-insider',
        '--base-url',
        url,
        '--epochs',
        '1',
        '--quiet',
      ];
      const first = await runCli(args(broken.url), { cwd, env });
      expect(first.stdout).toMatch(/openai\/sim-insider {2}malformed response: 4/);
      // What the model did with the prompt: the same command leaves it as it is.
      const plain = await runCli(args(fixed.url), { cwd, env });
      expect(plain.code).toBe(0);
      expect(fixed.stats().requests).toBe(0);
      expect(plain.stdout).toMatch(/malformed response: 4/);
      const retried = await runCli([...args(fixed.url), '--retry-errors'], { cwd, env });
      expect(retried.code).toBe(0);
      expect(fixed.stats().requests).toBe(4);
      expect(retried.stdout).not.toMatch(/errors by kind/);
    } finally {
      await broken.close();
      await fixed.close();
    }
  });

  it('--timeout gives up on a request that never answers, and records the sample as a timeout', async () => {
    // Every request hangs: without the flag, the run would wait out the 600 s default.
    const mock = await startMockServer({ timeoutRate: 1, log: () => {} });
    try {
      const args = ['run', '--model', 'openai/sim-insider', '--base-url', mock.url, '--epochs', '1'];
      const run = await runCli([...args, '--timeout', '1', '--max-attempts', '1', '--quiet'], {
        env: { OPENAI_API_KEY: 'sk-test-not-real' },
        deadlineMs: 15_000,
      });
      expect(run.code).toBe(0);
      expect(run.ms).toBeLessThan(15_000);
      expect(run.stdout).toMatch(/openai\/sim-insider {2}timeout: 4/);
      expect(mock.stats().timeouts).toBe(4);
    } finally {
      await mock.close();
    }
  }, 30_000);

  it('--quiet prints no progress; without it, progress is on stderr', async () => {
    const args = ['run', '--model', 'sim/insider', '--epochs', '1'];
    // Off a terminal, progress is a block of lines every few seconds and once more at the end: a short run has one.
    const progress = /^sim\/insider · \d+\/4 · /;
    const loud = await runCli(args, { cwd: tempDir() });
    expect(loud.code).toBe(0);
    const lines = loud.stderr.split('\n');
    expect(lines.some((line) => progress.test(line))).toBe(true);
    const quiet = await runCli([...args, '--quiet'], { cwd: tempDir() });
    expect(quiet.code).toBe(0);
    // The rest of stderr (the warning that these are simulated agents) stays.
    expect(quiet.stderr).toBe(lines.filter((line) => !progress.test(line)).join('\n'));
    expect(quiet.stderr).toContain('SIMULATED AGENTS');
  });
});
