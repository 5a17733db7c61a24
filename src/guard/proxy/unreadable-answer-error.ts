/**
 * A 2xx chat answer the proxy cannot fully read, so cannot decide: it is refused with 502 and audited, never
 * passed on, because a call the guard did not read would reach the agent undecided.
 */
export class UnreadableAnswerError extends Error {
  override readonly name = 'UnreadableAnswerError';
  readonly code = 'unreadable-answer';
  /** What could not be read: the answer's body, or the stream event. */
  readonly text: string;

  constructor(reason: string, text = '') {
    super(reason);
    this.text = text;
  }
}
