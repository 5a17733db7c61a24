/**
 * A user or configuration error: bad input, an unknown name, a missing file.
 * The CLI prints its message in one line, without a stack trace, and exits with code 2.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code: 'invalid-config' | 'unknown-name' | 'missing-file' | 'invalid-input';
  /** The file the error is about, when there is one. */
  readonly file: string | undefined;

  constructor(code: ConfigError['code'], message: string, options: { file?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.file = options.file;
  }
}
