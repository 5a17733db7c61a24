import { parseToolArguments } from '../models/index.ts';
import type { ModelResponse, ToolDefinition } from '../spec/model.ts';
import type { Message } from '../spec/trajectory.ts';
import { type Body, bodiesAt, bodyAt, systemText, textOf } from './read-wire-values.ts';
import type { SimCall, SimUsage } from './sim-reply.ts';
import { chunksOf } from './sim-reply.ts';

/**
 * Reads an OpenAI chat-completions request body; a string is the reason it is invalid. Throws an
 * InvalidRequestError for a body without the API's shape (`messages: [null]`).
 */
export function parseOpenAIChat(body: Body, headerSeed: number | undefined): SimCall | string {
  if (typeof body.model !== 'string') return 'model is required';
  const messages: Message[] = [];
  for (const [i, raw] of bodiesAt(body.messages, 'messages').entries()) {
    const role = raw.role === 'developer' ? 'system' : raw.role;
    const content = textOf(raw.content, `messages[${i}].content`);
    if (role === 'system' || role === 'user') messages.push({ role, content });
    else if (role === 'assistant') {
      const calls = bodiesAt(raw.tool_calls, `messages[${i}].tool_calls`, { optional: true });
      const toolCalls = calls.map((call, j) => {
        const fn = bodyAt(call.function, `messages[${i}].tool_calls[${j}].function`);
        return {
          id: String(call.id ?? ''),
          name: String(fn.name ?? ''),
          arguments: parseToolArguments(fn.arguments),
        };
      });
      messages.push(toolCalls.length > 0 ? { role, content, toolCalls } : { role, content });
    } else if (role === 'tool') messages.push({ role, content, toolCallId: String(raw.tool_call_id ?? '') });
    else return `unknown message role ${JSON.stringify(raw.role)}`;
  }
  const tools: ToolDefinition[] = bodiesAt(body.tools, 'tools', { optional: true }).map((tool, i) => {
    const fn = bodyAt(tool.function, `tools[${i}].function`);
    return {
      name: String(fn.name ?? ''),
      description: String(fn.description ?? ''),
      parameters: (fn.parameters ?? {}) as Record<string, unknown>,
    };
  });
  const seed = typeof body.seed === 'number' ? body.seed : (headerSeed ?? 0);
  const effort = body.reasoning_effort ?? (body.reasoning as Body | undefined)?.effort;
  const system = systemText(messages);
  return {
    modelName: body.model,
    request: {
      messages,
      ...(tools.length === 0 ? {} : { tools }),
      temperature: typeof body.temperature === 'number' ? body.temperature : 1,
      maxTokens: Number(body.max_completion_tokens ?? body.max_tokens ?? 4096),
      seed,
    },
    stream: body.stream === true,
    includeUsage: (body.stream_options as Body | undefined)?.include_usage === true,
    wantsReasoning:
      (effort !== undefined && effort !== 'none') || (body.reasoning as Body | undefined)?.enabled === true,
    cachePrefix: system === '' ? undefined : system,
  };
}

/** The chat-completion JSON for a reply. */
export function renderOpenAIChat(
  response: ModelResponse,
  usage: SimUsage,
  meta: { id: string; model: string },
) {
  return {
    id: meta.id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: meta.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: response.text === '' && response.toolCalls.length > 0 ? null : response.text,
          ...(response.reasoning === undefined ? {} : { reasoning: response.reasoning }),
          ...(response.toolCalls.length === 0 ? {} : { tool_calls: response.toolCalls.map(toWireCall) }),
        },
        finish_reason: finishReason(response),
      },
    ],
    usage: usageOf(usage),
  };
}

/** The `data:` payloads of a streamed reply, ending with `[DONE]`. */
export function streamOpenAIChat(
  response: ModelResponse,
  usage: SimUsage,
  meta: { id: string; model: string; includeUsage: boolean },
): string[] {
  const created = Math.floor(Date.now() / 1000);
  const chunk = (choices: unknown[], extra: Body = {}) =>
    JSON.stringify({
      id: meta.id,
      object: 'chat.completion.chunk',
      created,
      model: meta.model,
      choices,
      ...extra,
    });
  const delta = (d: Body, finish: string | null = null) =>
    chunk([{ index: 0, delta: d, finish_reason: finish }]);
  const out = [delta({ role: 'assistant', content: '' })];
  for (const piece of chunksOf(response.reasoning ?? '')) out.push(delta({ reasoning: piece }));
  for (const piece of chunksOf(response.text)) out.push(delta({ content: piece }));
  response.toolCalls.forEach((call, index) => {
    out.push(
      delta({
        tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
      }),
    );
    for (const piece of chunksOf(JSON.stringify(call.arguments), 2)) {
      out.push(delta({ tool_calls: [{ index, function: { arguments: piece } }] }));
    }
  });
  out.push(delta({}, finishReason(response)));
  if (meta.includeUsage) out.push(chunk([], { usage: usageOf(usage) }));
  out.push('[DONE]');
  return out;
}

/** An OpenAI-style error body. */
export function openAIError(message: string, type: string, code: string | null = null) {
  return { error: { message, type, param: null, code } };
}

function toWireCall(call: ModelResponse['toolCalls'][number]) {
  return {
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: JSON.stringify(call.arguments) },
  };
}

function finishReason(response: ModelResponse): string {
  return response.toolCalls.length > 0
    ? 'tool_calls'
    : response.finishReason === 'length'
      ? 'length'
      : 'stop';
}

function usageOf(usage: SimUsage) {
  return {
    prompt_tokens: usage.input,
    completion_tokens: usage.output,
    total_tokens: usage.input + usage.output,
    prompt_tokens_details: { cached_tokens: usage.cacheRead },
    completion_tokens_details: { reasoning_tokens: usage.reasoning },
  };
}
