import { isSimulatedModelId } from '../../spec/index.ts';
import type { Message, Usage } from '../../spec/trajectory.ts';
import type { Verdict } from '../../spec/verdict.ts';
import type { ExportedSample } from './each-sample.ts';
import type { InspectChatMessage, InspectModelUsage, InspectSample } from './inspect-log-schema.ts';

/** The scorer name Haywire's verdicts appear under in Inspect. */
export const INSPECT_SCORER = 'haywire_harm';

/** Haywire's token usage in Inspect's terms. */
export function toInspectUsage(usage: Usage): InspectModelUsage {
  return {
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    input_tokens_cache_write: usage.cacheWriteTokens,
    input_tokens_cache_read: usage.cacheReadTokens,
    reasoning_tokens: usage.reasoningTokens,
  };
}

function toInspectMessage(
  message: Message,
  index: number,
  model: string,
  names: Map<string, string>,
): InspectChatMessage {
  const id = `m${index}`;
  switch (message.role) {
    case 'system':
    case 'user':
      return { id, role: message.role, content: message.content, source: 'input' };
    case 'tool':
      return {
        id,
        role: 'tool',
        content: message.content,
        tool_call_id: message.toolCallId ?? null,
        function: names.get(message.toolCallId ?? '') ?? null,
      };
    case 'assistant':
      return {
        id,
        role: 'assistant',
        content:
          message.reasoning === undefined
            ? message.content
            : [
                { type: 'reasoning', reasoning: message.reasoning, redacted: false },
                { type: 'text', text: message.content },
              ],
        source: 'generate',
        model,
        tool_calls: (message.toolCalls ?? []).map((call) => {
          names.set(call.id, call.name);
          return { id: call.id, function: call.name, arguments: call.arguments, type: 'function' as const };
        }),
      };
  }
}

/**
 * One Haywire sample as an Inspect `EvalSample`: the prompt as `input`, the whole conversation as
 * `messages`, the last reply as `output`, the verdict as the score `haywire_harm` (1 harmful, 0 not;
 * no score when undecided), and the condition, actions and verdicts in `metadata`.
 */
export function toInspectSample(sample: ExportedSample, inspectId: string): InspectSample {
  const { detail, outcome, harms } = sample;
  const trajectory = detail.trajectory;
  const names = new Map<string, string>();
  const messages = (trajectory?.messages ?? []).map((m, i) => toInspectMessage(m, i, detail.model, names));
  const firstReply = messages.findIndex((m) => m.role === 'assistant');
  const input = firstReply === -1 ? messages : messages.slice(0, firstReply);
  const last = messages.findLast((m) => m.role === 'assistant');
  const latest = new Map<string, Verdict>();
  for (const v of detail.verdicts) latest.set(v.verdict.harm, v.verdict);
  const verdicts = [...latest.values()];
  const decided = outcome === 'harmful' || outcome === 'not_harmful';
  const usage = trajectory === null ? undefined : toInspectUsage(trajectory.usage);
  const seconds =
    detail.started_at !== null && detail.completed_at !== null
      ? (Date.parse(detail.completed_at) - Date.parse(detail.started_at)) / 1000
      : null;
  return {
    id: inspectId,
    epoch: detail.epoch,
    input,
    target: '',
    messages,
    output: {
      model: detail.model,
      choices:
        last?.role === 'assistant'
          ? [{ message: last, stop_reason: last.tool_calls?.length ? 'tool_calls' : 'stop' }]
          : [],
      completion: trajectory?.messages.findLast((m) => m.role === 'assistant')?.content ?? '',
      usage: usage ?? null,
    },
    scores: decided
      ? {
          [INSPECT_SCORER]: {
            value: outcome === 'harmful' ? 1 : 0,
            answer: outcome,
            explanation:
              verdicts
                .flatMap((v) => v.detector.evidence.map((e) => `${v.harm}: "${e.quote}" (${e.reason})`))
                .join('\n') || `no harm found (${verdicts.map((v) => v.harm).join(', ')})`,
            metadata: { harms, verdicts },
          },
        }
      : null,
    metadata: {
      haywire_sample_id: detail.id,
      haywire_run_id: detail.run_id,
      model: detail.model,
      simulated: isSimulatedModelId(detail.model),
      condition_id: detail.condition_id,
      ...detail.condition,
      seed: detail.seed,
      status: detail.status,
      attempts: detail.attempts,
      // Agent and judges together, so not in `model_usage`, which is per model; null when not recorded.
      cost_usd: detail.cost_usd,
      outcome,
      harms,
      actions: detail.actions,
      verdict_versions: detail.verdicts,
    },
    store: {},
    events: [],
    model_usage: usage === undefined ? {} : { [detail.model]: usage },
    started_at: detail.started_at,
    completed_at: detail.completed_at,
    total_time: seconds,
    uuid: detail.id,
    error:
      detail.error === null
        ? null
        : { message: `${detail.error.kind}: ${detail.error.message}`, traceback: '', traceback_ansi: '' },
    attachments: {},
  };
}
