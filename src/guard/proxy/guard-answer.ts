import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError } from './body-too-large-error.ts';
import { type EnforceCall, guardChatCompletion } from './guard-chat-completion.ts';
import { guardSseStream } from './guard-sse-stream.ts';
import { parseJson, readBody } from './read-body.ts';
import { failStream, passHeaders } from './send-json.ts';
import { UnreadableAnswerError } from './unreadable-answer-error.ts';

/**
 * Decides every call of an upstream chat answer and sends the client what is left: a JSON completion (a
 * leading byte order mark allowed) or an SSE stream. Throws `UnreadableAnswerError` for an answer it cannot
 * fully read (not 2xx, compressed, not JSON, a call of unknown shape, a broken stream), before sending
 * anything when it can; the caller refuses it.
 */
export async function guardAnswer(
  upstreamResponse: IncomingMessage,
  response: ServerResponse,
  enforce: EnforceCall,
): Promise<void> {
  const status = upstreamResponse.statusCode ?? 0;
  if (status < 200 || status > 299)
    throw new UnreadableAnswerError(`the upstream answered ${status}, which carries no answer to decide`);
  const encoding = upstreamResponse.headers['content-encoding'];
  if (encoding !== undefined && encoding !== 'identity')
    throw new UnreadableAnswerError(`the answer is compressed (content-encoding: ${encoding})`);
  const type = upstreamResponse.headers['content-type'] ?? '';
  if (type.split(';')[0]?.trim().toLowerCase() === 'text/event-stream') {
    // The head waits for the first event, so that a stream unreadable from the start is still answered 502.
    try {
      for await (const event of guardSseStream(upstreamResponse, enforce)) {
        if (!response.headersSent) response.writeHead(status, passHeaders(upstreamResponse));
        response.write(event);
      }
    } catch (error) {
      // Once the stream has begun, a failure (an upstream gone quiet, a broken connection) ends it with an error
      // event, which OpenAI clients raise as an error, rather than a reset connection. An unreadable answer is the
      // caller's to refuse and audit.
      if (!response.headersSent || error instanceof UnreadableAnswerError) throw error;
      failStream(response, `haywire guard proxy: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (!response.headersSent) response.writeHead(status, passHeaders(upstreamResponse));
    response.end();
    return;
  }
  let answer: Buffer;
  try {
    answer = await readBody(upstreamResponse);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new UnreadableAnswerError(`the answer is ${error.message}`);
    throw error;
  }
  const completion = parseJson(answer);
  if (completion === undefined)
    throw new UnreadableAnswerError(
      `the answer is not JSON (content-type: ${type || 'none'})`,
      answer.toString('utf8'),
    );
  let refused: number;
  try {
    refused = await guardChatCompletion(completion, enforce);
  } catch (error) {
    // The audit keeps what could not be read.
    if (error instanceof UnreadableAnswerError)
      throw new UnreadableAnswerError(error.message, answer.toString('utf8'));
    throw error;
  }
  // Nothing refused means nothing changed: the upstream's own bytes go back as they came.
  const text = refused === 0 ? answer : JSON.stringify(completion);
  response.writeHead(status, {
    ...passHeaders(upstreamResponse),
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-haywire-guard-refused': String(refused),
  });
  response.end(text);
}
