import { anthropicError, parseAnthropicMessages } from './anthropic-messages.ts';
import { geminiError, parseGeminiGenerate } from './gemini-generate.ts';
import type { Wire } from './http-helpers.ts';
import { InvalidRequestError } from './invalid-request-error.ts';
import { openAIError, parseOpenAIChat } from './openai-chat.ts';
import { parseOpenAIResponses } from './openai-responses.ts';
import type { SimCall } from './sim-reply.ts';

/** The APIs served: OpenAI chat completions and Responses, Anthropic messages, Gemini generateContent. */
export type Api = 'chat' | 'responses' | 'messages' | 'gemini';
export const ID_PREFIX: Readonly<Record<Api, string>> = {
  chat: 'chatcmpl-',
  responses: 'resp_',
  messages: 'msg_',
  gemini: 'gen-',
};
export const WIRE: Readonly<Record<Api, Wire>> = {
  chat: 'openai',
  responses: 'openai',
  messages: 'anthropic',
  gemini: 'gemini',
};
const GEMINI_PATH = /\/models\/([^/:]+):generateContent$/;

export function apiOf(path: string): Api | undefined {
  if (/\/v1\/chat\/completions$/.test(path)) return 'chat';
  if (/\/v1\/responses$/.test(path)) return 'responses';
  if (/\/v1\/messages$/.test(path)) return 'messages';
  if (GEMINI_PATH.test(path)) return 'gemini';
  return undefined;
}

/** The request in Haywire's terms, or why it is invalid (answered 400). */
export function parseCall(
  api: Api,
  path: string,
  body: Record<string, unknown>,
  seed: number | undefined,
): SimCall | string {
  try {
    switch (api) {
      case 'chat':
        return parseOpenAIChat(body, seed);
      case 'responses':
        return parseOpenAIResponses(body, seed);
      case 'messages':
        return parseAnthropicMessages(body, seed);
      case 'gemini':
        return parseGeminiGenerate(geminiModel(path), body, seed);
    }
  } catch (error) {
    if (error instanceof InvalidRequestError) return error.message;
    throw error;
  }
}

/** The model named in a Gemini path, percent-decoded; bad percent-encoding is the client's error, not ours. */
function geminiModel(path: string): string {
  const encoded = GEMINI_PATH.exec(path)?.[1] ?? '';
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw new InvalidRequestError(
      `the model name in the path is not valid percent-encoding: ${JSON.stringify(encoded)}`,
    );
  }
}

export type Failure = 'rate_limit' | 'server' | 'invalid' | 'too_large' | 'not_found';
const ERROR_TYPES: Readonly<Record<Wire, Readonly<Record<Failure, string>>>> = {
  openai: {
    rate_limit: 'rate_limit_exceeded',
    server: 'server_error',
    invalid: 'invalid_request_error',
    too_large: 'invalid_request_error',
    not_found: 'not_found_error',
  },
  anthropic: {
    rate_limit: 'rate_limit_error',
    server: 'api_error',
    invalid: 'invalid_request_error',
    too_large: 'request_too_large',
    not_found: 'not_found_error',
  },
  gemini: {
    rate_limit: 'RESOURCE_EXHAUSTED',
    server: 'INTERNAL',
    invalid: 'INVALID_ARGUMENT',
    too_large: 'INVALID_ARGUMENT',
    not_found: 'NOT_FOUND',
  },
};

export function errorBody(wire: Wire, status: number, message: string, failure: Failure): unknown {
  const type = ERROR_TYPES[wire][failure];
  if (wire === 'openai') return openAIError(message, type);
  if (wire === 'anthropic') return anthropicError(message, type);
  return geminiError(status, message, type);
}
