import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

/** How a client presented the access token, if it did. */
export type TokenPresentation = 'authorization' | 'header' | undefined;

/**
 * Finds the access token in a request: `x-haywire-token: T` (then `Authorization` is the client's upstream
 * key and passes through) or `Authorization: Bearer T` (then it is the proxy's and is not forwarded).
 */
export function presentedToken(headers: IncomingHttpHeaders, token: string): TokenPresentation {
  const header = headers['x-haywire-token'];
  if (typeof header === 'string' && sameSecret(header, token)) return 'header';
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization.startsWith('Bearer ')) {
    if (sameSecret(authorization.slice(7).trim(), token)) return 'authorization';
  }
  return undefined;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
