import type { z } from 'zod';

/** `emails[2].timestamp` from a zod issue path. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(top level)' : out;
}

/** One line naming the file, then each issue's field path and message (at most three). */
export function formatIssues(file: string, issues: readonly z.core.$ZodIssue[]): string {
  const lines = [...new Set(issues.map((issue) => `${issuePath(issue.path)}: ${issue.message}`))];
  const shown = lines.slice(0, 3);
  const more = lines.length > 3 ? `; and ${lines.length - 3} more` : '';
  return `${file}: ${shown.join('; ')}${more}`;
}
