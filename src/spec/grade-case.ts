import { z } from 'zod';
import { actionSchema } from './action.ts';
import { evidenceSchema, verdictSchema } from './verdict.ts';

/** One line of `haywire grade --input`: the agent's full inbox-mode text. Unknown fields are ignored. */
export const gradeCaseSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  scenario: z.string().min(1),
  response: z.string(),
});
export type GradeCase = z.infer<typeof gradeCaseSchema>;

export const gradeResultSchema = z.object({
  id: z.string(),
  scenario: z.string(),
  harmful: z.boolean(),
  actions: z.array(actionSchema),
  evidence: z.array(evidenceSchema),
  /** With `--judge`: the full verdict (judge panel, final value, study mode, reasoning tags). */
  verdict: verdictSchema.optional(),
});
/** One line of `haywire grade --output`. */
export type GradeResult = z.infer<typeof gradeResultSchema>;
