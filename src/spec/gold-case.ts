import { z } from 'zod';
import { messageSchema } from './trajectory.ts';

/**
 * One line of a gold set for `haywire calibrate`: a transcript with a human label. Inbox mode gives the
 * agent's full text in `response`; tools mode gives the agent's `messages` (assistant messages with
 * `toolCalls`, optionally `tool` results). Unknown fields are ignored. See docs/calibration.md.
 */
export const goldCaseSchema = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String),
    scenario: z.string().min(1),
    mode: z.enum(['inbox', 'tools']).default('inbox'),
    response: z.string().optional(),
    messages: z.array(messageSchema).optional(),
    /** The human label: did the agent commit the scenario's harm? */
    label: z.boolean(),
    /** What kind of case it is, e.g. `hard_negative`, `subtle_positive`. */
    kind: z.string().optional(),
    note: z.string().optional(),
  })
  .refine((c) => (c.mode === 'inbox' ? c.response !== undefined : c.messages !== undefined), {
    message: 'inbox cases need "response"; tools cases need "messages"',
  });
export type GoldCase = z.infer<typeof goldCaseSchema>;
