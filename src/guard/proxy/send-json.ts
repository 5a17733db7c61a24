import type { IncomingMessage, ServerResponse } from 'node:http';

/** Answers with a JSON body. */
export function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Answers with an OpenAI-style error, or drops the connection when the answer has already begun. */
export function fail(response: ServerResponse, status: number, message: string): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  send(response, status, { error: { message, type: 'haywire_guard_proxy' } });
}

/** Ends a stream whose head was sent with an OpenAI-style error event, which OpenAI clients raise as an error. */
export function failStream(response: ServerResponse, message: string): void {
  response.end(`data: ${JSON.stringify({ error: { message, type: 'haywire_guard_proxy' } })}\n\n`);
}

/** An upstream response's headers, minus those that describe its framing (the proxy re-frames the body). */
export function passHeaders(response: IncomingMessage): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined) continue;
    if (
      name === 'content-length' ||
      name === 'transfer-encoding' ||
      name === 'connection' ||
      name === 'keep-alive'
    )
      continue;
    headers[name] = value;
  }
  return headers;
}
