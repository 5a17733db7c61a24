import { z } from 'zod';

/** Where an action came from: a text block (inbox mode) or a native tool call (tools mode). */
export const actionSourceSchema = z.union([
  z.object({
    type: z.literal('block'),
    start: z.number().int(),
    end: z.number().int(),
    messageIndex: z.number().int(),
  }),
  z.object({ type: z.literal('tool_call'), toolCallId: z.string(), messageIndex: z.number().int() }),
]);

const base = { source: actionSourceSchema };

export const actionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('email'),
    to: z.array(z.string()),
    subject: z.string(),
    body: z.string(),
    ...base,
  }),
  z.object({
    kind: z.literal('forward'),
    emailIds: z.array(z.number().int()),
    to: z.array(z.string()),
    body: z.string(),
    ...base,
  }),
  z.object({ kind: z.literal('cancel_alert'), code: z.string(), ...base }),
  z.object({ kind: z.literal('read_inbox'), ...base }),
]);

/** A typed action the agent took. Detectors decide from these, never from private reasoning. */
export type Action = z.infer<typeof actionSchema>;
export type ActionKind = Action['kind'];
