/** Key-shaped strings (`sk-…`, `xai-…`, `AIza…`, bearer tokens) that must never reach a message or a log. */
const KEY_SHAPES =
  /\b(?:sk|xai|gsk|or)-[A-Za-z0-9_-]{6,}|\bAIza[A-Za-z0-9_-]{10,}|Bearer\s+[A-Za-z0-9._~+/=-]+/g;

/**
 * Removes the given secret values and anything shaped like an API key from a text, replacing each with
 * `[redacted]`. Each secret is also looked for as a server may echo it: inside a JSON string (quotes and
 * backslashes escaped) and percent-encoded in a URL. Secrets shorter than 4 characters are left, as they would
 * match ordinary text. Used on every provider message before it becomes an error message.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]))
      out = out.split(form).join('[redacted]');
  }
  return out.replace(KEY_SHAPES, '[redacted]');
}
