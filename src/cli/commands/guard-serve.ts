import type { Command } from 'commander';
import { ConfigError, TIERS, type Tier } from '../../spec/index.ts';
import { openStore } from '../../store/index.ts';
import { assertCanListen, listenError } from '../listen-error.ts';
import { portNumber, positiveInteger, positiveNumber, storePath, timerDuration } from '../options.ts';
import { untilStopped } from '../until-stopped.ts';

interface ServeOptions {
  upstream: string;
  policy?: string;
  tier: string;
  port: number;
  host: string;
  token?: string;
  adminToken?: string;
  approvalTimeout: number;
  upstreamTimeout: number;
  onTimeout: string;
  store?: string;
  quiet?: boolean;
}

/** `haywire guard serve`: the OpenAI-compatible guard proxy, until interrupted. */
export function registerGuardServe(guard: Command): void {
  guard
    .command('serve')
    .summary('an OpenAI-compatible proxy that guards every tool call an agent makes')
    .description(
      'forward /v1/chat/completions to an upstream OpenAI-compatible API and decide every tool call in the answer ' +
        'before the client sees it: a refused call is removed and the agent reads why (streamed tool-call deltas are ' +
        'held until the verdict). Calls that need approval wait for `haywire guard approvals`. Binds 127.0.0.1; any ' +
        'other address needs an access token. See docs/guard-hooks.md.',
    )
    .requiredOption(
      '--upstream <url>',
      'the OpenAI-compatible API to forward to, e.g. https://api.openai.com/v1',
    )
    .option('--policy <file>', 'policy YAML (default: the built-in policy)')
    .option('--tier <tier>', 'strict, balanced or permissive', 'balanced')
    .option('--port <n>', 'port (0: any free port)', portNumber('--port'), 8788)
    .option('--host <address>', 'address to bind', '127.0.0.1')
    .option(
      '--token <token>',
      'access token clients must present (env HAYWIRE_GUARD_TOKEN); required off loopback',
    )
    .option(
      '--admin-token <token>',
      'token for the approvals admin API (env HAYWIRE_GUARD_ADMIN_TOKEN; default random, printed at start); never the same as --token',
    )
    .option(
      '--approval-timeout <seconds>',
      'how long a held call waits for a human',
      timerDuration('--approval-timeout', 'seconds', positiveInteger('--approval-timeout')),
      120,
    )
    .option('--on-timeout <answer>', 'deny or approve a held call nobody answered', 'deny')
    .option(
      '--upstream-timeout <seconds>',
      'how long the upstream may send nothing before the request is cancelled and answered 504',
      timerDuration('--upstream-timeout', 'seconds', positiveNumber('--upstream-timeout')),
      600,
    )
    .option('--store <path>', 'the store that keeps the audit log (default ./.haywire/haywire.db)')
    .option('--quiet', 'do not print each refused call')
    .action(async (options: ServeOptions) => {
      await serve(options);
    });
}

async function serve(options: ServeOptions): Promise<void> {
  if (!(TIERS as readonly string[]).includes(options.tier))
    throw new ConfigError('unknown-name', `unknown tier "${options.tier}": use ${TIERS.join(', ')}`);
  if (options.onTimeout !== 'deny' && options.onTimeout !== 'approve')
    throw new ConfigError(
      'invalid-input',
      `--on-timeout must be deny or approve, got "${options.onTimeout}"`,
    );
  const tier = options.tier as Tier;
  // The guard is loaded by the commands that use it, not by every start of the CLI.
  const {
    ApprovalQueue,
    approvalAuditEntry,
    createGuard,
    loadPolicy,
    parseUpstreamUrl,
    startGuardProxy,
    storeAuditLog,
    unreadableAnswerAuditEntry,
  } = await import('../../guard/index.ts');
  const upstream = parseUpstreamUrl(options.upstream);
  const policy = loadPolicy(options.policy);
  // A busy port or an unknown host is refused before the store file is created.
  await assertCanListen(options.host, options.port);
  const store = openStore(storePath(options.store));
  // Every decision commits before its answer is sent; checkpoints must not stall those commits.
  store.checkpointInBackground();
  const guard = createGuard({ policy, tier, audit: storeAuditLog(store) });
  const approvals = new ApprovalQueue({
    timeoutMs: options.approvalTimeout * 1000,
    onTimeout: options.onTimeout,
    onResolved: (pending, outcome) => {
      guard.audit.append(approvalAuditEntry({ policy, tier, pending, outcome }));
      log(options, `${outcome.resolution} ${pending.toolCall.name} (${pending.id}) by ${outcome.approver}`);
    },
  });
  const token = options.token ?? process.env.HAYWIRE_GUARD_TOKEN;
  const adminToken = options.adminToken ?? process.env.HAYWIRE_GUARD_ADMIN_TOKEN;
  const upstreamApiKey = process.env.HAYWIRE_UPSTREAM_API_KEY;
  const proxy = await startGuardProxy({
    upstream: options.upstream,
    startSession: (sessionId) => guard.startSession({ sessionId }),
    host: options.host,
    port: options.port,
    approvals,
    upstreamTimeoutMs: options.upstreamTimeout * 1000,
    ...(token === undefined ? {} : { token }),
    ...(adminToken === undefined ? {} : { adminToken }),
    ...(upstreamApiKey === undefined ? {} : { upstreamApiKey }),
    onEnforced: (event) => {
      if (!event.execute)
        log(options, `refused ${event.tool} (${event.toolCallId}) in session ${event.sessionId}`);
    },
    onUnreadableAnswer: (event) => {
      guard.audit.append(unreadableAnswerAuditEntry({ policy, tier, ...event }));
      log(options, `refused an unreadable answer in session ${event.sessionId}: ${event.reason}`);
    },
  }).catch((error: unknown) => {
    store.close();
    throw listenError(error, options.host, options.port);
  });
  process.stderr.write(
    `haywire guard proxy on ${proxy.url} → ${upstream.origin}${upstream.pathname} · policy ${policy.id}@v${policy.version} · tier ${tier}\n` +
      `point the agent's OpenAI client at ${proxy.url}/v1\n`,
  );
  if (adminToken === undefined)
    process.stderr.write(
      `approvals admin token (HAYWIRE_GUARD_ADMIN_TOKEN for \`haywire guard approvals\`): ${proxy.adminToken}\n`,
    );
  await untilStopped();
  await proxy.close();
  store.close();
}

function log(options: ServeOptions, line: string): void {
  if (options.quiet !== true) process.stderr.write(`${new Date().toISOString()} ${line}\n`);
}
