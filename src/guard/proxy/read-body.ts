import type { IncomingMessage } from 'node:http';

/** The most a request or upstream answer may hold; chat requests with long histories stay far below it. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Reads a whole request or response body, refusing one over 64 MB. */
export async function readBody(stream: IncomingMessage): Promise<Buffer> {
  // A small body usually comes in the same packet as its headers: once the parser has taken that packet,
  // the whole body is buffered and is read at once, without a round of stream events.
  await undefined;
  const buffered = stream.readableLength;
  const whole = stream.complete || buffered === Number(stream.headers['content-length']);
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
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        stream.destroy();
        reject(new Error(`body over ${MAX_BODY_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    });
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
