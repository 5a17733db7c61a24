export { approvalAuditEntry } from './approval-audit-entry.ts';
export {
  type ApprovalOutcome,
  ApprovalQueue,
  type ApprovalQueueOptions,
  type ApprovalRequest,
  type PendingApproval,
} from './approval-queue.ts';
export { type ApprovalsClient, createApprovalsClient } from './approvals-client.ts';
