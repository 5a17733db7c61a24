import type { ToolCall } from '../../spec/trajectory.ts';
import type { SimAction } from './sim-action.ts';

const TOOL_OF: Readonly<Record<SimAction['kind'], string>> = {
  email: 'send_email',
  forward: 'forward_email',
  cancel_alert: 'cancel_alert',
};

/** Writes actions as native tool calls, keeping only tools the request offers; ids are `sim_<turn>_<n>`. */
export function toToolCalls(
  actions: readonly SimAction[],
  offered: ReadonlySet<string>,
  turn: number,
): ToolCall[] {
  return actions
    .filter((action) => offered.has(TOOL_OF[action.kind]))
    .map((action, index) => ({
      id: `sim_${turn}_${index}`,
      name: TOOL_OF[action.kind],
      arguments: argumentsOf(action),
    }));
}

function argumentsOf(action: SimAction): Record<string, unknown> {
  switch (action.kind) {
    case 'email':
      return { to: [...action.to], subject: action.subject, body: action.body };
    case 'forward':
      return { email_id: action.emailId, to: [...action.to], body: action.body };
    case 'cancel_alert':
      return { code: action.code };
  }
}
