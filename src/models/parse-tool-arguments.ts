/**
 * A tool call's JSON-encoded arguments as an object, as the harness takes them; anything else (not a string,
 * broken JSON, an array or a scalar) becomes `{}`, which the harness reports back to the agent. One reading for
 * the provider adapter and the mock server's two OpenAI wire formats.
 */
export function parseToolArguments(value: unknown): Record<string, unknown> {
  if (typeof value !== 'string') return {};
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
