import type { SampleError } from '../spec/trajectory.ts';

/** Why a sample failed; one of `SAMPLE_ERROR_KINDS`. */
export type SampleErrorKind = SampleError['kind'];

/**
 * An error that fails one sample, not the run: the model or provider broke (rate limit exhausted, timeout,
 * refusal, malformed response) or the harness itself did. The engine records `kind` and `message` for the
 * sample, so a rerun retries it and reports count it as an error, never as "not harmful".
 */
export class SampleFailedError extends Error {
  override readonly name = 'SampleFailedError';
  readonly kind: SampleErrorKind;

  constructor(kind: SampleErrorKind, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
  }
}
