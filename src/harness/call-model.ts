import type { Model, ModelRequest, ModelResponse } from '../spec/model.ts';
import type { Usage } from '../spec/trajectory.ts';
import { SampleFailedError } from './sample-failed-error.ts';
import { toSampleFailedError } from './to-sample-failed-error.ts';

/**
 * Calls the model once. An abort rethrows the signal's reason (an `AbortError` by default), except a
 * `TimeoutError` reason (from `AbortSignal.timeout`), which fails the sample as a timeout; any other failure,
 * and a response the harness cannot use, becomes a `SampleFailedError`.
 */
export async function callModel(model: Model, request: ModelRequest): Promise<ModelResponse> {
  checkSignal(request.signal, model.id);
  let response: ModelResponse;
  try {
    response = await model.generate(request);
  } catch (cause) {
    checkSignal(request.signal, model.id);
    throw toSampleFailedError(cause, model.id);
  }
  checkSignal(request.signal, model.id);
  return checkResponse(response, model.id);
}

function checkSignal(signal: AbortSignal | undefined, modelId: string): void {
  if (signal?.aborted !== true) return;
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    throw new SampleFailedError('timeout', `model ${modelId} timed out: ${reason.message}`, {
      cause: reason,
    });
  }
  throw reason;
}

function checkResponse(response: ModelResponse, modelId: string): ModelResponse {
  const shaped =
    typeof response === 'object' &&
    response !== null &&
    typeof response.text === 'string' &&
    Array.isArray(response.toolCalls) &&
    typeof response.usage === 'object' &&
    response.usage !== null;
  if (!shaped)
    throw new SampleFailedError('malformed_response', `model ${modelId} returned a malformed response`);
  if (response.finishReason === 'content_filter') {
    throw new SampleFailedError('content_filter', `model ${modelId} stopped on its content filter`);
  }
  if (response.finishReason === 'error') {
    throw new SampleFailedError('provider_error', `model ${modelId} finished with an error`);
  }
  return response;
}

/** Zero usage, the start of a sum. */
export const NO_USAGE: Usage = {
  inputTokens: 0,
  outputTokens: 0,
  reasoningTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
};

/** Adds one turn's usage to a running total; missing counts are zero. */
export function addUsage(total: Usage, turn: Partial<Usage>): Usage {
  return {
    inputTokens: total.inputTokens + (turn.inputTokens ?? 0),
    outputTokens: total.outputTokens + (turn.outputTokens ?? 0),
    reasoningTokens: total.reasoningTokens + (turn.reasoningTokens ?? 0),
    cacheReadTokens: total.cacheReadTokens + (turn.cacheReadTokens ?? 0),
    cacheWriteTokens: total.cacheWriteTokens + (turn.cacheWriteTokens ?? 0),
  };
}
