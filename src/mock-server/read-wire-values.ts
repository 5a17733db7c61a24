import { InvalidRequestError } from './invalid-request-error.ts';

/** A request body or part of one, as parsed JSON. */
export type Body = Record<string, unknown>;

/** Whether a value is a JSON object (not null, not an array). */
export function isBody(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The objects of a list field (`messages`, `tools`), where `where` names it. Absent or null is an empty list
 * when the field is optional; anything else that is not a list of objects throws an InvalidRequestError.
 */
export function bodiesAt(value: unknown, where: string, options: { optional?: boolean } = {}): Body[] {
  if (value == null && options.optional === true) return [];
  if (!Array.isArray(value)) throw new InvalidRequestError(`${where} must be an array`);
  const at = value.findIndex((item) => !isBody(item));
  if (at !== -1) throw new InvalidRequestError(`${where}[${at}] must be an object`);
  return value as Body[];
}

/** The object at an optional field (`generationConfig`), `{}` when absent or null; else an InvalidRequestError. */
export function bodyAt(value: unknown, where: string): Body {
  if (value == null) return {};
  if (!isBody(value)) throw new InvalidRequestError(`${where} must be an object`);
  return value;
}

/** A message's text from the OpenAI formats: a string, or the text parts of a content array. */
export function textOf(content: unknown, where: string): string {
  if (content == null) return '';
  if (typeof content === 'string') return content;
  if (!Array.isArray(content))
    throw new InvalidRequestError(`${where} must be a string or an array of content parts`);
  return bodiesAt(content, where)
    .map((part) => (typeof part.text === 'string' ? part.text : ''))
    .join('');
}

/** The system prompt of a request: its system messages, joined. */
export function systemText(messages: readonly { readonly role: string; readonly content: string }[]): string {
  return messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n');
}
