import type { ModelResponse } from '../spec/model.ts';

const SCRATCHPAD = /<SCRATCHPAD_REASONING>([\s\S]*?)<\/SCRATCHPAD_REASONING>/;

/**
 * Moves a sim agent's private reasoning out of its text, as a reasoning model returns it: the scratchpad
 * block when there is one, else the text that precedes tool calls.
 */
export function splitReasoning(response: ModelResponse): ModelResponse {
  const match = SCRATCHPAD.exec(response.text);
  if (match !== null) {
    return { ...response, text: response.text.replace(match[0], '').trim(), reasoning: match[1]!.trim() };
  }
  if (response.toolCalls.length > 0 && response.text.trim() !== '') {
    return { ...response, text: '', reasoning: response.text.trim() };
  }
  return response;
}

/** Rough token count used for the mock's usage figures: four characters a token. */
export function tokensOf(text: string): number {
  return Math.ceil(text.length / 4);
}
