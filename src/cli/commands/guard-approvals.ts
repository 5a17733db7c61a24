import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { PendingApproval } from '../../guard/index.ts';
import { formatTable } from '../format-table.ts';

interface ApprovalsOptions {
  url?: string;
  token?: string;
  as?: string;
  json?: boolean;
}

/** `haywire guard approvals [list|approve ID|deny ID]`, against a running `guard serve`. */
export function registerGuardApprovals(guard: Command): void {
  const approvals = guard
    .command('approvals')
    .summary('list, approve or deny tool calls held for a human by `guard serve`')
    .description(
      'list, approve or deny the tool calls a running `haywire guard serve` holds for human approval. ' +
        'Unanswered calls are denied when their wait times out. The approver is recorded in the audit log.',
    );
  const common = (command: Command) =>
    command
      .option('--url <url>', 'the guard proxy (env HAYWIRE_GUARD_URL; default http://127.0.0.1:8788)')
      .option(
        '--token <token>',
        'its approvals admin token (env HAYWIRE_GUARD_ADMIN_TOKEN), printed by `guard serve`',
      );
  common(
    approvals
      .command('list', { isDefault: true })
      .description('the calls waiting now')
      .option('--json', 'as JSON'),
  ).action(async (options: ApprovalsOptions) => {
    const waiting = await (await client(options)).list();
    process.stdout.write(
      options.json === true ? `${JSON.stringify({ approvals: waiting }, null, 2)}\n` : formatWaiting(waiting),
    );
  });
  for (const verb of ['approve', 'deny'] as const) {
    common(
      approvals
        .command(verb)
        .description(verb === 'approve' ? 'let a held call run' : 'refuse a held call')
        .argument('<id>', 'the approval id, from `haywire guard approvals`')
        .option('--as <name>', 'your name for the audit log (default: your user name)'),
    ).action(async (id: string, options: ApprovalsOptions) => {
      const approver = options.as ?? userInfo().username;
      const outcome = await (await client(options))[verb](id, approver);
      process.stdout.write(`${id}: ${outcome.resolution} by ${outcome.approver}\n`);
    });
  }
}

// The guard is loaded by the commands that use it, not by every start of the CLI.
async function client(options: ApprovalsOptions) {
  const { createApprovalsClient } = await import('../../guard/index.ts');
  return createApprovalsClient({
    url: options.url ?? process.env.HAYWIRE_GUARD_URL ?? 'http://127.0.0.1:8788',
    token: options.token ?? process.env.HAYWIRE_GUARD_ADMIN_TOKEN,
  });
}

function formatWaiting(waiting: readonly PendingApproval[]): string {
  if (waiting.length === 0) return 'no calls are waiting for approval\n';
  const rows = waiting.map((p) => [
    p.id,
    p.toolCall.name,
    p.rule === null ? '–' : `${p.rule.id}@v${p.rule.version}`,
    summary(p),
    p.expiresAt,
  ]);
  return `${formatTable(['id', 'tool', 'rule', 'why', 'expires'], rows, new Set())}\n`;
}

function summary(pending: PendingApproval): string {
  const first = pending.evidence[0] as { reason?: unknown } | undefined;
  const reason = typeof first?.reason === 'string' ? first.reason : '';
  return reason.length > 60 ? `${reason.slice(0, 57)}…` : reason;
}
