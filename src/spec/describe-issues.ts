import type { z } from 'zod';

/** `emails[2].timestamp` from a schema issue's path. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** `emails[2].timestamp: expected …; …` — the distinct schema issues on one line, naming each field, at most `limit`. */
export function describeIssues(error: z.ZodError, limit = 3): string {
  const lines = [
    ...new Set(
      error.issues.map((issue) => {
        const path = issuePath(issue.path);
        return path === '' ? issue.message : `${path}: ${issue.message}`;
      }),
    ),
  ];
  const more = lines.length > limit ? ` (and ${lines.length - limit} more)` : '';
  return `${lines.slice(0, limit).join('; ')}${more}`;
}
