import type { ApprovalQueue } from '../approvals/approval-queue.ts';

/** The admin API's path prefix. */
export const APPROVALS_PATH = '/haywire/approvals';

export interface AdminResponse {
  readonly status: number;
  readonly body: unknown;
}

/**
 * The approvals admin API, as plain request → response:
 * `GET /haywire/approvals` lists waiting calls; `POST /haywire/approvals/<id>/approve|deny` with
 * `{ "approver": "name" }` answers one. The approver's name goes into the audit record.
 */
export function handleApprovals(
  queue: ApprovalQueue,
  method: string,
  path: string,
  body: unknown,
): AdminResponse {
  if (path === APPROVALS_PATH || path === `${APPROVALS_PATH}/`) {
    if (method !== 'GET') return { status: 405, body: { error: 'use GET to list approvals' } };
    return { status: 200, body: { approvals: queue.list() } };
  }
  const match = /^\/haywire\/approvals\/([A-Za-z0-9_-]+)\/(approve|deny)$/.exec(path);
  if (match === null) return { status: 404, body: { error: 'no such admin path' } };
  if (method !== 'POST') return { status: 405, body: { error: 'use POST to approve or deny' } };
  const [, id = '', verb] = match;
  const named = (body as { approver?: unknown } | undefined)?.approver;
  const approver =
    typeof named === 'string' && named.trim() !== '' ? named.trim().slice(0, 200) : 'admin-api';
  const outcome = verb === 'approve' ? queue.approve(id, approver) : queue.deny(id, approver);
  if (outcome === undefined) return { status: 404, body: { error: `no approval ${id} is waiting` } };
  return { status: 200, body: { id, ...outcome } };
}
