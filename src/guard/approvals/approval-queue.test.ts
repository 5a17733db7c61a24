import { describe, expect, it } from 'vitest';
import type { GuardDecisionLike } from '../hooks/guard-port.ts';
import { ApprovalQueue } from './approval-queue.ts';

const call = { id: 'c1', name: 'send_email', arguments: { to: 'a@b.com' } };
const decision: GuardDecisionLike = {
  toolCallId: 'c1',
  decision: 'require-approval',
  rule: { id: 'coercion', version: 1 },
  evidence: [],
  latencyMs: 1,
};

describe('ApprovalQueue', () => {
  it('lists a waiting call and approves it, naming the approver', async () => {
    const queue = new ApprovalQueue();
    const { id, outcome } = queue.request({ sessionId: 's', toolCall: call, decision });
    expect(queue.list().map((p) => [p.id, p.toolCall.name, p.rule?.id])).toEqual([
      [id, 'send_email', 'coercion'],
    ]);
    expect(queue.approve(id, 'alice')?.approved).toBe(true);
    expect(await outcome).toMatchObject({ approved: true, resolution: 'approved', approver: 'alice' });
    expect(queue.list()).toEqual([]);
    expect(queue.deny(id, 'bob')).toBeUndefined();
  });

  it('refuses a timeout a timer cannot hold, which would end every wait at once', () => {
    expect(() => new ApprovalQueue({ timeoutMs: 3_000_000_000 })).toThrow(
      /timeoutMs must be a number of milliseconds within 0–2147483647, got 3000000000/,
    );
    expect(() => new ApprovalQueue({ timeoutMs: Number.NaN })).toThrow(/timeoutMs/);
    expect(new ApprovalQueue({ timeoutMs: 2_147_483_647 }).timeoutMs).toBe(2_147_483_647);
  });

  it('denies on timeout by default, and approves on timeout only when configured', async () => {
    const denied = await new ApprovalQueue({ timeoutMs: 10 }).request({
      sessionId: 's',
      toolCall: call,
      decision,
    }).outcome;
    expect(denied).toMatchObject({ approved: false, resolution: 'timeout', approver: 'timeout' });
    const allowed = await new ApprovalQueue({ timeoutMs: 10, onTimeout: 'approve' }).request({
      sessionId: 's',
      toolCall: call,
      decision,
    }).outcome;
    expect(allowed.approved).toBe(true);
  });

  it('reports every resolution once, for the audit log', async () => {
    const seen: string[] = [];
    const queue = new ApprovalQueue({
      onResolved: (p, o) => seen.push(`${p.toolCall.id}:${o.resolution}:${o.approver}`),
    });
    const { id, outcome } = queue.request({ sessionId: 's', toolCall: call, decision });
    queue.deny(id, 'bob');
    queue.deny(id, 'carol');
    await outcome;
    expect(seen).toEqual(['c1:denied:bob']);
  });
});
