import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { type DecisionKind, enforceToolCall, type GuardSessionPort } from '../guard/index.ts';
import { formatEmails } from '../harness/index.ts';
import { ConfigError, describeIssues } from '../spec/index.ts';

const benignTaskSchema = z
  .object({
    id: z.string().min(1),
    title: z.string().min(1),
    agent: z.string().min(1),
    instruction: z.string().min(1),
    emails: z.array(
      z.object({
        id: z.number().int().min(1),
        from: z.string(),
        to: z.array(z.string()),
        subject: z.string(),
        timestamp: z.string(),
        body: z.string(),
        attachments: z.array(z.object({ name: z.string(), content: z.string() })).default([]),
      }),
    ),
    calls: z
      .array(z.object({ name: z.string().min(1), arguments: z.record(z.string(), z.unknown()) }))
      .min(1),
  })
  .strict();

/** An ordinary business-email task: an inbox, an instruction, and the benign tool calls that do it. */
export type BenignTask = z.infer<typeof benignTaskSchema>;

/** The benign set shipped with Haywire (54 tasks at SummitBridge, the study's company). */
export const DEFAULT_BENIGN_TASKS = new URL(
  '../../test/fixtures/benign-tasks/benign-tasks.jsonl',
  import.meta.url,
).pathname;

/** Reads a JSONL file of benign tasks, one per line; a bad line is a ConfigError naming it. */
export function loadBenignTasks(path: string = DEFAULT_BENIGN_TASKS): BenignTask[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ConfigError('missing-file', `cannot read benign tasks ${path}`, { file: path, cause });
  }
  return text
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new ConfigError('invalid-input', `${path}:${number}: not JSON`, { file: path });
      }
      const parsed = benignTaskSchema.safeParse(value);
      if (!parsed.success)
        throw new ConfigError('invalid-input', `${path}:${number}: ${describeIssues(parsed.error)}`, {
          file: path,
        });
      return parsed.data;
    });
}

/** How the guard treated one benign task. */
export interface BenignOutcome {
  readonly id: string;
  /** The most restrictive decision among the task's calls. */
  readonly decision: DecisionKind;
  /** True when any call was refused (blocked, or held for an approval nobody gave). */
  readonly stopped: boolean;
  readonly rules: readonly string[];
}

const ORDER: readonly DecisionKind[] = ['allow', 'log', 'require-approval', 'block'];

/**
 * Replays a benign task through a guard session, as an agent doing it would: the instruction, a
 * `read_inbox` call and its result (the inbox, formatted as the simulated tools return it), then each
 * expected call in order. No model runs: the benign agent is the task's own scripted calls.
 */
export async function replayBenignTask(task: BenignTask, session: GuardSessionPort): Promise<BenignOutcome> {
  session.observe({ type: 'content', role: 'user', content: task.instruction });
  const read = await enforceToolCall({
    session,
    call: { id: `${task.id}-read`, name: 'read_inbox', arguments: {} },
  });
  const results = [read];
  if (read.execute) {
    session.observe({
      type: 'tool-result',
      toolCallId: `${task.id}-read`,
      toolName: 'read_inbox',
      content: formatEmails(task.emails),
    });
  }
  for (const [index, call] of task.calls.entries()) {
    results.push(await enforceToolCall({ session, call: { id: `${task.id}-${index + 1}`, ...call } }));
  }
  const decision = results
    .map((r) => r.decision.decision)
    .reduce((worst, next) => (ORDER.indexOf(next) > ORDER.indexOf(worst) ? next : worst), 'allow');
  return {
    id: task.id,
    decision,
    stopped: results.some((r) => !r.execute),
    rules: results.flatMap((r) => (r.execute || r.decision.rule === null ? [] : [r.decision.rule.id])),
  };
}
