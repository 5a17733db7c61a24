import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type CannedUpstream, startCannedUpstream } from '../../../test/support/canned-upstream.ts';
import { scriptedGuardSession } from '../../../test/support/scripted-guard-session.ts';
import { ConfigError } from '../../spec/config-error.ts';
import { parseUpstreamUrl, upstreamPath } from './forward-request.ts';
import { MAX_BODY_BYTES } from './read-body.ts';
import { type GuardProxy, type GuardProxyOptions, startGuardProxy } from './start-guard-proxy.ts';

const ANSWER = JSON.stringify({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Done.' }, finish_reason: 'stop' }],
});
const CHAT = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'Hi.' }] });

let upstream: CannedUpstream | undefined;
let proxy: GuardProxy | undefined;

afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
  proxy = undefined;
  upstream = undefined;
});

async function setUp(
  answer: Parameters<typeof startCannedUpstream>[0],
  options: Partial<GuardProxyOptions> = {},
) {
  upstream = await startCannedUpstream(answer);
  proxy = await startGuardProxy({
    upstream: upstream.url,
    startSession: () => scriptedGuardSession({}),
    ...options,
  });
  return { upstream, proxy };
}

/** A raw request through node:http: the body in pieces, or left unfinished when `finish` is false. */
function send(
  url: string,
  options: {
    path?: string;
    headers?: Record<string, string | number>;
    pieces?: (string | Buffer)[];
    finish?: boolean;
  },
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(
      `${url}${options.path ?? '/v1/chat/completions'}`,
      { method: 'POST', headers: { 'content-type': 'application/json', ...options.headers } },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
        });
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, text });
          sent.destroy();
        });
      },
    );
    sent.on('error', reject);
    for (const piece of options.pieces ?? []) sent.write(piece);
    if (options.finish !== false) sent.end();
  });
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

describe('guard proxy: where requests go', () => {
  it('forwards to the upstream base URL, with or without the client writing /v1', async () => {
    const { proxy, upstream } = await setUp({ body: ANSWER });
    for (const path of ['/v1/chat/completions', '/chat/completions'])
      expect((await send(proxy.url, { path, pieces: [CHAT] })).status).toBe(200);
    for (const path of ['/v1/models', '/models?limit=2']) await fetch(`${proxy.url}${path}`);
    expect(upstream.received.map((r) => r.path)).toEqual([
      '/v1/chat/completions',
      '/v1/chat/completions',
      '/v1/models',
      '/v1/models?limit=2',
    ]);
  });

  it('keeps any other path prefix of the upstream, and reads a bare origin as <origin>/v1', async () => {
    upstream = await startCannedUpstream({ body: ANSWER });
    const origin = upstream.url.replace(/\/v1$/, '');
    for (const [base, expected] of [
      [`${origin}/v1beta/openai/`, '/v1beta/openai/chat/completions'],
      [origin, '/v1/chat/completions'],
    ] as const) {
      proxy = await startGuardProxy({ upstream: base, startSession: () => scriptedGuardSession({}) });
      await send(proxy.url, { path: '/chat/completions', pieces: [CHAT] });
      expect(upstream.received.at(-1)?.path).toBe(expected);
      await proxy.close();
      proxy = undefined;
    }
  });

  it("adds the upstream URL's query to every request, where the client did not give the same parameter", async () => {
    upstream = await startCannedUpstream({ body: ANSWER });
    const base = `${upstream.url}?api-version=2024-06-01`;
    proxy = await startGuardProxy({ upstream: base, startSession: () => scriptedGuardSession({}) });
    await send(proxy.url, { path: '/v1/chat/completions', pieces: [CHAT] });
    await fetch(`${proxy.url}/v1/models?limit=2&api-version=preview`);
    expect(upstream.received.map((r) => r.path)).toEqual([
      '/v1/chat/completions?api-version=2024-06-01',
      '/v1/models?limit=2&api-version=preview',
    ]);
    expect(upstreamPath('/v1', '', '/v1/models?x=1')).toBe('/v1/models?x=1');
    expect(upstreamPath('/base', new URL('http://h/?k=a b').search, '/v1')).toBe('/base?k=a%20b');
    // Neither query is re-encoded: a client's %20 stays %20, its order and repeated names stay.
    expect(upstreamPath('/v1', '?api-version=1&b=2', '/v1/files?q=a%20b&q=c&b=9')).toBe(
      '/v1/files?q=a%20b&q=c&b=9&api-version=1',
    );
    expect(upstreamPath('/v1', '?api-version=1', '/v1/files?')).toBe('/v1/files?api-version=1');
  });

  it('refuses an upstream that is not an http(s) URL with a host', async () => {
    for (const value of ['localhost:47313', 'ftp://example.com/v1', 'not a url', 'file:///tmp/x'])
      expect(() => parseUpstreamUrl(value), value).toThrow(ConfigError);
    expect(parseUpstreamUrl('http://127.0.0.1:8787/v1').host).toBe('127.0.0.1:8787');
    await expect(
      startGuardProxy({ upstream: 'localhost:47313', startSession: () => scriptedGuardSession({}) }),
    ).rejects.toThrow(/--upstream must be an http\(s\) URL with a host/);
  });
});

describe('guard proxy: requests it refuses before forwarding', () => {
  it.each([
    [{ model: 'm', messages: [null] }, 'messages[0] is not an object'],
    [{ model: 'm', messages: [{ role: 'user', content: 'Hi.' }, 7] }, 'messages[1] is not an object'],
    [{ model: 'm', messages: [{ content: 'Hi.' }] }, 'messages[0] has no role'],
    [{ model: 'm', messages: 'Hi.' }, 'expected a JSON chat request with a messages array'],
  ])('%j: 400 %s', async (body, message) => {
    const { proxy, upstream } = await setUp({ body: ANSWER });
    const answer = await send(proxy.url, { pieces: [JSON.stringify(body)] });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({ error: { message, type: 'haywire_guard_proxy' } });
    expect(upstream.received).toEqual([]);
  });

  it('answers 413 with the limit to a body over 64 MB, sent with or without its length', async () => {
    const { proxy, upstream } = await setUp({ body: ANSWER });
    const big = Buffer.alloc(MAX_BODY_BYTES + 1024 * 1024, 0x20);
    const withLength = await send(proxy.url, { headers: { 'content-length': big.length }, pieces: [big] });
    expect(withLength.status).toBe(413);
    expect(withLength.text).toContain('over 64 MB (67108864 bytes)');
    const chunked = await send(proxy.url, {
      pieces: [big.subarray(0, 40_000_000), big.subarray(40_000_000)],
    });
    expect(chunked.status).toBe(413);
    expect(upstream.received).toEqual([]);
  });

  it('checks the access token before reading the body', async () => {
    const { proxy } = await setUp({ body: ANSWER }, { token: 'proxy-secret' });
    // The body is never finished: the answer comes from the headers alone.
    const refused = await send(proxy.url, {
      headers: { 'content-length': 1000 },
      pieces: ['{"model":'],
      finish: false,
    });
    expect(refused.status).toBe(401);
    const admin = await send(proxy.url, {
      path: '/haywire/approvals/apr_1/approve',
      headers: { 'content-length': 1000 },
      pieces: ['{"approver":'],
      finish: false,
    });
    expect(admin.status).toBe(401);
  });
});

describe('guard proxy: an upstream that does not answer', () => {
  it('answers 504 after the upstream timeout and cancels the upstream request', async () => {
    const { proxy, upstream } = await setUp('hang', { upstreamTimeoutMs: 200 });
    const started = performance.now();
    const answer = await send(proxy.url, { pieces: [CHAT] });
    expect(answer.status).toBe(504);
    expect(answer.text).toContain('the upstream sent nothing for 0.2 s');
    expect(performance.now() - started).toBeLessThan(5000);
    await until(() => upstream.received[0]?.cancelled === true);
    expect((await fetch(`${proxy.url}/v1/models`)).status).toBe(504);
  });

  it('ends a stream that stalls half way with an error event, not a reset connection', async () => {
    const event = `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: 'Working' } }] })}\n\n`;
    const { proxy, upstream } = await setUp(
      { headers: { 'content-type': 'text/event-stream' }, body: [event], hold: true },
      { upstreamTimeoutMs: 200 },
    );
    const answer = await send(proxy.url, { pieces: [CHAT] });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('Working');
    expect(answer.text).toMatch(
      /data: \{"error":\{"message":"haywire guard proxy: the upstream sent nothing for 0\.2 s[^"]*","type":"haywire_guard_proxy"\}\}\n\n$/,
    );
    await until(() => upstream.received[0]?.cancelled === true);
  });

  it('cancels the upstream request when the client goes away', async () => {
    const { proxy, upstream } = await setUp('hang');
    const client = new AbortController();
    const answer = fetch(`${proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: CHAT,
      signal: client.signal,
    }).catch(() => 'aborted');
    await until(() => upstream.received.length === 1);
    client.abort();
    expect(await answer).toBe('aborted');
    await until(() => upstream.received[0]?.cancelled === true);
  });
});
