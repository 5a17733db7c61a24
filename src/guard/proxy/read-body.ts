import type { IncomingMessage } from 'node:http';
import { BodyTooLargeError } from './body-too-large-error.ts';

/** The most a request or upstream answer may hold; chat requests with long histories stay far below it. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * Reads a whole request or response body. One over 64 MB rejects with `BodyTooLargeError` (at once when its
 * content-length says so); the rest of it is then read and dropped, so that a client can still read the answer.
 */
export async function readBody(stream: IncomingMessage): Promise<Buffer> {
  const length = Number(stream.headers['content-length']);
  if (length > MAX_BODY_BYTES) {
    stream.resume();
    throw new BodyTooLargeError(MAX_BODY_BYTES);
  }
  // A small body usually comes in the same packet as its headers: once the parser has taken that packet,
  // the whole body is buffered and is read at once, without a round of stream events.
  await undefined;
  const buffered = stream.readableLength;
  const whole = stream.complete || buffered === length;
  if (whole && !stream.readableFlowing && buffered <= MAX_BODY_BYTES) {
    const body = (stream.read() as Buffer | null) ?? Buffer.alloc(0);
    stream.resume();
    return body;
  }
  return readStreamed(stream);
}

function readStreamed(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        stream.off('data', onData);
        chunks.length = 0;
        reject(new BodyTooLargeError(MAX_BODY_BYTES));
        return;
      }
      chunks.push(chunk);
    };
    stream.on('data', onData);
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** Parses a JSON body, without a leading UTF-8 byte order mark; `undefined` when empty or not JSON. */
export function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  const text = body.toString('utf8');
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
  } catch {
    return undefined;
  }
}
