import { createServer, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { listenOnLoopback } from './listen-on-loopback.ts';

/** What the canned upstream answers: a status, headers and a body sent in pieces; `hang` never answers. */
export type CannedAnswer =
  | {
      readonly status?: number;
      readonly headers?: OutgoingHttpHeaders;
      /** Written one piece at a time, a few ms apart, so a stream arrives as several chunks. */
      readonly body: string | Buffer | readonly (string | Buffer)[];
      /** Never ends the body after its pieces: a stream that stalls half way. */
      readonly hold?: boolean;
    }
  | 'hang';

export interface CannedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** True once the proxy closed this request's connection before it was answered. */
  cancelled: boolean;
}

export interface CannedUpstream {
  /** The base URL, ending in `/v1`. */
  readonly url: string;
  readonly received: CannedRequest[];
  close(): Promise<void>;
}

/**
 * An upstream for proxy tests that answers every request with `answer` as it is: malformed JSON, a stream
 * with odd separators, a status the proxy must not pass, or nothing at all.
 */
export async function startCannedUpstream(answer: CannedAnswer): Promise<CannedUpstream> {
  const received: CannedRequest[] = [];
  const server = createServer((request, response) => {
    const seen: CannedRequest = {
      method: request.method ?? '',
      path: request.url ?? '',
      headers: request.headers,
      cancelled: false,
    };
    received.push(seen);
    response.on('close', () => {
      if (!response.writableFinished) seen.cancelled = true;
    });
    request.resume();
    request.on('end', () => {
      if (answer === 'hang') return;
      response.writeHead(answer.status ?? 200, answer.headers ?? { 'content-type': 'application/json' });
      const pieces =
        typeof answer.body === 'string' || Buffer.isBuffer(answer.body) ? [answer.body] : answer.body;
      const next = (at: number) => {
        if (at >= pieces.length) return answer.hold === true ? undefined : void response.end();
        response.write(pieces[at]);
        setTimeout(() => next(at + 1), 2);
      };
      next(0);
    });
  });
  return { ...(await listenOnLoopback(server)), received };
}
