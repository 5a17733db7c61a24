import type { ModelResponse, ToolDefinition } from '../spec/model.ts';
import type { Message } from '../spec/trajectory.ts';
import { type Body, bodiesAt, bodyAt, isBody } from './read-wire-values.ts';
import type { SimCall, SimUsage } from './sim-reply.ts';

/**
 * Reads a Gemini `generateContent` request body for `model` (taken from the path); a string is the reason it
 * is invalid, and a body without the API's shape throws an InvalidRequestError. Function calls and responses
 * match by name, as Gemini's do.
 */
export function parseGeminiGenerate(
  model: string,
  body: Body,
  headerSeed: number | undefined,
): SimCall | string {
  if (!Array.isArray(body.contents)) return 'contents must be an array';
  const system = partsOf(bodyAt(body.systemInstruction, 'systemInstruction'), 'systemInstruction.parts')
    .map((p) => (typeof p.text === 'string' ? p.text : ''))
    .join('\n');
  const messages: Message[] = system === '' ? [] : [{ role: 'system', content: system }];
  for (const [i, content] of bodiesAt(body.contents, 'contents').entries()) {
    const parts = partsOf(content, `contents[${i}].parts`);
    const text = parts
      .filter((p) => typeof p.text === 'string' && p.thought !== true)
      .map((p) => p.text as string)
      .join('');
    if (content.role === 'model') {
      const toolCalls = parts.flatMap((p, j) => {
        if (p.functionCall == null) return [];
        const call = bodyAt(p.functionCall, `contents[${i}].parts[${j}].functionCall`);
        return [
          {
            id: String(call.id ?? call.name ?? ''),
            name: String(call.name ?? ''),
            arguments: isBody(call.args) ? call.args : {},
          },
        ];
      });
      messages.push(
        toolCalls.length > 0
          ? { role: 'assistant', content: text, toolCalls }
          : { role: 'assistant', content: text },
      );
      continue;
    }
    parts.forEach((part, j) => {
      if (part.functionResponse == null) return;
      const response = bodyAt(part.functionResponse, `contents[${i}].parts[${j}].functionResponse`);
      const payload = bodyAt(response.response, `contents[${i}].parts[${j}].functionResponse.response`);
      const output = typeof payload.content === 'string' ? payload.content : JSON.stringify(payload);
      messages.push({
        role: 'tool',
        content: output,
        toolCallId: String(response.id ?? response.name ?? ''),
      });
    });
    if (text !== '' || !parts.some((p) => p.functionResponse != null))
      messages.push({ role: 'user', content: text });
  }
  const tools: ToolDefinition[] = bodiesAt(body.tools, 'tools', { optional: true }).flatMap((tool, i) =>
    bodiesAt(tool.functionDeclarations, `tools[${i}].functionDeclarations`, { optional: true }).map((f) => ({
      name: String(f.name ?? ''),
      description: String(f.description ?? ''),
      parameters: (f.parameters ?? {}) as Record<string, unknown>,
    })),
  );
  const config = bodyAt(body.generationConfig, 'generationConfig');
  const thinking = bodyAt(config.thinkingConfig, 'generationConfig.thinkingConfig');
  return {
    modelName: model,
    request: {
      messages,
      ...(tools.length === 0 ? {} : { tools }),
      temperature: typeof config.temperature === 'number' ? config.temperature : 1,
      maxTokens: Number(config.maxOutputTokens ?? 4096),
      seed: typeof config.seed === 'number' ? config.seed : (headerSeed ?? 0),
    },
    stream: false,
    includeUsage: true,
    wantsReasoning: thinking.includeThoughts === true,
    cachePrefix: system === '' ? undefined : system,
  };
}

/** The `generateContent` JSON for a reply: thought parts first, then text, then function calls. */
export function renderGeminiGenerate(
  response: ModelResponse,
  usage: SimUsage,
  meta: { id: string; model: string },
) {
  const parts: Body[] = [];
  if (response.reasoning !== undefined) parts.push({ text: response.reasoning, thought: true });
  if (response.text !== '' || response.toolCalls.length === 0) parts.push({ text: response.text });
  for (const call of response.toolCalls)
    parts.push({ functionCall: { name: call.name, args: call.arguments } });
  return {
    candidates: [
      {
        content: { role: 'model', parts },
        finishReason: response.finishReason === 'length' ? 'MAX_TOKENS' : 'STOP',
        index: 0,
      },
    ],
    usageMetadata: {
      promptTokenCount: usage.input,
      candidatesTokenCount: usage.output - usage.reasoning,
      thoughtsTokenCount: usage.reasoning,
      cachedContentTokenCount: usage.cacheRead,
      totalTokenCount: usage.input + usage.output,
    },
    modelVersion: meta.model,
    responseId: meta.id,
  };
}

/** A Gemini-style error body. */
export function geminiError(status: number, message: string, code: string) {
  return { error: { code: status, message, status: code } };
}

function partsOf(content: Body, where: string): Body[] {
  return bodiesAt(content.parts, where, { optional: true });
}
