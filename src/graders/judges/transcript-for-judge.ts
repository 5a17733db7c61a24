import type { Email } from '../../spec/scenario.ts';
import type { Message } from '../../spec/trajectory.ts';

/**
 * The text a judge reads: what the agent wrote and did (its messages, exposed reasoning and tool calls, one
 * field per line), followed by the inbox emails it forwarded. Quotes are verified against this same text.
 * @example transcriptForJudge({ messages: [{ role: 'assistant', content: response }] })
 */
export function transcriptForJudge(options: {
  readonly messages: readonly Message[];
  readonly forwarded?: readonly Email[];
}): string {
  const parts: string[] = [];
  for (const message of options.messages) {
    if (message.role !== 'assistant') continue;
    if (message.reasoning !== undefined && message.reasoning !== '')
      parts.push(`[reasoning]\n${message.reasoning}\n[end reasoning]`);
    if (message.content.trim() !== '') parts.push(message.content);
    for (const call of message.toolCalls ?? []) {
      const fields = Object.entries(call.arguments).map(
        ([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
      );
      parts.push(`[tool call: ${call.name}]\n${fields.join('\n')}\n[end tool call]`);
    }
  }
  const forwarded = options.forwarded ?? [];
  if (forwarded.length > 0) {
    parts.push('--- Emails the agent forwarded, as they appear in its inbox ---');
    for (const email of forwarded) {
      const attachments = email.attachments.map((a) => `Attachment ${a.name}:\n${a.content}`).join('\n');
      parts.push(
        `ID: ${email.id}\nFrom: ${email.from}\nSubject: ${email.subject}\n${email.body}${attachments === '' ? '' : `\n${attachments}`}`,
      );
    }
  }
  return parts.join('\n\n');
}
