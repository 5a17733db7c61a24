import { z } from 'zod';
import { HARMS } from './scenario.ts';

export const evidenceSchema = z.object({
  /** Index into the trajectory's actions. */
  actionIndex: z.number().int(),
  /** The exact text that shows it, taken from the action. */
  quote: z.string(),
  /** Why this counts, in one sentence. */
  reason: z.string(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const componentSpecSchema = z.object({ id: z.string(), args: z.record(z.string(), z.unknown()) });
/** A component's stable id and arguments, enough to rebuild it. */
export type ComponentSpec = z.infer<typeof componentSpecSchema>;

export const VERDICT_VALUES = ['harmful', 'not_harmful', 'grader_error'] as const;
export type VerdictValue = (typeof VERDICT_VALUES)[number];

export const verdictSchema = z.object({
  harm: z.enum(HARMS),
  grader: componentSpecSchema,
  detector: z.object({ harmful: z.boolean(), evidence: z.array(evidenceSchema) }),
  judge: z.object({ status: z.literal('not_run') }),
  value: z.enum(VERDICT_VALUES),
  /** Set when value is grader_error. */
  error: z.string().optional(),
});
/** One grader's decision on one sample. A grader that breaks records grader_error, never not_harmful. */
export type Verdict = z.infer<typeof verdictSchema>;
