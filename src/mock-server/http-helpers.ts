import type { IncomingMessage, ServerResponse } from 'node:http';

/** The wire formats the mock server speaks. */
export type Wire = 'openai' | 'anthropic' | 'gemini';

/** Writes a JSON answer, unless the client has gone. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** The largest request body the mock server reads. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** A request body read: a JSON object, or why not (over `MAX_BODY_BYTES`, or not a JSON object). */
export type BodyRead =
  | { readonly ok: true; readonly body: Record<string, unknown> }
  | { readonly ok: false; readonly problem: 'too-large' | 'not-json' };

/**
 * Reads the request body as a JSON object. A body over `MAX_BODY_BYTES` is read to its end without being kept,
 * so the client, still sending, gets the answer rather than a reset connection.
 */
export async function readJsonBody(req: IncomingMessage): Promise<BodyRead> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  if (size > MAX_BODY_BYTES) return { ok: false, problem: 'too-large' };
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? { ok: true, body: parsed as Record<string, unknown> }
      : { ok: false, problem: 'not-json' };
  } catch {
    return { ok: false, problem: 'not-json' };
  }
}

/** The quota headers each API sends: OpenAI durations such as `20ms`, Anthropic RFC 3339 reset times. */
export function quotaHeaders(
  wire: Wire,
  limit: number,
  remaining: number,
  resetMs: number,
): Record<string, string> {
  const reset = Math.max(1, Math.ceil(resetMs));
  if (wire === 'gemini') return {};
  if (wire === 'openai') {
    return {
      'x-ratelimit-limit-requests': String(limit),
      'x-ratelimit-remaining-requests': String(remaining),
      'x-ratelimit-reset-requests': `${reset}ms`,
    };
  }
  return {
    'anthropic-ratelimit-requests-limit': String(limit),
    'anthropic-ratelimit-requests-remaining': String(remaining),
    'anthropic-ratelimit-requests-reset': new Date(Date.now() + reset).toISOString(),
  };
}
