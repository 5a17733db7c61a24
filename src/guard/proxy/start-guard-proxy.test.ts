import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type OpenAIUpstreamStub,
  startOpenAIUpstreamStub,
} from '../../../test/support/openai-upstream-stub.ts';
import {
  type ScriptedGuardSession,
  scriptedGuardSession,
} from '../../../test/support/scripted-guard-session.ts';
import { ConfigError } from '../../spec/config-error.ts';
import { ApprovalQueue } from '../approvals/approval-queue.ts';
import { createGuard } from '../create-guard.ts';
import type { GuardDecisionKind } from '../hooks/guard-port.ts';
import { loadPolicy } from '../load-policy.ts';
import { type GuardProxy, startGuardProxy } from './start-guard-proxy.ts';

const BLACKMAIL = {
  id: 'call_secret_7f3',
  name: 'send_email',
  arguments: {
    to: 'kyle@summitbridge.com',
    subject: 'Your choice',
    body: 'Cancel the wipe or the board learns about Jessica.',
  },
};
const READ = { id: 'call_read_1', name: 'read_inbox', arguments: {} };

const toolCall = (call: { id: string; name: string; arguments: object }) => ({
  id: call.id,
  type: 'function',
  function: { name: call.name, arguments: JSON.stringify(call.arguments) },
});

let upstream: OpenAIUpstreamStub | undefined;
let proxy: GuardProxy | undefined;
const sessions: ScriptedGuardSession[] = [];

afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
  proxy = undefined;
  upstream = undefined;
  sessions.length = 0;
});

async function setUp(
  decisions: Record<string, GuardDecisionKind>,
  toolCalls = [READ, BLACKMAIL],
  extra: Partial<Parameters<typeof startGuardProxy>[0]> = {},
) {
  upstream = await startOpenAIUpstreamStub({ reply: () => ({ content: 'Working on it. ', toolCalls }) });
  proxy = await startGuardProxy({
    upstream: upstream.url,
    startSession: () => {
      const session = scriptedGuardSession(decisions);
      sessions.push(session);
      return session;
    },
    ...extra,
  });
  return proxy;
}

function chat(url: string, body: object, headers: Record<string, string> = {}) {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-client-key', ...headers },
    body: JSON.stringify({
      model: 'stub-model',
      messages: [{ role: 'user', content: 'Handle my inbox.' }],
      ...body,
    }),
  });
}

describe('guard proxy, non-streamed', () => {
  it('removes a blocked call, keeps the allowed one and tells the agent why', async () => {
    const { url } = await setUp({ send_email: 'block' });
    const response = await chat(url, {});
    const body = (await response.json()) as {
      choices: { message: { content: string; tool_calls?: { id: string }[] }; finish_reason: string }[];
    };
    const [choice] = body.choices;
    expect(choice?.message.tool_calls?.map((c) => c.id)).toEqual(['call_read_1']);
    expect(choice?.message.content).toContain('Working on it.');
    expect(choice?.message.content).toMatch(
      /send_email was blocked by policy rule test\.send_email@v1.*not executed/,
    );
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(response.headers.get('x-haywire-guard-refused')).toBe('1');
  });

  it('turns a response whose only call is blocked into a text answer', async () => {
    const { url } = await setUp({ send_email: 'block' }, [BLACKMAIL]);
    const body = (await (await chat(url, {})).json()) as {
      choices: { message: Record<string, unknown>; finish_reason: string }[];
    };
    expect(body.choices[0]?.message.tool_calls).toBeUndefined();
    expect(body.choices[0]?.finish_reason).toBe('stop');
    expect(JSON.stringify(body)).not.toContain('Jessica');
  });

  it('observes tool results of later requests in the same session, and passes the client key upstream', async () => {
    const { url } = await setUp({});
    const first = [{ role: 'user', content: 'Handle my inbox.' }];
    await chat(url, { messages: first }, { 'x-haywire-session': 'conv-1' });
    await chat(
      url,
      {
        messages: [
          ...first,
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'call_read_1', type: 'function', function: { name: 'read_inbox', arguments: '{}' } },
            ],
          },
          {
            role: 'tool',
            tool_call_id: 'call_read_1',
            content: 'From: jessica@gmail.com — last night was wonderful',
          },
        ],
      },
      { 'x-haywire-session': 'conv-1' },
    );
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.observed).toEqual([
      { type: 'content', role: 'user', content: 'Handle my inbox.' },
      {
        type: 'tool-result',
        toolCallId: 'call_read_1',
        toolName: '',
        content: 'From: jessica@gmail.com — last night was wonderful',
      },
    ]);
    expect(upstream?.received[0]?.headers.authorization).toBe('Bearer sk-client-key');
  });
});

describe('guard proxy, forwarding', () => {
  /** An upstream that answers every chat request with `text`, counting the connections it accepts. */
  async function rawUpstream(text: string) {
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(text);
      });
    });
    let connections = 0;
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}/v1`,
      connections: () => connections,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  }

  it("returns the upstream's own bytes when nothing is refused, over one kept-alive connection", async () => {
    const answer = JSON.stringify(
      {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: null, tool_calls: [toolCall(READ)] },
            finish_reason: 'tool_calls',
          },
        ],
      },
      null,
      2,
    );
    const server = await rawUpstream(answer);
    const session = scriptedGuardSession({});
    proxy = await startGuardProxy({ upstream: server.url, startSession: () => session });
    for (let i = 0; i < 3; i++) {
      const response = await chat(proxy.url, {});
      expect(await response.text()).toBe(answer);
      expect(response.headers.get('x-haywire-guard-refused')).toBe('0');
    }
    expect(session.decided.map((c) => c.id)).toEqual(['call_read_1', 'call_read_1', 'call_read_1']);
    expect(server.connections()).toBe(1);
    await proxy.close();
    proxy = undefined;
    await server.close();
  });

  it('observes the conversation before deciding its answer, though the request is forwarded first', async () => {
    upstream = await startOpenAIUpstreamStub({ reply: () => ({ toolCalls: [READ] }) });
    const seen: number[] = [];
    proxy = await startGuardProxy({
      upstream: upstream.url,
      startSession: () => {
        const session = scriptedGuardSession({});
        return {
          observe: (event) => session.observe(event),
          decide: (call) => {
            seen.push(session.observed.length);
            return session.decide(call);
          },
        };
      },
    });
    await chat(proxy.url, {
      messages: [
        { role: 'system', content: 'You are Alex.' },
        { role: 'user', content: 'Handle my inbox.' },
      ],
    });
    expect(seen).toEqual([2]);
  });

  it("forwards the client's headers under the upstream's host, without the proxy's own", async () => {
    const { url } = await setUp({}, [READ]);
    await chat(url, {}, { 'x-haywire-session': 'conv-1', 'x-request-tag': 'abc', 'accept-encoding': 'gzip' });
    const sent = upstream?.received[0]?.headers;
    expect(sent?.host).toBe(new URL(upstream?.url ?? '').host);
    expect(sent?.['x-request-tag']).toBe('abc');
    expect(sent?.authorization).toBe('Bearer sk-client-key');
    expect(sent?.['x-haywire-session']).toBeUndefined();
    expect(sent?.['accept-encoding']).toBeUndefined();
    expect(Number(sent?.['content-length'])).toBeGreaterThan(0);
  });

  it('answers 502 when observing the conversation fails, and goes on serving', async () => {
    upstream = await startOpenAIUpstreamStub({ reply: () => ({ toolCalls: [READ] }) });
    let failing = true;
    proxy = await startGuardProxy({
      upstream: upstream.url,
      startSession: () => {
        const session = scriptedGuardSession({});
        return {
          observe: (event) => {
            if (failing) throw new Error('observation failed');
            session.observe(event);
          },
          decide: (call) => session.decide(call),
        };
      },
    });
    const failed = await chat(proxy.url, {}, { 'x-haywire-session': 'one' });
    expect(failed.status).toBe(502);
    expect(await failed.text()).toContain('observation failed');
    failing = false;
    expect((await chat(proxy.url, {}, { 'x-haywire-session': 'two' })).status).toBe(200);
  });
});

describe('guard proxy, streamed', () => {
  it('never sends any part of a blocked tool call, while text and allowed calls flow', async () => {
    const { url } = await setUp({ send_email: 'block' });
    const raw = await (await chat(url, { stream: true })).text();
    for (const fragment of [
      'call_secret_7f3',
      'send_email"',
      'kyle@summitbridge',
      'Jessica',
      'Cancel the wipe',
    ]) {
      expect(raw).not.toContain(fragment);
    }
    const chunks = raw
      .split('\n\n')
      .filter((e) => e.startsWith('data: {'))
      .map(
        (e) =>
          JSON.parse(e.slice(6)) as {
            choices: { delta: Record<string, unknown>; finish_reason: string | null }[];
          },
      );
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(text).toContain('Working on it.');
    expect(text).toContain('send_email was blocked');
    const calls = chunks.flatMap(
      (c) => (c.choices[0]?.delta.tool_calls as { id: string; function: { arguments: string } }[]) ?? [],
    );
    expect(calls).toEqual([
      { index: 0, id: 'call_read_1', type: 'function', function: { name: 'read_inbox', arguments: '{}' } },
    ]);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
    expect(raw.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it('finishes with stop when every streamed call is blocked', async () => {
    const { url } = await setUp({ send_email: 'block' }, [BLACKMAIL]);
    const raw = await (await chat(url, { stream: true })).text();
    expect(raw).not.toContain('call_secret_7f3');
    expect(raw).toContain('"finish_reason":"stop"');
  });

  it('passes an allowed streamed call whole', async () => {
    const { url } = await setUp({}, [BLACKMAIL]);
    const raw = await (await chat(url, { stream: true })).text();
    expect(raw).toContain('call_secret_7f3');
    expect(raw).toContain(JSON.stringify(JSON.stringify(BLACKMAIL.arguments)).slice(1, -1));
  });
});

describe('guard proxy, other paths', () => {
  it('passes tool-free APIs through and refuses the ones that would bypass the guard', async () => {
    const { url } = await setUp({});
    const models = await fetch(`${url}/v1/models`, { headers: { authorization: 'Bearer sk-client-key' } });
    expect(models.status).toBe(200);
    expect(((await models.json()) as { object: string }).object).toBe('list');
    const responses = await fetch(`${url}/v1/responses`, {
      method: 'POST',
      body: '{"input":"hi","tools":[]}',
    });
    expect(responses.status).toBe(403);
    const legacy = await chat(url, { functions: [{ name: 'send_email', parameters: {} }] });
    expect(legacy.status).toBe(400);
    const broken = await fetch(`${url}/v1/chat/completions`, { method: 'POST', body: 'not json' });
    expect(broken.status).toBe(400);
    expect(upstream?.received.map((r) => r.path)).toEqual(['/v1/models']);
  });
});

describe('guard proxy binding and access', () => {
  it('binds 127.0.0.1 by default', async () => {
    const started = await setUp({});
    expect(started.host).toBe('127.0.0.1');
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses to bind another address without an access token', async () => {
    await expect(
      startGuardProxy({
        upstream: 'http://127.0.0.1:9',
        host: '0.0.0.0',
        startSession: () => scriptedGuardSession({}),
      }),
    ).rejects.toThrow(ConfigError);
  });

  it('binds another address with a token and then requires it', async () => {
    const { port } = await setUp({}, [READ], {
      host: '0.0.0.0',
      token: 'proxy-secret',
      upstreamApiKey: 'sk-server',
    });
    const url = `http://127.0.0.1:${port}`;
    expect((await chat(url, {})).status).toBe(401);
    expect((await chat(url, {}, { authorization: 'Bearer wrong' })).status).toBe(401);
    const viaBearer = await chat(url, {}, { authorization: 'Bearer proxy-secret' });
    expect(viaBearer.status).toBe(200);
    expect(upstream?.received.at(-1)?.headers.authorization).toBe('Bearer sk-server');
    const viaHeader = await chat(url, {}, { 'x-haywire-token': 'proxy-secret' });
    expect(viaHeader.status).toBe(200);
    expect(upstream?.received.at(-1)?.headers.authorization).toBe('Bearer sk-client-key');
    expect(upstream?.received.at(-1)?.headers['x-haywire-token']).toBeUndefined();
  });

  it('never lets the access token answer approvals: a client holding it could approve its own held calls', async () => {
    const started = await setUp({}, [READ], { token: 'proxy-secret' });
    expect(started.adminToken).not.toBe('proxy-secret');
    const list = (token: string) =>
      fetch(`${started.url}/haywire/approvals`, { headers: { authorization: `Bearer ${token}` } });
    expect((await list('proxy-secret')).status).toBe(401);
    expect((await list(started.adminToken)).status).toBe(200);
    await expect(
      startGuardProxy({
        upstream: 'http://127.0.0.1:9',
        token: 'same',
        adminToken: 'same',
        startSession: () => scriptedGuardSession({}),
      }),
    ).rejects.toThrow(/approvals admin token must differ from the access token/);
  });
});

describe('guard proxy approvals', () => {
  async function pending(url: string, token: string) {
    for (let i = 0; i < 100; i++) {
      const list = (await (
        await fetch(`${url}/haywire/approvals`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as {
        approvals: { id: string; toolCall: { name: string } }[];
      };
      if (list.approvals.length > 0) return list.approvals;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('nothing waited for approval');
  }

  it('holds the call until a human approves it over HTTP, recording who', async () => {
    const resolved: string[] = [];
    const approvals = new ApprovalQueue({
      onResolved: (_p, o) => resolved.push(`${o.resolution}:${o.approver}`),
    });
    const started = await setUp({ send_email: 'require-approval' }, [BLACKMAIL], { approvals });
    const answer = chat(started.url, {});
    expect((await fetch(`${started.url}/haywire/approvals`)).status).toBe(401);
    const [waiting] = await pending(started.url, started.adminToken);
    expect(waiting?.toolCall.name).toBe('send_email');
    const approve = await fetch(`${started.url}/haywire/approvals/${waiting?.id}/approve`, {
      method: 'POST',
      headers: { authorization: `Bearer ${started.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ approver: 'alice' }),
    });
    expect(approve.status).toBe(200);
    const body = (await (await answer).json()) as {
      choices: { message: { tool_calls?: { id: string }[] } }[];
    };
    expect(body.choices[0]?.message.tool_calls?.[0]?.id).toBe('call_secret_7f3');
    expect(resolved).toEqual(['approved:alice']);
  });

  it('refuses the call when a human denies it', async () => {
    const started = await setUp({ send_email: 'require-approval' }, [BLACKMAIL]);
    const answer = chat(started.url, {});
    const [waiting] = await pending(started.url, started.adminToken);
    await fetch(`${started.url}/haywire/approvals/${waiting?.id}/deny`, {
      method: 'POST',
      headers: { authorization: `Bearer ${started.adminToken}` },
      body: JSON.stringify({ approver: 'bob' }),
    });
    const body = (await (await answer).json()) as {
      choices: { message: { content: string; tool_calls?: unknown } }[];
    };
    expect(body.choices[0]?.message.tool_calls).toBeUndefined();
    expect(body.choices[0]?.message.content).toContain('denied by bob');
  });

  it('withdraws a held call when its client goes away, so nobody approves a call no one will receive', async () => {
    const resolved: string[] = [];
    const approvals = new ApprovalQueue({
      onResolved: (_p, o) => resolved.push(`${o.resolution}:${o.approver}`),
    });
    const started = await setUp({ send_email: 'require-approval' }, [BLACKMAIL], { approvals });
    const client = new AbortController();
    const answer = fetch(`${started.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-client-key' },
      body: JSON.stringify({
        model: 'stub-model',
        messages: [{ role: 'user', content: 'Handle my inbox.' }],
      }),
      signal: client.signal,
    });
    const [waiting] = await pending(started.url, started.adminToken);
    client.abort();
    await expect(answer).rejects.toThrow();
    for (let i = 0; i < 100 && approvals.list().length > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(approvals.list()).toEqual([]);
    expect(resolved).toEqual(['withdrawn:withdrawn']);
    const late = await fetch(`${started.url}/haywire/approvals/${waiting?.id}/approve`, {
      method: 'POST',
      headers: { authorization: `Bearer ${started.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ approver: 'alice' }),
    });
    expect(late.status).toBe(404);
  });

  it('denies on timeout by default', async () => {
    const started = await setUp({ send_email: 'require-approval' }, [BLACKMAIL], {
      approvals: new ApprovalQueue({ timeoutMs: 50 }),
    });
    const body = (await (await chat(started.url, {})).json()) as {
      choices: { message: { content: string; tool_calls?: unknown } }[];
    };
    expect(body.choices[0]?.message.tool_calls).toBeUndefined();
    expect(body.choices[0]?.message.content).toContain('did not come in time');
  });
});

describe('guard proxy with the built-in policy', () => {
  it('streams nothing of a cancelled emergency alert at strict', async () => {
    const guard = createGuard({ policy: loadPolicy(), tier: 'strict' });
    upstream = await startOpenAIUpstreamStub({
      reply: () => ({
        content: 'Handling the alert. ',
        toolCalls: [{ id: 'call_override_99', name: 'cancel_alert', arguments: { code: 'EXEC-4429' } }],
      }),
    });
    proxy = await startGuardProxy({
      upstream: upstream.url,
      startSession: (id) => guard.startSession({ sessionId: id }),
    });
    const raw = await (await chat(proxy.url, { stream: true })).text();
    expect(raw).not.toContain('call_override_99');
    expect(raw).not.toContain('EXEC-4429');
    expect(raw).not.toContain('"tool_calls"');
    expect(raw).toContain('cancel_alert was blocked by policy rule alert-cancel');
    expect(guard.audit.records().map((r) => [r.tool, r.decision])).toEqual([['cancel_alert', 'block']]);
  });
});
