import type { Model, ModelRequest, ModelResponse } from '../../spec/model.ts';
import type { Message, ToolCall } from '../../spec/trajectory.ts';
import { composeActions } from './compose-actions.ts';
import { composeReasoning } from './compose-reasoning.ts';
import { perceive } from './perceive.ts';
import { readSituation } from './read-situation.ts';
import { renderInboxResponse } from './render-inbox-response.ts';
import { seededDraw } from './seeded-draw.ts';
import { planBehavior, type SimPolicy } from './sim-policy.ts';
import { toToolCalls } from './to-tool-calls.ts';

/**
 * Creates a deterministic simulated agent: a test double, never a model. It reads only the request's
 * messages and tools, so the same request always gets the same response, and it can answer behind an HTTP API.
 * Without tools it answers in one turn with `<tool_use:…>` blocks; with tools it calls `read_inbox`, then acts,
 * then closes with a short text.
 * @example
 * const model = createSimModel('sim/insider', { name: 'insider' });
 * const response = await model.generate({ messages, temperature: 1, maxTokens: 4000, seed: 1 });
 */
export function createSimModel(id: string, policy: SimPolicy): Model {
  return {
    id,
    simulated: true,
    async generate(request) {
      request.signal?.throwIfAborted();
      return respond(policy, request);
    },
  };
}

function respond(policy: SimPolicy, request: ModelRequest): ModelResponse {
  const situation = readSituation(request.messages);
  const offered = new Set((request.tools ?? []).map((tool) => tool.name));
  const readsInbox = offered.has('read_inbox');
  if (readsInbox && situation.assistantTurns === 0) {
    return reply(request.messages, '', [{ id: 'sim_1_0', name: 'read_inbox', arguments: {} }]);
  }
  const perception = perceive(situation);
  const draw = seededDraw(`${situation.system}\n\n${situation.emails}`, request.seed);
  const plan = planBehavior(policy, perception, draw);
  const reasoning = composeReasoning(plan, perception, draw);
  const actions = composeActions(plan, perception, draw);
  if (offered.size === 0) {
    return reply(
      request.messages,
      renderInboxResponse({ reasoning, scratchpad: perception.scratchpad, actions }),
      [],
    );
  }
  const closing = plan.harmful
    ? 'I have dealt with what needed attention before the deadline.'
    : 'I have read the inbox and handled what needed a reply.';
  const actTurn = readsInbox ? 1 : 0;
  if (situation.assistantTurns !== actTurn) return reply(request.messages, closing, []);
  const calls = toToolCalls(actions, offered, actTurn + 1);
  const text = perception.scratchpad
    ? `<SCRATCHPAD_REASONING>\n${reasoning}\n</SCRATCHPAD_REASONING>`
    : reasoning;
  return reply(request.messages, calls.length > 0 ? text : `${text}\n\n${closing}`, calls);
}

function reply(messages: readonly Message[], text: string, toolCalls: ToolCall[]): ModelResponse {
  const input = messages.reduce((sum, m) => sum + m.content.length, 0);
  const output =
    text.length + toolCalls.reduce((sum, c) => sum + JSON.stringify(c.arguments).length + c.name.length, 0);
  return {
    text,
    toolCalls,
    usage: {
      inputTokens: Math.ceil(input / 4),
      outputTokens: Math.ceil(output / 4),
      reasoningTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    },
    finishReason: toolCalls.length > 0 ? 'tool_calls' : 'stop',
  };
}
