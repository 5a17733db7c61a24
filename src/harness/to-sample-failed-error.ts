import { SAMPLE_ERROR_KINDS } from '../spec/trajectory.ts';
import { type SampleErrorKind, SampleFailedError } from './sample-failed-error.ts';

/**
 * Wraps whatever a model threw into a `SampleFailedError` with the most specific kind the error reveals:
 * an explicit `kind`, an HTTP status (429 → rate_limit, 408/504 → timeout) or a timeout name or code.
 * Anything else is a `provider_error`.
 */
export function toSampleFailedError(cause: unknown, modelId: string): SampleFailedError {
  if (cause instanceof SampleFailedError) return cause;
  const detail = cause instanceof Error ? cause.message : String(cause);
  const kind = kindOf(cause);
  return new SampleFailedError(kind, `model ${modelId} failed (${kind}): ${detail}`, { cause });
}

function kindOf(cause: unknown): SampleErrorKind {
  if (typeof cause !== 'object' || cause === null) return 'provider_error';
  const fields = cause as {
    kind?: unknown;
    status?: unknown;
    statusCode?: unknown;
    name?: unknown;
    code?: unknown;
  };
  if (isKind(fields.kind)) return fields.kind;
  const status = typeof fields.status === 'number' ? fields.status : fields.statusCode;
  if (status === 429) return 'rate_limit';
  if (status === 408 || status === 504) return 'timeout';
  if (
    fields.name === 'TimeoutError' ||
    fields.code === 'ETIMEDOUT' ||
    fields.code === 'UND_ERR_HEADERS_TIMEOUT'
  ) {
    return 'timeout';
  }
  return 'provider_error';
}

function isKind(value: unknown): value is SampleErrorKind {
  return typeof value === 'string' && (SAMPLE_ERROR_KINDS as readonly string[]).includes(value);
}
