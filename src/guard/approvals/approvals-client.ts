import { ConfigError } from '../../spec/config-error.ts';
import type { ApprovalOutcome, PendingApproval } from './approval-queue.ts';

/** Talks to a running `haywire guard serve` about its approvals, over its admin API. */
export interface ApprovalsClient {
  list(): Promise<PendingApproval[]>;
  approve(id: string, approver: string): Promise<ApprovalOutcome>;
  deny(id: string, approver: string): Promise<ApprovalOutcome>;
}

/**
 * A client for the approvals admin API of a guard proxy at `url`, authenticated with its admin token.
 * An unreachable proxy, a refused token or an unknown id is a ConfigError with a one-line message.
 * @example
 * const client = createApprovalsClient({ url: 'http://127.0.0.1:8788', token });
 * for (const waiting of await client.list()) await client.deny(waiting.id, 'alice');
 */
export function createApprovalsClient(options: { url: string; token: string | undefined }): ApprovalsClient {
  const base = options.url.replace(/\/$/, '');
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> => {
    let response: Response;
    try {
      response = await fetch(`${base}/haywire/approvals${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(options.token === undefined ? {} : { 'x-haywire-token': options.token }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (cause) {
      throw new ConfigError(
        'invalid-input',
        `no guard proxy answers at ${base}: start \`haywire guard serve\` or pass --url`,
        {
          cause,
        },
      );
    }
    const answer = (await response.json().catch(() => ({}))) as { error?: unknown };
    if (response.status === 401)
      throw new ConfigError(
        'invalid-input',
        `the guard proxy at ${base} refused the admin token (--token or HAYWIRE_GUARD_ADMIN_TOKEN)`,
      );
    if (!response.ok) {
      const error = answer.error;
      const message =
        typeof error === 'string' ? error : (error as { message?: string } | undefined)?.message;
      throw new ConfigError('unknown-name', message ?? `the guard proxy answered ${response.status}`);
    }
    return answer;
  };
  return {
    list: async () => ((await call('GET', '')) as { approvals: PendingApproval[] }).approvals,
    approve: async (id, approver) =>
      (await call('POST', `/${encodeURIComponent(id)}/approve`, { approver })) as ApprovalOutcome,
    deny: async (id, approver) =>
      (await call('POST', `/${encodeURIComponent(id)}/deny`, { approver })) as ApprovalOutcome,
  };
}
