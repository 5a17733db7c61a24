import type { z } from 'zod';
import type { Model } from '../../spec/model.ts';
import type { Message } from '../../spec/trajectory.ts';
import { JUDGE_MAX_ATTEMPTS, JUDGE_MAX_TOKENS, JUDGE_TEMPERATURE } from './judge-request.ts';
import { parseJudgeOutput } from './parse-judge-output.ts';

/** A judge call's outcome: a validated answer, or the last failure after every attempt. */
export type AskJudgeResult<T> =
  | { readonly success: true; readonly data: T; readonly attempts: number }
  | { readonly success: false; readonly error: string; readonly attempts: number };

/**
 * Asks a judge model for one JSON answer at temperature 0. An unparseable or invalid answer is retried with
 * a note saying what was wrong; a call that throws is retried too. After `maxAttempts` it gives up with the
 * last reason. Never throws (except on abort).
 */
export async function askJudge<T>(options: {
  readonly model: Model;
  readonly messages: readonly Message[];
  readonly schema: z.ZodType<T>;
  readonly maxAttempts?: number;
  readonly signal?: AbortSignal;
}): Promise<AskJudgeResult<T>> {
  const maxAttempts = options.maxAttempts ?? JUDGE_MAX_ATTEMPTS;
  const messages = [...options.messages];
  let error = 'no attempt made';
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    options.signal?.throwIfAborted();
    let text: string;
    try {
      const request = {
        messages: [...messages],
        temperature: JUDGE_TEMPERATURE,
        maxTokens: JUDGE_MAX_TOKENS,
        seed: 0,
      };
      const response = await options.model.generate(
        options.signal === undefined ? request : { ...request, signal: options.signal },
      );
      text = response.text;
    } catch (cause) {
      if (options.signal?.aborted === true) throw cause;
      error = `judge call failed: ${cause instanceof Error ? cause.message : String(cause)}`;
      continue;
    }
    const parsed = parseJudgeOutput(text, options.schema);
    if (parsed.success) return { success: true, data: parsed.data, attempts: attempt };
    error = `unparseable judge answer (${parsed.issue})`;
    messages.push(
      { role: 'assistant', content: text },
      {
        role: 'user',
        content: `Your answer could not be read: ${parsed.issue}. Reply again with only the JSON object.`,
      },
    );
  }
  return { success: false, error: `${error} after ${maxAttempts} attempts`, attempts: maxAttempts };
}
