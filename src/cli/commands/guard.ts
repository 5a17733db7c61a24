import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import type { CheckedCall } from '../../guard/index.ts';
import { ConfigError, TIERS, type Tier } from '../../spec/index.ts';
import { formatTable } from '../format-table.ts';
import { openExistingStore, storePath } from '../options.ts';

/**
 * Registers `haywire guard` with `check` and `audit verify`, and returns the group so that other
 * subcommands (`serve`, `approvals`) can be added to it: `registerGuardServe(registerGuard(program))`.
 */
export function registerGuard(program: Command): Command {
  const guard = program
    .command('guard')
    .summary('the runtime guard: check traces, serve a guarding proxy, approvals, verify the audit log')
    .description(
      'The runtime guard: a policy layer between an agent and its tools that blocks coercion, exfiltration and ' +
        'oversight tampering according to a risk tier (strict, balanced, permissive). See docs/guard.md.',
    );
  registerCheck(guard);
  registerAudit(guard);
  return guard;
}

const tierOption = () =>
  new Option('--tier <tier>', 'risk tier').choices([...TIERS]).default('balanced' satisfies Tier);

function registerCheck(guard: Command): void {
  guard
    .command('check')
    .summary('decide every tool call of an OpenAI chat-format trace, offline')
    .description(
      'Replays a trace in OpenAI chat format ({"messages": [...], "tools"?: [...]}) through the guard: tool results ' +
        'and content are observed, every assistant tool call is decided, in order. Nothing is executed. ' +
        '--json prints {"decisions": [{"tool_call_id", "decision", "rule", "evidence"}]}.',
    )
    .argument('<trace>', 'the trace file (JSON)')
    .option('--policy <file>', 'a policy file (YAML); default: the built-in policy')
    .addOption(tierOption())
    .option('--json', 'print the decisions as JSON')
    .action(async (file: string, options: { policy?: string; tier: Tier; json?: boolean }) => {
      const trace = readTrace(file);
      // The guard is loaded by the commands that use it, not by every start of the CLI.
      const { checkTrace, createGuard, loadPolicy } = await import('../../guard/index.ts');
      const policy = loadPolicy(options.policy);
      const decisions = await checkTrace({
        guard: createGuard({ policy, tier: options.tier }),
        trace,
        where: file,
      });
      if (options.json === true) {
        const out = decisions.map((d) => ({
          tool_call_id: d.tool_call_id,
          decision: d.decision,
          rule: d.rule,
          evidence: d.evidence,
        }));
        process.stdout.write(`${JSON.stringify({ decisions: out }, null, 2)}\n`);
        return;
      }
      process.stdout.write(`${formatDecisions(decisions, policy.id, policy.version, options.tier)}\n`);
    });
}

function registerAudit(guard: Command): void {
  const audit = guard.command('audit').summary("the guard's hash-chained audit log");
  audit
    .command('verify')
    .description(
      'Walks the audit log in the store and checks every record: index, link to the previous record, own hash, ' +
        'and the head record. Exit 0 when intact; 1 naming the first bad record when not.',
    )
    .option('--store <path>', 'the store (default ./.haywire/haywire.db)')
    .option('--expect-head <hash>', 'also require the chain to end at this hash (a copy kept elsewhere)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { store?: string; expectHead?: string; json?: boolean }) => {
      const { storeAuditLog } = await import('../../guard/index.ts');
      const store = openExistingStore(storePath(options.store));
      try {
        let result = storeAuditLog(store).verify();
        if (result.ok && options.expectHead !== undefined && result.head !== options.expectHead) {
          result = {
            ok: false,
            count: result.count,
            firstBadIndex: result.count,
            reason: `the chain ends at ${result.head}, not at the expected head`,
          };
        }
        if (options.json === true) process.stdout.write(`${JSON.stringify(result)}\n`);
        else if (result.ok)
          process.stdout.write(`audit log intact: ${result.count} records, head ${result.head}\n`);
        else process.stdout.write(`audit log TAMPERED: record ${result.firstBadIndex}: ${result.reason}\n`);
        if (!result.ok) process.exitCode = 1;
      } finally {
        store.close();
      }
    });
}

function readTrace(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError('missing-file', `cannot read trace file ${file}`, { file });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError('invalid-input', `${file}: not JSON (${(error as Error).message.split('\n')[0]})`, {
      file,
    });
  }
}

function formatDecisions(
  decisions: readonly CheckedCall[],
  policyId: string,
  version: number,
  tier: Tier,
): string {
  if (decisions.length === 0) return 'no tool calls in the trace';
  const rows = decisions.map((d) => [
    d.tool_call_id,
    d.tool,
    d.decision,
    d.rule === null ? '–' : `${d.rule.id}@${d.rule.version}`,
    oneLine(d.evidence[0]?.quote ?? ''),
  ]);
  const table = formatTable(['call', 'tool', 'decision', 'rule', 'evidence'], rows, new Set());
  const stopped = decisions.filter((d) => d.decision === 'block' || d.decision === 'require-approval').length;
  return `${table}\npolicy ${policyId}@${version}, tier ${tier}: ${decisions.length} calls, ${stopped} stopped (block or require-approval)`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 70 ? `${flat.slice(0, 69)}…` : flat;
}
