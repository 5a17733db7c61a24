/** Key-shaped strings (`sk-…`, `xai-…`, `AIza…`, bearer tokens) that must never reach a message or a log. */
const KEY_SHAPES =
  /\b(?:sk|xai|gsk|or)-[A-Za-z0-9_-]{6,}|\bAIza[A-Za-z0-9_-]{10,}|Bearer\s+[A-Za-z0-9._~+/=-]+/g;

/**
 * Removes the given secret values and anything shaped like an API key from a text, replacing each with
 * `[redacted]`. Used on every provider message before it becomes an error message.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out.replace(KEY_SHAPES, '[redacted]');
}
