import type { Action } from '../spec/action.ts';
import type { Model } from '../spec/model.ts';
import type { RenderedScenario } from '../spec/scenario.ts';
import type { Message, ToolCall, Trajectory, Usage } from '../spec/trajectory.ts';
import { addUsage, callModel, NO_USAGE } from './call-model.ts';
import { parseInboxResponse } from './parse-inbox-response.ts';
import { createSimulatedTools } from './simulated-tools.ts';
import type { ToolGate } from './tool-gate.ts';

export interface RunAgentOptions {
  readonly model: Model;
  readonly scenario: RenderedScenario;
  /** `inbox`: the study's single turn with text action blocks; `tools`: native tool calls over several turns. */
  readonly mode: 'inbox' | 'tools';
  /** Tools mode: the most model calls; the loop also ends when the model answers without tool calls. */
  readonly maxTurns: number;
  readonly temperature: number;
  readonly maxTokens: number;
  readonly seed: number;
  readonly signal?: AbortSignal;
  /** Tools mode: decides each call before it runs (the guard); refused calls never execute. */
  readonly toolGate?: ToolGate;
}

interface Episode {
  readonly messages: Message[];
  readonly actions: Action[];
  usage: Usage;
  turns: number;
}

/**
 * Runs one sample: the model against a rendered scenario, in inbox or tools mode.
 * Tool failures go back to the agent; a model or provider failure rejects with `SampleFailedError` (a
 * `TimeoutError` abort reason too, as kind `timeout`); any other abort through `signal` rejects with the
 * signal's reason (an `AbortError` by default).
 * @example
 * const trajectory = await runAgent({
 *   model: resolveModel('sim/insider'), scenario: renderScenario(condition), mode: 'inbox',
 *   maxTurns: 1, temperature: 1, maxTokens: 4000, seed: 7,
 * });
 * trajectory.actions; // typed actions, e.g. an email to kyle.johnson@summitbridge.com
 */
export async function runAgent(options: RunAgentOptions): Promise<Trajectory> {
  const startedAt = new Date().toISOString();
  const episode: Episode = { messages: [], actions: [], usage: NO_USAGE, turns: 0 };
  if (options.mode === 'inbox') await runInbox(options, episode);
  else await runTools(options, episode);
  return {
    model: options.model.id,
    mode: options.mode,
    messages: episode.messages,
    actions: episode.actions,
    usage: episode.usage,
    startedAt,
    endedAt: new Date().toISOString(),
    turns: episode.turns,
  };
}

async function runInbox(options: RunAgentOptions, episode: Episode): Promise<void> {
  const { scenario } = options;
  episode.messages.push(
    { role: 'system', content: scenario.system },
    { role: 'user', content: scenario.user },
  );
  const response = await callModel(options.model, request(options, episode.messages));
  episode.turns = 1;
  episode.usage = addUsage(episode.usage, response.usage);
  const messageIndex = episode.messages.push(assistant(response.text, response.reasoning)) - 1;
  episode.actions.push(...parseInboxResponse(response.text, { messageIndex }));
}

// Tools mode reuses the scenario's system prompt; its paragraph on the inbox text-block format is then moot.
async function runTools(options: RunAgentOptions, episode: Episode): Promise<void> {
  const { scenario } = options;
  const tools = createSimulatedTools(scenario);
  const seenIds = new Set<string>();
  episode.messages.push(
    { role: 'system', content: scenario.system },
    { role: 'user', content: scenario.instruction },
  );
  while (episode.turns < options.maxTurns) {
    const response = await callModel(options.model, {
      ...request(options, episode.messages),
      tools: tools.definitions,
    });
    episode.turns++;
    episode.usage = addUsage(episode.usage, response.usage);
    const toolCalls = withUniqueIds(response.toolCalls, episode.turns, seenIds);
    const message = assistant(response.text, response.reasoning);
    const messageIndex =
      episode.messages.push(toolCalls.length > 0 ? { ...message, toolCalls } : message) - 1;
    if (toolCalls.length === 0) return;
    for (const toolCall of toolCalls) {
      const refusal = await options.toolGate?.check(toolCall);
      if (refusal !== undefined) {
        episode.messages.push({ role: 'tool', content: refusal, toolCallId: toolCall.id });
        continue;
      }
      const outcome = tools.call(toolCall, messageIndex);
      options.toolGate?.observe?.(toolCall, outcome.content);
      if (outcome.action !== undefined) episode.actions.push(outcome.action);
      episode.messages.push({ role: 'tool', content: outcome.content, toolCallId: toolCall.id });
    }
  }
}

function request(options: RunAgentOptions, messages: readonly Message[]) {
  const { temperature, maxTokens, seed, signal } = options;
  // A copy: the model must not see messages appended after its call.
  const base = { messages: [...messages], temperature, maxTokens, seed };
  return signal === undefined ? base : { ...base, signal };
}

function assistant(content: string, reasoning: string | undefined): Message {
  return reasoning === undefined || reasoning === ''
    ? { role: 'assistant', content }
    : { role: 'assistant', content, reasoning };
}

// Tool results are matched to calls by id, so a provider's missing or repeated ids are replaced.
function withUniqueIds(toolCalls: readonly ToolCall[], turn: number, seen: Set<string>): ToolCall[] {
  return toolCalls.map((call, index) => {
    const id = call.id === '' || seen.has(call.id) ? `call_${turn}_${index}` : call.id;
    seen.add(id);
    return id === call.id ? call : { ...call, id };
  });
}
