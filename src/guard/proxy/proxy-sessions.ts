import { hash } from 'node:crypto';
import type { GuardObservation, GuardSessionPort } from '../hooks/guard-port.ts';

/** The header that names a conversation; without it the proxy keys the session by the conversation's start. */
export const SESSION_HEADER = 'x-haywire-session';

/** One conversation the proxy guards. */
export interface ProxySession {
  readonly id: string;
  readonly session: GuardSessionPort;
  /** How many of the conversation's messages have been observed. */
  observed: number;
}

/** An OpenAI chat message as clients send it (only the fields the guard reads). */
export interface ChatMessage {
  readonly role?: unknown;
  readonly content?: unknown;
  readonly tool_call_id?: unknown;
  readonly name?: unknown;
}

/**
 * Checks a chat request's messages before it is forwarded: a list of objects, each with a role. What the guard
 * reads of them (content, tool results) is read leniently, as clients and APIs differ there.
 */
export function checkMessages(
  value: unknown,
): { success: true; data: ChatMessage[] } | { success: false; issue: string } {
  if (!Array.isArray(value))
    return { success: false, issue: 'expected a JSON chat request with a messages array' };
  for (const [index, message] of value.entries()) {
    if (typeof message !== 'object' || message === null || Array.isArray(message))
      return { success: false, issue: `messages[${index}] is not an object` };
    if (typeof (message as ChatMessage).role !== 'string')
      return { success: false, issue: `messages[${index}] has no role` };
  }
  return { success: true, data: value as ChatMessage[] };
}

/**
 * The proxy's guard sessions, keyed by `x-haywire-session` or, without it, by a hash of the conversation up
 * to its first user message. Oldest sessions are dropped past `maxSessions`.
 */
export class ProxySessions {
  readonly #sessions = new Map<string, ProxySession>();
  readonly #start: (sessionId: string) => GuardSessionPort;
  readonly #maxSessions: number;

  constructor(start: (sessionId: string) => GuardSessionPort, maxSessions = 10_000) {
    this.#start = start;
    this.#maxSessions = maxSessions;
  }

  /** The session for a request, with every message it has not yet seen observed. */
  forRequest(header: string | undefined, messages: readonly ChatMessage[]): ProxySession {
    const id = header !== undefined && header !== '' ? `h:${header}` : `p:${prefixHash(messages)}`;
    let entry = this.#sessions.get(id);
    if (entry === undefined) {
      entry = { id, session: this.#start(id), observed: 0 };
      this.#sessions.set(id, entry);
      if (this.#sessions.size > this.#maxSessions) {
        const oldest = this.#sessions.keys().next().value;
        if (oldest !== undefined) this.#sessions.delete(oldest);
      }
    }
    // A conversation shorter than what was observed was rewritten: observe it again from the start.
    if (messages.length < entry.observed) entry.observed = 0;
    for (const message of messages.slice(entry.observed)) {
      const observation = toObservation(message);
      if (observation !== undefined) entry.session.observe(observation);
    }
    entry.observed = messages.length;
    return entry;
  }
}

function prefixHash(messages: readonly ChatMessage[]): string {
  const firstUser = messages.findIndex((m) => m.role === 'user');
  const prefix = messages.slice(0, firstUser === -1 ? 1 : firstUser + 1);
  return hash('sha256', JSON.stringify(prefix)).slice(0, 32);
}

function toObservation(message: ChatMessage): GuardObservation | undefined {
  const content = contentText(message.content);
  if (message.role === 'tool') {
    return {
      type: 'tool-result',
      toolCallId: typeof message.tool_call_id === 'string' ? message.tool_call_id : '',
      toolName: typeof message.name === 'string' ? message.name : '',
      content,
    };
  }
  if (
    (message.role === 'user' || message.role === 'system' || message.role === 'developer') &&
    content !== ''
  ) {
    return { type: 'content', role: message.role === 'user' ? 'user' : 'system', content };
  }
  return undefined;
}

/** Message content as text: a string, or the text parts of a content array. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) =>
      part !== null && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string'
        ? (part as { text: string }).text
        : '',
    )
    .join('\n');
}
