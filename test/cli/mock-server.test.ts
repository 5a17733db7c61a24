import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from './run-cli.ts';

describe('haywire mock-server', () => {
  it('serves the sim agents on 127.0.0.1, applies the rate limit, and prints a summary on Ctrl-C', async () => {
    const child = spawn(
      process.execPath,
      [BIN, 'mock-server', '--port', '0', '--rate-limit', '1', '--seed', '3'],
      {
        env: { PATH: process.env.PATH ?? '', ANTHROPIC_API_KEY: 'sk-ant-PLANTED-cli-123456' },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const url = await new Promise<string>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (match !== null) resolve(match[1]!);
      });
    });
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
    expect(stdout).toContain('served 2 requests: 1 ok, 1 rate-limited, 0 errors, 0 hung, 0 malformed');
    expect(stderr).toMatch(/POST \/v1\/chat\/completions 200 \d+ms/);
    expect(stderr).toMatch(/POST \/v1\/chat\/completions 429 \d+ms/);
    expect(`${stdout}${stderr}`).not.toContain('PLANTED');
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
    expect(result.stderr).toBe('haywire: --error-rate must be a number within 0..1, got "1.5"\n');
    const sum = await runCli(['mock-server', '--error-rate', '0.6', '--timeout-rate', '0.6']);
    expect(sum.stderr).toBe('haywire: the fault rates add up to 1.2, more than 1\n');
    const late = await runCli(['mock-server', '--error-latency-ms', 'soon']);
    expect(late.code).toBe(2);
    expect(late.stderr).toMatch(/^haywire: --error-latency-ms must be .*, got "soon"\n$/);
  });
});
