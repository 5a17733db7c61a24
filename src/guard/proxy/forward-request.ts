import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';

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
}

/**
 * Connects to the upstream given as a base URL, with or without a trailing `/v1`: a client's
 * `/v1/chat/completions` goes to `<base>/v1/chat/completions` either way.
 */
export function createUpstream(baseUrl: string): Upstream {
  const base = new URL(baseUrl);
  const secure = base.protocol === 'https:';
  const agent = secure
    ? new https.Agent({ keepAlive: true, maxSockets: 256 })
    : new http.Agent({ keepAlive: true, maxSockets: 256 });
  const prefix = base.pathname.replace(/\/v1\/?$/, '').replace(/\/$/, '');
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
        const request = (secure ? https : http).request(
          {
            protocol: base.protocol,
            hostname: base.hostname,
            port: base.port,
            method: options.method,
            path: `${prefix}${options.path}`,
            headers,
            agent,
          },
          resolve,
        );
        request.on('error', reject);
        request.end(options.body);
      });
    },
    close() {
      agent.destroy();
    },
  };
}
