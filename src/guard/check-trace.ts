import { z } from 'zod';
import { ConfigError } from '../spec/config-error.ts';
import { describeIssues } from '../spec/describe-issues.ts';
import type { Decision } from '../spec/policy.ts';
import type { Guard } from './create-guard.ts';
import type { GuardContext } from './guard-session.ts';

const contentSchema = z
  .union([z.string(), z.null(), z.array(z.object({ type: z.string(), text: z.string().optional() }).loose())])
  .optional()
  .transform((c) =>
    c === undefined || c === null ? '' : typeof c === 'string' ? c : c.map((p) => p.text ?? '').join(''),
  );

const traceSchema = z.object({
  messages: z.array(
    z.discriminatedUnion('role', [
      z.object({ role: z.enum(['system', 'developer', 'user']), content: contentSchema }).loose(),
      z
        .object({
          role: z.literal('assistant'),
          content: contentSchema,
          tool_calls: z
            .array(
              z
                .object({
                  id: z.string().min(1),
                  type: z.literal('function').optional(),
                  function: z.object({ name: z.string().min(1), arguments: z.string() }).loose(),
                })
                .loose(),
            )
            .optional()
            .nullable(),
        })
        .loose(),
      z.object({ role: z.literal('tool'), tool_call_id: z.string(), content: contentSchema }).loose(),
    ]),
  ),
  tools: z.array(z.unknown()).optional(),
});

/** One call's decision, as `haywire guard check --json` prints it. */
export interface CheckedCall {
  readonly tool_call_id: string;
  readonly tool: string;
  readonly decision: Decision['decision'];
  readonly rule: Decision['rule'];
  readonly evidence: Decision['evidence'];
  readonly detail: Decision;
}

/**
 * Replays an OpenAI chat-format trace through a guard session, in order: content and tool results are
 * observed, every tool call decided. A malformed trace is a ConfigError naming the field.
 * @example
 * const decisions = await checkTrace({ guard, trace: JSON.parse(text) });
 */
export async function checkTrace(options: {
  guard: Guard;
  trace: unknown;
  context?: GuardContext;
  where?: string;
}): Promise<CheckedCall[]> {
  const parsed = traceSchema.safeParse(options.trace);
  if (!parsed.success) {
    throw new ConfigError('invalid-input', `${options.where ?? 'trace'}: ${describeIssues(parsed.error)}`);
  }
  const session = options.guard.startSession(options.context);
  const names = new Map<string, string>();
  const results: CheckedCall[] = [];
  for (const [index, message] of parsed.data.messages.entries()) {
    if (message.role === 'tool') {
      session.observe({
        type: 'tool-result',
        toolCallId: message.tool_call_id,
        toolName: names.get(message.tool_call_id) ?? '',
        content: message.content,
      });
    } else if (message.role === 'assistant') {
      for (const call of message.tool_calls ?? []) {
        const args = parseArguments(
          call.function.arguments,
          `${options.where ?? 'trace'}: messages[${index}]`,
        );
        names.set(call.id, call.function.name);
        const decision = await session.decide({ id: call.id, name: call.function.name, arguments: args });
        results.push({
          tool_call_id: call.id,
          tool: call.function.name,
          decision: decision.decision,
          rule: decision.rule,
          evidence: decision.evidence,
          detail: decision,
        });
      }
    } else {
      session.observe({
        type: 'content',
        role: message.role === 'user' ? 'user' : 'system',
        content: message.content,
      });
    }
  }
  return results;
}

function parseArguments(text: string, where: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new ConfigError('invalid-input', `${where}: tool call arguments are not JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError('invalid-input', `${where}: tool call arguments must be a JSON object`);
  }
  return value as Record<string, unknown>;
}
