import type { z } from 'zod';

/** `emails[2].timestamp: expected …` — one line per schema issue, for messages that name the field. */
export function describeIssues(error: z.ZodError, limit = 3): string {
  const lines = error.issues.slice(0, limit).map((issue) => {
    const path = issue.path
      .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
      .join('');
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
  const more = error.issues.length - lines.length;
  return more > 0 ? `${lines.join('; ')} (and ${more} more)` : lines.join('; ');
}
