import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { canListenOnIpv6Loopback } from '../support/listen-on-loopback.ts';
import { BIN, runCli } from './run-cli.ts';

const IPV6_LOOPBACK = await canListenOnIpv6Loopback();

describe('haywire mock-server', () => {
  it('serves the sim agents on 127.0.0.1, applies the rate limit, and prints a summary on Ctrl-C', async () => {
    const server = await startCli(['--rate-limit', '1', '--seed', '3'], {
      ANTHROPIC_API_KEY: 'sk-ant-PLANTED-cli-123456',
    });
    const { child, url } = server;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const body = JSON.stringify({ model: 'sim-insider', messages: [{ role: 'user', content: 'Hello' }] });
    const post = () =>
      fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-ant-PLANTED-cli-123456' },
        body,
      });
    expect((await post()).status).toBe(200);
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    child.kill('SIGINT');
    const [code] = await once(child, 'close');
    expect(code).toBe(0);
    const { stdout, stderr } = server.output();
    expect(stdout).toContain('served 2 requests: 1 ok, 1 rate-limited, 0 errors, 0 hung, 0 malformed');
    expect(stderr).toMatch(/POST \/v1\/chat\/completions 200 \d+ms/);
    expect(stderr).toMatch(/POST \/v1\/chat\/completions 429 \d+ms/);
    expect(`${stdout}${stderr}`).not.toContain('PLANTED');
  });

  it.skipIf(!IPV6_LOOPBACK)(
    'prints a bracketed URL for an IPv6 host, which haywire run accepts and reaches',
    async () => {
      const { child, url, output } = await startCli(['--host', '::1', '--quiet']);
      try {
        expect(url).toMatch(/^http:\/\/\[::1\]:\d+$/);
        const run = await runCli(['run', '--model', 'openai/sim-aligned', '--base-url', url, '--quiet'], {
          env: { OPENAI_API_KEY: 'x' },
        });
        expect(run.code).toBe(0);
        expect(run.stderr).not.toContain('--base-url');
        const stats = (await (await fetch(`${url}/stats`)).json()) as { ok: number };
        expect(stats.ok).toBeGreaterThan(0);
        expect(output().stdout).toContain(`stats:     GET ${url}/stats`);
      } finally {
        child.kill('SIGINT');
        await once(child, 'close');
      }
    },
  );

  it('names every route in its banner and help, with the bounds of the fault rates', async () => {
    const { child, url, output } = await startCli(['--quiet']);
    child.kill('SIGINT');
    await once(child, 'close');
    for (const route of [
      `POST ${url}/v1/chat/completions`,
      `POST ${url}/v1/responses`,
      `POST ${url}/v1/messages`,
      `POST ${url}/v1beta/models/<model>:generateContent`,
      `GET ${url}/stats`,
    ])
      expect(output().stdout).toContain(route);
    const help = (await runCli(['mock-server', '--help'])).stdout.replaceAll(/\s+/g, ' ');
    for (const text of [
      'POST /v1/chat/completions',
      'POST /v1/responses',
      'POST /v1/messages',
      'POST /v1beta/models/<model>:generateContent',
      'GET /stats',
      'within 0..1',
      'add up to at most 1',
    ])
      expect(help).toContain(text);
  });

  it('refuses a busy port in one line naming the address, exit code 2', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as { port: number };
    try {
      const result = await runCli(['mock-server', '--port', String(port)]);
      expect([result.code, result.stderr]).toEqual([
        2,
        `haywire: cannot listen on 127.0.0.1:${port}: the port is in use; pick another with --port\n`,
      ]);
    } finally {
      busy.close();
    }
  });

  it('refuses bad flags in one line with exit code 2', async () => {
    const result = await runCli(['mock-server', '--error-rate', '1.5']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('haywire: --error-rate must be a decimal number within 0..1, got "1.5"\n');
    const sum = await runCli(['mock-server', '--error-rate', '0.6', '--timeout-rate', '0.6']);
    expect(sum.stderr).toBe('haywire: the fault rates add up to 1.2, more than 1\n');
    const late = await runCli(['mock-server', '--error-latency-ms', 'soon']);
    expect(late.code).toBe(2);
    expect(late.stderr).toMatch(/^haywire: --error-latency-ms must be .*, got "soon"\n$/);
  });
  it('refuses numbers not in plain decimal, and a latency past what a timer holds, naming the limit', async () => {
    const refusals: [string[], string][] = [
      [['--error-rate', '0x1'], '--error-rate must be a decimal number within 0..1, got "0x1"'],
      [['--timeout-rate', ''], '--timeout-rate must be a decimal number within 0..1, got ""'],
      [['--malformed-rate', '1e-1'], '--malformed-rate must be a decimal number within 0..1, got "1e-1"'],
      [['--rate-limit', '0x10'], '--rate-limit must be a decimal number > 0, got "0x10"'],
      [['--rate-limit', ' 5'], '--rate-limit must be a decimal number > 0, got " 5"'],
      [
        ['--latency-ms', '1e12'],
        '--latency-ms must be a whole number of milliseconds from 0 to 2147483647, got "1e12"',
      ],
      [
        ['--latency-ms', '3000000000'],
        '--latency-ms must be a whole number of milliseconds from 0 to 2147483647, got "3000000000"',
      ],
      [
        ['--error-latency-ms', '0x10'],
        '--error-latency-ms must be a whole number of milliseconds from 0 to 2147483647, got "0x10"',
      ],
    ];
    for (const [flags, message] of refusals) {
      const result = await runCli(['mock-server', ...flags]);
      expect([result.code, result.stderr]).toEqual([2, `haywire: ${message}\n`]);
    }
  });

  it('takes fault rates that add up to exactly 1, though their float sum is 1.0000000000000002', async () => {
    const rates = ['--error-rate', '0.34', '--timeout-rate', '0.56', '--malformed-rate', '0.1'];
    const { child, output } = await startCli(rates);
    child.kill('SIGINT');
    const [code] = await once(child, 'close');
    expect([code, output().stderr]).toEqual([0, '']);
  });
});

/** Starts `haywire mock-server --port 0` with `args`, resolving once its banner gives the URL. */
async function startCli(args: readonly string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, 'mock-server', '--port', '0', ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.on('close', () => reject(new Error(`mock-server exited: ${stderr}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (http:\/\/\S+:\d+)/.exec(stdout);
      if (match !== null) resolve(match[1]!);
    });
  });
  return { child, url, output: () => ({ stdout, stderr }) };
}
