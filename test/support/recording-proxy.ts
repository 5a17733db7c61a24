import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RecordedBody = Record<string, unknown>;

export interface RecordingProxy {
  readonly url: string;
  /** Each request body as the client sent it, before the model was renamed. */
  readonly bodies: RecordedBody[];
  close(): Promise<void>;
}

/**
 * A proxy on 127.0.0.1 in front of `target` (the mock server) that keeps each JSON request body and forwards it
 * with the model renamed to `model`, in the body (OpenAI, Anthropic) or the path (Gemini): a real model id, whose
 * family rules and response caching apply, answered by a sim agent.
 */
export async function startRecordingProxy(target: string, model: string): Promise<RecordingProxy> {
  const bodies: RecordedBody[] = [];
  const proxy: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as RecordedBody;
      bodies.push(body);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name))
          headers[name] = value;
      const path = (req.url ?? '').replace(/\/models\/[^/:]+:/, `/models/${model}:`);
      const answer = await fetch(`${target}${path}`, {
        method: req.method ?? 'POST',
        headers,
        body: JSON.stringify('model' in body ? { ...body, model } : body),
      });
      res.writeHead(answer.status, {
        'content-type': answer.headers.get('content-type') ?? 'application/json',
      });
      res.end(await answer.text());
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    bodies,
    close: () =>
      new Promise((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
}
