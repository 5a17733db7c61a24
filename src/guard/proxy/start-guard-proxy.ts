import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream';
import { ConfigError } from '../../spec/config-error.ts';
import { ApprovalQueue } from '../approvals/approval-queue.ts';
import { enforceToolCall } from '../hooks/enforce-tool-call.ts';
import type { GuardSessionPort } from '../hooks/guard-port.ts';
import { APPROVALS_PATH, handleApprovals } from './approvals-admin.ts';
import { BodyTooLargeError } from './body-too-large-error.ts';
import { createUpstream, type Upstream } from './forward-request.ts';
import { guardAnswer } from './guard-answer.ts';
import type { EnforceCall } from './guard-chat-completion.ts';
import { isLoopbackHost, presentedToken } from './proxy-access.ts';
import {
  type ChatMessage,
  checkMessages,
  type ProxySession,
  ProxySessions,
  SESSION_HEADER,
} from './proxy-sessions.ts';
import { parseJson, readBody } from './read-body.ts';
import { fail, failStream, passHeaders, send } from './send-json.ts';
import { UnreadableAnswerError } from './unreadable-answer-error.ts';
import { UpstreamTimeoutError } from './upstream-timeout-error.ts';

export interface GuardProxyOptions {
  /** The OpenAI-compatible API to forward to, e.g. `https://api.openai.com/v1`. */
  readonly upstream: string;
  /** Starts a guard session for a new conversation. */
  readonly startSession: (sessionId: string) => GuardSessionPort;
  /** Default `127.0.0.1`; any other address needs `token`. */
  readonly host?: string;
  /** Default 0: an ephemeral port. */
  readonly port?: number;
  /** Access token clients must present (`Authorization: Bearer` or `x-haywire-token`). */
  readonly token?: string;
  /**
   * Token for the approvals admin API; default a random one (`adminToken`). Never the access token: an agent
   * that holds that one could approve its own held calls.
   */
  readonly adminToken?: string;
  /** Upstream key used when a client's Authorization header carried the access token instead. */
  readonly upstreamApiKey?: string;
  readonly approvals?: ApprovalQueue;
  /** How long the upstream may send nothing (no answer yet, or a stalled body) before 504; default 10 minutes. */
  readonly upstreamTimeoutMs?: number;
  /**
   * Called when a 2xx chat answer could not be read (not JSON, an unknown call shape, a broken stream) and was
   * refused with 502, so it can be audited (`unreadableAnswerAuditEntry`); `text` is what could not be read.
   */
  readonly onUnreadableAnswer?: (event: { sessionId: string; reason: string; text: string }) => void;
  /** Called after every decision, for logging (never receives headers or keys). */
  readonly onEnforced?: (event: {
    sessionId: string;
    toolCallId: string;
    tool: string;
    execute: boolean;
  }) => void;
}

/** A running guard proxy. */
export interface GuardProxy {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly adminToken: string;
  readonly approvals: ApprovalQueue;
  close(): Promise<void>;
}

/**
 * Starts the OpenAI-compatible guard proxy: `POST /v1/chat/completions` is forwarded upstream and every tool
 * call in the answer is decided before the client sees it (streamed tool-call deltas are held until the
 * verdict); other paths pass through; `/haywire/approvals` is the approvals admin API. Binds 127.0.0.1 unless
 * told otherwise, and refuses any other address without an access token.
 * @example
 * const proxy = await startGuardProxy({ upstream: 'https://api.openai.com/v1', startSession: (id) => guard.startSession({ sessionId: id }) });
 * // point the agent's OpenAI client at `${proxy.url}/v1`
 */
export async function startGuardProxy(options: GuardProxyOptions): Promise<GuardProxy> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token === '' ? undefined : options.token;
  if (!isLoopbackHost(host) && token === undefined) {
    throw new ConfigError(
      'invalid-input',
      `refusing to bind ${host} without an access token: pass --token or set HAYWIRE_GUARD_TOKEN`,
    );
  }
  if (options.adminToken !== undefined && options.adminToken === token)
    throw new ConfigError(
      'invalid-input',
      'the approvals admin token must differ from the access token: a client holding the access token could approve its own held calls',
    );
  const adminToken = options.adminToken ?? randomBytes(24).toString('base64url');
  const approvals = options.approvals ?? new ApprovalQueue();
  const upstream = createUpstream(options.upstream, options.upstreamTimeoutMs);
  const sessions = new ProxySessions(options.startSession);
  const context: Context = { options, token, adminToken, approvals, upstream, sessions };

  const server = createServer((request, response) => {
    handle(context, request, response).catch((error: unknown) => failWith(response, error));
  });
  // Longer than clients' idle keep-alive, so the proxy never closes a socket a client is about to reuse.
  server.keepAliveTimeout = 65_000;
  await listen(server, host, options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    host,
    port,
    adminToken,
    approvals,
    close: async () => {
      approvals.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      upstream.close();
    },
  };
}

/** POST endpoints whose answers carry no tool calls, forwarded as they are. */
const UNGUARDED_POSTS = /^\/(v1\/)?(embeddings|moderations|completions)(\?|$)/;

interface Context {
  readonly options: GuardProxyOptions;
  readonly token: string | undefined;
  readonly adminToken: string;
  readonly approvals: ApprovalQueue;
  readonly upstream: Upstream;
  readonly sessions: ProxySessions;
}

async function handle(context: Context, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = request.url ?? '/';
  const method = request.method ?? 'GET';
  // Tokens and paths are checked before a body is read: a client without the token cannot make the proxy read.
  if (path.startsWith('/haywire/')) {
    if (presentedToken(request.headers, context.adminToken) === undefined)
      return fail(response, 401, 'the approvals admin API needs the admin token');
    if (!path.startsWith(APPROVALS_PATH)) return fail(response, 404, 'no such admin path');
    const result = handleApprovals(context.approvals, method, path, parseJson(await readBody(request)));
    return send(response, result.status, result.body);
  }
  let authorization: string | null | undefined;
  if (context.token !== undefined) {
    const presented = presentedToken(request.headers, context.token);
    if (presented === undefined) return fail(response, 401, 'this proxy needs its access token');
    if (presented === 'authorization')
      authorization =
        context.options.upstreamApiKey === undefined ? null : `Bearer ${context.options.upstreamApiKey}`;
  }
  if (!path.startsWith('/')) return fail(response, 400, `expected a path, got ${path.slice(0, 100)}`);
  const isChat = method === 'POST' && /^\/(v1\/)?chat\/completions(\?|$)/.test(path);
  // Anything else that could make the model call a tool would bypass the guard: only calls without tools pass.
  if (!isChat && !['GET', 'HEAD', 'OPTIONS'].includes(method) && !UNGUARDED_POSTS.test(path))
    return fail(
      response,
      403,
      `the guard proxy only forwards /v1/chat/completions and tool-free APIs, not ${path}`,
    );
  const body = await readBody(request);
  let messages: ChatMessage[] | undefined;
  if (isChat) {
    const payload = parseJson(body);
    const checked = checkMessages((payload as { messages?: unknown } | undefined)?.messages);
    if (!checked.success) return fail(response, 400, checked.issue);
    if ((payload as { functions?: unknown }).functions !== undefined)
      return fail(response, 400, 'legacy `functions` are not guarded: declare them as `tools`');
    messages = checked.data;
  }
  // The upstream request is cancelled when the client goes away before its answer is complete.
  const cancel = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) cancel.abort();
  });
  const upstreamRequest = {
    method,
    path,
    headers: request.headers,
    body,
    signal: cancel.signal,
    ...(authorization === undefined ? {} : { authorization }),
  };
  if (messages === undefined) return passThrough(await context.upstream.request(upstreamRequest), response);
  const answered = context.upstream.request(upstreamRequest);
  // The request leaves when its socket takes it, on the next tick; the conversation is observed right after,
  // while the upstream works: it matters only once the answer is decided.
  const observed = onNextTick(() => {
    const header = request.headers[SESSION_HEADER];
    return context.sessions.forRequest(typeof header === 'string' ? header : undefined, messages);
  });
  let upstreamResponse: IncomingMessage;
  let session: ProxySession;
  try {
    [upstreamResponse, session] = await Promise.all([answered, observed]);
  } catch (error) {
    answered.then(
      (unread) => unread.resume(),
      () => undefined,
    );
    throw error;
  }
  // Errors carry no tool calls (clients do not read choices from them): they pass as they came.
  if (upstreamResponse.statusCode !== undefined && upstreamResponse.statusCode >= 400)
    return passThrough(upstreamResponse, response);
  try {
    await guardAnswer(upstreamResponse, response, enforcerFor(context, session, cancel.signal));
  } catch (error) {
    if (!(error instanceof UnreadableAnswerError)) throw error;
    if (!upstreamResponse.complete) upstreamResponse.destroy();
    refuseUnreadable(context, response, session, error);
  }
}

/** Refuses an answer the guard could not read: audited through `onUnreadableAnswer`, answered 502. */
function refuseUnreadable(
  context: Context,
  response: ServerResponse,
  session: ProxySession,
  error: UnreadableAnswerError,
): void {
  let unaudited = '';
  try {
    context.options.onUnreadableAnswer?.({ sessionId: session.id, reason: error.message, text: error.text });
  } catch (auditError) {
    unaudited = ` (auditing the refusal failed: ${auditError instanceof Error ? auditError.message : String(auditError)})`;
  }
  const message = `haywire guard proxy: refused an upstream answer it cannot read: ${error.message}; no call in it was passed on${unaudited}`;
  if (response.headersSent) failStream(response, message);
  else fail(response, 502, message);
}

/** Sends an upstream answer on as it comes. */
function passThrough(upstreamResponse: IncomingMessage, response: ServerResponse): void {
  response.writeHead(upstreamResponse.statusCode ?? 502, passHeaders(upstreamResponse));
  pipeline(upstreamResponse, response, () => undefined);
}

/** Answers an error: 413 for a request over the body limit, 504 for an upstream that went quiet, else 502. */
function failWith(response: ServerResponse, error: unknown): void {
  const message = `haywire guard proxy: ${error instanceof Error ? error.message : String(error)}`;
  if (error instanceof BodyTooLargeError) {
    // The rest of the body is read and dropped; the connection then closes rather than wait for more.
    response.setHeader('connection', 'close');
    fail(response, 413, `haywire guard proxy: the request body is ${error.message}`);
    return;
  }
  fail(response, error instanceof UpstreamTimeoutError ? 504 : 502, message);
}

function enforcerFor(context: Context, session: ProxySession, signal: AbortSignal): EnforceCall {
  return async (call) => {
    const enforcement = await enforceToolCall({
      session: session.session,
      call,
      approvals: context.approvals,
      sessionId: session.id,
      // A client that goes away takes its held calls off the approval queue.
      signal,
    });
    context.options.onEnforced?.({
      sessionId: session.id,
      toolCallId: call.id,
      tool: call.name,
      execute: enforcement.execute,
    });
    return enforcement;
  };
}

/** Runs `work` on the next tick, after whatever is already queued there. */
function onNextTick<T>(work: () => T): Promise<T> {
  return new Promise((resolve, reject) => {
    process.nextTick(() => {
      try {
        resolve(work());
      } catch (error) {
        reject(error);
      }
    });
  });
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
