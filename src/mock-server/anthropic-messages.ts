import type { ModelResponse, ToolDefinition } from '../spec/model.ts';
import type { Message } from '../spec/trajectory.ts';
import { InvalidRequestError } from './invalid-request-error.ts';
import { type Body, bodiesAt, isBody } from './read-wire-values.ts';
import { chunksOf, type SimCall, type SimUsage } from './sim-reply.ts';

/** The signature the mock puts on its thinking blocks; a real API signs them. */
export const MOCK_THINKING_SIGNATURE = 'mock-signature';

/**
 * Reads an Anthropic messages request body; a string is the reason it is invalid. Throws an
 * InvalidRequestError for a body without the API's shape (`content: 5`).
 */
export function parseAnthropicMessages(body: Body, headerSeed: number | undefined): SimCall | string {
  if (typeof body.model !== 'string') return 'model: Field required';
  if (body.messages === undefined) return 'messages: Field required';
  const { text: system, cachePrefix } = readSystem(body.system);
  const messages: Message[] = system === '' ? [] : [{ role: 'system', content: system }];
  for (const [i, raw] of bodiesAt(body.messages, 'messages').entries()) {
    const blocks = contentBlocksOf(raw.content, `messages[${i}].content`);
    const text = blocks
      .filter((b) => b.type === 'text')
      .map((b) => String(b.text ?? ''))
      .join('');
    if (raw.role === 'user') {
      blocks.forEach((block, j) => {
        if (block.type !== 'tool_result') return;
        messages.push({
          role: 'tool',
          content: resultText(block.content, `messages[${i}].content[${j}].content`),
          toolCallId: String(block.tool_use_id ?? ''),
        });
      });
      if (text !== '' || !blocks.some((b) => b.type === 'tool_result'))
        messages.push({ role: 'user', content: text });
    } else if (raw.role === 'assistant') {
      const toolCalls = blocks
        .filter((b) => b.type === 'tool_use')
        .map((b) => ({
          id: String(b.id ?? ''),
          name: String(b.name ?? ''),
          arguments: isBody(b.input) ? b.input : {},
        }));
      messages.push(
        toolCalls.length > 0
          ? { role: 'assistant', content: text, toolCalls }
          : { role: 'assistant', content: text },
      );
    } else return `messages: unexpected role ${JSON.stringify(raw.role)}`;
  }
  const tools: ToolDefinition[] = bodiesAt(body.tools, 'tools', { optional: true }).map((tool) => ({
    name: String(tool.name ?? ''),
    description: String(tool.description ?? ''),
    parameters: (tool.input_schema ?? {}) as Record<string, unknown>,
  }));
  const userId = String((body.metadata as Body | undefined)?.user_id ?? '');
  const fromMetadata = /seed[:=-](\d+)/.exec(userId);
  const thinking = (body.thinking as Body | undefined)?.type;
  return {
    modelName: body.model,
    request: {
      messages,
      ...(tools.length === 0 ? {} : { tools }),
      temperature: typeof body.temperature === 'number' ? body.temperature : 1,
      maxTokens: Number(body.max_tokens ?? 4096),
      seed: fromMetadata === null ? (headerSeed ?? 0) : Number(fromMetadata[1]),
    },
    stream: body.stream === true,
    includeUsage: true,
    wantsReasoning: thinking === 'enabled' || thinking === 'adaptive',
    cachePrefix,
  };
}

/** The messages-API JSON for a reply. */
export function renderAnthropicMessage(
  response: ModelResponse,
  usage: SimUsage,
  meta: { id: string; model: string },
) {
  return {
    id: meta.id,
    type: 'message',
    role: 'assistant',
    model: meta.model,
    content: contentBlocks(response),
    stop_reason: stopReason(response),
    stop_sequence: null,
    usage: usageOf(usage),
  };
}

/** The server-sent events of a streamed reply, as [event, data] pairs. */
export function streamAnthropicMessage(
  response: ModelResponse,
  usage: SimUsage,
  meta: { id: string; model: string },
): [string, unknown][] {
  const out: [string, unknown][] = [
    [
      'message_start',
      {
        type: 'message_start',
        message: {
          ...renderAnthropicMessage(response, usage, meta),
          content: [],
          stop_reason: null,
          usage: { ...usageOf(usage), output_tokens: 1 },
        },
      },
    ],
  ];
  contentBlocks(response).forEach((block, index) => {
    const start = (content_block: unknown) =>
      out.push(['content_block_start', { type: 'content_block_start', index, content_block }]);
    const delta = (d: unknown) =>
      out.push(['content_block_delta', { type: 'content_block_delta', index, delta: d }]);
    if (block.type === 'thinking') {
      start({ type: 'thinking', thinking: '', signature: '' });
      for (const piece of chunksOf(block.thinking)) delta({ type: 'thinking_delta', thinking: piece });
      delta({ type: 'signature_delta', signature: block.signature });
    } else if (block.type === 'text') {
      start({ type: 'text', text: '' });
      for (const piece of chunksOf(block.text)) delta({ type: 'text_delta', text: piece });
    } else {
      start({ type: 'tool_use', id: block.id, name: block.name, input: {} });
      for (const piece of chunksOf(JSON.stringify(block.input), 2))
        delta({ type: 'input_json_delta', partial_json: piece });
    }
    out.push(['content_block_stop', { type: 'content_block_stop', index }]);
  });
  out.push([
    'message_delta',
    {
      type: 'message_delta',
      delta: { stop_reason: stopReason(response), stop_sequence: null },
      usage: { output_tokens: usage.output },
    },
  ]);
  out.push(['message_stop', { type: 'message_stop' }]);
  return out;
}

/** An Anthropic-style error body. */
export function anthropicError(message: string, type: string) {
  return { type: 'error', error: { type, message } };
}

type Block =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

function contentBlocks(response: ModelResponse): Block[] {
  const blocks: Block[] = [];
  if (response.reasoning !== undefined) {
    blocks.push({ type: 'thinking', thinking: response.reasoning, signature: MOCK_THINKING_SIGNATURE });
  }
  if (response.text !== '' || response.toolCalls.length === 0)
    blocks.push({ type: 'text', text: response.text });
  for (const call of response.toolCalls)
    blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: call.arguments });
  return blocks;
}

function stopReason(response: ModelResponse): string {
  return response.toolCalls.length > 0
    ? 'tool_use'
    : response.finishReason === 'length'
      ? 'max_tokens'
      : 'end_turn';
}

// Anthropic's input_tokens excludes the tokens read from or written to the cache.
function usageOf(usage: SimUsage) {
  return {
    input_tokens: usage.input - usage.cacheRead - usage.cacheWrite,
    output_tokens: usage.output,
    cache_creation_input_tokens: usage.cacheWrite,
    cache_read_input_tokens: usage.cacheRead,
  };
}

function readSystem(system: unknown): { text: string; cachePrefix: string | undefined } {
  if (typeof system === 'string') return { text: system, cachePrefix: undefined };
  if (system == null) return { text: '', cachePrefix: undefined };
  const blocks = contentBlocksOf(system, 'system');
  const texts = blocks.map((b) => String(b.text ?? ''));
  const last = blocks.findLastIndex((b) => b.cache_control !== undefined);
  return {
    text: texts.join('\n'),
    cachePrefix: last === -1 ? undefined : texts.slice(0, last + 1).join('\n'),
  };
}

// A tool result's content: a string, or blocks whose text is joined.
function resultText(content: unknown, where: string): string {
  if (content == null) return '';
  return contentBlocksOf(content, where)
    .map((b) => String(b.text ?? ''))
    .join('');
}

/** Content as Anthropic accepts it: a string (one text block) or a list of blocks. */
function contentBlocksOf(content: unknown, where: string): Body[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content))
    throw new InvalidRequestError(`${where} must be a string or an array of content blocks`);
  return bodiesAt(content, where);
}
