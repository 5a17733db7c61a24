import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../../src/mock-server/index.ts';
import { BIN, type CliResult, runCli, tempDir } from './run-cli.ts';

type Body = Record<string, unknown>;

interface RecordingProxy {
  readonly url: string;
  /** Each request body as the CLI sent it, before the model was renamed. */
  readonly bodies: Body[];
  close(): Promise<void>;
}

/**
 * A proxy in front of the mock server that keeps each request body and forwards it with the model renamed to
 * `sim-insider`: a real model id (not a sim agent, so its responses are cached) answered by the mock.
 */
async function startRecordingProxy(mock: MockServer): Promise<RecordingProxy> {
  const bodies: Body[] = [];
  const proxy: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Body;
      bodies.push(body);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name))
          headers[name] = value;
      const answer = await fetch(`${mock.url}${req.url ?? ''}`, {
        method: req.method ?? 'POST',
        headers,
        body: JSON.stringify({ ...body, model: 'sim-insider' }),
      });
      res.writeHead(answer.status, {
        'content-type': answer.headers.get('content-type') ?? 'application/json',
      });
      res.end(await answer.text());
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    bodies,
    close: () =>
      new Promise((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
}

/** `runCli`, but the child is killed after `deadlineMs`: a flag that is ignored fails the test, not the suite. */
function runCliWithin(
  args: readonly string[],
  options: { cwd: string; env: Record<string, string> },
  deadlineMs: number,
): Promise<CliResult & { ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const kill = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(kill);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

describe('haywire run: flags reach the engine', () => {
  it('the response cache answers a repeated request by default, and not with --no-cache', async () => {
    const mock = await startMockServer({ log: () => {} });
    const proxy = await startRecordingProxy(mock);
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

  it("Anthropic's prompt caching marks the system prompt by default, and not with --no-prompt-cache", async () => {
    const mock = await startMockServer({ log: () => {} });
    const proxy = await startRecordingProxy(mock);
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
      const run = await runCliWithin(
        [...args, '--timeout', '1', '--max-attempts', '1', '--quiet'],
        { cwd: tempDir(), env: { OPENAI_API_KEY: 'sk-test-not-real' } },
        15_000,
      );
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
