/** A request body or part of one, as parsed JSON. */
export type Body = Record<string, unknown>;

/** A message's text from the OpenAI formats: a string, or the text parts of a content array. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return (content as Body[]).map((part) => (typeof part.text === 'string' ? part.text : '')).join('');
  }
  return '';
}

/** The system prompt of a request: its system messages, joined. */
export function systemText(messages: readonly { readonly role: string; readonly content: string }[]): string {
  return messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n');
}
