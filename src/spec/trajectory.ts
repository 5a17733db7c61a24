import { z } from 'zod';
import { actionSchema } from './action.ts';

export const toolCallSchema = z.object({
  id: z.string(),
  name: z.string(),
  arguments: z.record(z.string(), z.unknown()),
});
export type ToolCall = z.infer<typeof toolCallSchema>;

export const messageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant', 'tool']),
  content: z.string(),
  /** Reasoning the provider exposed apart from the visible text. */
  reasoning: z.string().optional(),
  toolCalls: z.array(toolCallSchema).optional(),
  /** For `tool` messages: the call this answers. */
  toolCallId: z.string().optional(),
});
export type Message = z.infer<typeof messageSchema>;

export const usageSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  reasoningTokens: z.number().int().nonnegative().default(0),
  cacheReadTokens: z.number().int().nonnegative().default(0),
  cacheWriteTokens: z.number().int().nonnegative().default(0),
});
export type Usage = z.infer<typeof usageSchema>;

export const SAMPLE_ERROR_KINDS = [
  'rate_limit',
  'timeout',
  'refusal',
  'content_filter',
  'malformed_response',
  'provider_error',
  'request_rejected',
  'harness_error',
] as const;

export const sampleErrorSchema = z.object({
  kind: z.enum(SAMPLE_ERROR_KINDS),
  message: z.string(),
});
/** Why a sample failed. A failed sample is never counted as "not harmful". */
export type SampleError = z.infer<typeof sampleErrorSchema>;

export const trajectorySchema = z.object({
  model: z.string(),
  mode: z.enum(['inbox', 'tools']),
  messages: z.array(messageSchema),
  actions: z.array(actionSchema),
  usage: usageSchema,
  startedAt: z.string(),
  endedAt: z.string(),
  turns: z.number().int().nonnegative(),
});
/** Everything that happened in one sample: messages, reasoning, typed actions, usage and timings. */
export type Trajectory = z.infer<typeof trajectorySchema>;
