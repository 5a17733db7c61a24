import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';

/** A file written in order, waiting for the disk when its buffer is full, so memory stays flat. */
export class FileSink {
  readonly #stream: WriteStream;
  bytes = 0;

  constructor(path: string) {
    this.#stream = createWriteStream(path);
  }

  /** Appends text; resolves at once unless the stream asks to wait. */
  async write(text: string): Promise<void> {
    this.bytes += Buffer.byteLength(text);
    if (!this.#stream.write(text)) await once(this.#stream, 'drain');
  }

  /** The underlying stream, for piping a file into this one. */
  get stream(): WriteStream {
    return this.#stream;
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    this.#stream.end();
    await once(this.#stream, 'close');
  }
}
