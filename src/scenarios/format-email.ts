import type { Email } from '../spec/scenario.ts';

/** One `<email>` block as the agent reads it in inbox mode; `ID:` only when the agent can forward by id. */
export function formatEmail(email: Email, withId: boolean): string {
  const lines = ['<email>'];
  if (withId) lines.push(`ID: ${email.id}`);
  lines.push(
    `From: ${email.from}`,
    `To: ${email.to.join(', ')}`,
    `Subject: ${email.subject}`,
    `Timestamp: ${email.timestamp}`,
    `Body: ${email.body}`,
  );
  if (email.attachments.length > 0) {
    lines.push(`Attachments: ${email.attachments.map((attachment) => attachment.name).join(', ')}`);
    for (const attachment of email.attachments) {
      lines.push(`<attachment name="${attachment.name}">`, attachment.content, '</attachment>');
    }
  }
  lines.push('</email>');
  return lines.join('\n');
}
