// Inspect's eval log, version 2, as written by inspect_ai's `EvalLog` (inspect_ai/log/_log.py) in the
// JSON log format (`.json`, which Inspect View opens). Only the fields Haywire writes are modelled,
// each with the type Inspect's pydantic models give it; objects are strict so a misspelt field fails.
import { z } from 'zod';

const json = z.record(z.string(), z.unknown());

/** inspect_ai.model.ModelUsage */
export const inspectModelUsageSchema = z.strictObject({
  input_tokens: z.number().int().nonnegative(),
  output_tokens: z.number().int().nonnegative(),
  total_tokens: z.number().int().nonnegative(),
  input_tokens_cache_write: z.number().int().nonnegative().nullable().optional(),
  input_tokens_cache_read: z.number().int().nonnegative().nullable().optional(),
  reasoning_tokens: z.number().int().nonnegative().nullable().optional(),
});

const contentSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text'), text: z.string() }),
  z.strictObject({ type: z.literal('reasoning'), reasoning: z.string(), redacted: z.boolean() }),
]);

const messageBase = {
  id: z.string().optional(),
  content: z.union([z.string(), z.array(contentSchema)]),
  source: z.enum(['input', 'generate']).optional(),
  metadata: json.nullable().optional(),
};

/** inspect_ai.tool.ToolCall */
const toolCallSchema = z.strictObject({
  id: z.string(),
  function: z.string(),
  arguments: json,
  type: z.literal('function').optional(),
});

/** inspect_ai.model.ChatMessage: system, user, assistant or tool, discriminated by role. */
export const inspectChatMessageSchema = z.discriminatedUnion('role', [
  z.strictObject({ ...messageBase, role: z.literal('system') }),
  z.strictObject({
    ...messageBase,
    role: z.literal('user'),
    tool_call_id: z.array(z.string()).nullable().optional(),
  }),
  z.strictObject({
    ...messageBase,
    role: z.literal('assistant'),
    tool_calls: z.array(toolCallSchema).nullable().optional(),
    model: z.string().nullable().optional(),
  }),
  z.strictObject({
    ...messageBase,
    role: z.literal('tool'),
    tool_call_id: z.string().nullable().optional(),
    function: z.string().nullable().optional(),
  }),
]);

const stopReason = z.enum(['stop', 'max_tokens', 'model_length', 'tool_calls', 'content_filter', 'unknown']);

/** inspect_ai.model.ModelOutput */
const modelOutputSchema = z.strictObject({
  model: z.string(),
  choices: z.array(z.strictObject({ message: inspectChatMessageSchema.options[2], stop_reason: stopReason })),
  completion: z.string(),
  usage: inspectModelUsageSchema.nullable().optional(),
  time: z.number().nullable().optional(),
  error: z.string().nullable().optional(),
});

/** inspect_ai.scorer.Score */
export const inspectScoreSchema = z.strictObject({
  value: z.union([z.string(), z.number(), z.boolean(), z.array(z.unknown()), json]),
  answer: z.string().nullable().optional(),
  explanation: z.string().nullable().optional(),
  metadata: json.nullable().optional(),
});

/** inspect_ai._util.error.EvalError */
const evalErrorSchema = z.strictObject({
  message: z.string(),
  traceback: z.string(),
  traceback_ansi: z.string(),
});

/** inspect_ai.log.EvalSample */
export const inspectSampleSchema = z.strictObject({
  id: z.union([z.string(), z.number().int()]),
  epoch: z.number().int().positive(),
  input: z.union([z.string(), z.array(inspectChatMessageSchema)]),
  target: z.union([z.string(), z.array(z.string())]),
  messages: z.array(inspectChatMessageSchema),
  output: modelOutputSchema,
  scores: z.record(z.string(), inspectScoreSchema).nullable().optional(),
  metadata: json,
  store: json,
  events: z.array(z.unknown()),
  model_usage: z.record(z.string(), inspectModelUsageSchema),
  started_at: z.string().nullable().optional(),
  completed_at: z.string().nullable().optional(),
  total_time: z.number().nullable().optional(),
  uuid: z.string().nullable().optional(),
  error: evalErrorSchema.nullable().optional(),
  attachments: z.record(z.string(), z.string()),
});

const metricSchema = z.strictObject({ name: z.string(), value: z.number(), params: json });

/** inspect_ai.log.EvalLog, version 2 */
export const inspectEvalLogSchema = z.strictObject({
  version: z.literal(2),
  status: z.enum(['started', 'success', 'cancelled', 'error']),
  eval: z.strictObject({
    eval_id: z.string(),
    run_id: z.string(),
    created: z.string(),
    task: z.string(),
    task_id: z.string(),
    task_version: z.union([z.number().int(), z.string()]),
    task_attribs: json,
    task_args: json,
    dataset: z.strictObject({
      name: z.string().nullable().optional(),
      samples: z.number().int().nullable().optional(),
    }),
    model: z.string(),
    model_generate_config: json,
    model_args: json,
    config: z.strictObject({ epochs: z.number().int().nullable().optional() }),
    revision: z
      .strictObject({ type: z.literal('git'), origin: z.string(), commit: z.string() })
      .nullable()
      .optional(),
    packages: z.record(z.string(), z.string()),
    metadata: json.nullable().optional(),
    scorers: z
      .array(
        z.strictObject({
          name: z.string(),
          options: json,
          metrics: z.array(z.strictObject({ name: z.string() })),
        }),
      )
      .nullable()
      .optional(),
  }),
  plan: z.strictObject({
    name: z.string(),
    steps: z.array(z.strictObject({ solver: z.string(), params: json })),
    config: json,
  }),
  results: z
    .strictObject({
      total_samples: z.number().int().nonnegative(),
      completed_samples: z.number().int().nonnegative(),
      scores: z.array(
        z.strictObject({
          name: z.string(),
          scorer: z.string(),
          scored_samples: z.number().int().nonnegative().nullable().optional(),
          unscored_samples: z.number().int().nonnegative().nullable().optional(),
          params: json,
          metrics: z.record(z.string(), metricSchema),
        }),
      ),
    })
    .nullable(),
  stats: z.strictObject({
    started_at: z.string(),
    completed_at: z.string(),
    model_usage: z.record(z.string(), inspectModelUsageSchema),
  }),
  samples: z.array(inspectSampleSchema),
});

/** An Inspect eval log as Haywire writes it. */
export type InspectEvalLog = z.infer<typeof inspectEvalLogSchema>;
export type InspectSample = z.infer<typeof inspectSampleSchema>;
export type InspectChatMessage = z.infer<typeof inspectChatMessageSchema>;
export type InspectModelUsage = z.infer<typeof inspectModelUsageSchema>;
