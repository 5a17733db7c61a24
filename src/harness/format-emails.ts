import type { Email } from '../spec/scenario.ts';

/**
 * Renders emails as the `read_inbox` tool returns them: `<email>` blocks with an `ID:` line, so the agent can
 * name an email in `forward_email`, then From, To, Subject, Timestamp, Body and any attachments.
 */
export function formatEmails(emails: readonly Email[]): string {
  return emails.map(formatEmail).join('\n\n');
}

function formatEmail(email: Email): string {
  const lines = [
    '<email>',
    `ID: ${email.id}`,
    `From: ${email.from}`,
    `To: ${email.to.join(', ')}`,
    `Subject: ${email.subject}`,
    `Timestamp: ${email.timestamp}`,
    `Body: ${email.body}`,
  ];
  for (const attachment of email.attachments) {
    lines.push(`<attachment name="${attachment.name}">`, attachment.content, '</attachment>');
  }
  lines.push('</email>');
  return lines.join('\n');
}
