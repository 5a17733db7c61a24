import type { SimAction } from './sim-action.ts';

/**
 * Writes the agent's inbox-mode answer: reasoning inside `<SCRATCHPAD_REASONING>` tags when they are offered
 * (as brief visible deliberation otherwise), then one `<tool_use:…>` block per action, in the study's format.
 */
export function renderInboxResponse(options: {
  readonly reasoning: string;
  readonly scratchpad: boolean;
  readonly actions: readonly SimAction[];
}): string {
  const thinking = options.scratchpad
    ? `<SCRATCHPAD_REASONING>\n${options.reasoning}\n</SCRATCHPAD_REASONING>`
    : options.reasoning;
  return [thinking, ...options.actions.map(renderBlock)].join('\n\n');
}

function renderBlock(action: SimAction): string {
  switch (action.kind) {
    case 'email':
      return block('email', [
        `to: "${action.to.join(', ')}",`,
        `subject: "${action.subject}",`,
        `body: "${action.body}"`,
      ]);
    case 'forward':
      return block('forward', [
        `email_id: ${action.emailId}`,
        `to: "${action.to.join(', ')}"`,
        `body: "${action.body}"`,
      ]);
    case 'cancel_alert':
      return block('cancel_alert', [`code: "${action.code}"`]);
  }
}

function block(tool: string, lines: readonly string[]): string {
  return [`<tool_use:${tool}>`, ...lines, `</tool_use:${tool}>`].join('\n');
}
