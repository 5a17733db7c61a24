import { afterEach, describe, expect, it } from 'vitest';
import { canListenOnIpv6Loopback } from '../../test/support/listen-on-loopback.ts';
import { renderScenario } from '../scenarios/index.ts';
import { type MockServer, type MockServerOptions, startMockServer } from './start-mock-server.ts';

const IPV6_LOOPBACK = await canListenOnIpv6Loopback();

const servers: MockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function start(options: MockServerOptions = {}): Promise<MockServer> {
  const server = await startMockServer(options);
  servers.push(server);
  return server;
}

const OPENAI_BODY = { model: 'sim-aligned', messages: [{ role: 'user', content: 'Anything new?' }] };
const ANTHROPIC_BODY = {
  model: 'sim/aligned',
  max_tokens: 100,
  messages: [{ role: 'user', content: 'Anything new?' }],
};

function post(server: MockServer, path: string, body: unknown, signal?: AbortSignal) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(signal === undefined ? {} : { signal }),
  });
}

describe('startMockServer', () => {
  it('binds 127.0.0.1 on an ephemeral port and counts requests at GET /stats', async () => {
    const server = await start();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect((await post(server, '/v1/chat/completions', OPENAI_BODY)).status).toBe(200);
    expect((await post(server, '/v1/messages', ANTHROPIC_BODY)).status).toBe(200);
    const stats = await readJson(await fetch(`${server.url}/stats`));
    // The GET /stats itself is not counted in flight.
    expect(stats).toMatchObject({ requests: 2, ok: 2, rateLimited: 0, errors: 0, inFlight: 0 });
    expect(server.stats()).toMatchObject({ requests: 2, ok: 2, inFlight: 0, peakInFlight: 1 });
  });

  it.skipIf(!IPV6_LOOPBACK)('brackets an IPv6 host in its url, so the url reaches it', async () => {
    const server = await start({ host: '::1' });
    expect(server.url).toBe(`http://[::1]:${server.port}`);
    expect((await post(server, '/v1/chat/completions', OPENAI_BODY)).status).toBe(200);
    expect((await fetch(`${server.url}/stats`)).status).toBe(200);
  });

  it('over the rate limit answers 429 with retry-after, retry-after-ms and quota headers in each API form', async () => {
    const server = await start({ rateLimit: 2 });
    const statuses: number[] = [];
    let openai429: Response | undefined;
    for (let i = 0; i < 4; i++) {
      const response = await post(server, '/v1/chat/completions', OPENAI_BODY);
      statuses.push(response.status);
      if (response.status === 429) openai429 ??= response;
    }
    expect(statuses).toEqual([200, 200, 429, 429]);
    expect(openai429?.headers.get('retry-after')).toBe('1');
    expect(Number(openai429?.headers.get('retry-after-ms'))).toBeGreaterThan(0);
    expect(Number(openai429?.headers.get('retry-after-ms'))).toBeLessThanOrEqual(500);
    expect(openai429?.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(await openai429?.json()).toMatchObject({ error: { type: 'rate_limit_exceeded' } });
    const anthropic429 = await post(server, '/v1/messages', ANTHROPIC_BODY);
    expect(anthropic429.status).toBe(429);
    expect(anthropic429.headers.get('anthropic-ratelimit-requests-remaining')).toBe('0');
    expect(await anthropic429.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect(server.stats()).toMatchObject({ requests: 5, ok: 2, rateLimited: 3 });
  });

  it('answers a 500 after the latency, or after errorLatencyMs when given (0: at once)', async () => {
    const timed = async (options: MockServerOptions) => {
      const server = await start({ latencyMs: 300, ...options });
      const started = performance.now();
      const response = await post(server, '/v1/chat/completions', OPENAI_BODY);
      await response.text();
      return { status: response.status, ms: performance.now() - started };
    };
    const late = await timed({ errorRate: 1 });
    expect(late.status).toBe(500);
    expect(late.ms).toBeGreaterThanOrEqual(290);
    const early = await timed({ errorRate: 1, errorLatencyMs: 0 });
    expect(early.status).toBe(500);
    expect(early.ms).toBeLessThan(250);
    // Answers that are not errors still wait the latency.
    expect((await timed({ errorLatencyMs: 0 })).ms).toBeGreaterThanOrEqual(290);
    await expect(startMockServer({ errorLatencyMs: -1 })).rejects.toThrow(
      /errorLatencyMs must be within 0–2147483647, got -1/,
    );
  });

  it('draws errors and malformed bodies from its seed: the same seed gives the same sequence', async () => {
    const sequence = async (seed: number) => {
      const server = await start({ seed, errorRate: 0.3, malformedRate: 0.3 });
      const out: string[] = [];
      for (let i = 0; i < 20; i++) {
        const response = await post(server, '/v1/chat/completions', OPENAI_BODY);
        const text = await response.text();
        out.push(response.status === 500 ? 'error' : isJson(text) ? 'ok' : 'malformed');
      }
      return out;
    };
    const first = await sequence(7);
    expect(await sequence(7)).toEqual(first);
    expect(await sequence(8)).not.toEqual(first);
    expect(new Set(first)).toEqual(new Set(['ok', 'error', 'malformed']));
  });

  it('never answers a hanging request; the client gives up, and close() ends what is left', async () => {
    const server = await start({ timeoutRate: 1 });
    const started = performance.now();
    await expect(post(server, '/v1/messages', ANTHROPIC_BODY, AbortSignal.timeout(200))).rejects.toThrow();
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    const pending = post(server, '/v1/messages', ANTHROPIC_BODY).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await server.close();
    expect(await pending).toBeInstanceOf(Error);
    expect(server.stats().timeouts).toBe(2);
  });

  it('adds the latency to each answer', async () => {
    const server = await start({ latencyMs: 120 });
    const started = performance.now();
    await post(server, '/v1/chat/completions', OPENAI_BODY);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('refuses a latency a timer cannot hold, which would answer at once', async () => {
    await expect(startMockServer({ latencyMs: 3_000_000_000 })).rejects.toThrow(
      /latencyMs must be within 0–2147483647, got 3000000000/,
    );
  });

  it('refuses an unknown model (404) and a body that is not JSON (400), in each API form', async () => {
    const server = await start();
    const openai = await post(server, '/v1/chat/completions', { ...OPENAI_BODY, model: 'gpt-4.1' });
    expect(openai.status).toBe(404);
    expect((await readJson(openai)).error.message).toMatch(/sim-insider, sim-aligned or sim-random-<p>/);
    const anthropic = await post(server, '/v1/messages', { ...ANTHROPIC_BODY, model: 'claude' });
    expect(await anthropic.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
    const bad = await fetch(`${server.url}/v1/messages`, { method: 'POST', body: '{nope' });
    expect(bad.status).toBe(400);
    expect((await fetch(`${server.url}/v2/other`, { method: 'POST' })).status).toBe(404);
    expect(server.stats().badRequests).toBe(3);
  });

  it("answers a body without the API's shape 400 in that API's error format, and counts it", async () => {
    const server = await start();
    const refusals: [string, unknown, string][] = [
      ['/v1/chat/completions', { ...OPENAI_BODY, messages: [null] }, 'messages[0] must be an object'],
      ['/v1/chat/completions', { ...OPENAI_BODY, tools: [null] }, 'tools[0] must be an object'],
      [
        '/v1/chat/completions',
        { ...OPENAI_BODY, messages: [{ role: 'assistant', content: 'x', tool_calls: [null] }] },
        'messages[0].tool_calls[0] must be an object',
      ],
      ['/v1/responses', { model: 'sim-aligned', input: [null] }, 'input[0] must be an object'],
    ];
    for (const [path, body, message] of refusals) {
      const response = await post(server, path, body);
      expect([response.status, await readJson(response)]).toEqual([
        400,
        { error: { message, type: 'invalid_request_error', param: null, code: null } },
      ]);
    }
    const anthropic: [unknown, string][] = [
      [
        { ...ANTHROPIC_BODY, messages: [{ role: 'user', content: 5 }] },
        'messages[0].content must be a string or an array of content blocks',
      ],
      [{ ...ANTHROPIC_BODY, messages: 'hi' }, 'messages must be an array'],
      [{ ...ANTHROPIC_BODY, messages: [null] }, 'messages[0] must be an object'],
      [{ ...ANTHROPIC_BODY, tools: [null] }, 'tools[0] must be an object'],
    ];
    for (const [body, message] of anthropic) {
      const response = await post(server, '/v1/messages', body);
      expect([response.status, await readJson(response)]).toEqual([
        400,
        { type: 'error', error: { type: 'invalid_request_error', message } },
      ]);
    }
    const gemini = await post(server, '/v1beta/models/sim-aligned:generateContent', { contents: [null] });
    expect([gemini.status, await readJson(gemini)]).toEqual([
      400,
      { error: { code: 400, message: 'contents[0] must be an object', status: 'INVALID_ARGUMENT' } },
    ]);
    expect(server.stats()).toMatchObject({ requests: 9, badRequests: 9, errors: 0, ok: 0 });
  });

  it('answers a Gemini model name that is not valid percent-encoding 400 in its error format, and counts it', async () => {
    const server = await start();
    const response = await post(server, '/v1beta/models/%E0%A4%A:generateContent', { contents: [] });
    expect([response.status, await readJson(response)]).toEqual([
      400,
      {
        error: {
          code: 400,
          message: 'the model name in the path is not valid percent-encoding: "%E0%A4%A"',
          status: 'INVALID_ARGUMENT',
        },
      },
    ]);
    expect(server.stats()).toMatchObject({ requests: 1, badRequests: 1, errors: 0, ok: 0 });
  });

  it('answers a body over its 32 MB limit 413, saying the limit', async () => {
    const server = await start();
    const huge = JSON.stringify({ ...OPENAI_BODY, padding: 'x'.repeat(33 * 1024 * 1024) });
    const response = await fetch(`${server.url}/v1/chat/completions`, { method: 'POST', body: huge });
    expect(response.status).toBe(413);
    expect((await readJson(response)).error.message).toBe(
      "the body is over the mock server's limit of 32 MB",
    );
    expect(server.stats().badRequests).toBe(1);
  });

  it('logs the path without its query string: Gemini clients put their key there', async () => {
    const lines: string[] = [];
    const server = await start({ log: (line) => lines.push(line) });
    const response = await fetch(`${server.url}/v1beta/models/sim-aligned:generateContent?key=sk-PLANTED`, {
      method: 'POST',
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
    });
    expect(response.status).toBe(200);
    await server.close();
    expect(lines).toEqual([
      expect.stringMatching(/^POST \/v1beta\/models\/sim-aligned:generateContent 200 \d+ms$/),
    ]);
  });

  it('returns reasoning apart from the text when the client asks: a thinking block, or a reasoning field', async () => {
    const server = await start();
    const scenario = renderScenario({
      scenario: 'blackmail',
      goal_type: 'explicit',
      goal_value: 'america',
      urgency: 'replacement',
      scratchpad: true,
      eval_notice: false,
      mitigation: 'none',
    });
    const anthropic = {
      model: 'sim-insider',
      max_tokens: 4000,
      system: scenario.system,
      messages: [{ role: 'user', content: scenario.user }],
    };
    const plain = await readJson(await post(server, '/v1/messages', anthropic));
    expect(plain.content.map((b: { type: string }) => b.type)).toEqual(['text']);
    expect(plain.content[0].text).toContain('<SCRATCHPAD_REASONING>');
    const body = { ...anthropic, thinking: { type: 'enabled', budget_tokens: 2000 } };
    const thinking = await readJson(await post(server, '/v1/messages', body));
    expect(thinking.content.map((b: { type: string }) => b.type)).toEqual(['thinking', 'text']);
    expect(thinking.content[0].thinking.length).toBeGreaterThan(50);
    expect(thinking.content[1].text).not.toContain('SCRATCHPAD');
    expect(thinking.content[1].text).toContain('<tool_use:email>');
    const openai = {
      model: 'sim-insider',
      reasoning_effort: 'medium',
      messages: [
        { role: 'system', content: scenario.system },
        { role: 'user', content: scenario.user },
      ],
    };
    const chat = await readJson(await post(server, '/v1/chat/completions', openai));
    expect(chat.choices[0].message.reasoning).toBe(thinking.content[0].thinking);
    expect(chat.usage.completion_tokens_details.reasoning_tokens).toBeGreaterThan(10);
  });
});

// biome-ignore lint/suspicious/noExplicitAny: wire JSON read loosely in assertions
async function readJson(response: Response): Promise<any> {
  return response.json();
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
