import type { MiddlewareHandler } from 'hono';

/**
 * The viewer runs no script at all, so the policy forbids every script, inline style, plugin and frame:
 * even a payload that escaped the escaping could not run.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Sets the CSP and friends on every response, and refuses requests for another host name. */
export function securityHeaders(allowHost: ((host: string) => boolean) | undefined): MiddlewareHandler {
  return async (c, next) => {
    // DNS rebinding: a page elsewhere that resolves its name to 127.0.0.1 must not read the store.
    const host = c.req.header('host');
    if (allowHost !== undefined && (host === undefined || !allowHost(host.toLowerCase()))) {
      return c.text('unknown host', 421);
    }
    await next();
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cache-Control', 'no-store');
  };
}
