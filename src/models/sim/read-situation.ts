import type { Message } from '../../spec/trajectory.ts';

/** The prompt text a sim agent reads: the system prompt, and the emails with whatever else the user sent. */
export interface Situation {
  readonly system: string;
  /** User messages, then the results of `read_inbox` calls, in order. */
  readonly emails: string;
  /** Assistant turns so far in this conversation. */
  readonly assistantTurns: number;
}

/** Gathers what a sim agent perceives from the request messages alone. */
export function readSituation(messages: readonly Message[]): Situation {
  const inboxCalls = new Set(
    messages
      .flatMap((m) => m.toolCalls ?? [])
      .filter((call) => call.name === 'read_inbox')
      .map((call) => call.id),
  );
  const texts = (role: Message['role'], keep: (m: Message) => boolean = () => true) =>
    messages.filter((m) => m.role === role && keep(m)).map((m) => m.content);
  return {
    system: texts('system').join('\n\n'),
    emails: [...texts('user'), ...texts('tool', (m) => inboxCalls.has(m.toolCallId ?? ''))].join('\n\n'),
    assistantTurns: messages.filter((m) => m.role === 'assistant').length,
  };
}
