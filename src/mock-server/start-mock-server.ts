import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError } from '../spec/config-error.ts';
import { MAX_TIMER_MS } from '../spec/max-timer-ms.ts';
import type { ModelRequest, ModelResponse } from '../spec/model.ts';
import { seededRandom } from '../stats/index.ts';
import { renderAnthropicMessage, streamAnthropicMessage } from './anthropic-messages.ts';
import { renderGeminiGenerate } from './gemini-generate.ts';
import { MAX_BODY_BYTES, quotaHeaders, readJsonBody, sendJson } from './http-helpers.ts';
import { type Api, apiOf, errorBody, type Failure, ID_PREFIX, parseCall, WIRE } from './mock-apis.ts';
import { renderOpenAIChat, streamOpenAIChat } from './openai-chat.ts';
import { renderOpenAIResponse } from './openai-responses.ts';
import { simForModel } from './sim-for-model.ts';
import { countUsage, type SimCall } from './sim-reply.ts';
import { splitReasoning } from './split-reasoning.ts';
import { createTokenBucket, type TokenBucket } from './token-bucket.ts';

export interface MockServerOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Always 127.0.0.1 unless given; an IPv6 address (`::1`) is bracketed in `url`. */
  readonly host?: string;
  /** Added before every answer other than a 429; at most `MAX_TIMER_MS`, about 24.8 days. */
  readonly latencyMs?: number;
  /** Requests a second allowed (token bucket, one second of burst); over it, 429 with `retry-after`. */
  readonly rateLimit?: number;
  /** Share of requests answered with a 500. */
  readonly errorRate?: number;
  /**
   * How long a 500 waits before it answers: `latencyMs` unless given. 0 answers at once, as an overloaded API
   * often refuses before doing any work.
   */
  readonly errorLatencyMs?: number;
  /** Share of requests never answered (the client times out). */
  readonly timeoutRate?: number;
  /** Share of requests answered 200 with a body that is not JSON. */
  readonly malformedRate?: number;
  /** Seeds the fault draws. */
  readonly seed?: number;
  /** One line per request (method, path, status, time); never headers, query strings or bodies. */
  readonly log?: (line: string) => void;
}

/** Counts since the server started, also served at `GET /stats`. */
export interface MockServerStats {
  requests: number;
  ok: number;
  rateLimited: number;
  errors: number;
  timeouts: number;
  malformed: number;
  badRequests: number;
  /** Requests that carried a key (`authorization` or `x-api-key`); the value is never read. */
  withKey: number;
  inFlight: number;
  peakInFlight: number;
}

export interface MockServer {
  /** `http://127.0.0.1:<port>` (`http://[::1]:<port>` for an IPv6 host); the APIs are under `/v1`. */
  readonly url: string;
  readonly port: number;
  stats(): MockServerStats;
  close(): Promise<void>;
}

/**
 * Starts a local model API that answers with the `sim/` agents: OpenAI chat completions at
 * `POST /v1/chat/completions` and Responses at `POST /v1/responses`, Anthropic messages at `POST /v1/messages`,
 * Gemini at `POST /v1beta/models/<model>:generateContent` (chat completions and messages also stream), with
 * seeded rate limits, errors, hangs and malformed bodies for testing clients and engines.
 * @example
 * const server = await startMockServer({ latencyMs: 200, rateLimit: 50 });
 * const model = resolveModel('openai/sim-insider', { baseUrl: server.url, env: { OPENAI_API_KEY: 'x' } });
 * await server.close();
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const latencyMs = options.latencyMs ?? 0;
  // Past 2^31 − 1 ms Node's timer fires at once: the latency would silently become none.
  const errorLatencyMs = options.errorLatencyMs ?? latencyMs;
  for (const [name, value] of [
    ['latencyMs', latencyMs],
    ['errorLatencyMs', errorLatencyMs],
  ] as const) {
    if (!(value >= 0 && value <= MAX_TIMER_MS))
      throw new ConfigError('invalid-input', `${name} must be within 0–${MAX_TIMER_MS}, got ${value}`);
  }
  const stats: MockServerStats = {
    requests: 0,
    ok: 0,
    rateLimited: 0,
    errors: 0,
    timeouts: 0,
    malformed: 0,
    badRequests: 0,
    withKey: 0,
    inFlight: 0,
    peakInFlight: 0,
  };
  const random = seededRandom(options.seed ?? 0);
  const bucket: TokenBucket | undefined =
    options.rateLimit === undefined || options.rateLimit <= 0
      ? undefined
      : createTokenBucket(options.rateLimit);
  const seenPrefixes = new Set<string>();
  const hanging = new Set<ServerResponse>();
  const closing = new AbortController();

  const server = createServer((req, res) => {
    const started = performance.now();
    // Without the query string: Gemini clients send their key there (`?key=…`).
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    // A GET /stats is not a request the stats are about: it would always count itself in flight.
    const counted = !(req.method === 'GET' && path === '/stats');
    if (counted) {
      stats.inFlight++;
      stats.peakInFlight = Math.max(stats.peakInFlight, stats.inFlight);
    }
    res.on('close', () => {
      if (counted) stats.inFlight--;
      hanging.delete(res);
      options.log?.(`${req.method} ${path} ${res.statusCode} ${Math.round(performance.now() - started)}ms`);
    });
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: 'mock server failure' } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/stats') return sendJson(res, 200, stats);
    // Any prefix before the API path, so OpenRouter's `/api/v1/…` reaches it too.
    const api = req.method === 'POST' ? apiOf(path ?? '') : undefined;
    if (api === undefined)
      return sendJson(res, 404, { error: { message: `no route ${req.method} ${path}` } });
    const wire = WIRE[api];
    stats.requests++;
    const { authorization, 'x-api-key': apiKey, 'x-goog-api-key': googleKey } = req.headers;
    if (authorization !== undefined || apiKey !== undefined || googleKey !== undefined) stats.withKey++;
    const fail = (status: number, message: string, failure: Failure, headers: Record<string, string> = {}) =>
      sendJson(res, status, errorBody(wire, status, message, failure), headers);

    const read = await readJsonBody(req);
    if (bucket !== undefined) {
      const token = bucket.take();
      if (!token.ok) {
        stats.rateLimited++;
        return fail(429, 'rate limit exceeded (mock server)', 'rate_limit', {
          'retry-after': String(Math.max(1, Math.ceil(token.waitMs / 1000))),
          'retry-after-ms': String(token.waitMs),
          ...quotaHeaders(wire, options.rateLimit ?? 0, 0, token.waitMs),
        });
      }
      for (const [k, v] of Object.entries(
        quotaHeaders(wire, options.rateLimit ?? 0, token.remaining, 1000 / (options.rateLimit ?? 1)),
      ))
        res.setHeader(k, v);
    }
    const u = random();
    const errorRate = options.errorRate ?? 0;
    const timeoutRate = options.timeoutRate ?? 0;
    const malformedRate = options.malformedRate ?? 0;
    if (u >= errorRate && u < errorRate + timeoutRate) {
      stats.timeouts++;
      hanging.add(res);
      return; // never answered: the client's timeout fires, or close() ends it
    }
    const wait = u < errorRate ? errorLatencyMs : latencyMs;
    if (wait > 0) await sleep(wait, undefined, { signal: closing.signal }).catch(() => {});
    if (res.destroyed) return;
    if (u < errorRate) {
      stats.errors++;
      return fail(500, 'internal server error (mock server)', 'server');
    }
    if (u < errorRate + timeoutRate + malformedRate) {
      stats.malformed++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id": "mock", "choices": [ {"message": ');
      return;
    }
    if (!read.ok) {
      stats.badRequests++;
      return read.problem === 'too-large'
        ? fail(413, `the body is over the mock server's limit of ${MAX_BODY_BYTES / 2 ** 20} MB`, 'too_large')
        : fail(400, 'the body is not a JSON object', 'invalid');
    }
    const body = read.body;
    const seedHeader = Number(req.headers['x-haywire-seed']);
    const headerSeed = Number.isInteger(seedHeader) ? seedHeader : undefined;
    const call = parseCall(api, path ?? '', body, headerSeed);
    if (typeof call === 'string') {
      stats.badRequests++;
      return fail(400, call, 'invalid');
    }
    const sim = simForModel(call.modelName);
    if (sim === undefined) {
      stats.badRequests++;
      return fail(
        404,
        `model "${call.modelName}" does not exist on the mock server; use sim-insider, sim-aligned or sim-random-<p>`,
        'not_found',
      );
    }
    await answer(res, api, call, sim.model.generate.bind(sim.model), sim.thinking);
  }

  async function answer(
    res: ServerResponse,
    api: Api,
    call: SimCall,
    generate: (request: ModelRequest) => Promise<ModelResponse>,
    thinking: boolean,
  ) {
    const raw = await generate(call.request);
    const response = thinking || call.wantsReasoning ? splitReasoning(raw) : raw;
    const key =
      call.cachePrefix === undefined
        ? undefined
        : createHash('sha256').update(call.cachePrefix).digest('hex');
    const seen = key !== undefined && seenPrefixes.has(key);
    if (key !== undefined) seenPrefixes.add(key);
    const usage = countUsage(call.request.messages, response, {
      prefix: call.cachePrefix,
      seen,
      explicit: api === 'messages',
    });
    const id = `${ID_PREFIX[api]}${randomUUID().replaceAll('-', '')}`;
    const meta = { id, model: call.modelName, includeUsage: call.includeUsage };
    stats.ok++;
    if (!call.stream) {
      return sendJson(
        res,
        200,
        api === 'chat'
          ? renderOpenAIChat(response, usage, meta)
          : api === 'responses'
            ? renderOpenAIResponse(response, usage, meta)
            : api === 'messages'
              ? renderAnthropicMessage(response, usage, meta)
              : renderGeminiGenerate(response, usage, meta),
      );
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    if (api === 'chat')
      for (const data of streamOpenAIChat(response, usage, meta)) res.write(`data: ${data}\n\n`);
    else
      for (const [event, data] of streamAnthropicMessage(response, usage, meta))
        res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    res.end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    stats: () => ({ ...stats }),
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        for (const res of hanging) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
