import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * Text written in order to a stream, waiting when its buffer is full so memory stays flat. The stream's
 * error is kept and thrown by the next write, instead of escaping as an unhandled 'error' event.
 */
export class StreamSink {
  readonly #stream: Writable;
  #failure: unknown;
  readonly #onError = (error: unknown): void => {
    this.#failure ??= error;
  };
  bytes = 0;

  constructor(stream: Writable) {
    this.#stream = stream;
    stream.on('error', this.#onError);
  }

  /** Appends text or bytes; resolves at once unless the stream asks to wait. */
  async write(chunk: string | Uint8Array): Promise<void> {
    if (this.#failure !== undefined) throw this.#failure;
    this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    if (!this.#stream.write(chunk)) await once(this.#stream, 'drain');
  }

  /** The stream's error, once it had one. */
  get failure(): unknown {
    return this.#failure;
  }

  /** Stops listening to the stream, which stays open, and throws the error it had, if any. */
  release(): void {
    this.#stream.off('error', this.#onError);
    if (this.#failure !== undefined) throw this.#failure;
  }
}
