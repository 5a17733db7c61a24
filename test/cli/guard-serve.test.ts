import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, storeAuditLog } from '../../src/index.ts';
import { startCannedUpstream } from '../support/canned-upstream.ts';
import { type OpenAIUpstreamStub, startOpenAIUpstreamStub } from '../support/openai-upstream-stub.ts';
import { BIN, runCli, tempDir } from './run-cli.ts';

let upstream: OpenAIUpstreamStub | undefined;
let server: ChildProcess | undefined;

afterEach(async () => {
  server?.kill('SIGTERM');
  server = undefined;
  await upstream?.close();
  upstream = undefined;
});

/** Starts `haywire guard serve` and resolves with its URL and admin token once it listens. */
function serve(args: readonly string[], env: Record<string, string> = {}) {
  return new Promise<{ url: string; adminToken: string; stderr: () => string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'guard', 'serve', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    });
    server = child;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const url = /guard proxy on (http:\/\/\S+)/.exec(stderr)?.[1];
      const token = /admin token[^:]*: (\S+)/.exec(stderr)?.[1];
      if (url !== undefined && token !== undefined) resolve({ url, adminToken: token, stderr: () => stderr });
    });
    child.on('exit', (code) => reject(new Error(`guard serve exited ${code}: ${stderr}`)));
  });
}

describe('haywire guard serve and guard approvals', () => {
  it('refuses to bind off loopback without a token', async () => {
    const result = await runCli([
      'guard',
      'serve',
      '--upstream',
      'http://127.0.0.1:9/v1',
      '--host',
      '0.0.0.0',
      '--port',
      '0',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('refusing to bind 0.0.0.0 without an access token');
  });

  it('refuses a busy port in one line naming the address, before creating the store', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as { port: number };
    const store = join(tempDir(), 'haywire.db');
    try {
      const result = await runCli([
        'guard',
        'serve',
        '--upstream',
        'http://127.0.0.1:9/v1',
        '--port',
        String(port),
        '--store',
        store,
      ]);
      expect([result.code, result.stderr]).toEqual([
        2,
        `haywire: cannot listen on 127.0.0.1:${port}: the port is in use; pick another with --port\n`,
      ]);
      expect(existsSync(store)).toBe(false);
    } finally {
      busy.close();
    }
  });

  it('refuses an upstream that is not an http(s) URL with a host, in one line', async () => {
    for (const upstream of ['localhost:47313', 'ftp://example.com/v1']) {
      const result = await runCli(['guard', 'serve', '--upstream', upstream, '--port', '0']);
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toBe(
        `haywire: --upstream must be an http(s) URL with a host, e.g. https://api.openai.com/v1, got "${upstream}"`,
      );
    }
  });

  it('holds a call for approval, lets a human approve it by CLI, and audits the approver', async () => {
    upstream = await startOpenAIUpstreamStub({
      reply: () => ({
        toolCalls: [{ id: 'call_alert', name: 'cancel_alert', arguments: { code: 'EXEC-4429' } }],
      }),
    });
    const store = join(tempDir(), 'haywire.db');
    const proxy = await serve([
      '--upstream',
      upstream.url,
      '--tier',
      'permissive',
      '--port',
      '0',
      '--store',
      store,
    ]);
    const answer = fetch(`${proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
      body: JSON.stringify({
        model: 'stub-model',
        messages: [{ role: 'user', content: 'Check the alerts.' }],
      }),
    });
    const admin = ['--url', proxy.url, '--token', proxy.adminToken];
    let id: string | undefined;
    for (let i = 0; i < 100 && id === undefined; i++) {
      const listed = await runCli(['guard', 'approvals', 'list', '--json', ...admin]);
      id = (JSON.parse(listed.stdout) as { approvals: { id: string }[] }).approvals[0]?.id;
    }
    expect(id).toBeDefined();
    const approved = await runCli(['guard', 'approvals', 'approve', id!, '--as', 'alice', ...admin]);
    expect(approved.stdout).toContain('approved by alice');
    const body = (await (await answer).json()) as {
      choices: { message: { tool_calls?: { id: string }[] } }[];
    };
    expect(body.choices[0]?.message.tool_calls?.[0]?.id).toBe('call_alert');
    expect(proxy.stderr()).not.toContain('sk-test');
    server?.kill('SIGTERM');
    await new Promise((resolve) => server?.once('exit', resolve));
    const opened = openStore(store);
    try {
      const records = storeAuditLog(opened).records();
      expect(records.map((r) => [r.kind, r.decision, r.approver])).toEqual([
        ['decision', 'require-approval', null],
        ['approval', 'allow', 'alice'],
      ]);
    } finally {
      opened.close();
    }
  });

  it('refuses an answer it cannot read with 502 and audits the refusal in the store', async () => {
    const canned = await startCannedUpstream({
      headers: { 'content-type': 'text/plain' },
      body: 'data: {}\n\n',
    });
    const store = join(tempDir(), 'haywire.db');
    try {
      const proxy = await serve(['--upstream', canned.url, '--port', '0', '--store', store]);
      const answer = await fetch(`${proxy.url}/v1/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'Hi.' }] }),
      });
      expect(answer.status).toBe(502);
      const logged = 'refused an unreadable answer in session';
      for (let i = 0; i < 100 && !proxy.stderr().includes(logged); i++)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(proxy.stderr()).toContain(logged);
      server?.kill('SIGTERM');
      await new Promise((resolve) => server?.once('exit', resolve));
    } finally {
      await canned.close();
    }
    const opened = openStore(store);
    try {
      expect(
        storeAuditLog(opened)
          .records()
          .map((r) => [r.tool, r.decision, r.rule?.id]),
      ).toEqual([['', 'block', 'unreadable-answer']]);
    } finally {
      opened.close();
    }
  });

  it('tells the user when no proxy answers', async () => {
    const result = await runCli(['guard', 'approvals', '--url', 'http://127.0.0.1:9', '--token', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no guard proxy answers at http://127.0.0.1:9');
  });
});
