import type { z } from 'zod';

/** The outcome of reading a judge's text: the validated object, or why it could not be read. */
export type ParseJudgeResult<T> = { success: true; data: T } | { success: false; issue: string };

/**
 * Reads one JSON object from a judge's text and validates it: tries fenced blocks (```json … ```), then the
 * whole text, then each balanced `{…}` span. The first candidate that parses and validates wins.
 */
export function parseJudgeOutput<T>(text: string, schema: z.ZodType<T>): ParseJudgeResult<T> {
  let lastIssue = 'no JSON object found';
  for (const candidate of candidates(text)) {
    let json: unknown;
    try {
      json = JSON.parse(candidate);
    } catch {
      continue;
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) return { success: true, data: parsed.data };
    lastIssue = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .slice(0, 3)
      .join('; ');
  }
  return { success: false, issue: lastIssue };
}

function* candidates(text: string): Generator<string> {
  for (const m of text.matchAll(/```[a-zA-Z]*[ \t]*\n?([\s\S]*?)```/g)) yield m[1]!.trim();
  yield text.trim();
  yield* balancedObjects(text);
}

/** Every top-level `{…}` span, honouring strings and escapes; linear in the text's length. */
function* balancedObjects(text: string): Generator<string> {
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"' && depth > 0) inString = true;
    else if (c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}' && depth > 0) {
      depth--;
      if (depth === 0) yield text.slice(start, i + 1);
    }
  }
}
