/** A request or upstream answer over the proxy's body limit: a request is answered 413, an answer 502. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  readonly code = 'body-too-large';
  readonly limitBytes: number;

  constructor(limitBytes: number) {
    // The message completes "the request body is …" or "the answer is …".
    super(`over ${limitBytes / (1024 * 1024)} MB (${limitBytes} bytes), the guard proxy's limit`);
    this.limitBytes = limitBytes;
  }
}
