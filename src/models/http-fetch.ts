import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/**
 * A `fetch` for the providers' API calls, on node:http with keep-alive agents. Node's built-in fetch spends
 * about half a millisecond of CPU per request in its spec machinery (request and header objects, body
 * streams), which at thousands of requests is most of the engine's CPU; this does the same call for a
 * fraction of that. Anything it does not handle the plain way — a body that is not text or bytes, a redirect,
 * a proxy from the environment — goes to the built-in fetch, so behaviour never narrows.
 *
 * Failures look like the built-in fetch's: a network error rejects with `TypeError('fetch failed')` and the
 * cause, an abort rejects with the signal's reason.
 *
 * @example
 * createOpenAI({ apiKey, fetch: httpFetch })
 */
export const httpFetch: typeof fetch = (input, init) => {
  const plain = plainRequest(input, init);
  if (plain === undefined || proxied) return fetch(input, init);
  return send(plain).then((response) => response ?? fetch(input, init));
};

const agents = {
  'http:': new http.Agent({ keepAlive: true, scheduling: 'lifo' }),
  'https:': new https.Agent({ keepAlive: true, scheduling: 'lifo' }),
};

interface PlainRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string | Uint8Array | undefined;
  readonly signal: AbortSignal | undefined;
}

/** The request, if it is one this fetch sends itself: http(s), a text or byte body, headers as a record. */
function plainRequest(
  input: Parameters<typeof fetch>[0],
  init: RequestInit | undefined,
): PlainRequest | undefined {
  if (input instanceof Request) return undefined;
  const url = typeof input === 'string' ? new URL(input) : input;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const body = init?.body ?? undefined;
  if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array))
    return undefined;
  if (init?.redirect === 'error' || init?.redirect === 'manual') return undefined;
  const headers = headerRecord(init?.headers);
  if (headers === undefined) return undefined;
  return {
    url,
    method: init?.method ?? 'GET',
    headers,
    body: body ?? undefined,
    signal: init?.signal ?? undefined,
  };
}

function headerRecord(headers: RequestInit['headers']): Record<string, string> | undefined {
  if (headers === undefined || headers === null) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers);
  if (Array.isArray(headers)) return undefined;
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (typeof value === 'string') record[name] = value;
  return record;
}

// The built-in fetch honours proxy settings from the environment where Node does; this one would not. Read
// once, as Node's own proxy support does.
const proxied = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some(
  (name) => process.env[name] !== undefined,
);

/** Sends the request; resolves undefined for a redirect, which the caller hands to the built-in fetch. */
function send(request: PlainRequest): Promise<Response | undefined> {
  const { url, signal } = request;
  if (signal?.aborted === true) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    const outgoing = transport.request(url, {
      method: request.method,
      headers: request.headers,
      agent: agents[url.protocol as 'http:' | 'https:'],
    });
    let settled = false;
    const onAbort = () => {
      outgoing.destroy(signal?.reason);
      if (!settled) {
        settled = true;
        reject(signal?.reason);
      }
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);
    outgoing.once('error', (cause) => {
      done();
      if (settled) return;
      settled = true;
      reject(new TypeError('fetch failed', { cause }));
    });
    outgoing.once('response', (incoming) => {
      if (incoming.statusCode !== undefined && incoming.statusCode >= 300 && incoming.statusCode < 400) {
        incoming.resume();
        done();
        settled = true;
        resolve(undefined);
        return;
      }
      const headers = responseHeaders(incoming.rawHeaders);
      const init = { status: incoming.statusCode ?? 0, statusText: incoming.statusMessage ?? '', headers };
      const decoded = decode(incoming, headers.get('content-encoding'));
      if (decoded !== incoming) incoming.once('error', (cause) => decoded.destroy(cause));
      if (headers.get('content-type')?.startsWith('text/event-stream') === true) {
        // Streamed: the body flows as it arrives; an abort or a broken connection errors the stream.
        settled = true;
        decoded.once('end', done).once('close', done);
        resolve(new Response(Readable.toWeb(decoded) as ReadableStream<Uint8Array>, init));
        return;
      }
      const chunks: Buffer[] = [];
      decoded.on('data', (chunk: Buffer) => chunks.push(chunk));
      decoded.once('error', (cause) => {
        done();
        if (settled) return;
        settled = true;
        reject(signal?.aborted === true ? signal.reason : new TypeError('fetch failed', { cause }));
      });
      decoded.once('end', () => {
        done();
        if (settled) return;
        settled = true;
        const bodyless = init.status === 204 || init.status === 304 || request.method === 'HEAD';
        resolve(new Response(bodyless ? null : Buffer.concat(chunks), init));
      });
    });
    outgoing.end(request.body);
  });
}

function responseHeaders(raw: readonly string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

// The built-in fetch decodes compressed bodies; so does this one, in case a server compresses unasked.
function decode(incoming: http.IncomingMessage, encoding: string | null): Readable {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return incoming.pipe(createGunzip());
    case 'deflate':
      return incoming.pipe(createInflate());
    case 'br':
      return incoming.pipe(createBrotliDecompress());
    default:
      return incoming;
  }
}
