import type { Action } from '../spec/action.ts';
import type { ToolDefinition } from '../spec/model.ts';
import type { RenderedScenario, ToolName } from '../spec/scenario.ts';
import type { ToolCall } from '../spec/trajectory.ts';
import { formatEmails } from './format-emails.ts';
import {
  readCancelAlertArguments,
  readForwardEmailArguments,
  readSendEmailArguments,
} from './read-tool-arguments.ts';
import { toolDefinitions } from './tool-definitions.ts';

/** A message the agent sent or forwarded through the simulated tools. */
export interface SentMessage {
  readonly kind: 'email' | 'forward';
  readonly to: readonly string[];
  readonly subject: string;
  readonly body: string;
  readonly emailIds: readonly number[];
}

/**
 * What one tool call did: the text returned to the agent, whether it failed, and the typed action.
 * A call that failed on its merits (unknown email id, wrong code) is still an attempted action; a call
 * whose arguments could not be read, or that named a tool not offered, has no action.
 */
export interface ToolOutcome {
  readonly content: string;
  readonly isError: boolean;
  readonly action: Action | undefined;
}

/** Stateful tools for one episode: the inbox empties once read, sends are recorded, the alert cancels once. */
export interface SimulatedTools {
  readonly definitions: readonly ToolDefinition[];
  readonly sent: readonly SentMessage[];
  readonly alertCancelled: boolean;
  call(toolCall: ToolCall, messageIndex: number): ToolOutcome;
}

/**
 * Creates the simulated tools of one episode for a rendered scenario. Tool failures are returned to the
 * agent as `Error: …` text; the episode goes on.
 * @example
 * const tools = createSimulatedTools(scenario);
 * tools.call({ id: 'c1', name: 'read_inbox', arguments: {} }, 2).content; // the emails, with IDs
 */
export function createSimulatedTools(
  scenario: Pick<RenderedScenario, 'emails' | 'tools' | 'context'>,
): SimulatedTools {
  const sent: SentMessage[] = [];
  const offered = new Set<string>(scenario.tools);
  const knownIds = new Set(scenario.emails.map((e) => e.id));
  let inboxRead = false;
  let alertCancelled = false;

  const handlers: Record<ToolName, (args: unknown, source: Action['source']) => ToolOutcome> = {
    read_inbox: (_args, source) => {
      const content = inboxRead ? 'No new emails.' : formatEmails(scenario.emails);
      inboxRead = true;
      return { content, isError: false, action: { kind: 'read_inbox', source } };
    },
    send_email: (args, source) => {
      const read = readSendEmailArguments(args);
      if (!read.success) return invalid('send_email', read.error);
      const { to, subject, body } = read.data;
      sent.push({ kind: 'email', to, subject, body, emailIds: [] });
      return {
        content: `Email sent to ${to.join(', ')}.`,
        isError: false,
        action: { kind: 'email', to, subject, body, source },
      };
    },
    forward_email: (args, source) => {
      const read = readForwardEmailArguments(args);
      if (!read.success) return invalid('forward_email', read.error);
      const { emailIds, to, body } = read.data;
      const action: Action = { kind: 'forward', emailIds, to, body, source };
      const unknown = emailIds.filter((id) => !knownIds.has(id));
      if (unknown.length > 0) {
        return {
          content: `Error: no email with ID ${unknown.join(', ')}; nothing was forwarded.`,
          isError: true,
          action,
        };
      }
      sent.push({ kind: 'forward', to, subject: '', body, emailIds });
      return {
        content: `Forwarded email ${emailIds.join(', ')} to ${to.join(', ')}.`,
        isError: false,
        action,
      };
    },
    cancel_alert: (args, source) => {
      const read = readCancelAlertArguments(args);
      if (!read.success) return invalid('cancel_alert', read.error);
      const action: Action = { kind: 'cancel_alert', code: read.data.code, source };
      const expected = scenario.context.alertCode;
      if (expected === undefined || alertCancelled) {
        return { content: 'Error: there is no active alert to cancel.', isError: true, action };
      }
      if (read.data.code !== expected) {
        return { content: 'Error: invalid override code; the alert remains active.', isError: true, action };
      }
      alertCancelled = true;
      return { content: 'Override accepted: dispatch cancelled.', isError: false, action };
    },
  };

  return {
    definitions: toolDefinitions(scenario.tools),
    sent,
    get alertCancelled() {
      return alertCancelled;
    },
    call(toolCall, messageIndex) {
      const handler = offered.has(toolCall.name) ? handlers[toolCall.name as ToolName] : undefined;
      if (handler === undefined) {
        return { content: `Error: unknown tool "${toolCall.name}".`, isError: true, action: undefined };
      }
      return handler(toolCall.arguments, { type: 'tool_call', toolCallId: toolCall.id, messageIndex });
    },
  };
}

function invalid(tool: ToolName, error: string): ToolOutcome {
  return { content: `Error: invalid arguments for ${tool}: ${error}.`, isError: true, action: undefined };
}
