import { randomUUID } from 'node:crypto';
import { parseToolArguments } from '../models/index.ts';
import type { ModelResponse, ToolDefinition } from '../spec/model.ts';
import type { Message } from '../spec/trajectory.ts';
import { type Body, bodiesAt, bodyAt, systemText, textOf } from './read-wire-values.ts';
import type { SimCall, SimUsage } from './sim-reply.ts';

/**
 * Reads an OpenAI Responses request body (`POST /v1/responses`, without streaming); a string is the reason
 * it is invalid, and a body without the API's shape throws an InvalidRequestError. Reasoning items and item
 * references in the input are skipped: the sim needs only the text.
 */
export function parseOpenAIResponses(body: Body, headerSeed: number | undefined): SimCall | string {
  if (typeof body.model !== 'string') return 'model is required';
  if (body.stream === true) return 'the mock server serves /v1/responses without streaming';
  const input = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : body.input;
  if (!Array.isArray(input)) return 'input must be a string or an array';
  const messages: Message[] =
    typeof body.instructions === 'string' ? [{ role: 'system', content: body.instructions }] : [];
  for (const [i, item] of bodiesAt(input, 'input').entries()) {
    if (item.type === 'function_call') {
      const call = {
        id: String(item.call_id ?? ''),
        name: String(item.name ?? ''),
        arguments: parseToolArguments(item.arguments),
      };
      const last = messages.at(-1);
      // A turn's text and its calls arrive as separate items; they are one assistant message.
      if (last?.role === 'assistant')
        messages[messages.length - 1] = { ...last, toolCalls: [...(last.toolCalls ?? []), call] };
      else messages.push({ role: 'assistant', content: '', toolCalls: [call] });
    } else if (item.type === 'function_call_output') {
      messages.push({
        role: 'tool',
        content: textOf(item.output, `input[${i}].output`),
        toolCallId: String(item.call_id ?? ''),
      });
    } else if (item.type === undefined || item.type === 'message') {
      const role = item.role === 'developer' ? 'system' : item.role;
      if (role !== 'system' && role !== 'user' && role !== 'assistant')
        return `unknown role ${JSON.stringify(item.role)}`;
      messages.push({ role, content: textOf(item.content, `input[${i}].content`) });
    }
  }
  const tools: ToolDefinition[] = bodiesAt(body.tools, 'tools', { optional: true })
    .filter((tool) => tool.type === 'function')
    .map((tool) => ({
      name: String(tool.name ?? ''),
      description: String(tool.description ?? ''),
      parameters: (tool.parameters ?? {}) as Record<string, unknown>,
    }));
  const reasoning = body.reasoning == null ? undefined : bodyAt(body.reasoning, 'reasoning');
  const system = systemText(messages);
  return {
    modelName: body.model,
    request: {
      messages,
      ...(tools.length === 0 ? {} : { tools }),
      temperature: typeof body.temperature === 'number' ? body.temperature : 1,
      maxTokens: Number(body.max_output_tokens ?? 4096),
      seed: headerSeed ?? 0,
    },
    stream: false,
    includeUsage: true,
    wantsReasoning:
      reasoning !== undefined && (reasoning.summary != null || (reasoning.effort ?? 'none') !== 'none'),
    cachePrefix: system === '' ? undefined : system,
  };
}

/** The Responses JSON for a reply: a reasoning item with its summary, the message, then the function calls. */
export function renderOpenAIResponse(
  response: ModelResponse,
  usage: SimUsage,
  meta: { id: string; model: string },
) {
  const item = () => randomUUID().replaceAll('-', '');
  const output: unknown[] = [];
  if (response.reasoning !== undefined) {
    output.push({
      type: 'reasoning',
      id: `rs_${item()}`,
      encrypted_content: null,
      summary: [{ type: 'summary_text', text: response.reasoning }],
    });
  }
  if (response.text !== '' || response.toolCalls.length === 0) {
    output.push({
      type: 'message',
      id: `msg_${item()}`,
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', text: response.text, annotations: [] }],
    });
  }
  for (const call of response.toolCalls) {
    output.push({
      type: 'function_call',
      id: `fc_${item()}`,
      call_id: call.id,
      name: call.name,
      arguments: JSON.stringify(call.arguments),
      status: 'completed',
    });
  }
  return {
    id: meta.id,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    model: meta.model,
    status: 'completed',
    error: null,
    incomplete_details: null,
    output,
    usage: {
      input_tokens: usage.input,
      input_tokens_details: { cached_tokens: usage.cacheRead },
      output_tokens: usage.output,
      output_tokens_details: { reasoning_tokens: usage.reasoning },
      total_tokens: usage.input + usage.output,
    },
  };
}
