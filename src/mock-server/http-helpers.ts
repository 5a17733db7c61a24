import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY = 32 * 1024 * 1024;

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

/** The request body as a JSON object, or undefined when it is not one (or is over 32 MB). */
export async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
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
