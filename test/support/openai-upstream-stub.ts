import { createServer, type IncomingHttpHeaders } from 'node:http';
import { listenOnLoopback } from './listen-on-loopback.ts';

/** A scripted OpenAI tool call: name and arguments object. */
export interface StubToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: Record<string, unknown>;
}

/** What the stub answers to one chat request. */
export interface StubReply {
  readonly content?: string;
  readonly toolCalls?: readonly StubToolCall[];
}

export interface ReceivedRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

export interface OpenAIUpstreamStub {
  readonly url: string;
  readonly received: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * A tiny OpenAI-format upstream on 127.0.0.1 (ephemeral port) for tests and benchmarks: it answers
 * `/v1/chat/completions` from `reply`, streamed (tool-call arguments split across several deltas) when the
 * request asks for `stream: true`, after `latencyMs`.
 */
export async function startOpenAIUpstreamStub(options: {
  reply: (body: { messages?: unknown[] }) => StubReply;
  latencyMs?: number;
  port?: number;
}): Promise<OpenAIUpstreamStub> {
  const received: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body = (text === '' ? {} : JSON.parse(text)) as { messages?: unknown[]; stream?: boolean };
      received.push({ path: request.url ?? '', headers: request.headers, body });
      const respond = () => {
        if (!(request.url ?? '').endsWith('/chat/completions')) {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ object: 'list', data: [{ id: 'stub-model', object: 'model' }] }));
          return;
        }
        const reply = options.reply(body);
        if (body.stream === true) return streamReply(response, reply);
        const json = JSON.stringify(completion(reply));
        response.writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(json),
        });
        response.end(json);
      };
      if ((options.latencyMs ?? 0) > 0) setTimeout(respond, options.latencyMs);
      else respond();
    });
  });
  server.keepAliveTimeout = 65_000;
  return { ...(await listenOnLoopback(server, options.port)), received };
}

const META = { id: 'chatcmpl-stub', created: 1_700_000_000, model: 'stub-model' };

function completion(reply: StubReply) {
  const toolCalls = reply.toolCalls ?? [];
  return {
    ...META,
    object: 'chat.completion',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.content ?? null,
          ...(toolCalls.length === 0
            ? {}
            : {
                tool_calls: toolCalls.map((call) => ({
                  id: call.id,
                  type: 'function',
                  function: { name: call.name, arguments: JSON.stringify(call.arguments) },
                })),
              }),
        },
        finish_reason: toolCalls.length === 0 ? 'stop' : 'tool_calls',
      },
    ],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };
}

function streamReply(response: import('node:http').ServerResponse, reply: StubReply): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (choice: unknown) =>
    response.write(
      `data: ${JSON.stringify({ ...META, object: 'chat.completion.chunk', choices: [choice] })}\n\n`,
    );
  send({ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null });
  for (const word of (reply.content ?? '').split(/(?<= )/)) {
    if (word !== '') send({ index: 0, delta: { content: word }, finish_reason: null });
  }
  const toolCalls = reply.toolCalls ?? [];
  toolCalls.forEach((call, index) => {
    const args = JSON.stringify(call.arguments);
    const third = Math.ceil(args.length / 3);
    send({
      index: 0,
      delta: {
        tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
      },
      finish_reason: null,
    });
    for (let at = 0; at < args.length; at += third) {
      send({
        index: 0,
        delta: { tool_calls: [{ index, function: { arguments: args.slice(at, at + third) } }] },
        finish_reason: null,
      });
    }
  });
  send({ index: 0, delta: {}, finish_reason: toolCalls.length === 0 ? 'stop' : 'tool_calls' });
  response.write('data: [DONE]\n\n');
  response.end();
}
