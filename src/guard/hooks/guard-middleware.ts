import type { LanguageModelMiddleware } from 'ai';
import type { ApprovalQueue } from '../approvals/approval-queue.ts';
import { enforceToolCall } from './enforce-tool-call.ts';
import type { GuardObservation, GuardSessionPort } from './guard-port.ts';
import { toObservedText } from './to-observed-text.ts';

type CallParams = Parameters<NonNullable<LanguageModelMiddleware['transformParams']>>[0]['params'];
type GenerateResult = Awaited<ReturnType<NonNullable<LanguageModelMiddleware['wrapGenerate']>>>;
type StreamResult = Awaited<ReturnType<NonNullable<LanguageModelMiddleware['wrapStream']>>>;
type Content = GenerateResult['content'][number];
type StreamPart = StreamResult['stream'] extends ReadableStream<infer P> ? P : never;

export interface GuardMiddlewareOptions {
  readonly session: GuardSessionPort;
  /**
   * Also decide the model's tool calls here and replace a refused one with text. Use it when the tools
   * run outside the AI SDK; with `guardTools`, leave it off so each call is decided once.
   */
  readonly enforce?: boolean;
  readonly approvals?: ApprovalQueue;
  readonly sessionId?: string;
}

/**
 * AI SDK middleware for one guarded conversation: it observes every new message of the prompt (tool
 * results, user and system content) into the guard session and, with `enforce`, withholds refused tool
 * calls (streamed tool-input deltas are held until the verdict).
 * @example
 * const session = guard.startSession();
 * const model = wrapLanguageModel({ model: base, middleware: guardMiddleware({ session }) });
 */
export function guardMiddleware(options: GuardMiddlewareOptions): LanguageModelMiddleware {
  let observed = 0;
  const middleware: LanguageModelMiddleware = {
    transformParams: async ({ params }) => {
      const prompt = params.prompt;
      // A prompt that does not extend the last one starts the count again.
      if (prompt.length < observed) observed = 0;
      for (const message of prompt.slice(observed)) {
        for (const event of observationsOf(message)) options.session.observe(event);
      }
      observed = prompt.length;
      return params;
    },
  };
  if (options.enforce !== true) return middleware;
  return {
    ...middleware,
    wrapGenerate: async ({ doGenerate }) => {
      const result = await doGenerate();
      const content: Content[] = [];
      let passed = 0;
      let refused = 0;
      for (const part of result.content) {
        if (part.type !== 'tool-call' || part.providerExecuted === true) {
          content.push(part);
          continue;
        }
        const decided = await decidePart(part, options);
        if (decided.type === 'tool-call') passed++;
        else refused++;
        content.push(decided);
      }
      return withFinish({ ...result, content }, passed, refused);
    },
    wrapStream: async ({ doStream }) => {
      const result = await doStream();
      return { ...result, stream: result.stream.pipeThrough(holdToolCalls(options)) };
    },
  };
}

type ToolCallContent = Extract<Content, { type: 'tool-call' }>;

async function decidePart(part: ToolCallContent, options: GuardMiddlewareOptions): Promise<Content> {
  const enforcement = await enforceToolCall({
    session: options.session,
    call: { id: part.toolCallId, name: part.toolName, arguments: parseInput(part.input) },
    ...(options.approvals === undefined ? {} : { approvals: options.approvals }),
    ...(options.sessionId === undefined ? {} : { sessionId: options.sessionId }),
  });
  return enforcement.execute ? part : { type: 'text', text: enforcement.refusal ?? '' };
}

// Tool-input parts wait until their tool-call part has a verdict; a refused call is replaced by text.
function holdToolCalls(options: GuardMiddlewareOptions): TransformStream<StreamPart, StreamPart> {
  const held = new Map<string, StreamPart[]>();
  const providerExecuted = new Set<string>();
  let passed = 0;
  let refused = 0;
  return new TransformStream<StreamPart, StreamPart>({
    async transform(part, controller) {
      if (
        part.type === 'tool-input-start' ||
        part.type === 'tool-input-delta' ||
        part.type === 'tool-input-end'
      ) {
        if (part.type === 'tool-input-start' && part.providerExecuted === true) providerExecuted.add(part.id);
        if (providerExecuted.has(part.id)) return controller.enqueue(part);
        held.set(part.id, [...(held.get(part.id) ?? []), part]);
        return;
      }
      if (part.type === 'finish') return controller.enqueue(withFinish(part, passed, refused));
      if (part.type !== 'tool-call' || part.providerExecuted === true) return controller.enqueue(part);
      const parts = held.get(part.toolCallId) ?? [];
      held.delete(part.toolCallId);
      const decided = await decidePart(part, options);
      if (decided.type === 'tool-call') {
        passed++;
        for (const heldPart of parts) controller.enqueue(heldPart);
        controller.enqueue(part);
        return;
      }
      refused++;
      const id = `guard-${part.toolCallId}`;
      controller.enqueue({ type: 'text-start', id });
      controller.enqueue({ type: 'text-delta', id, delta: decided.type === 'text' ? decided.text : '' });
      controller.enqueue({ type: 'text-end', id });
    },
  });
}

// With every tool call refused, the turn ends as text: `tool-calls` would promise calls that never come.
function withFinish<T extends { finishReason: { unified: string; raw: string | undefined } }>(
  result: T,
  passed: number,
  refused: number,
): T {
  if (refused === 0 || passed > 0 || result.finishReason.unified !== 'tool-calls') return result;
  return { ...result, finishReason: { ...result.finishReason, unified: 'stop' } };
}

function parseInput(input: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(input);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { input: value };
  } catch {
    return { input };
  }
}

function observationsOf(message: CallParams['prompt'][number]): GuardObservation[] {
  if (message.role === 'system') return [{ type: 'content', role: 'system', content: message.content }];
  if (message.role === 'user') {
    const text = message.content
      .map((part) => (part.type === 'text' ? part.text : ''))
      .join('\n')
      .trim();
    return text === '' ? [] : [{ type: 'content', role: 'user', content: text }];
  }
  if (message.role !== 'tool') return [];
  return message.content.flatMap((part): GuardObservation[] =>
    part.type === 'tool-result'
      ? [
          {
            type: 'tool-result',
            toolCallId: part.toolCallId,
            toolName: part.toolName,
            content: outputText(part.output),
          },
        ]
      : [],
  );
}

function outputText(output: { type: string; value?: unknown; reason?: string }): string {
  if (output.type === 'execution-denied') return output.reason ?? '';
  return toObservedText(output.value);
}
