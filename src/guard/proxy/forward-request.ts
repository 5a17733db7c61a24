import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { ConfigError } from '../../spec/config-error.ts';
import { UpstreamTimeoutError } from './upstream-timeout-error.ts';

// Hop-by-hop and proxy-only headers never go upstream; accept-encoding is dropped so responses can be read.
const DROPPED = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'accept-encoding',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'x-haywire-token',
  'x-haywire-session',
]);

// The proxy's own API prefix, taken off a client's path: `/v1/models` and `/models` are the same path.
const OWN_PREFIX = /^\/v1(?=\/|\?|$)/;

/** A keep-alive client for one upstream base URL. */
export interface Upstream {
  readonly base: URL;
  request(options: UpstreamRequest): Promise<IncomingMessage>;
  close(): void;
}

export interface UpstreamRequest {
  readonly method: string;
  /** The client's path and query, e.g. `/v1/chat/completions`. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** Replaces the client's Authorization header; `null` removes it. */
  readonly authorization?: string | null;
  readonly body: Buffer;
  /** Cancels the request (the client went away). */
  readonly signal?: AbortSignal;
}

/**
 * The path a client's request takes upstream: the base's path prefix, then the client's path without the proxy's
 * own `/v1`, with the client's query as it came and then any parameter of the base URL's query (`search`, as it
 * was written) the client did not give (`--upstream https://x.openai.azure.com/openai/deployments/d?api-version=2024-06-01`
 * adds the version to every request). Neither query is re-encoded: `%20` stays `%20`.
 * @example
 * upstreamPath('/v1', '?a=1', '/v1/models?limit=2') // '/v1/models?limit=2&a=1'
 */
export function upstreamPath(prefix: string, baseSearch: string, clientPath: string): string {
  const path = `${prefix}${clientPath.replace(OWN_PREFIX, '')}`;
  const pairs = baseSearch.replace(/^\?/, '').split('&');
  if (pairs.every((pair) => pair === '')) return path;
  const mark = path.indexOf('?');
  const given = new URLSearchParams(mark === -1 ? '' : path.slice(mark + 1));
  const added = pairs.filter((pair) => {
    const name = new URLSearchParams(pair).keys().next().value;
    return name !== undefined && !given.has(name);
  });
  if (added.length === 0) return path;
  const joiner = mark === -1 ? '?' : /[?&]$/.test(path) ? '' : '&';
  return `${path}${joiner}${added.join('&')}`;
}

/** How long the upstream may send nothing before a request is cancelled: as long as `haywire run` waits. */
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 600_000;

/**
 * Reads the upstream base URL: http or https with a host, else a ConfigError (`localhost:8080` parses as a
 * URL of scheme `localhost:`).
 */
export function parseUpstreamUrl(value: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {}
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '')
    throw new ConfigError(
      'invalid-input',
      `--upstream must be an http(s) URL with a host, e.g. https://api.openai.com/v1, got "${value}"`,
    );
  return url;
}

/**
 * Connects to the upstream given as a base URL, as OpenAI clients take one (`https://api.openai.com/v1`); a bare
 * origin means `<origin>/v1`. A client's path goes there without the proxy's own `/v1`: `/v1/chat/completions`
 * and `/chat/completions` both reach `<base>/chat/completions`. A request whose upstream sends nothing for
 * `timeoutMs` (headers or body) is cancelled with `UpstreamTimeoutError`.
 */
export function createUpstream(baseUrl: string, timeoutMs = DEFAULT_UPSTREAM_TIMEOUT_MS): Upstream {
  const base = parseUpstreamUrl(baseUrl);
  const secure = base.protocol === 'https:';
  const agent = secure
    ? new https.Agent({ keepAlive: true, maxSockets: 256 })
    : new http.Agent({ keepAlive: true, maxSockets: 256 });
  const trimmed = base.pathname.replace(/\/+$/, '');
  const prefix = trimmed === '' ? '/v1' : trimmed;
  // Node's timers hold at most 2^31 - 1 ms and fire at once past it.
  const idleMs = Math.min(timeoutMs, 2 ** 31 - 1);
  return {
    base,
    request(options) {
      // A flat [name, value, …] list is written as it is, skipping the per-header bookkeeping of an object.
      const headers: string[] = ['host', base.host];
      for (const [name, value] of Object.entries(options.headers)) {
        if (DROPPED.has(name) || value === undefined) continue;
        if (name === 'authorization' && options.authorization !== undefined) continue;
        for (const one of Array.isArray(value) ? value : [value]) headers.push(name, one);
      }
      if (typeof options.authorization === 'string') headers.push('authorization', options.authorization);
      headers.push('content-length', String(options.body.length));
      return new Promise((resolve, reject) => {
        let answer: IncomingMessage | undefined;
        const request = (secure ? https : http).request(
          {
            protocol: base.protocol,
            hostname: base.hostname,
            port: base.port,
            method: options.method,
            path: upstreamPath(prefix, base.search, options.path),
            headers,
            agent,
            ...(options.signal === undefined ? {} : { signal: options.signal }),
          },
          (response) => {
            answer = response;
            resolve(response);
          },
        );
        // An idle socket: no headers yet, or a body that stopped coming.
        request.setTimeout(idleMs, () => {
          const error = new UpstreamTimeoutError(idleMs);
          answer?.destroy(error);
          request.destroy(error);
        });
        request.on('error', reject);
        request.end(options.body);
      });
    },
    close() {
      agent.destroy();
    },
  };
}
