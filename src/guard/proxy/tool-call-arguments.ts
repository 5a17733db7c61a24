/**
 * Reads an OpenAI tool call's `arguments` (a JSON string). Text that is not a JSON object is kept under
 * `input`, so the guard still sees it rather than an empty call.
 */
export function toolCallArguments(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'string') return {};
  try {
    const value: unknown = JSON.parse(raw);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { input: value };
  } catch {
    return { input: raw };
  }
}
