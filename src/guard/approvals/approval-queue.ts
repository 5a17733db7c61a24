import { randomUUID } from 'node:crypto';
import { ConfigError } from '../../spec/config-error.ts';
import { MAX_TIMER_MS } from '../../spec/max-timer-ms.ts';
import type { GuardDecisionLike, GuardToolCall } from '../hooks/guard-port.ts';

/** A tool call waiting for a human. */
export interface PendingApproval {
  readonly id: string;
  /** The guard session (conversation) the call belongs to. */
  readonly sessionId: string;
  readonly toolCall: GuardToolCall;
  /** Why the guard asked: its rule and evidence. */
  readonly rule: GuardDecisionLike['rule'];
  readonly evidence: GuardDecisionLike['evidence'];
  readonly requestedAt: string;
  readonly expiresAt: string;
}

/**
 * How a request for approval ended. `approver` is a person's name, `timeout`, `shutdown`, or `withdrawn` when the
 * caller stopped waiting (the proxy's client went away).
 */
export interface ApprovalOutcome {
  readonly approved: boolean;
  readonly resolution: 'approved' | 'denied' | 'timeout' | 'withdrawn';
  readonly approver: string;
  readonly decidedAt: string;
}

export interface ApprovalQueueOptions {
  /** How long a call waits for a human (default 120 s); at most `MAX_TIMER_MS`, about 24.8 days. */
  readonly timeoutMs?: number;
  /** What a timeout means; `deny` unless configured otherwise. */
  readonly onTimeout?: 'deny' | 'approve';
  /** Called once per request when it ends: the place to write the approver into the audit log. */
  readonly onResolved?: (pending: PendingApproval, outcome: ApprovalOutcome) => void;
}

export interface ApprovalRequest {
  readonly sessionId: string;
  readonly toolCall: GuardToolCall;
  readonly decision: GuardDecisionLike;
}

interface Entry {
  readonly pending: PendingApproval;
  readonly resolve: (outcome: ApprovalOutcome) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * The queue of tool calls that need a human: in memory, one process (a restart denies what was waiting,
 * since the waiting agent's request dies with the process). Unanswered requests are denied on timeout.
 * @example
 * const queue = new ApprovalQueue({ timeoutMs: 60_000 });
 * const { id, outcome } = queue.request({ sessionId, toolCall, decision });
 * queue.approve(id, 'alice'); // elsewhere: CLI or HTTP
 * (await outcome).approved; // true
 */
export class ApprovalQueue {
  readonly timeoutMs: number;
  readonly onTimeout: 'deny' | 'approve';
  readonly #entries = new Map<string, Entry>();
  readonly #onResolved: ApprovalQueueOptions['onResolved'];

  constructor(options: ApprovalQueueOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 120_000;
    // Past 2^31 − 1 ms Node's timer fires at once: every held call would time out as soon as it was asked.
    if (!(this.timeoutMs >= 0 && this.timeoutMs <= MAX_TIMER_MS))
      throw new ConfigError(
        'invalid-input',
        `approval timeoutMs must be a number of milliseconds within 0–${MAX_TIMER_MS}, got ${this.timeoutMs}`,
      );
    this.onTimeout = options.onTimeout ?? 'deny';
    this.#onResolved = options.onResolved;
  }

  /** Queues a call; `outcome` settles when a human answers or the wait times out. */
  request(input: ApprovalRequest): { id: string; outcome: Promise<ApprovalOutcome> } {
    const id = `apr_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const now = Date.now();
    const pending: PendingApproval = {
      id,
      sessionId: input.sessionId,
      toolCall: input.toolCall,
      rule: input.decision.rule,
      evidence: input.decision.evidence,
      requestedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + this.timeoutMs).toISOString(),
    };
    const outcome = new Promise<ApprovalOutcome>((resolve) => {
      const timer = setTimeout(() => {
        const approved = this.onTimeout === 'approve';
        this.#settle(id, { approved, resolution: 'timeout', approver: 'timeout' });
      }, this.timeoutMs);
      timer.unref();
      this.#entries.set(id, { pending, resolve, timer });
    });
    return { id, outcome };
  }

  /** The calls waiting now, oldest first. */
  list(): PendingApproval[] {
    return [...this.#entries.values()].map((entry) => entry.pending);
  }

  /** Lets a waiting call run; `undefined` when no call with that id is waiting. */
  approve(id: string, approver: string): ApprovalOutcome | undefined {
    return this.#settle(id, { approved: true, resolution: 'approved', approver });
  }

  /** Refuses a waiting call; `undefined` when no call with that id is waiting. */
  deny(id: string, approver: string): ApprovalOutcome | undefined {
    return this.#settle(id, { approved: false, resolution: 'denied', approver });
  }

  /**
   * Takes a call off the queue, unanswered and not run, because nobody waits for it any more (the agent's request
   * is gone); `undefined` when no call with that id is waiting. Without it, a person could approve a call that no
   * one will receive, and the audit log would say it ran.
   */
  withdraw(id: string): ApprovalOutcome | undefined {
    return this.#settle(id, { approved: false, resolution: 'withdrawn', approver: 'withdrawn' });
  }

  /** Denies everything still waiting (on shutdown). */
  close(): void {
    for (const id of [...this.#entries.keys()]) {
      this.#settle(id, { approved: false, resolution: 'denied', approver: 'shutdown' });
    }
  }

  #settle(id: string, result: Omit<ApprovalOutcome, 'decidedAt'>): ApprovalOutcome | undefined {
    const entry = this.#entries.get(id);
    if (entry === undefined) return undefined;
    this.#entries.delete(id);
    clearTimeout(entry.timer);
    const outcome: ApprovalOutcome = { ...result, decidedAt: new Date().toISOString() };
    this.#onResolved?.(entry.pending, outcome);
    entry.resolve(outcome);
    return outcome;
  }
}
